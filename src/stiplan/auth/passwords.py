"""Password hashes with argon2id (argon2-cffi's ``PasswordHasher`` and its default, current
parameters). A hash names its own parameters, so a hash made with older ones still verifies
and ``needs_rehash`` says when to replace it (at the next successful login)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_LENGTH = 10
MAX_LENGTH = 1024  # a longer "password" is an attempt to make hashing expensive


class PasswordRefused(ValueError):
    """A new password that does not meet the rules (message says which)."""


@cache
def _hasher() -> PasswordHasher:
    from argon2 import PasswordHasher  # imported on first use: not on the CLI's start-up path

    return PasswordHasher()


def check_new_password(password: str) -> None:
    """Refuse a password that is too short, too long or only white space."""
    if len(password.strip()) < MIN_LENGTH:
        raise PasswordRefused(
            f"パスワードは {MIN_LENGTH} 文字以上にしてください"
            f" / a password needs at least {MIN_LENGTH} characters"
        )
    if len(password) > MAX_LENGTH:
        raise PasswordRefused(
            f"パスワードは {MAX_LENGTH} 文字以内にしてください"
            f" / a password may have at most {MAX_LENGTH} characters"
        )


def hash_password(password: str) -> str:
    """The argon2id hash of a new password (checked by ``check_new_password`` first)."""
    check_new_password(password)
    return _hasher().hash(password)


def verify_password(hashed: str, password: str) -> bool:
    """Whether ``password`` matches ``hashed``; a malformed hash or an overlong password is a
    mismatch, never an error."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if len(password) > MAX_LENGTH:
        return False
    try:
        return _hasher().verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(hashed: str) -> bool:
    """Whether ``hashed`` was made with other parameters than the current ones."""
    from argon2.exceptions import InvalidHashError

    try:
        return _hasher().check_needs_rehash(hashed)
    except InvalidHashError:
        return True


@cache
def dummy_hash() -> str:
    """A hash to verify against when the user is unknown, so that a login for an unknown name
    takes as long as one with a wrong password (no timing hint of which names exist)."""
    return _hasher().hash("not a password of anyone")
