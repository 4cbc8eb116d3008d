"""Connections to PostgreSQL: a psycopg 3 pool, and SQL written for SQLite made PostgreSQL's.

The shared SQL (``stiplan.store.sql``, ``search_sql``, ``tables``) is written with ``?``
placeholders and no ``%``-escaping; ``dialect_sql`` is the one translation to psycopg's
``%s`` style, so no query body exists twice. Connections run in autocommit mode: a read is one
statement, and a write says where its transaction begins (``conn.transaction()``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import psycopg
from psycopg.rows import DictRow, dict_row
from psycopg_pool import ConnectionPool

from stiplan.store.errors import StoreError

POOL_SIZE = 8
"""Connections a store keeps at most, unless told otherwise (``docs/deploy.md``)."""
CONNECT_SECONDS = 10.0
"""How long opening a store waits for its first connection before saying it cannot."""

WRITE_LOCK = 7_316_001
"""The advisory lock every write transaction takes first (``pg_advisory_xact_lock``): writes
are serialised as in SQLite, so that two ingests of the same content cannot both find it new
and unit numbers are never chosen twice; readers are never blocked (MVCC)."""
MIGRATE_LOCK = 7_316_002
"""The advisory lock of a migration: two processes opening a new database at once do not both
create the same tables."""

Connection = psycopg.Connection[DictRow]

PLAN_EACH_TIME = "-c plan_cache_mode=force_custom_plan"
"""Plan every statement for its own parameters. psycopg prepares a statement on the server
after five runs on a connection, and the server may then keep one generic plan for any
parameters: a search for one common word with a type filter went from 45 to 138 ms when that
happened (docs/benchmarks.md, "Issue 18 on PostgreSQL"). The store's statements are short to
plan; a plan that fits the word and the filters is worth more."""


@lru_cache(maxsize=512)
def dialect_sql(query: str) -> bytes:
    """``?`` placeholders as psycopg's ``%s``, and a literal ``%`` escaped as ``%%``.

    The shared SQL never holds ``?`` inside a string literal (its values travel as parameters),
    so every ``?`` is a placeholder. Bytes, because psycopg types a ``str`` query as a literal
    string: these are built from constants, never from input.
    """
    return query.replace("%", "%%").replace("?", "%s").encode("utf-8")


def redacted(url: str) -> str:
    """The URL without its password, for messages (``postgresql://u:***@host/db``)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def open_pool(url: str, read_only: bool, size: int = POOL_SIZE) -> ConnectionPool[Connection]:
    """A pool of autocommit connections with dict rows; waits for the first connection so
    that a wrong URL or a server that is down fails here, clearly, and not on a request."""
    settings = [PLAN_EACH_TIME]
    if read_only:
        settings.append("-c default_transaction_read_only=on")
    kwargs: dict[str, Any] = {
        "autocommit": True,
        "row_factory": dict_row,
        "options": " ".join(settings),
    }
    _try_connect(url, kwargs)
    pool: ConnectionPool[Connection] = ConnectionPool(
        url,
        connection_class=psycopg.Connection[DictRow],
        kwargs=kwargs,
        min_size=1,
        max_size=max(2, size),  # a reindex reads on one connection while it writes on another
        open=False,
        name="stiplan",
    )
    try:
        pool.open(wait=True, timeout=CONNECT_SECONDS)
    except Exception as exc:
        pool.close()
        raise StoreError(
            f"{redacted(url)}: PostgreSQL に接続できません (cannot connect): {exc}"
        ) from exc
    return pool


def _try_connect(url: str, kwargs: dict[str, Any]) -> None:
    """Connect once, directly: a wrong URL, a server that is down or a refused login is said
    at once, in psycopg's words, rather than after the pool's retries."""
    try:
        psycopg.connect(url, connect_timeout=int(CONNECT_SECONDS), **kwargs).close()
    except psycopg.Error as exc:
        raise StoreError(
            f"{redacted(url)}: PostgreSQL に接続できません (cannot connect): {exc}"
        ) from exc


CHECK_KEYS_GENERICALLY = "SET LOCAL plan_cache_mode = force_generic_plan"
"""How a write transaction checks its foreign keys: by one plan for any key, not one planned
for each row's key (``PLAN_EACH_TIME``). Planned for a new document's id, which the
statistics have never seen, a check that a row's element exists took the index on
``(document_id, parent_id)`` as readily as the primary key, and then read every element of
the document written so far for each row: a second 10 MB report into a store holding one took
over ten minutes instead of 30 s. Planned without the key, the check is a primary key lookup.
Only the server's own checks and statements psycopg has prepared use a kept plan; the
store's other statements are planned as they come."""


def lock_writes(conn: Connection) -> None:
    """Take the write lock (``WRITE_LOCK``) for the rest of ``conn``'s transaction, in which
    foreign keys are checked by a plan for any key (``CHECK_KEYS_GENERICALLY``)."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    conn.execute(CHECK_KEYS_GENERICALLY)
