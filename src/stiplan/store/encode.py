"""Document → table rows: a pure function, so the mapping can be tested without a database.

The rows follow the tables of ``codec``: every object of a kind becomes one row of its table
(every node of the tree one ``elements`` row), its side values rows of side tables (ministries,
footnote citations, quantities, periods) and small scalar extras the JSON ``attrs``. Objects
are written parent first, depth first, which is the order ``index.tree_order`` restores; an
object's ``ordinal`` is its position among all children of its parent in the order the kind
lists them, which is also the order ``decode`` restores.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from functools import cache
from typing import Any

from stiplan.model import Document
from stiplan.store.codec import (
    DOCUMENT,
    KINDS,
    MENTIONS,
    TOP,
    WARNING,
    Kind,
    Side,
    dump_attrs,
    span_columns,
)
from stiplan.store.tables import COLUMNS, ROW_TABLES, Record, TableRows


def encode_document(document: Document, ingested_at: str) -> TableRows:
    """All rows that store ``document``, by table (``document_row``, then ``encode_rows``)."""
    rows: TableRows = {table: [] for table in COLUMNS}
    rows["documents"].append(document_row(document, ingested_at))
    for table, record in encode_rows(document):
        rows[table].append(record)
    return rows


def document_row(document: Document, ingested_at: str) -> Record:
    """The document's own row of ``documents``, which every other row refers to."""
    values = {
        "id": document.id,
        "ingested_at": ingested_at,
        "line_count": len(document.lines),
        **{f.column: f.convert.dump(getattr(document, f.attr)) for f in DOCUMENT},
    }
    return {column: values.get(column) for column in COLUMNS["documents"]}


def encode_rows(
    document: Document, tables: Collection[str] = ROW_TABLES
) -> Iterator[tuple[str, Record]]:
    """The rows under the document's own row, one at a time, as ``(table, row)``.

    In document order: the source lines, the warnings, then every object depth first, each
    object's row before its side rows and its children. Made as they are asked for, so that a
    writer can send each row away before the next is made: a large document's rows, all at
    once, took more memory than the document itself. ``tables`` limits the walk to the rows of
    those tables (the search index needs only the elements and their ministries); the others
    are never made.
    """
    encoder = _Encoder(document.id, frozenset(tables))
    if "source_lines" in tables:
        for line_no, text in enumerate(document.lines, start=1):
            yield encoder.row("source_lines", {"line_no": line_no, "text": text})
    if "warnings" in tables:
        for position, warning in enumerate(document.warnings):
            yield encoder.row("warnings", {"position": position, **WARNING.dump(warning)})
    top: dict[str, int] = {}  # chapters and footnotes share the ordinals of the root
    for attr, name in TOP:
        yield from encoder.objects(KINDS[name], getattr(document, attr), None, top)
    for attr, name in MENTIONS:
        yield from encoder.objects(KINDS[name], getattr(document.extractions, attr), None, top)


@cache
def _kind_tables(name: str) -> frozenset[str]:
    """Every table the objects of a kind write rows to: their own, their sides' and their
    children's."""
    kind = KINDS[name]
    tables = {kind.table}.union(*map(_side_tables, kind.sides))
    return frozenset(tables.union(*(_kind_tables(child) for _, child in kind.children)))


@cache
def _side_tables(side: Side) -> frozenset[str]:
    """The tables a side value writes rows to: its own and its nested sides'."""
    return frozenset({side.table}.union(*map(_side_tables, side.nested)))


class _Encoder:
    """Makes the rows of one document's objects while walking them; a walk for some tables
    only skips the objects and side values that write none of them."""

    def __init__(self, document_id: str, tables: frozenset[str]) -> None:
        self.document_id = document_id
        self.tables = tables
        self._sides = {
            name: tuple(side for side in kind.sides if _side_tables(side) & tables)
            for name, kind in KINDS.items()
        }

    def row(self, table: str, values: Record) -> tuple[str, Record]:
        """One row of ``table``: every column, NULL where the object has no value for it
        (the ``title`` of a paragraph, the ``deadline_kind`` of a target's period)."""
        values.setdefault("document_id", self.document_id)
        return table, {column: values.get(column) for column in COLUMNS[table]}

    def objects(
        self, kind: Kind, items: list[Any], parent: str | None, ordinals: dict[str, int]
    ) -> Iterator[tuple[str, Record]]:
        """Each item's row, then its side values, then its children, depth first.

        ``ordinals`` counts the rows of each table already given under ``parent``; each
        item counts its own children afresh, so only the counters of one path are kept.
        """
        if not _kind_tables(kind.name) & self.tables:
            return  # nothing wanted here: only ordinals of tables not wanted go uncounted
        sides = self._sides[kind.name]
        for item in items:
            ordinal = ordinals.get(kind.table, 0)
            ordinals[kind.table] = ordinal + 1
            if kind.table in self.tables:
                yield self._object_row(kind, item, parent, ordinal)
            for side in sides:
                yield from self.side(side, item.id, getattr(item, side.attr))
            below: dict[str, int] = {}
            for attr, name in kind.children:
                yield from self.objects(KINDS[name], getattr(item, attr), item.id, below)

    def _object_row(
        self, kind: Kind, item: Any, parent: str | None, ordinal: int
    ) -> tuple[str, Record]:
        """The row of one object of ``kind``: id, ordinal, span, fields and (elements) attrs."""
        values = {
            "id": item.id,
            "ordinal": ordinal,
            **span_columns(item.span, kind.table),
            **{f.column: f.convert.dump(getattr(item, f.attr)) for f in kind.fields},
        }
        if kind.parent is not None:
            values[kind.parent] = parent
        if kind.typed:
            values["type"] = kind.name
            attrs = {f.column: f.convert.dump(getattr(item, f.attr)) for f in kind.attrs}
            values["attrs"] = dump_attrs(attrs)
        return self.row(kind.table, values)

    def side(self, side: Side, owner: str, value: Any) -> Iterator[tuple[str, Record]]:
        """The rows of one side value (a list's items, or one value that may be None)."""
        items = list(value) if side.many else [] if value is None else [value]
        for position, item in enumerate(items):
            if side.table in self.tables:
                row = {side.key: owner, "role": side.role, "position": position}
                yield self.row(side.table, {**row, **side.shape.dump(item)})
            for nested in side.nested:
                yield from self.side(nested, owner, getattr(item, nested.attr))
