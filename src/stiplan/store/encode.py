"""Document → table rows: a pure function, so the mapping can be tested without a database.

The rows follow the tables of ``codec``: every object of a kind becomes one row of its table
(every node of the tree one ``elements`` row), its side values rows of side tables (ministries,
footnote citations, quantities, periods) and small scalar extras the JSON ``attrs``. Objects
are written parent first, depth first, which is the order ``index.tree_order`` restores; an
object's ``ordinal`` is its position among all children of its parent in the order the kind
lists them, which is also the order ``decode`` restores.
"""

from __future__ import annotations

from collections import Counter
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
from stiplan.store.tables import COLUMNS, Record, TableRows


def encode_document(document: Document, ingested_at: str) -> TableRows:
    """All rows that store ``document``, by table."""
    encoder = _Encoder(document.id)
    encoder.add(
        "documents",
        {
            "id": document.id,
            "ingested_at": ingested_at,
            "line_count": len(document.lines),
            **{f.column: f.convert.dump(getattr(document, f.attr)) for f in DOCUMENT},
        },
    )
    for line_no, text in enumerate(document.lines, start=1):
        encoder.add("source_lines", {"line_no": line_no, "text": text})
    for position, warning in enumerate(document.warnings):
        encoder.add("warnings", {"position": position, **WARNING.dump(warning)})
    for attr, name in TOP:
        encoder.objects(KINDS[name], getattr(document, attr), None)
    for attr, name in MENTIONS:
        encoder.objects(KINDS[name], getattr(document.extractions, attr), None)
    return encoder.rows


class _Encoder:
    """Collects rows while walking one document; keeps the ordinal counter per parent."""

    def __init__(self, document_id: str) -> None:
        self.document_id = document_id
        self.rows: TableRows = {table: [] for table in COLUMNS}
        self._ordinals: Counter[tuple[str, str | None]] = Counter()

    def add(self, table: str, values: Record) -> None:
        """One row of ``table``: every column, NULL where the object has no value for it
        (the ``title`` of a paragraph, the ``deadline_kind`` of a target's period)."""
        values.setdefault("document_id", self.document_id)
        self.rows[table].append({column: values.get(column) for column in COLUMNS[table]})

    def objects(self, kind: Kind, items: list[Any], parent: str | None) -> None:
        """Each item's row, then its side values, then its children, depth first."""
        for item in items:
            ordinal = self._ordinals[(kind.table, parent)]
            self._ordinals[(kind.table, parent)] += 1
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
            self.add(kind.table, values)
            for side in kind.sides:
                self.side(side, item.id, getattr(item, side.attr))
            for attr, name in kind.children:
                self.objects(KINDS[name], getattr(item, attr), item.id)

    def side(self, side: Side, owner: str, value: Any) -> None:
        """The rows of one side value (a list's items, or one value that may be None)."""
        items = list(value) if side.many else [] if value is None else [value]
        for position, item in enumerate(items):
            row = {side.key: owner, "role": side.role, "position": position}
            self.add(side.table, {**row, **side.shape.dump(item)})
            for nested in side.nested:
                self.side(nested, owner, getattr(item, nested.attr))
