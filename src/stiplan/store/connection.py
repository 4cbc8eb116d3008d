"""Opening SQLite connections and running transactions the way the store needs them.

The connection runs in autocommit mode (``isolation_level=None``) and the store says itself
where a transaction begins and ends. Python's implicit transactions would otherwise commit
before DDL and make "one document, one transaction" hard to guarantee.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30.0
WRITE_ATTEMPTS = 4
"""How often a write transaction tries to begin when another writer holds the lock past the
busy timeout (each try waits up to ``BUSY_TIMEOUT_SECONDS``), before the error reaches a user."""
_RETRY_PAUSE_SECONDS = 0.2


def connect(target: str, uri: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode with foreign keys enforced.

    ``check_same_thread`` is off because web frameworks may open a store in one worker thread
    and use it in another; a ``Store`` must still not be used by two threads at once.
    ``uri=True`` reads ``target`` as an SQLite URI (``file:…?mode=ro`` for read-only).
    """
    conn = sqlite3.connect(
        target,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
        uri=uri,
    )
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def use_wal(conn: sqlite3.Connection) -> None:
    """Write-ahead logging: readers never block a writer and a writer never blocks readers.

    In the default rollback journal a reader holding its lock (a slow dashboard page) made a
    concurrent ingest fail with "database is locked". The mode is stored in the file, so
    read-only connections opened later use it too.
    """
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe in WAL mode


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens an existing file read-only (``mode=ro``).

    ``Path.as_uri`` percent-encodes the path, so ``?`` or ``#`` in a folder name cannot be
    taken for URI parameters.
    """
    return f"{path.resolve().as_uri()}?mode=ro"


@contextmanager
def transaction(
    conn: sqlite3.Connection, begin: str = "BEGIN", attempts: int = 1
) -> Iterator[None]:
    """Commit what the block did, or roll all of it back if the block raises.

    With ``attempts`` > 1 a ``begin`` refused because another writer holds the lock (after the
    busy timeout) is tried again, a bounded number of times, after a short pause.
    """
    _begin(conn, begin, attempts)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _begin(conn: sqlite3.Connection, begin: str, attempts: int) -> None:
    for attempt in range(1, attempts + 1):
        try:
            conn.execute(begin)
            return
        except sqlite3.OperationalError as exc:
            if attempt == attempts or not _is_lock_error(exc):
                raise
            time.sleep(_RETRY_PAUSE_SECONDS * attempt)


def _is_lock_error(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text
