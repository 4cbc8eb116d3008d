"""The pool every part of the PostgreSQL store shares, and its read helper."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import psycopg
from psycopg_pool import ConnectionPool

from stiplan.store.errors import StoreError
from stiplan.store.postgres.connection import Connection, dialect_sql, lock_writes
from stiplan.store.reading import Fetching
from stiplan.store.shared.accounts import Statement
from stiplan.store.tables import Record


class PoolConnected(Fetching):
    """An open pool of connections to a migrated database, and its URL without password.

    Unlike SQLite's ``Store``, one ``PostgresStore`` may be used by several threads at once:
    each read or write borrows a connection from the pool for its own duration.
    """

    def __init__(self, pool: ConnectionPool[Connection], where: str) -> None:
        """Wrap an open pool; use ``PostgresStore.open`` instead."""
        self._pool = pool
        self.where = where

    def close(self) -> None:
        """Close every connection of the pool; the store cannot be used afterwards."""
        self._pool.close()

    def _fetch(self, query: str, params: Iterable[object] = ()) -> list[Record]:
        """Run a read (``?`` placeholders); a database failure becomes a StoreError."""
        try:
            with self._pool.connection() as conn:
                return list(conn.execute(dialect_sql(query), tuple(params)).fetchall())
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: read failed: {exc}") from exc

    def _write(self, statements: Sequence[Statement], what: str) -> None:
        """Run ``statements`` in one transaction under the write lock (``lock_writes``), as
        every write of this store."""
        try:
            with self._pool.connection() as conn, conn.transaction():
                lock_writes(conn)
                for query, params in statements:
                    conn.execute(dialect_sql(query), params)
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: could not {what}: {exc}") from exc
