"""Numbered SQL migrations, applied in order at open and recorded in ``schema_migrations``.

Migrations live as ``migrations/NNNN_name.sql`` files inside the package so that the schema is
plain SQL a person (or PostgreSQL) can read. Each pending migration runs in its own transaction
together with its ``schema_migrations`` row: a failure leaves the database at the previous
version, never half-way.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from stiplan.store.connection import transaction
from stiplan.store.errors import StoreError

_FILE_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")

BOOTSTRAP_SQL = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@dataclass(frozen=True, slots=True)
class Migration:
    """One migration file: its number, its name and its SQL text."""

    version: int
    name: str
    sql: str


DIALECTS = ("sqlite", "postgres")


def load_migrations(dialect: str = "sqlite") -> list[Migration]:
    """The migrations shipped with the package, ordered by version (numbers must not repeat).

    For ``dialect="postgres"`` a file of the same name in ``migrations/postgres/`` replaces the
    portable one (FTS5 becomes a tsvector, BLOB becomes BYTEA…); SQLite never reads that folder.
    """
    if dialect not in DIALECTS:
        raise StoreError(f"unknown SQL dialect {dialect!r} (known: {', '.join(DIALECTS)})")
    folder = resources.files("stiplan.store").joinpath("migrations")
    entries = {entry.name: entry for entry in folder.iterdir()}
    if dialect == "postgres":
        entries |= {entry.name: entry for entry in folder.joinpath("postgres").iterdir()}
    found: list[Migration] = []
    for name, entry in sorted(entries.items()):
        match = _FILE_NAME.match(name)
        if match is None:
            continue
        found.append(
            Migration(int(match["version"]), match["name"], entry.read_text(encoding="utf-8"))
        )
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise StoreError(f"two migration files share a version number: {versions}")
    return found


def split_statements(sql: str) -> list[str]:
    """Split a script into statements, so that they run inside our own transaction.

    ``sqlite3.executescript`` would commit first; cutting at every ``;`` would break on a
    semicolon inside a string or comment. ``sqlite3.complete_statement`` knows both.
    """
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if _has_code(statement):
                statements.append(statement)
            buffer = ""
    if _has_code(buffer):
        raise StoreError(f"migration ends with an unfinished statement: {buffer.strip()[:80]!r}")
    return statements


def _has_code(text: str) -> bool:
    """Whether a chunk holds more than comments and blank lines."""
    return any(line.strip() and not line.strip().startswith("--") for line in text.splitlines())


def applied_versions(conn: sqlite3.Connection) -> set[int]:
    """Versions already recorded in ``schema_migrations``."""
    return {int(row[0]) for row in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: sqlite3.Connection, migrations: list[Migration], where: str) -> list[int]:
    """Apply the migrations the database lacks; return the versions applied now.

    ``where`` names the database in errors. A database that records a version this code does
    not know was written by a newer stiplan: refuse it rather than guess at its tables.
    """
    with transaction(conn):
        conn.execute(BOOTSTRAP_SQL)
    done = applied_versions(conn)
    refuse_newer(done, migrations, where)
    applied: list[int] = []
    for migration in migrations:
        if migration.version not in done and _apply_one(conn, migration, where):
            applied.append(migration.version)
    return applied


def refuse_newer(done: set[int], migrations: list[Migration], where: str) -> None:
    """Raise if the database records a version beyond the last migration known here."""
    latest = max((m.version for m in migrations), default=0)
    newer = sorted(v for v in done if v > latest)
    if newer:
        raise StoreError(
            f"{where}: schema version {newer[-1]} is newer than this stiplan knows "
            f"(up to {latest}); upgrade stiplan to open it"
        )


def _apply_one(conn: sqlite3.Connection, migration: Migration, where: str) -> bool:
    """Run one migration and record it, in one transaction; False if it was already there.

    The check runs inside a write transaction (``BEGIN IMMEDIATE``) so that two processes
    opening a new file at the same moment do not both create the same tables.
    """
    try:
        with transaction(conn, "BEGIN IMMEDIATE"):
            if migration.version in applied_versions(conn):
                return False
            for statement in split_statements(migration.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat()),
            )
    except sqlite3.Error as exc:
        raise StoreError(
            f"{where}: migration {migration.version:04d}_{migration.name} failed: {exc}"
        ) from exc
    return True


def require_current(conn: sqlite3.Connection, migrations: list[Migration], where: str) -> None:
    """Refuse a database whose schema is not exactly the one this code knows.

    For read-only opening, where nothing may be migrated: an empty file, a store written by an
    older stiplan (pending migrations) and one written by a newer stiplan are all refused, each
    with what to do about it.
    """
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "schema_migrations" not in tables:
        raise StoreError(f"{where}: not a stiplan store yet (no schema); ingest documents first")
    done = applied_versions(conn)
    refuse_newer(done, migrations, where)
    missing = [m.version for m in migrations if m.version not in done]
    if missing:
        raise StoreError(
            f"{where}: the store's schema lacks migration(s) {missing}; open it once for "
            "writing (e.g. stiplan ingest) to bring it up to date"
        )
