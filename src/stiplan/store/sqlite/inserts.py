"""Writing rows in multi-row ``INSERT`` statements: the one way the SQLite store writes a
document's tables and its search units.

Callers use ``inserts.insert_rows`` (the module attribute), so a test can replace it to break
an ingest at a chosen table, and ``inserts.ROWS_PER_INSERT`` to make batches small.
"""

from __future__ import annotations

import sqlite3

from stiplan.store.row_writer import RowWriter
from stiplan.store.tables import ROW_TABLES, Record, columns_of, insert_values_sql

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


def row_writer(conn: sqlite3.Connection) -> RowWriter:
    """A ``RowWriter`` that writes through ``insert_rows`` (looked up at each write, so that a
    test replacing it sees every batch) in batches of ``rows_per_insert``."""
    return RowWriter(
        lambda table, records: insert_rows(conn, table, records),
        {table: rows_per_insert(conn, table) for table in ROW_TABLES},
    )
