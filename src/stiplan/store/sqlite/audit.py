"""The audit trail in the SQLite store: append an entry, read entries back filtered and paged.

The table refuses updates and deletes itself (migration 0012); this module only inserts and
selects, in SQL PostgreSQL runs as it is (``?`` placeholders aside).
"""

from __future__ import annotations

import sqlite3

from stiplan.store.accounts import AuditEvent, AuditFilter, AuditRow
from stiplan.store.connection import WRITE_ATTEMPTS, transaction
from stiplan.store.errors import StoreError
from stiplan.store.sqlite.base import Connected
from stiplan.store.tables import Record

_INSERT = (
    "INSERT INTO audit (at, actor, action, target, before_json, after_json, outcome, reason, "
    "client) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SELECT = (
    "SELECT id, at, actor, action, target, before_json, after_json, outcome, reason, client "
    "FROM audit"
)


def insert_event(conn: sqlite3.Connection, event: AuditEvent) -> None:
    """Append one entry inside the caller's transaction."""
    conn.execute(
        _INSERT,
        (
            event.at,
            event.actor,
            event.action,
            event.target,
            event.before,
            event.after,
            event.outcome,
            event.reason,
            event.client,
        ),
    )


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


class Audit(Connected):
    """Append to and read the audit trail."""

    def record(self, event: AuditEvent) -> None:
        """Append one entry in a transaction of its own (a write recorded elsewhere, a refusal,
        a login)."""
        try:
            with transaction(self._conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS):
                insert_event(self._conn, event)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not write the audit trail: {exc}") from exc

    def audit(
        self, filters: AuditFilter | None = None, limit: int = 100, offset: int = 0
    ) -> list[AuditRow]:
        """Entries matching ``filters``, newest first, ``limit`` from ``offset``."""
        where, params = audit_where(filters or AuditFilter())
        query = f"{_SELECT}{where} ORDER BY id DESC LIMIT ? OFFSET ?"
        return [_row(r) for r in self._fetch(query, [*params, limit, offset])]

    def audit_count(self, filters: AuditFilter | None = None) -> int:
        """How many entries match ``filters`` (for paging)."""
        where, params = audit_where(filters or AuditFilter())
        return int(self._fetch(f"SELECT COUNT(*) AS n FROM audit{where}", params)[0]["n"])


def _row(row: Record) -> AuditRow:
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
