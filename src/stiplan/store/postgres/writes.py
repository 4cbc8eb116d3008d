"""Writing to the PostgreSQL store: a whole document (rows, search units, original file) in one
transaction or nothing; removing one; rebuilding the index.

Every write transaction first takes one advisory lock (``connection.WRITE_LOCK``), held to its
end: writes are serialised as SQLite serialises them, so the content hash looked up inside the
lock decides alone whether a document is new (two ingests of the same file at once: one stores
it, the other finds it and changes nothing), and unit numbers are chosen by one writer at a
time. The text is cut into terms before the lock, so concurrent ingests tokenise in parallel.
Readers never wait for the lock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import psycopg

from stiplan.model import Document, SourceFile
from stiplan.search.tokenize import signature
from stiplan.store import search_sql, sql
from stiplan.store.encode import document_row, encode_rows
from stiplan.store.errors import StoreError
from stiplan.store.index import document_units
from stiplan.store.postgres.base import PoolConnected
from stiplan.store.postgres.connection import Connection, dialect_sql, lock_writes
from stiplan.store.postgres.scratch import scratch
from stiplan.store.postgres.search import FREQUENT_TERMS_SQL, TSVECTOR
from stiplan.store.row_writer import RowWriter, batches
from stiplan.store.rows import IndexStatus, IngestResult
from stiplan.store.shared import frequent
from stiplan.store.shared.accounts import Statement
from stiplan.store.shared.searching import Searching
from stiplan.store.tables import ROW_TABLES, Record, columns_of

ROWS_PER_COPY = 1000
"""Rows per ``COPY`` when a document or its units are written: a batch at a time, so that
only a batch is held (``RowWriter``); each ``COPY`` costs one round trip."""


def insert_rows(conn: Connection, table: str, records: list[Record]) -> None:
    """Write rows of one table with ``COPY … FROM STDIN`` (a seam for tests that break an
    ingest, as ``sqlite.inserts.insert_rows`` is).

    PostgreSQL's own bulk path: SQLite's multi-row ``INSERT`` (``tables.insert_values_sql``)
    made psycopg re-parse a statement of thousands of placeholders per batch (too long for its
    cache) and took five times as long. ``COPY`` checks the same constraints and fills the
    generated ``tsv`` column.
    """
    if not records:
        return
    columns = columns_of(table)
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN".encode()
    with conn.cursor() as cursor, cursor.copy(statement) as copy:
        for record in records:
            copy.write_row([record[column] for column in columns])


def insert_units(conn: Connection, document_id: str, units: Iterable[Record]) -> None:
    """Number a document's units after the last stored one (under the write lock) and write
    them a batch at a time, with the document's row in ``search_documents`` and the
    ministries they answer for (``unit_ministries_sql``); the ``tsv`` column is generated."""
    row = conn.execute(dialect_sql(search_sql.next_unit_sequence_sql()[0])).fetchone()
    assert row is not None
    count = 0
    numbered = search_sql.numbered_units(units, int(row["next_no"]))
    for batch in batches(numbered, ROWS_PER_COPY):
        insert_rows(conn, "search_units", batch)
        count += len(batch)
    query, params = search_sql.unit_ministries_sql(document_id)
    conn.execute(dialect_sql(query), params)
    record = {"document_id": document_id, "tokenizer": signature(), "unit_count": count}
    insert_rows(conn, "search_documents", [record])


def frequent_terms(conn: Connection, units: int) -> list[str]:
    """The terms held by ``units`` units or more, by ``ts_stat``."""
    found = conn.execute(dialect_sql(FREQUENT_TERMS_SQL), (units,)).fetchall()
    return [row["term"] for row in found]


def keep_frequent(conn: Connection, units: int, rounds: int) -> None:
    """Keep the ranking of every word held by ``units`` units or more, inside the
    transaction that changed the index (``shared.frequent.keep_frequent``)."""
    frequent.keep_frequent(_runner(conn), frequent_terms(conn, units), TSVECTOR, rounds)


def _runner(conn: Connection) -> frequent.Run:
    """Run shared SQL (``?`` placeholders) on ``conn``."""

    def run(query: str, params: Sequence[object]) -> None:
        conn.execute(dialect_sql(query), params)

    return run


class Writes(PoolConnected, Searching, frequent.FrequentUpkeep):
    """Ingest, delete and reindex: every write the PostgreSQL store makes."""

    def ingest(self, document: Document, original: SourceFile | None = None) -> IngestResult:
        """Store a whole document and its search index in one transaction (``_ingest``)."""
        return self._ingest(document, original, ())

    def _ingest(
        self, document: Document, original: SourceFile | None, also: Sequence[Statement]
    ) -> IngestResult:
        """Store a whole document and its search index in one transaction, or nothing at all.

        ``also`` runs in the same transaction when the document is new. As SQLite's
        ``Store.ingest``: known content is not stored again (``created=False``),
        any failure rolls everything back and is raised as a ``StoreError``.
        """
        try:
            stored = self._document_id_for_hash(document.content_hash)
            if stored is not None:
                return IngestResult(stored, created=False)
            with (
                self._pool.connection() as conn,
                scratch(conn, document_units(document)) as tokenised,
                conn.transaction(),
            ):
                lock_writes(conn)
                existing = self._document_id_for_hash(document.content_hash, conn)
                if existing is not None:
                    return IngestResult(existing, created=False)
                self._refuse_taken_id(conn, document)
                self._insert(conn, document)
                insert_units(conn, document.id, tokenised)
                self._keep_frequent(conn)
                if original is not None:
                    self._insert_file(conn, document.id, original)
                for query, params in also:
                    conn.execute(dialect_sql(query), params)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(
                f"{self.where}: could not store document {document.id!r} "
                f"from {document.source_name!r}: {exc}"
            ) from exc
        self._refresh_statistics()
        return IngestResult(document.id, created=True)

    def _refresh_statistics(self) -> None:
        """Let PostgreSQL's planner know the tables' sizes now (``ANALYZE``), as the SQLite
        store does after a write.

        Without statistics (a new database: autovacuum analyses only later) the planner took
        the tables for nearly empty and the initiatives of one document took 9 s instead of
        8 ms, nested loops over whole tables. Run after writes that add rows (ingest, reindex),
        not after a delete (see ``delete_document``). The document is already committed;
        statistics are only a hint, so a failure here is not an ingest failure.
        """
        try:
            with self._pool.connection() as conn:
                conn.execute("ANALYZE")
        except psycopg.Error:
            pass

    def delete_document(self, document_id: str) -> None:
        """Remove a document and everything under it (the foreign keys cascade)."""
        self._require_document(document_id)
        try:
            with self._pool.connection() as conn, conn.transaction():
                lock_writes(conn)
                conn.execute(dialect_sql(sql.DOCUMENT_DELETE), (document_id,))
                self._keep_frequent(conn)
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: could not delete {document_id!r}: {exc}") from exc
        # No ANALYZE here: statistics of tables a delete left empty make the planner check
        # each foreign key of the next ingest by scanning the rows written so far (a 1.3 MB
        # report took 10 s instead of 3 s, growing with the square of its size); a fresh
        # database, never analysed, and stale larger counts both plan index lookups.

    def reindex(self) -> IndexStatus:
        """Rebuild the search index of every stored document, in one transaction."""
        try:
            with self._pool.connection() as conn, conn.transaction():
                lock_writes(conn)
                conn.execute(search_sql.UNIT_MINISTRIES_CLEAR_SQL)
                for row in self._fetch(*sql.documents_sql()):
                    units = list(self._stored_units(row["id"]))
                    for statement in (
                        search_sql.UNITS_DELETE_SQL,
                        search_sql.INDEXED_DOCUMENT_DELETE_SQL,
                    ):
                        conn.execute(dialect_sql(statement), (row["id"],))
                    insert_units(conn, row["id"], units)
                self._keep_frequent(conn)
        except psycopg.Error as exc:
            raise StoreError(f"{self.where}: could not rebuild the search index: {exc}") from exc
        self._refresh_statistics()
        return self.index_status()

    def _keep_frequent(self, conn: Connection) -> None:
        """Keep the rankings of frequent words with this store's settings, in the caller's
        transaction that changed the index (inside a ``batch``: drop them)."""
        self._upkeep(_runner(conn), lambda units: frequent_terms(conn, units), TSVECTOR)

    def _keep_frequent_alone(self) -> None:
        try:
            with self._pool.connection() as conn, conn.transaction():
                lock_writes(conn)
                self._keep_frequent(conn)
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.where}: could not keep the rankings of frequent words: {exc}"
            ) from exc

    def index_status(self) -> IndexStatus:
        """How many documents and units are indexed, the index's bytes, and what is stale."""
        documents, units = self._index_counts()
        (size,) = self._fetch("SELECT pg_total_relation_size('search_units') AS bytes")
        return IndexStatus(documents, units, int(size["bytes"]), self.stale_documents())

    def _document_id_for_hash(
        self, content_hash: str, conn: Connection | None = None
    ) -> str | None:
        """The stored document of this content, looked up on ``conn`` (inside the write
        transaction) or on any connection of the pool."""
        if conn is None:
            found = self._fetch(sql.DOCUMENT_ID_FOR_HASH, (content_hash,))
            return None if not found else str(found[0]["id"])
        row = conn.execute(dialect_sql(sql.DOCUMENT_ID_FOR_HASH), (content_hash,)).fetchone()
        return None if row is None else str(row["id"])

    def _refuse_taken_id(self, conn: Connection, document: Document) -> None:
        """Another content under the same document id is a reader bug, not a new edition."""
        row = conn.execute(dialect_sql(sql.CONTENT_HASH_OF_DOCUMENT), (document.id,)).fetchone()
        if row is not None:
            raise StoreError(
                f"{self.where}: document id {document.id!r} is already used by content "
                f"{row['content_hash']!r}; a new edition needs its own id"
            )

    def _insert_file(self, conn: Connection, document_id: str, original: SourceFile) -> None:
        """Keep a document's original file (a PDF) with it."""
        data = original.data
        conn.execute(
            dialect_sql(sql.DOCUMENT_FILE_INSERT),
            (document_id, original.media_type, original.sha256, len(data), data),
        )

    def _insert(self, conn: Connection, document: Document) -> None:
        """Every row of the document, made and written a batch at a time (``RowWriter``), its
        own row first, as the SQLite store writes them: all rows at once took more memory
        than the document."""
        insert_rows(conn, "documents", [document_row(document, datetime.now(UTC).isoformat())])
        writer = RowWriter(
            lambda table, records: insert_rows(conn, table, records),
            dict.fromkeys(ROW_TABLES, ROWS_PER_COPY),
        )
        for table, row in encode_rows(document):
            writer.add(table, row)
        writer.close()
