"""The full-text index of the SQLite store: written with each document and rebuilt (the
search itself is shared: ``stiplan.store.shared.searching``).

Units are tokenised before the write transaction into a temporary table (``scratch``) and
streamed into ``search_units`` inside it (``insert_units``); SQLite's FTS5 triggers (migrations
0003, 0006) keep the index in step. The SQL comes from ``search_sql``; the units from the pure
``stiplan.store.index``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from stiplan.search.tokenize import signature
from stiplan.store import search_sql, sql
from stiplan.store.connection import WRITE_ATTEMPTS, transaction
from stiplan.store.errors import StoreError
from stiplan.store.row_writer import batches
from stiplan.store.rows import IndexStatus
from stiplan.store.shared import frequent
from stiplan.store.shared.searching import Searching
from stiplan.store.sqlite import inserts
from stiplan.store.sqlite.base import Connected
from stiplan.store.tables import Record


@contextmanager
def scratch(conn: sqlite3.Connection, units: Iterable[Record]) -> Iterator[Iterator[Record]]:
    """Tokenise a document's units before its write transaction, into a temporary table;
    yield them back in order for ``insert_units``.

    Tokenising is most of an ingest's time: done first, the write lock (which holds off
    other writers, and readers once SQLite spills the transaction to the file) is held
    only while rows are written. Kept in a Python list, the units of a 50 MB document
    took about 330 MB (the terms, their dicts, and the UTF-8 copy ``sqlite3`` keeps of
    every string it binds); the temporary table is private to this connection and lives
    in SQLite's temp file, so each unit is dropped as soon as it is written there.
    """
    conn.execute(search_sql.SCRATCH_DROP_SQL)
    conn.execute(search_sql.SCRATCH_CREATE_SQL)
    cursor: sqlite3.Cursor | None = None
    try:
        with transaction(conn):  # writes the temp database only: no lock on the store
            conn.executemany(
                search_sql.SCRATCH_INSERT_SQL,
                (
                    (position, *(unit[field] for field in search_sql.SCRATCH_FIELDS))
                    for position, unit in enumerate(units)
                ),
            )
        cursor = conn.execute(search_sql.SCRATCH_SELECT_SQL)
        yield (dict(zip(search_sql.SCRATCH_FIELDS, row, strict=True)) for row in cursor)
    finally:
        if cursor is not None:
            cursor.close()  # a table being read cannot be dropped
        conn.execute(search_sql.SCRATCH_DROP_SQL)


def insert_units(conn: sqlite3.Connection, document_id: str, units: Iterable[Record]) -> None:
    """Number a document's search units after the last stored one (``unit_number``: the
    number carries the unit's kind) and write them a batch at a time, so that only one batch
    is held; the SQLite triggers (migrations 0003, 0006) put them into the full-text index,
    and the ministries they answer for are recorded (``unit_ministries_sql``)."""
    (row,) = conn.execute(*search_sql.next_unit_sequence_sql()).fetchall()
    numbered = search_sql.numbered_units(units, int(row[0]))
    count = 0
    for batch in batches(numbered, inserts.ROWS_PER_INSERT):
        inserts.insert_rows(conn, "search_units", batch)
        count += len(batch)
    conn.execute(*search_sql.unit_ministries_sql(document_id))
    inserts.insert_rows(
        conn,
        "search_documents",
        [{"document_id": document_id, "tokenizer": signature(), "unit_count": count}],
    )


def frequent_terms(conn: sqlite3.Connection, units: int) -> list[str]:
    """The terms held by ``units`` units or more, by FTS5's count (``fts5vocab``, a
    temporary table of this connection)."""
    conn.execute(search_sql.VOCABULARY_SQL)
    try:
        return [row[0] for row in conn.execute(*search_sql.frequent_terms_sql(units))]
    finally:
        conn.execute(search_sql.VOCABULARY_DROP_SQL)


def keep_frequent(conn: sqlite3.Connection, units: int, rounds: int) -> None:
    """Keep the ranking of every word held by ``units`` units or more, inside the
    transaction that changed the index (``shared.frequent.keep_frequent``)."""
    frequent.keep_frequent(conn.execute, frequent_terms(conn, units), search_sql.FTS5, rounds)


class SearchIndex(Connected, Searching, frequent.FrequentUpkeep):
    """The SQLite side of the index: rebuilding it, measuring it and keeping the rankings of
    frequent words (search is shared)."""

    def _keep_frequent(self) -> None:
        """Keep the rankings of frequent words with this store's settings, inside the
        caller's transaction that changed the index (inside a ``batch``: drop them)."""
        self._upkeep(
            self._conn.execute, lambda units: frequent_terms(self._conn, units), search_sql.FTS5
        )

    def _keep_frequent_alone(self) -> None:
        try:
            with transaction(self._conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS):
                self._keep_frequent()
        except sqlite3.Error as exc:
            raise StoreError(
                f"{self.where}: could not keep the rankings of frequent words: {exc}"
            ) from exc

    def reindex(self) -> IndexStatus:
        """Rebuild the search index of every stored document, in one transaction.

        Needed after an upgrade that changes the terms (``index_status().stale_document_ids``)
        or when the index was created after documents were stored (a new migration).
        """
        try:
            with transaction(self._conn, "BEGIN IMMEDIATE"):
                self._conn.execute(search_sql.UNIT_MINISTRIES_CLEAR_SQL)
                for row in self._fetch(*sql.documents_sql()):
                    self._reindex_document(row["id"])
                self._conn.execute(search_sql.OPTIMIZE_SQL)
                self._keep_frequent()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not rebuild the search index: {exc}") from exc
        self._refresh_statistics()
        return self.index_status()

    def _reindex_document(self, document_id: str) -> None:
        """Replace one document's units (the delete trigger takes the old ones out of FTS5)."""
        units = self._stored_units(document_id)
        self._conn.execute(search_sql.UNITS_DELETE_SQL, (document_id,))
        self._conn.execute(search_sql.INDEXED_DOCUMENT_DELETE_SQL, (document_id,))
        insert_units(self._conn, document_id, units)

    def index_status(self) -> IndexStatus:
        """How many documents and units are indexed, the index's bytes, and what is stale."""
        documents, units = self._index_counts()
        try:
            size: int | None = int(self._conn.execute(search_sql.INDEX_BYTES_SQL).fetchone()[0])
        except sqlite3.Error:  # dbstat is not compiled into every SQLite
            size = None
        return IndexStatus(documents, units, size, self.stale_documents())
