"""Opening SQLite connections and running transactions the way the store needs them.

The connection runs in autocommit mode (``isolation_level=None``) and the store says itself
where a transaction begins and ends. Python's implicit transactions would otherwise commit
before DDL and make "one document, one transaction" hard to guarantee.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30.0


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


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens an existing file read-only (``mode=ro``).

    ``Path.as_uri`` percent-encodes the path, so ``?`` or ``#`` in a folder name cannot be
    taken for URI parameters.
    """
    return f"{path.resolve().as_uri()}?mode=ro"


@contextmanager
def transaction(conn: sqlite3.Connection, begin: str = "BEGIN") -> Iterator[None]:
    """Commit what the block did, or roll all of it back if the block raises."""
    conn.execute(begin)
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
