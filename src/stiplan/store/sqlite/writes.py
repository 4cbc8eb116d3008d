"""Writing to the SQLite store: a whole document (its rows, search units and original file)
in one transaction, or nothing; and removing one.

``BEGIN IMMEDIATE`` takes the write lock before the content hash is looked up, so two writers
cannot both decide that a document is new; a begin refused by a busy lock is retried a bounded
number of times (``connection.WRITE_ATTEMPTS``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime

from stiplan.model import Document, SourceFile
from stiplan.store import sql
from stiplan.store.connection import WRITE_ATTEMPTS, transaction
from stiplan.store.encode import document_row, encode_rows
from stiplan.store.errors import StoreError
from stiplan.store.index import document_units
from stiplan.store.rows import IngestResult
from stiplan.store.shared.accounts import Statement
from stiplan.store.sqlite import inserts
from stiplan.store.sqlite.search_index import SearchIndex, insert_units, scratch


class Writes(SearchIndex):
    """Ingest and delete: every write the store makes to a document's tables."""

    def ingest(self, document: Document, original: SourceFile | None = None) -> IngestResult:
        """Store a whole document and its search index in one transaction (``_ingest``)."""
        return self._ingest(document, original, ())

    def _ingest(
        self, document: Document, original: SourceFile | None, also: Sequence[Statement]
    ) -> IngestResult:
        """Store a whole document and its search index in one transaction, or nothing at all.

        A document whose ``content_hash`` is already stored is not stored again:
        ``created=False`` and the id of the stored one. Any failure rolls everything back and
        is raised as a ``StoreError`` chained to its cause. The text is cut into search terms
        before the transaction begins, so the write lock is held only while rows are written.
        ``original`` (a PDF's bytes) is kept with the document, in the same transaction, so
        that its pages can be shown (``document_file``). ``also`` (a survey round's state,
        provenance and audit entry) runs in the same transaction, only when the document is new.
        """
        try:
            stored = self._document_id_for_hash(document.content_hash)
            if stored is not None:  # known content: skip the tokenising, nothing to write
                return IngestResult(stored, created=False)
            with (
                scratch(self._conn, document_units(document)) as tokenised,
                transaction(self._conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS),
            ):
                existing = self._document_id_for_hash(document.content_hash)
                if existing is not None:
                    return IngestResult(existing, created=False)
                self._refuse_taken_id(document)
                self._insert(document)
                insert_units(self._conn, document.id, tokenised)
                self._keep_frequent()
                if original is not None:
                    self._insert_file(document.id, original)
                for query, params in also:
                    self._conn.execute(query, params)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(
                f"{self.where}: could not store document {document.id!r} "
                f"from {document.source_name!r}: {exc}"
            ) from exc
        self._refresh_statistics()
        return IngestResult(document.id, created=True)

    def delete_document(self, document_id: str) -> None:
        """Remove a document and everything under it (the foreign keys cascade)."""
        self._require_document(document_id)
        try:
            with transaction(self._conn):
                self._conn.execute(sql.DOCUMENT_DELETE, (document_id,))
                self._keep_frequent()
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not delete {document_id!r}: {exc}") from exc

    def _document_id_for_hash(self, content_hash: str) -> str | None:
        row = self._conn.execute(sql.DOCUMENT_ID_FOR_HASH, (content_hash,)).fetchone()
        return None if row is None else str(row[0])

    def _refuse_taken_id(self, document: Document) -> None:
        """Another content under the same document id is a reader bug, not a new edition."""
        row = self._conn.execute(sql.CONTENT_HASH_OF_DOCUMENT, (document.id,)).fetchone()
        if row is not None:
            raise StoreError(
                f"{self.where}: document id {document.id!r} is already used by content "
                f"{row[0]!r}; a new edition needs its own id"
            )

    def _insert_file(self, document_id: str, original: SourceFile) -> None:
        """Keep a document's original file (a PDF) with it (a seam for tests, too)."""
        data = original.data
        self._conn.execute(
            sql.DOCUMENT_FILE_INSERT,
            (document_id, original.media_type, original.sha256, len(data), data),
        )

    def _insert(self, document: Document) -> None:
        """Every row of the document, made and written a batch at a time (``RowWriter``), its
        own row first: the rows of a large report, all at once, took more memory than the
        report itself."""
        inserts.insert_rows(
            self._conn, "documents", [document_row(document, datetime.now(UTC).isoformat())]
        )
        writer = inserts.row_writer(self._conn)
        for table, row in encode_rows(document):
            writer.add(table, row)
        writer.close()
