"""Users and the audit trail as the store hands them over: small frozen dataclasses, the same
for every backend (``interface.StoreInterface``, "users and audit")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class UserRow:
    """A user as stored: the role, the argon2 hash (never the password), whether the user may
    sign in, and for the ``ministry`` role the ministry codes it may act for."""

    name: str
    role: str
    password_hash: str
    active: bool
    ministries: tuple[str, ...]
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One entry to append to the audit trail. ``before`` and ``after`` are JSON text (or
    None); ``at`` is ISO 8601 in UTC; ``outcome`` is ``ok`` or ``refused``."""

    at: str
    actor: str
    action: str
    target: str = ""
    before: str | None = None
    after: str | None = None
    outcome: str = "ok"
    reason: str = ""
    client: str = ""


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One stored entry of the audit trail, with its place in the order of writing."""

    id: int
    event: AuditEvent


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to read: from ``since`` (ISO text, inclusive), by actor, by action (an
    exact name, or a prefix ending in ``.``: ``user.`` for every user change), by target, by
    outcome, by client address. None means no filter."""

    since: str | None = None
    actor: str | None = None
    action: str | None = None
    target: str | None = None
    outcome: str | None = None
    client: str | None = None
