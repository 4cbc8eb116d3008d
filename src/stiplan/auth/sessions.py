"""The content of the session cookie, signed with the deployment's key (itsdangerous).

A session names the user, a fingerprint of the user's password hash (changing the password or
disabling the user ends every session: the server checks both on each request) and the CSRF
token of the session. Anonymous visitors get a session too, with no user, so that the login
form carries a CSRF token. The cookie is signed, not encrypted: it holds nothing secret.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "stiplan_session"
MAX_AGE_SECONDS = 12 * 3600
_SALT = "stiplan.session"


@dataclass(frozen=True, slots=True)
class Session:
    """What the cookie says: the user ('' when anonymous), the password fingerprint and the
    CSRF token."""

    user: str
    fingerprint: str
    csrf: str


def fingerprint(password_hash: str) -> str:
    """A short digest of a password hash: it changes whenever the password does."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


class SessionCodec:
    """Signs sessions into cookie values and reads them back (expired or forged: None)."""

    def __init__(self, secret: str, max_age: int = MAX_AGE_SECONDS) -> None:
        self._serializer = URLSafeTimedSerializer(secret, salt=_SALT)
        self.max_age = max_age

    def dumps(self, session: Session) -> str:
        return str(
            self._serializer.dumps({"u": session.user, "f": session.fingerprint, "c": session.csrf})
        )

    def loads(self, value: str) -> Session | None:
        try:
            data: Any = self._serializer.loads(value, max_age=self.max_age)
        except BadSignature:  # also SignatureExpired
            return None
        if not isinstance(data, dict):
            return None
        fields = (data.get("u"), data.get("f"), data.get("c"))
        if not all(isinstance(v, str) for v in fields) or not data["c"]:
            return None
        return Session(data["u"], data["f"], data["c"])
