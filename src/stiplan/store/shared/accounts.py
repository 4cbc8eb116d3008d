"""Users, their ministries, the shared settings and the audit trail, for both stores.

Each change of a user is written together with its audit entry in one transaction: the
trail never lacks a change, and a change that fails leaves no entry claiming it happened. The
statements are built here once, with ``?`` placeholders; each backend only says how a list of
statements runs as one write transaction (``_write``: SQLite's ``BEGIN IMMEDIATE`` with its
bounded retry, PostgreSQL's pooled transaction under the write lock). The audit table refuses
updates and deletes itself (migration 0013: triggers on SQLite, rules on PostgreSQL); this
module only inserts and selects.
"""

from __future__ import annotations

from collections.abc import Sequence

from stiplan.store.accounts import AuditEvent, AuditFilter, AuditRow, UserRow
from stiplan.store.reading import Fetching
from stiplan.store.tables import Record

Statement = tuple[str, tuple[object, ...]]
"""One SQL statement (``?`` placeholders) and its parameters."""

_USERS = "SELECT name, role, password_hash, active, created_at, updated_at FROM users"
_MINISTRIES = "SELECT user_name, ministry FROM user_ministries"
_UPSERT = (
    "INSERT INTO users (name, role, password_hash, active, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
    "password_hash = excluded.password_hash, active = excluded.active, "
    "updated_at = excluded.updated_at"
)
_INSERT_EVENT = (
    "INSERT INTO audit (at, actor, action, target, before_json, after_json, outcome, reason, "
    "client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SELECT_EVENTS = (
    "SELECT id, at, actor, action, target, before_json, after_json, outcome, reason, client "
    "FROM audit"
)
_PUT_SETTING = "INSERT INTO app_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"


def event_statement(event: AuditEvent) -> Statement:
    """Append one audit entry."""
    return _INSERT_EVENT, (
        event.at,
        event.actor,
        event.action,
        event.target,
        event.before,
        event.after,
        event.outcome,
        event.reason,
        event.client,
    )


def user_statements(user: UserRow) -> list[Statement]:
    """Create or replace a user with exactly its ministries."""
    row = (
        user.name,
        user.role,
        user.password_hash,
        int(user.active),
        user.created_at,
        user.updated_at,
    )
    scope: list[Statement] = [
        ("INSERT INTO user_ministries (user_name, ministry) VALUES (?, ?)", (user.name, code))
        for code in user.ministries
    ]
    return [
        (_UPSERT, row),
        ("DELETE FROM user_ministries WHERE user_name = ?", (user.name,)),
        *scope,
    ]


def audit_where(filters: AuditFilter) -> tuple[str, list[object]]:
    """The WHERE clause (or '') and its parameters for ``filters``."""
    clauses: list[str] = []
    params: list[object] = []
    if filters.since is not None:
        clauses.append("at >= ?")
        params.append(filters.since)
    for column, value in (
        ("actor", filters.actor),
        ("target", filters.target),
        ("outcome", filters.outcome),
        ("client", filters.client),
    ):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if filters.action is not None:
        if filters.action.endswith("."):
            clauses.append("substr(action, 1, ?) = ?")
            params += [len(filters.action), filters.action]
        else:
            clauses.append("action = ?")
            params.append(filters.action)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


class Accounts(Fetching):
    """Read and write users, settings and the audit trail; every user change carries its
    audit entry."""

    def _write(self, statements: Sequence[Statement], what: str) -> None:
        """Run ``statements`` as one write transaction; a failure becomes a ``StoreError``
        saying ``could not {what}``. Each backend implements it."""
        raise NotImplementedError

    def users(self) -> list[UserRow]:
        """Every user, by name, disabled ones included."""
        scopes: dict[str, list[str]] = {}
        for row in self._fetch(_MINISTRIES + " ORDER BY user_name, ministry"):
            scopes.setdefault(row["user_name"], []).append(row["ministry"])
        return [_user(r, scopes) for r in self._fetch(_USERS + " ORDER BY name")]

    def user(self, name: str) -> UserRow | None:
        """The user of that name, or None."""
        found = self._fetch(_USERS + " WHERE name = ?", (name,))
        if not found:
            return None
        scope = self._fetch(_MINISTRIES + " WHERE user_name = ? ORDER BY ministry", (name,))
        return _user(found[0], {name: [r["ministry"] for r in scope]})

    def save_user(self, user: UserRow, event: AuditEvent) -> None:
        """Create or replace a user (role, hash, active flag, ministries) and append ``event``
        to the audit trail, in one transaction."""
        self._write([*user_statements(user), event_statement(event)], f"save user {user.name!r}")

    def setting(self, name: str) -> str | None:
        """A shared setting of the deployment (e.g. the session signing key), or None."""
        found = self._fetch("SELECT value FROM app_settings WHERE name = ?", (name,))
        return None if not found else str(found[0]["value"])

    def put_setting(self, name: str, value: str) -> str:
        """Store ``value`` under ``name`` unless a value is already there; return the value
        that is stored (so that two workers starting at once agree on one)."""
        self._write([(_PUT_SETTING, (name, value))], f"store setting {name!r}")
        stored = self.setting(name)
        assert stored is not None
        return stored

    def record(self, event: AuditEvent) -> None:
        """Append one entry in a transaction of its own (a write recorded elsewhere, a refusal,
        a login)."""
        self._write([event_statement(event)], "write the audit trail")

    def audit(
        self, filters: AuditFilter | None = None, limit: int = 100, offset: int = 0
    ) -> list[AuditRow]:
        """Entries matching ``filters``, newest first, ``limit`` from ``offset``."""
        where, params = audit_where(filters or AuditFilter())
        query = f"{_SELECT_EVENTS}{where} ORDER BY id DESC LIMIT ? OFFSET ?"
        return [_event(r) for r in self._fetch(query, [*params, limit, offset])]

    def audit_count(self, filters: AuditFilter | None = None) -> int:
        """How many entries match ``filters`` (for paging)."""
        where, params = audit_where(filters or AuditFilter())
        return int(self._fetch(f"SELECT COUNT(*) AS n FROM audit{where}", params)[0]["n"])


def _user(row: Record, scopes: dict[str, list[str]]) -> UserRow:
    return UserRow(
        name=row["name"],
        role=row["role"],
        password_hash=row["password_hash"],
        active=bool(row["active"]),
        ministries=tuple(scopes.get(row["name"], ())),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _event(row: Record) -> AuditRow:
    event = AuditEvent(
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        target=row["target"],
        before=row["before_json"],
        after=row["after_json"],
        outcome=row["outcome"],
        reason=row["reason"],
        client=row["client"],
    )
    return AuditRow(int(row["id"]), event)
