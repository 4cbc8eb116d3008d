"""Users, their ministries and the shared settings of a deployment, in the SQLite store.

Each change of a user is written together with its audit entry in one transaction: the
trail never lacks a change, and a change that fails leaves no entry claiming it happened. The
SQL is plain enough for PostgreSQL to run as it is (``?`` placeholders aside).
"""

from __future__ import annotations

import sqlite3

from stiplan.store.accounts import AuditEvent, UserRow
from stiplan.store.connection import WRITE_ATTEMPTS, transaction
from stiplan.store.errors import StoreError
from stiplan.store.sqlite.audit import insert_event
from stiplan.store.sqlite.base import Connected
from stiplan.store.tables import Record

_USERS = "SELECT name, role, password_hash, active, created_at, updated_at FROM users"
_MINISTRIES = "SELECT user_name, ministry FROM user_ministries ORDER BY user_name, ministry"
_UPSERT = (
    "INSERT INTO users (name, role, password_hash, active, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (name) DO UPDATE SET role = excluded.role, "
    "password_hash = excluded.password_hash, active = excluded.active, "
    "updated_at = excluded.updated_at"
)


class Users(Connected):
    """Read and write users; every write carries its audit entry."""

    def users(self) -> list[UserRow]:
        """Every user, by name, disabled ones included."""
        scopes: dict[str, list[str]] = {}
        for row in self._fetch(_MINISTRIES):
            scopes.setdefault(row["user_name"], []).append(row["ministry"])
        return [_user(r, scopes) for r in self._fetch(_USERS + " ORDER BY name")]

    def user(self, name: str) -> UserRow | None:
        """The user of that name, or None."""
        found = self._fetch(_USERS + " WHERE name = ?", (name,))
        if not found:
            return None
        scope = self._fetch(
            "SELECT user_name, ministry FROM user_ministries WHERE user_name = ? ORDER BY ministry",
            (name,),
        )
        return _user(found[0], {name: [r["ministry"] for r in scope]})

    def save_user(self, user: UserRow, event: AuditEvent) -> None:
        """Create or replace a user (role, hash, active flag, ministries) and append ``event``
        to the audit trail, in one transaction."""
        try:
            with transaction(self._conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS):
                self._conn.execute(
                    _UPSERT,
                    (
                        user.name,
                        user.role,
                        user.password_hash,
                        int(user.active),
                        user.created_at,
                        user.updated_at,
                    ),
                )
                self._conn.execute("DELETE FROM user_ministries WHERE user_name = ?", (user.name,))
                self._conn.executemany(
                    "INSERT INTO user_ministries (user_name, ministry) VALUES (?, ?)",
                    [(user.name, code) for code in user.ministries],
                )
                insert_event(self._conn, event)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not save user {user.name!r}: {exc}") from exc

    def setting(self, name: str) -> str | None:
        """A shared setting of the deployment (e.g. the session signing key), or None."""
        found = self._fetch("SELECT value FROM app_settings WHERE name = ?", (name,))
        return None if not found else str(found[0]["value"])

    def put_setting(self, name: str, value: str) -> str:
        """Store ``value`` under ``name`` unless a value is already there; return the value
        that is stored (so that two workers starting at once agree on one)."""
        try:
            with transaction(self._conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS):
                self._conn.execute(
                    "INSERT INTO app_settings (name, value) VALUES (?, ?) "
                    "ON CONFLICT (name) DO NOTHING",
                    (name, value),
                )
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not store setting {name!r}: {exc}") from exc
        stored = self.setting(name)
        assert stored is not None
        return stored


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
