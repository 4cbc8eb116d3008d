"""``PostgresStore``: the stiplan store on a PostgreSQL server, the same interface as SQLite's
``Store`` (``stiplan.store.interface.StoreInterface``), selected by a ``postgresql://`` URL.

It is composed like ``Store``: the shared reads, mentions, files and search
(``stiplan.store.shared``) over a connection pool (``base.PoolConnected``), with the writes
(``writes``) and the full-text engine (``search.TSVECTOR``) of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

import psycopg

from stiplan.store import search_sql
from stiplan.store.errors import StoreError
from stiplan.store.postgres import schema
from stiplan.store.postgres.connection import (
    POOL_SIZE,
    Connection,
    lock_writes,
    open_pool,
    redacted,
)
from stiplan.store.postgres.search import TSVECTOR
from stiplan.store.postgres.writes import Writes, keep_frequent
from stiplan.store.shared.files import Files
from stiplan.store.shared.listings import Listings
from stiplan.store.shared.mentions import Mentions
from stiplan.store.shared.reads import Reads
from stiplan.store.shared.survey import Survey


class PostgresStore(Writes, Reads, Mentions, Listings, Files, Survey):
    """A stiplan database on PostgreSQL: open it with a URL, then use it as ``Store``.

    Safe to share between threads (each call borrows a pooled connection).
    """

    engine = TSVECTOR

    @classmethod
    def open(cls, url: str, read_only: bool = False, pool_size: int = POOL_SIZE) -> Self:
        """Connect to the database at ``url`` and bring its schema up to date.

        ``read_only=True`` migrates nothing and refuses a schema other than the current one;
        every transaction is read-only (``default_transaction_read_only``).
        """
        where = redacted(url)
        pool = open_pool(url, read_only, pool_size)
        try:
            with pool.connection() as conn:
                if read_only:
                    schema.require_current(conn, where)
                else:
                    _fill_new_tables(conn, schema.migrate(conn, where))
        except (psycopg.Error, StoreError) as exc:
            pool.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{where}: not a usable stiplan database: {exc}") from exc
        return cls(pool, where)


def _fill_new_tables(conn: Connection, applied: list[int]) -> None:
    """Fill what a migration just applied created empty and the store derives from what it
    holds: the kept rankings of frequent words (0016). Until they are filled a search ranks
    afresh, so a failure here loses only time (the next change to the index fills them)."""
    if search_sql.FREQUENT_MIGRATION not in applied:
        return
    try:
        with conn.transaction():
            lock_writes(conn)
            keep_frequent(conn, search_sql.FREQUENT_UNITS, search_sql.FREQUENT_ROUNDS)
    except psycopg.Error:
        pass


def upgrade(url: str) -> list[int]:
    """Apply the migrations a PostgreSQL store lacks; the versions applied now."""
    where = redacted(url)
    pool = open_pool(url, read_only=False, size=2)
    try:
        with pool.connection() as conn:
            applied = schema.migrate(conn, where)
            _fill_new_tables(conn, applied)
            return applied
    finally:
        pool.close()


if TYPE_CHECKING:  # mypy checks here that PostgresStore offers the whole interface
    from stiplan.store.interface import StoreInterface

    def _conforms(store: PostgresStore) -> StoreInterface:
        return store
