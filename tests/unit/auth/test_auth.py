"""The pure half of sign-in: argon2 hashes, the role table, signed sessions, CSRF tokens and
the throttling rule (issue 16)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from hypothesis import given
from hypothesis import strategies as st
from itsdangerous import URLSafeTimedSerializer

from stiplan.auth import passwords, throttle
from stiplan.auth.csrf import csrf_tokens_match, new_csrf_token
from stiplan.auth.roles import (
    ALLOWED,
    AUDIT_READ,
    INGEST,
    MINISTRY_WRITE,
    USER_MANAGE,
    Actor,
    Role,
    refusal,
)
from stiplan.auth.sessions import Session, SessionCodec, fingerprint

PASSWORD = "correct horse battery"


def test_a_hash_verifies_its_password_only() -> None:
    hashed = passwords.hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert passwords.verify_password(hashed, PASSWORD)
    assert not passwords.verify_password(hashed, PASSWORD + "x")
    assert not passwords.verify_password("not a hash", PASSWORD)
    assert not passwords.verify_password(hashed, "x" * 5000)


def test_a_hash_made_with_other_parameters_needs_rehashing() -> None:
    old = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    assert passwords.verify_password(old, PASSWORD)
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password(PASSWORD))


@pytest.mark.parametrize("weak", ["", "short", "         x", "y" * 1025])
def test_weak_or_huge_passwords_are_refused(weak: str) -> None:
    with pytest.raises(passwords.PasswordRefused):
        passwords.hash_password(weak)


ADMIN = Actor("a", Role.ADMIN)
SECRETARIAT = Actor("s", Role.SECRETARIAT)
MINISTRY = Actor("m", Role.MINISTRY, ("文",))
NOBODY = Actor("")


@pytest.mark.parametrize(
    ("actor", "action", "ministry", "allowed"),
    [
        (ADMIN, USER_MANAGE, None, True),
        (SECRETARIAT, USER_MANAGE, None, False),
        (MINISTRY, USER_MANAGE, None, False),
        (ADMIN, INGEST, None, True),
        (SECRETARIAT, INGEST, None, True),
        (MINISTRY, INGEST, None, False),
        (SECRETARIAT, AUDIT_READ, None, True),
        (MINISTRY, AUDIT_READ, None, False),
        (MINISTRY, MINISTRY_WRITE, "文", True),
        (MINISTRY, MINISTRY_WRITE, "経", False),
        (SECRETARIAT, MINISTRY_WRITE, "経", True),
        (NOBODY, MINISTRY_WRITE, "文", False),
        (ADMIN, "survey.unknown", None, False),
    ],
)
def test_the_role_table(actor: Actor, action: str, ministry: str | None, allowed: bool) -> None:
    assert (refusal(actor, action, ministry) is None) is allowed


def test_every_action_names_its_roles() -> None:
    assert all(roles and roles <= set(Role) for roles in ALLOWED.values())


def test_a_session_round_trips_and_a_forged_or_expired_one_is_refused() -> None:
    codec = SessionCodec("key one")
    session = Session("taro", fingerprint("$argon2id$x"), new_csrf_token())
    value = codec.dumps(session)
    assert codec.loads(value) == session
    assert SessionCodec("another key").loads(value) is None
    assert codec.loads(value[:-2] + ("A" if value[-2] != "A" else "B") + value[-1]) is None
    assert codec.loads("garbage") is None
    assert SessionCodec("key one", max_age=-1).loads(value) is None
    unsigned_shape = URLSafeTimedSerializer("key one", salt="stiplan.session").dumps([1, 2])
    assert codec.loads(unsigned_shape) is None


def test_fingerprints_change_with_the_hash() -> None:
    assert fingerprint("a") != fingerprint("b") and len(fingerprint("a")) == 16


@given(st.text(min_size=1, max_size=50))
def test_csrf_tokens_match_only_themselves(other: str) -> None:
    token = new_csrf_token()
    assert csrf_tokens_match(token, token)
    assert not csrf_tokens_match(token, other) or other == token
    assert not csrf_tokens_match("", "") and not csrf_tokens_match(token, None)


NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)


def test_throttling_waits_longer_after_each_failure_up_to_the_cap() -> None:
    policy = throttle.POLICY
    failures = [NOW - timedelta(seconds=i) for i in range(policy.free - 1)]
    assert throttle.locked(failures, NOW) is None
    waits = []
    for extra in range(12):
        failures = [NOW] * (policy.free + extra)
        until = throttle.locked(failures, NOW)
        assert until is not None
        waits.append(until - NOW)
    assert waits[0] == policy.base and waits[1] == 2 * policy.base
    assert waits == sorted(waits) and waits[-1] == policy.cap
    assert throttle.locked([NOW] * policy.free, NOW + policy.base + timedelta(seconds=1)) is None
