"""Opening a SQLite store: a file (created, switched to WAL and migrated), an existing file
read-only (checked, never changed), or a fresh database in memory."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Self

from stiplan.store import search_sql
from stiplan.store.connection import WRITE_ATTEMPTS, connect, read_only_uri, transaction, use_wal
from stiplan.store.errors import StoreError, missing_store
from stiplan.store.migrate import load_migrations, migrate, require_current
from stiplan.store.sqlite.base import Connected
from stiplan.store.sqlite.search_index import keep_frequent


class Lifecycle(Connected):
    """The ways to open a store; each refuses a file that is not a usable stiplan store."""

    @classmethod
    def open(cls, path: Path | str, read_only: bool = False, create: bool = True) -> Self:
        """Open (or create) the database file at ``path`` and bring its schema up to date.

        ``read_only=True`` opens an existing store for reading only (SQLite ``mode=ro`` and
        ``PRAGMA query_only``): nothing is created or migrated, every write fails, and a
        missing file or a schema other than the current one is refused with a ``StoreError``.
        ``create=False`` refuses a missing file the same way (``missing_store``) and creates
        neither it nor its folders, but migrates an existing store as usual.
        """
        path = Path(path)
        if read_only:
            return cls._read_only(path)
        if not create and not path.is_file():
            raise StoreError(missing_store(path))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create its folder: {exc}") from exc
        return cls._prepared(str(path), str(path))

    @classmethod
    def _read_only(cls, path: Path) -> Self:
        where = str(path)
        if not path.is_file():
            raise StoreError(missing_store(path))
        try:
            conn = connect(read_only_uri(path), uri=True)
        except sqlite3.Error as exc:
            raise StoreError(f"{where}: cannot open read-only: {exc}") from exc

        def check() -> None:
            conn.execute("PRAGMA query_only = ON")
            _refuse_foreign_database(conn, where)
            require_current(conn, load_migrations(), where)

        _set_up(conn, where, check)
        return cls(conn, where)

    @classmethod
    def memory(cls) -> Self:
        """A fresh database in memory, for tests and one-off runs."""
        return cls._prepared(":memory:", ":memory:")

    @classmethod
    def _prepared(cls, target: str, where: str) -> Self:
        """Connect and migrate; any SQLite failure becomes a StoreError naming the file."""
        try:
            conn = connect(target)
        except sqlite3.Error as exc:
            raise StoreError(f"{where}: cannot open: {exc}") from exc

        def prepare() -> None:
            _refuse_foreign_database(conn, where)
            if target != ":memory:":
                use_wal(conn)
            _fill_new_tables(conn, migrate(conn, load_migrations(), where))

        _set_up(conn, where, prepare)
        return cls(conn, where)


def upgrade(path: Path) -> list[int]:
    """Create the file if need be and apply the migrations it lacks (``stiplan db upgrade``);
    the versions applied now."""
    where = str(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(where)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"{where}: cannot open: {exc}") from exc
    applied: list[int] = []

    def prepare() -> None:
        _refuse_foreign_database(conn, where)
        use_wal(conn)
        applied.extend(migrate(conn, load_migrations(), where))
        _fill_new_tables(conn, applied)

    _set_up(conn, where, prepare)
    conn.close()
    return applied


def _fill_new_tables(conn: sqlite3.Connection, applied: list[int]) -> None:
    """Fill what a migration just applied created empty and the store derives from what it
    holds: the kept rankings of frequent words (migration 0016), which SQL alone cannot
    rank. Until they are filled a search ranks afresh, so a failure here loses only time."""
    if search_sql.FREQUENT_MIGRATION not in applied:
        return
    try:
        with transaction(conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS):
            keep_frequent(conn, search_sql.FREQUENT_UNITS, search_sql.FREQUENT_ROUNDS)
    except sqlite3.Error:  # busy or short of space: the next change to the index fills them
        pass


def _set_up(conn: sqlite3.Connection, where: str, step: Callable[[], None]) -> None:
    """Run the checks or migrations of a freshly opened connection; on failure close it and
    raise a StoreError naming the file (a StoreError from the step passes as it is)."""
    try:
        step()
    except (sqlite3.Error, StoreError) as exc:
        conn.close()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"{where}: not a usable stiplan database: {exc}") from exc


def _refuse_foreign_database(conn: sqlite3.Connection, where: str) -> None:
    """A SQLite file with tables but no ``schema_migrations`` belongs to someone else."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if names and "schema_migrations" not in names:
        raise StoreError(
            f"{where}: this SQLite database is not a stiplan store "
            f"(it has other tables: {', '.join(sorted(names)[:5])})"
        )
