"""``Store``: the one object through which stiplan reads and writes its database.

Writes are whole documents, each in one transaction, keyed by content hash so that ingesting
the same file again changes nothing. Reads rebuild whole documents (``load_document``) or
return small row dataclasses for the query layer. SQL text comes from ``sql.py`` and
``tables.py``; this module only runs it and turns rows into values.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain, islice
from typing import TypeVar

from stiplan.model import (
    Budget,
    Decision,
    Document,
    DocumentKind,
    MinistryRef,
    NumericTarget,
    Organisation,
    Programme,
    SourceFile,
)
from stiplan.search.query import SearchQuery
from stiplan.search.tokenize import signature
from stiplan.store import convert, search_sql, sql
from stiplan.store.connection import (
    WRITE_ATTEMPTS,
    transaction,
)
from stiplan.store.decode import (
    MentionIndex,
    TreeIndex,
    decode_document,
    ministry_from_row,
)
from stiplan.store.encode import encode_document
from stiplan.store.errors import NotFound, StoreError
from stiplan.store.index import index_units, slide_units, tree_order
from stiplan.store.rows import (
    Counts,
    DocumentRow,
    ElementRow,
    FileRow,
    Found,
    IndexStatus,
    IngestResult,
    InitiativeRow,
    MinistryUse,
    SearchRow,
    SectionRow,
    SourceLine,
    WarningRow,
)
from stiplan.store.search_sql import SearchFilter
from stiplan.store.sqlite.lifecycle import Lifecycle
from stiplan.store.tables import (
    COLUMNS,
    Record,
    TableRows,
    columns_of,
    insert_values_sql,
    select_document_sql,
)

M = TypeVar("M")


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
    columns = columns_of(table)
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    per_insert = max(1, min(ROWS_PER_INSERT, limit // len(columns)))
    for start in range(0, len(records), per_insert):
        batch = records[start : start + per_insert]
        values = [record[column] for record in batch for column in columns]
        conn.execute(insert_values_sql(table, len(batch)), values)


def _batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Consecutive lists of at most ``size`` records (``itertools.batched`` is Python 3.12)."""
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch


class Store(Lifecycle):
    """A stiplan database: open it, ingest documents, read them back.

    One ``Store`` wraps one connection; use it from one thread at a time.
    """

    # -- writes ---------------------------------------------------------------------------------

    def ingest(self, document: Document, original: SourceFile | None = None) -> IngestResult:
        """Store a whole document and its search index in one transaction, or nothing at all.

        A document whose ``content_hash`` is already stored is not stored again:
        ``created=False`` and the id of the stored one. Any failure rolls everything back and
        is raised as a ``StoreError`` chained to its cause. The text is cut into search terms
        before the transaction begins, so the write lock is held only while rows are written.
        ``original`` (a PDF's bytes) is kept with the document, in the same transaction, so
        that its pages can be shown (``document_file``).
        """
        try:
            stored = self._document_id_for_hash(document.content_hash)
            if stored is not None:  # known content: skip the tokenising, nothing to write
                return IngestResult(stored, created=False)
            rows = encode_document(document, datetime.now(UTC).isoformat())
            units = chain(
                index_units(rows["elements"], rows["element_ministries"]),
                slide_units(rows["slides"], rows["slide_blocks"]),
            )
            with (
                self._scratch(units) as tokenised,
                transaction(self._conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS),
            ):
                existing = self._document_id_for_hash(document.content_hash)
                if existing is not None:
                    return IngestResult(existing, created=False)
                self._refuse_taken_id(document)
                self._insert(rows)
                self._insert_units(document.id, tokenised)
                if original is not None:
                    self._insert_file(document.id, original)
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
                self._conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not delete {document_id!r}: {exc}") from exc

    def _document_id_for_hash(self, content_hash: str) -> str | None:
        row = self._conn.execute(
            "SELECT id FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return None if row is None else str(row[0])

    def _refuse_taken_id(self, document: Document) -> None:
        """Another content under the same document id is a reader bug, not a new edition."""
        row = self._conn.execute(
            "SELECT content_hash FROM documents WHERE id = ?", (document.id,)
        ).fetchone()
        if row is not None:
            raise StoreError(
                f"{self.where}: document id {document.id!r} is already used by content "
                f"{row[0]!r}; a new edition needs its own id"
            )

    def _insert_file(self, document_id: str, original: SourceFile) -> None:
        data = original.data
        self._conn.execute(
            sql.DOCUMENT_FILE_INSERT,
            (document_id, original.media_type, original.sha256, len(data), data),
        )

    def _insert(self, rows: TableRows) -> None:
        for table in COLUMNS:
            insert_rows(self._conn, table, rows[table])

    @contextmanager
    def _scratch(self, units: Iterable[Record]) -> Iterator[Iterator[Record]]:
        """Tokenise a document's units before its write transaction, into a temporary table;
        yield them back in order for ``_insert_units``.

        Tokenising is most of an ingest's time: done first, the write lock (which holds off
        other writers, and readers once SQLite spills the transaction to the file) is held
        only while rows are written. Kept in a Python list, the units of a 50 MB document
        took about 330 MB (the terms, their dicts, and the UTF-8 copy ``sqlite3`` keeps of
        every string it binds); the temporary table is private to this connection and lives
        in SQLite's temp file, so each unit is dropped as soon as it is written there.
        """
        conn = self._conn
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

    def _insert_units(self, document_id: str, units: Iterable[Record]) -> None:
        """Number a document's search units after the last stored one and write them a batch
        at a time, so that only one batch is held; the SQLite triggers (migrations 0003, 0006) put
        them into the full-text index."""
        (row,) = self._conn.execute(*search_sql.next_unit_no_sql()).fetchall()
        first = int(row[0])
        count = 0
        for batch in _batches(units, ROWS_PER_INSERT):
            for unit in batch:
                unit["unit_no"] = first + count
                count += 1
            insert_rows(self._conn, "search_units", batch)
        insert_rows(
            self._conn,
            "search_documents",
            [{"document_id": document_id, "tokenizer": signature(), "unit_count": count}],
        )

    # -- search ---------------------------------------------------------------------------------

    def search(
        self,
        query: SearchQuery,
        filters: SearchFilter | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchRow]:
        """One page of text units for a prepared query, after the filters: ``limit`` units
        from ``offset`` on, in the ranking order of ``docs/search.md`` (the best of each type
        first, then the second of each…), which is total, so consecutive pages fit together.

        ``query`` comes from ``stiplan.search.query.build_query``; it reaches SQLite only as
        quoted terms inside one parameter.
        """
        filters = filters or SearchFilter()
        if limit < 1:  # SQLite reads a negative LIMIT as "no limit"
            raise StoreError(f"a search needs a limit of at least 1, not {limit}")
        if offset < 0:
            raise StoreError(f"a search needs an offset of at least 0, not {offset}")
        match = search_sql.fts_match(query)
        found = self._fetch(*search_sql.search_sql(match, filters, limit, offset))
        pairs = list(dict.fromkeys((r["document_id"], r["tags_from"]) for r in found))
        tags: dict[tuple[str, str], list[MinistryRef]] = defaultdict(list)
        picked = [(d, e) for d, e in pairs if e is not None]
        for t in self._fetch(*search_sql.ministries_of_sql(picked)):
            tags[(t["document_id"], t["element_id"])].append(ministry_from_row(t))
        return [
            convert.search_row(r, tuple(tags.get((r["document_id"], r["tags_from"]), ())))
            for r in found
        ]

    def reindex(self) -> IndexStatus:
        """Rebuild the search index of every stored document, in one transaction.

        Needed after an upgrade that changes the terms (``index_status().stale_document_ids``)
        or when the index was created after documents were stored (a new migration).
        """
        try:
            with transaction(self._conn, "BEGIN IMMEDIATE"):
                for row in self._fetch(*sql.documents_sql()):
                    self._reindex_document(row["id"])
                self._conn.execute(search_sql.OPTIMIZE_SQL)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not rebuild the search index: {exc}") from exc
        self._refresh_statistics()
        return self.index_status()

    def _reindex_document(self, document_id: str) -> None:
        """Replace one document's units (the delete trigger takes the old ones out of FTS5)."""
        elements = self._fetch(*search_sql.unit_sources_sql(document_id))
        tagged = self._fetch(*search_sql.tagged_elements_sql(document_id))
        units = chain(
            index_units(tree_order(elements), tagged),
            slide_units(
                self._fetch(*search_sql.slide_sources_sql("slides", document_id)),
                self._fetch(*search_sql.slide_sources_sql("slide_blocks", document_id)),
            ),
        )
        self._conn.execute("DELETE FROM search_units WHERE document_id = ?", (document_id,))
        self._conn.execute("DELETE FROM search_documents WHERE document_id = ?", (document_id,))
        self._insert_units(document_id, units)

    def index_status(self) -> IndexStatus:
        """How many documents and units are indexed, the index's bytes, and what is stale."""
        (counts,) = self._fetch(*search_sql.index_counts_sql())
        try:
            size: int | None = int(self._conn.execute(search_sql.INDEX_BYTES_SQL).fetchone()[0])
        except sqlite3.Error:  # dbstat is not compiled into every SQLite
            size = None
        return IndexStatus(
            int(counts["documents"]), int(counts["units"]), size, self.stale_documents()
        )

    def stale_documents(self) -> tuple[str, ...]:
        """Ids of stored documents not indexed, or indexed with terms of another version."""
        found = self._fetch(*search_sql.stale_documents_sql(signature()))
        return tuple(r["id"] for r in found)

    # -- whole documents ------------------------------------------------------------------------

    def load_document(self, document_id: str) -> Document:
        """Rebuild the stored document exactly as it was ingested."""
        self._require_document(document_id)
        rows: TableRows = {
            table: self._fetch(select_document_sql(table), (document_id,)) for table in COLUMNS
        }
        return decode_document(rows)

    def documents(self) -> list[DocumentRow]:
        """Every stored document, oldest edition first."""
        return [convert.document_row(r) for r in self._fetch(*sql.documents_sql())]

    def document(self, document_id: str) -> DocumentRow:
        """One stored document's identity; ``NotFound`` if there is none with that id."""
        found = self._fetch(*sql.documents_sql(document_id))
        if not found:
            raise NotFound(f"{self.where}: no document with id {document_id!r}")
        return convert.document_row(found[0])

    def document_file(self, document_id: str) -> FileRow | None:
        """The original file kept with a document (a PDF), without its bytes; None for a text
        document. ``NotFound`` if there is no such document."""
        self._require_document(document_id)
        found = self._fetch(*sql.document_file_sql(document_id))
        if not found:
            return None
        row = found[0]
        return FileRow(row["document_id"], row["media_type"], row["sha256"], int(row["size"]))

    def document_file_data(self, document_id: str) -> SourceFile | None:
        """The original file kept with a document, bytes and all; None for a text document."""
        self._require_document(document_id)
        found = self._fetch(*sql.document_file_sql(document_id, with_data=True))
        if not found:
            return None
        return SourceFile(found[0]["media_type"], bytes(found[0]["data"]))

    def counts(self, document_id: str) -> Counts:
        """How many elements of each type, and warnings, one document holds."""
        self._require_document(document_id)
        return convert.counts(self._fetch(*sql.counts_sql(document_id)))

    # -- mentions -------------------------------------------------------------------------------

    def programmes(self, document_id: str | None = None) -> list[Found[Programme]]:
        """Programme mentions, of one document or of all, in document then reading order."""
        return self._mentions("programmes", document_id, MentionIndex.programmes)

    def decisions(self, document_id: str | None = None) -> list[Found[Decision]]:
        """Dated decisions, of one document or of all (the query layer sorts them by date)."""
        return self._mentions("decisions", document_id, MentionIndex.decisions)

    def numeric_targets(self, document_id: str | None = None) -> list[Found[NumericTarget]]:
        """Numeric targets read from briefings, of one document or of all."""
        return self._mentions("numeric_targets", document_id, MentionIndex.targets)

    def budgets(self, document_id: str | None = None) -> list[Found[Budget]]:
        """Budget amounts, of one document or of all."""
        return self._mentions("budgets", document_id, MentionIndex.budgets)

    def organisations(self, document_id: str | None = None) -> list[Found[Organisation]]:
        """Organisation mentions, of one document or of all."""
        return self._mentions("organisations", document_id, MentionIndex.organisations)

    def _mentions(
        self,
        table: str,
        document_id: str | None,
        build: Callable[[MentionIndex], list[M]],
    ) -> list[Found[M]]:
        """One mention table's rows with their values, decoded as ``load_document`` does."""
        if document_id is not None:
            self._require_document(document_id)
        rows = self._fetch(*sql.mentions_sql(table, COLUMNS[table], document_id))
        values: TableRows = {table: rows}
        for side in ("mention_quantities", "mention_periods"):
            values[side] = self._fetch(*sql.mention_values_sql(side, COLUMNS[side], document_id))
        items = build(MentionIndex(values))
        ordered = sorted(rows, key=lambda r: (r["document_id"], r["ordinal"]))
        return [
            Found(r["document_id"], r["source_name"], DocumentKind(r["document_kind"]), item)
            for r, item in zip(ordered, items, strict=True)
        ]

    # -- slides as elements ---------------------------------------------------------------------

    def slide_element(self, element_id: str, document_id: str | None = None) -> ElementRow:
        """A slide or a slide block as an ``ElementRow`` (type ``slide`` or ``block``), so that
        ``show`` traces it like any element; ``NotFound`` when there is none."""
        where = "id = ?"
        params: tuple[object, ...] = (element_id,)
        if document_id is not None:
            where, params = "id = ? AND document_id = ?", (element_id, document_id)
        slides = self._fetch(*sql.slide_rows_sql("slides", COLUMNS["slides"], where, params))
        blocks = self._fetch(
            *sql.slide_rows_sql("slide_blocks", COLUMNS["slide_blocks"], where, params)
        )
        found = [convert.slide_row(r) for r in slides] + [convert.block_row(r) for r in blocks]
        if not found:
            raise NotFound(f"{self.where}: no slide or block with id {element_id!r}")
        if len(found) > 1:
            owners = ", ".join(sorted(r.document_id for r in found))
            raise StoreError(
                f"id {element_id!r} exists in several documents ({owners}); pass document_id"
            )
        return found[0]

    def slide_children(self, slide_id: str, document_id: str) -> list[ElementRow]:
        """The blocks of a slide, in order (a block has no children)."""
        where = "document_id = ? AND slide_id = ?"
        rows = self._fetch(
            *sql.slide_rows_sql(
                "slide_blocks", COLUMNS["slide_blocks"], where, (document_id, slide_id)
            )
        )
        return [convert.block_row(r) for r in rows]

    # -- query-layer reads ----------------------------------------------------------------------

    def sections(self, document_id: str | None = None) -> list[SectionRow]:
        """Sections (of one document or all) with counts of what they contain."""
        return [convert.section_row(r) for r in self._fetch(*sql.sections_sql(document_id))]

    def initiatives(
        self,
        section: str | None = None,
        ministry: str | None = None,
        lead_only: bool = False,
        document_id: str | None = None,
    ) -> list[InitiativeRow]:
        """Initiatives in document order, filtered.

        ``section``: a label such as ``(2)`` (any chapter) or ``1.(2)``, or a section id.
        ``ministry``: a code tagged on the initiative or on any of its actions; the row's
        ``match`` says where. ``lead_only``: only where that ministry is underlined (lead).
        """
        filters = sql.InitiativeFilter(section, ministry, lead_only, document_id)
        picked = self._fetch(*sql.initiatives_sql(filters))
        tags = self._initiative_tags(filters)
        return [
            convert.initiative_row(r, tags.get((r["document_id"], r["id"]), []), ministry)
            for r in picked
        ]

    def _initiative_tags(
        self, filters: sql.InitiativeFilter
    ) -> dict[tuple[str, str], list[Record]]:
        """Ministry tags of the picked initiatives and their actions, by initiative."""
        tags: dict[tuple[str, str], list[Record]] = defaultdict(list)
        for row in self._fetch(*sql.initiative_ministries_sql(filters)):
            tags[(row["document_id"], row["initiative_id"])].append(row)
        return tags

    def element(self, element_id: str, document_id: str | None = None) -> ElementRow:
        """One element with its ministries, footnotes and values.

        Element ids are unique within a document; give ``document_id`` when several stored
        documents (editions) use the same id.
        """
        where, params = self._element_where(element_id, document_id)
        (row,) = self._element_rows(where, params)
        return row

    def children(self, element_id: str, document_id: str | None = None) -> list[ElementRow]:
        """The direct children of an element, in order."""
        parent = self.element(element_id, document_id)
        return self._element_rows(
            "e.document_id = ? AND e.parent_id = ?", (parent.document_id, parent.id)
        )

    def source_lines(self, document_id: str, first_line: int, last_line: int) -> list[SourceLine]:
        """The stored lines ``first_line``..``last_line`` (inclusive, clipped to the document)."""
        if first_line > last_line:
            raise StoreError(f"empty line range {first_line}-{last_line}")
        self._require_document(document_id)
        found = self._fetch(*sql.source_lines_sql(document_id, first_line, last_line))
        return [SourceLine(r["document_id"], int(r["line_no"]), r["text"]) for r in found]

    def warnings(self, document_id: str | None = None) -> list[WarningRow]:
        """Stored reader warnings, of one document or of all."""
        if document_id is not None:
            self._require_document(document_id)
        return [
            WarningRow(
                r["document_id"], int(r["position"]), r["code"], r["message"], int(r["line"])
            )
            for r in self._fetch(*sql.warnings_sql(document_id))
        ]

    def elements(self, element_type: str, document_id: str | None = None) -> list[ElementRow]:
        """Every element of one type (``indicator``, ``footnote``…) in document order.

        Of one document, or of all (ordered by document, then line); an unknown type gives an
        empty list, an unknown document ``NotFound``.
        """
        if document_id is None:  # per document: element ids are unique only within one
            return [r for d in self.documents() for r in self.elements(element_type, d.id)]
        self._require_document(document_id)
        where, params = sql.elements_of_type_where(element_type, document_id)
        return self._element_rows(where, params, "e.first_line, e.ordinal")

    def ministry_use(self, document_id: str | None = None) -> list[MinistryUse]:
        """Every ministry code tagged anywhere, with how often, by element type and lead."""
        if document_id is not None:
            self._require_document(document_id)
        return convert.ministry_use(self._fetch(*sql.ministry_use_sql(document_id)))

    def _element_where(self, element_id: str, document_id: str | None) -> sql.Query:
        """The WHERE clause for one element; refuses ids that are missing or ambiguous."""
        found = self._fetch(*sql.element_owners_sql(element_id, document_id))
        if not found:
            raise NotFound(f"{self.where}: no element with id {element_id!r}")
        if len(found) > 1:
            owners = ", ".join(sorted(r["document_id"] for r in found))
            raise StoreError(
                f"element id {element_id!r} exists in several documents ({owners}); "
                "pass document_id"
            )
        return "e.document_id = ? AND e.id = ?", (found[0]["document_id"], element_id)

    def _element_rows(
        self, where: str, params: tuple[object, ...], order: str = "e.ordinal"
    ) -> list[ElementRow]:
        """Elements matching ``where``, with their values: five queries."""
        elements = self._fetch(*sql.elements_sql(where, params, order))
        rows: TableRows = {"elements": elements}
        for table in ("element_ministries", "footnote_citations", "quantities", "periods"):
            columns = ", ".join(f"t.{c}" for c in COLUMNS[table])
            rows[table] = self._fetch(*sql.element_side_sql(table, columns, where, params))
        index = TreeIndex(rows)
        return [convert.element_row(r, index) for r in elements]
