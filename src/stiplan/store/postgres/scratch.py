"""Where the PostgreSQL store keeps a document's search units between tokenising them and
writing them, as SQLite's store does (``sqlite.search_index.scratch``): a temporary table of
the connection that then writes, filled with ``COPY`` before the write lock is taken and read
back with a server-side cursor inside the write transaction. Only a batch of units is ever
held in memory; kept in a list, the units of a 50 MB report took about 330 MB.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress

import psycopg

from stiplan.store import search_sql
from stiplan.store.postgres.connection import Connection
from stiplan.store.tables import Record

_FIELDS = ", ".join(search_sql.SCRATCH_FIELDS)
_COPY_SQL = f"COPY index_scratch (position, {_FIELDS}) FROM STDIN".encode()
_SELECT_SQL = f"SELECT {_FIELDS} FROM pg_temp.index_scratch ORDER BY position".encode()
_DROP_SQL = b"DROP TABLE IF EXISTS pg_temp.index_scratch"
UNITS_PER_FETCH = 2000
"""Units read back from the scratch table per round trip."""


@contextmanager
def scratch(conn: Connection, units: Iterable[Record]) -> Iterator[Iterator[Record]]:
    """Tokenise a document's units (the ``units`` iterable does, as it is walked) into a
    temporary table on ``conn``, which must be in autocommit mode; yield them back in order,
    to be read inside the write transaction that follows on ``conn``."""
    conn.execute(_DROP_SQL)
    conn.execute(search_sql.SCRATCH_CREATE_SQL.encode())
    reader: Iterator[Record] | None = None
    try:
        with conn.cursor() as cursor, cursor.copy(_COPY_SQL) as copy:
            for position, unit in enumerate(units):
                copy.write_row([position, *(unit[field] for field in search_sql.SCRATCH_FIELDS)])
        reader = _read_back(conn)
        yield reader
    finally:
        if reader is not None:
            with suppress(psycopg.Error):  # its transaction may be gone with its cursor
                reader.close()  # type: ignore[attr-defined]
        conn.execute(_DROP_SQL)


def _read_back(conn: Connection) -> Iterator[Record]:
    """The scratch table's units in order, a batch per round trip (a server-side cursor,
    which lives in the transaction that reads it)."""
    with conn.cursor(name="index_scratch") as cursor:
        cursor.itersize = UNITS_PER_FETCH
        cursor.execute(_SELECT_SQL)
        yield from cursor
