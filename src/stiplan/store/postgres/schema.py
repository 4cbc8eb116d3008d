"""The schema of a PostgreSQL store: the same numbered migrations as SQLite's, each file of
``migrations/postgres/`` replacing the one of the same name, each applied in its own
transaction together with its ``schema_migrations`` row, under an advisory lock."""

from __future__ import annotations

from datetime import UTC, datetime

import psycopg

from stiplan.store.errors import StoreError
from stiplan.store.migrate import BOOTSTRAP_SQL, Migration, load_migrations, refuse_newer
from stiplan.store.postgres.connection import MIGRATE_LOCK, Connection

_LOCK_SQL = "SELECT pg_advisory_xact_lock(%s)"
_TABLE_EXISTS_SQL = "SELECT to_regclass('schema_migrations') IS NOT NULL AS present"


def _applied(conn: Connection) -> set[int]:
    return {int(r["version"]) for r in conn.execute("SELECT version FROM schema_migrations")}


def migrate(conn: Connection, where: str) -> list[int]:
    """Apply the migrations the database lacks; return the versions applied now."""
    migrations = load_migrations("postgres")
    try:
        with conn.transaction():
            conn.execute(_LOCK_SQL, (MIGRATE_LOCK,))
            conn.execute(BOOTSTRAP_SQL)
    except psycopg.Error as exc:
        raise StoreError(f"{where}: cannot create schema_migrations: {exc}") from exc
    refuse_newer(_applied(conn), migrations, where)
    applied: list[int] = []
    for migration in migrations:
        try:
            if _apply_one(conn, migration):
                applied.append(migration.version)
        except psycopg.Error as exc:
            raise StoreError(
                f"{where}: migration {migration.version:04d}_{migration.name} failed: {exc}"
            ) from exc
    return applied


def _apply_one(conn: Connection, migration: Migration) -> bool:
    """Run one migration and record it, in one transaction; False if it was already there."""
    with conn.transaction():
        conn.execute(_LOCK_SQL, (MIGRATE_LOCK,))
        if migration.version in _applied(conn):
            return False
        conn.execute(migration.sql.encode("utf-8"))
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (%s, %s, %s)",
            (migration.version, migration.name, datetime.now(UTC).isoformat()),
        )
    return True


def require_current(conn: Connection, where: str) -> None:
    """Refuse a database whose schema is not exactly the one this code knows (read-only use,
    where nothing may be migrated): no schema, pending migrations or a newer schema."""
    migrations = load_migrations("postgres")
    row = conn.execute(_TABLE_EXISTS_SQL).fetchone()
    if row is None or not row["present"]:
        raise StoreError(f"{where}: not a stiplan store yet (no schema); run stiplan db upgrade")
    done = _applied(conn)
    refuse_newer(done, migrations, where)
    missing = [m.version for m in migrations if m.version not in done]
    if missing:
        raise StoreError(
            f"{where}: the store's schema lacks migration(s) {missing}; "
            "run stiplan db upgrade to bring it up to date"
        )
