"""The tables of the store as data: their columns, in the order rows must be inserted.

One description serves the encoder (which fills these columns), the decoder (which reads
them), the generic insert/select SQL and the tests that compare whole tables. The SQL built
here only ever splices these constant identifiers; values always travel as parameters.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Final

Record = dict[str, Any]
"""One table row by column name, as the encoder writes it and the decoder reads it."""

TableRows = dict[str, list[Record]]
"""The rows of one document, by table name."""

ELEMENT_TYPES: Final = (
    "chapter",
    "section",
    "subsection",
    "paragraph",
    "goal",
    "target",
    "indicator",
    "observation",
    "initiative",
    "status_item",
    "action",
    "footnote",
)
"""The values of ``elements.type`` (the CHECK constraint of migration 0001), in tree order."""

UNIT_TYPES: Final = (*ELEMENT_TYPES, "slide", "block")
"""The values of ``search_units.type``: an element's type, or a briefing's slide or block
(migration 0005); what a search's type filter accepts. A type's place here is its code in
unit numbers (``search_sql.KIND_SLOTS``, migration 0015): a new type goes at the end."""

COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "documents": (
        "id",
        "kind",
        "source_name",
        "content_hash",
        "title",
        "edition",
        "ingested_at",
        "line_count",
        "plan",
        "document_date",
    ),
    "source_lines": ("document_id", "line_no", "text"),
    "elements": (
        "document_id",
        "id",
        "parent_id",
        "type",
        "ordinal",
        "number",
        "title",
        "text",
        "first_line",
        "last_line",
        "attrs",
        "page",
        "box",
    ),
    "element_ministries": ("document_id", "element_id", "position", "code", "lead", "raw"),
    "footnote_citations": ("document_id", "element_id", "position", "footnote_number"),
    "footnote_cited_by": ("document_id", "footnote_id", "position", "element_id"),
    "quantities": (
        "document_id",
        "element_id",
        "value",
        "unit",
        "text",
        "qualifier",
        "scale",
        "provisional",
        "of_value",
        "per",
        "derived",
    ),
    "periods": (
        "document_id",
        "element_id",
        "role",
        "position",
        "start_date",
        "end_date",
        "kind",
        "text",
        "deadline_kind",
        "deadline_text",
    ),
    "warnings": ("document_id", "position", "code", "message", "line"),
    "slides": (
        "document_id",
        "id",
        "ordinal",
        "number",
        "title",
        "first_line",
        "last_line",
        "page",
        "box",
    ),
    "slide_blocks": (
        "document_id",
        "id",
        "slide_id",
        "ordinal",
        "kind",
        "level",
        "text",
        "first_line",
        "last_line",
        "cells",
        "bold",
        "repaired",
        "garbled",
        "page",
        "box",
    ),
    "programmes": (
        "document_id",
        "id",
        "ordinal",
        "name",
        "kind",
        "text",
        "element_id",
        "first_line",
        "last_line",
    ),
    "decisions": (
        "document_id",
        "id",
        "ordinal",
        "body",
        "what",
        "action",
        "planned",
        "text",
        "element_id",
        "first_line",
        "last_line",
    ),
    "numeric_targets": (
        "document_id",
        "id",
        "ordinal",
        "subject",
        "text",
        "element_id",
        "first_line",
        "last_line",
    ),
    "budgets": (
        "document_id",
        "id",
        "ordinal",
        "subject",
        "kind",
        "text",
        "element_id",
        "first_line",
        "last_line",
    ),
    "organisations": (
        "document_id",
        "id",
        "ordinal",
        "name",
        "text",
        "element_id",
        "first_line",
        "last_line",
    ),
    "mention_quantities": (
        "document_id",
        "mention_id",
        "value",
        "unit",
        "text",
        "qualifier",
        "scale",
        "provisional",
        "of_value",
        "per",
        "derived",
    ),
    "mention_periods": (
        "document_id",
        "mention_id",
        "role",
        "start_date",
        "end_date",
        "kind",
        "text",
    ),
}
"""Every table of a document, parents before children (the order foreign keys need)."""

ROW_TABLES: Final = tuple(table for table in COLUMNS if table != "documents")
"""The tables of the rows under a document's own row (``encode.encode_rows``)."""

REFERS_TO: Final[dict[str, tuple[str, ...]]] = {
    "element_ministries": ("elements",),
    "footnote_citations": ("elements",),
    "footnote_cited_by": ("elements",),
    "quantities": ("elements",),
    "periods": ("elements",),
    "slide_blocks": ("slides",),
}
"""The tables whose rows a table's rows refer to by foreign key, besides ``documents`` and
itself (an element's parent is an element): a row may be written only once those it refers
to are (``row_writer.RowWriter``)."""

SEARCH_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "search_units": (
        "unit_no",
        "document_id",
        "element_id",
        "slide_id",
        "block_id",
        "type",
        "section_id",
        "tags_from",
        "terms",
        "subterms",
    ),
    "search_documents": ("document_id", "tokenizer", "unit_count"),
}
"""The search index's portable tables: derived from a document's rows, rebuilt by reindex,
and so not part of the document codec (``COLUMNS``)."""

_ORDER_BY: Final[dict[str, str]] = {
    "documents": "id",
    "source_lines": "line_no",
    "elements": "ordinal, id",
    "element_ministries": "element_id, position",
    "footnote_citations": "element_id, position",
    "footnote_cited_by": "footnote_id, position",
    "quantities": "element_id",
    "periods": "element_id, role, position",
    "warnings": "position",
    "slides": "ordinal",
    "slide_blocks": "slide_id, ordinal",
    "programmes": "ordinal",
    "decisions": "ordinal",
    "numeric_targets": "ordinal",
    "budgets": "ordinal",
    "organisations": "ordinal",
    "mention_quantities": "mention_id",
    "mention_periods": "mention_id, role",
}


def document_column(table: str) -> str:
    """The column that ties a row of ``table`` to its document."""
    return "id" if table == "documents" else "document_id"


def insert_sql(table: str) -> str:
    """``INSERT`` with named parameters for every column of ``table``."""
    columns = columns_of(table)
    names = ", ".join(columns)
    params = ", ".join(f":{c}" for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({params})"


def columns_of(table: str) -> tuple[str, ...]:
    """The columns of ``table`` in insert order (document tables and search tables alike)."""
    return COLUMNS[table] if table in COLUMNS else SEARCH_COLUMNS[table]


@lru_cache(maxsize=64)
def insert_values_sql(table: str, rows: int) -> str:
    """``INSERT`` of ``rows`` rows in one statement, positional parameters row after row.

    Portable SQL (PostgreSQL takes the same multi-row ``VALUES``). The store writes in such
    batches rather than one statement per row: see ``sqlite.inserts.insert_rows``. Cached: the
    same few shapes (a full batch per table) are asked for again and again.
    """
    columns = columns_of(table)
    row = "(" + ", ".join("?" * len(columns)) + ")"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES " + ", ".join([row] * rows)


def select_document_sql(table: str) -> str:
    """Every row of ``table`` for one document (parameter: the document id), in stable order."""
    names = ", ".join(COLUMNS[table])
    return (
        f"SELECT {names} FROM {table} WHERE {document_column(table)} = ? "
        f"ORDER BY {_ORDER_BY[table]}"
    )
