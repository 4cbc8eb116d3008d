"""Writing rows in multi-row ``INSERT`` statements: the one way the SQLite store writes a
document's tables and its search units.

Callers use ``inserts.insert_rows`` (the module attribute), so a test can replace it to break
an ingest at a chosen table, and ``inserts.ROWS_PER_INSERT`` to make batches small.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice

from stiplan.normalize.text import fresh_copy
from stiplan.store.tables import REFERS_TO, ROW_TABLES, Record, columns_of, insert_values_sql

ROWS_PER_INSERT = 250
"""Rows per ``INSERT`` statement when the store writes a document or its index.

One statement per row (``executemany``) was most of the time spent writing the index: SQLite
runs each statement that fires the FTS5 trigger in a savepoint, and FTS5 writes the terms it
holds to disk at every savepoint, so each text unit became a tiny segment that FTS5 then merged
again. Batches of rows cut the statements (and segments) 250-fold; the other tables gain too
(fewer statement executions). Larger batches were no faster over a whole ingest but cost
memory (SQLite and ``sqlite3``'s statement cache keep each shape of statement prepared): the
5 MB case peaked at 241 MB with 250 rows, 246 MB with 500 and 264 MB with 2,000. 250 rows of
at most 11 columns stay below SQLite's limit of host parameters (32,766 since 3.32; older
builds are asked for theirs)."""


def insert_rows(conn: sqlite3.Connection, table: str, records: list[Record]) -> None:
    """Insert one table's rows of a document (a seam for tests that break an ingest), in
    multi-row statements of at most ``ROWS_PER_INSERT`` rows."""
    if not records:
        return
    per_insert = rows_per_insert(conn, table)
    columns = columns_of(table)
    for start in range(0, len(records), per_insert):
        batch = records[start : start + per_insert]
        values = [record[column] for record in batch for column in columns]
        conn.execute(insert_values_sql(table, len(batch)), values)


def rows_per_insert(conn: sqlite3.Connection, table: str) -> int:
    """``ROWS_PER_INSERT``, or fewer where this SQLite takes fewer host parameters."""
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(ROWS_PER_INSERT, limit // len(columns_of(table))))


_SHORT_TEXT = 16
"""Texts of at most this many characters are bound as they are (``RowWriter.add``)."""


class RowWriter:
    """Writes a document's rows as they come (``encode.encode_rows``), holding only a batch or
    so of each table.

    A table's rows go out in full batches of ``rows_per_insert`` (the statements
    ``insert_rows`` always makes), the rest at ``close``, all through ``insert_rows``. A row
    must follow the rows it refers to (``tables.REFERS_TO``): the rows of such a table wait
    while the table they refer to has rows waiting, and go out right after its next batch.
    Rows come in document order, each object before its side values, so every row written has
    its parent written before it; within a table they keep their order.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._waiting: dict[str, list[Record]] = {table: [] for table in ROW_TABLES}
        self._sizes = {table: rows_per_insert(conn, table) for table in ROW_TABLES}
        self._referred_by: dict[str, list[str]] = defaultdict(list)
        for table, parents in REFERS_TO.items():
            for parent in parents:
                self._referred_by[parent].append(table)

    def add(self, table: str, record: Record) -> None:
        """Take one row; write its table's full batches when they may go.

        Its texts are bound as copies (``fresh_copy``): they are the document's own strings,
        which ``sqlite3`` would leave holding a UTF-8 copy of themselves. Short ones are left
        as they are: their UTF-8 is a few bytes, and many are one string shared by every row
        (a ministry's code).
        """
        for column, value in record.items():
            if type(value) is str and len(value) > _SHORT_TEXT:
                record[column] = fresh_copy(value)
        waiting = self._waiting[table]
        waiting.append(record)
        if len(waiting) >= self._sizes[table] and self._free(table):
            self._write_full(table)
            for child in self._referred_by.get(table, ()):
                if self._free(child):
                    self._write_full(child)

    def close(self) -> None:
        """Write every row still waiting, table by table in the order of ``COLUMNS``."""
        for table in ROW_TABLES:
            insert_rows(self._conn, table, self._waiting[table])
            self._waiting[table] = []

    def _free(self, table: str) -> bool:
        """Whether no row that ``table``'s rows may refer to is still waiting."""
        return not any(self._waiting[parent] for parent in REFERS_TO.get(table, ()))

    def _write_full(self, table: str) -> None:
        """Write the full batches waiting in ``table``; keep the rest (less than a batch)."""
        waiting, size = self._waiting[table], self._sizes[table]
        full = len(waiting) - len(waiting) % size
        if full:
            insert_rows(self._conn, table, waiting[:full])
            del waiting[:full]


def batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Consecutive lists of at most ``size`` records (``itertools.batched`` is Python 3.12)."""
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch
