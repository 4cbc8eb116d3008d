"""Reading a store (either backend): whole documents, their identities and counts, elements
with their values, sections, initiatives under filters, warnings, source lines, and slides or
blocks shown as elements.

The SQL comes from ``stiplan.store.sql``; the records become values in ``convert`` and
``decode``, which any backend would share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from stiplan.model import Document
from stiplan.store import convert, sql
from stiplan.store.decode import Decoder, decode_document
from stiplan.store.errors import NotFound, StoreError
from stiplan.store.reading import Fetching
from stiplan.store.rows import (
    Counts,
    DocumentRow,
    ElementRow,
    InitiativeListing,
    InitiativeRow,
    MinistryUse,
    SectionRow,
    SourceLine,
    WarningRow,
)
from stiplan.store.tables import COLUMNS, Record, TableRows, select_document_sql


class Reads(Fetching):
    """Every read of documents and their trees (mentions, files and search have their own)."""

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

    def counts(self, document_id: str) -> Counts:
        """How many elements of each type, and warnings, one document holds."""
        self._require_document(document_id)
        return convert.counts(self._fetch(*sql.counts_sql(document_id)))

    def counts_by_document(self, document_ids: Sequence[str]) -> dict[str, Counts]:
        """``counts`` of the given documents in one grouped query (documents with no counted
        rows, or not stored, are absent)."""
        return convert.counts_by_document(self._fetch(*sql.counts_by_document_sql(document_ids)))

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
        return self.initiative_listing(section, ministry, lead_only, document_id).rows

    def initiative_listing(
        self,
        section: str | None = None,
        ministry: str | None = None,
        lead_only: bool = False,
        document_id: str | None = None,
    ) -> InitiativeListing:
        """``initiatives`` (same filters, same rows) with the codes tagged on each initiative
        or its actions, from the same two queries (``InitiativeListing``)."""
        filters = sql.InitiativeFilter(section, ministry, lead_only, document_id)
        picked = self._fetch(*sql.initiatives_sql(filters))
        tags = self._initiative_tags(filters)
        rows = [
            convert.initiative_row(r, tags.get((r["document_id"], r["id"]), []), ministry)
            for r in picked
        ]
        codes = {key: tuple(dict.fromkeys(t["code"] for t in found)) for key, found in tags.items()}
        return InitiativeListing(rows, codes)

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
        decoder = Decoder(rows)
        return [convert.element_row(r, decoder) for r in elements]
