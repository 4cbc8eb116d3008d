"""Table rows → Document: the inverse of ``encode``, pure, so round trips can be tested alone.

``Decoder`` indexes rows by owner and rebuilds any kind of ``codec`` from its row; the read
functions of the store use it (and the typed helpers below) on the rows of a few elements or
mentions, so that a value looks the same whichever way it was read.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from stiplan.model import Block, Document, Extractions, MinistryRef
from stiplan.store.codec import (
    DOCUMENT,
    KINDS,
    MENTIONS,
    MINISTRY,
    TOP,
    WARNING,
    Kind,
    Side,
    load_attrs,
    span_from_row,
)
from stiplan.store.tables import COLUMNS, Record, TableRows

Owner = tuple[str, Any]
"""A document id and an object id (or None: the top of the document)."""


def decode_document(rows: TableRows) -> Document:
    """Rebuild the document whose rows (one ``documents`` row and its dependants) are given."""
    (head,) = rows["documents"]
    decoder = Decoder(rows)
    top: Owner = (head["id"], None)
    fields: dict[str, Any] = {f.attr: f.convert.load(head[f.column]) for f in DOCUMENT}
    fields.update({attr: decoder.objects(KINDS[name], top) for attr, name in TOP})
    return Document(
        id=head["id"],
        lines=[r["text"] for r in sorted(rows["source_lines"], key=lambda r: r["line_no"])],
        warnings=[WARNING.load(r) for r in sorted(rows["warnings"], key=lambda r: r["position"])],
        extractions=Extractions(
            **{attr: decoder.objects(KINDS[name], top) for attr, name in MENTIONS}
        ),
        **fields,
    )


def ministry_from_row(row: Record) -> MinistryRef:
    """One ``element_ministries`` row (``lead`` is 0/1 in SQLite, a boolean elsewhere)."""
    ref: MinistryRef = MINISTRY.load(row)
    return ref


def block_from_row(row: Record) -> Block:
    """One ``slide_blocks`` row (a block has neither side values nor children)."""
    block: Block = Decoder({}).build(KINDS["block"], row)
    return block


def _order_column(table: str) -> str | None:
    """The column that orders a group of rows: a list's ``position``, an object's ``ordinal``."""
    return next((c for c in ("position", "ordinal") if c in COLUMNS[table]), None)


class Decoder:
    """The rows of one document, or of a few objects of several, grouped by owner on demand."""

    def __init__(self, rows: TableRows) -> None:
        self._rows = rows
        self._groups: dict[tuple[str, str | None], dict[Owner, list[Record]]] = {}

    def rows_of(self, table: str, key: str | None, owner: Owner) -> list[Record]:
        """The rows of ``table`` whose ``key`` column names ``owner``, in their order."""
        groups = self._groups.get((table, key))
        if groups is None:
            groups = defaultdict(list)
            rows = self._rows.get(table, [])
            order = _order_column(table)
            for row in rows if order is None else sorted(rows, key=lambda r: r[order]):
                groups[(row["document_id"], None if key is None else row[key])].append(row)
            self._groups[(table, key)] = groups
        return groups.get(owner, [])

    def objects(self, kind: Kind, parent: Owner) -> list[Any]:
        """The objects of ``kind`` under ``parent``, in order."""
        found = self.rows_of(kind.table, kind.parent, parent)
        return [self.build(kind, r) for r in found if not kind.typed or r["type"] == kind.name]

    def every(self, kind: Kind) -> list[tuple[Record, Any]]:
        """Every object of ``kind`` among the rows, with its row, by document then ordinal."""
        found = sorted(
            self._rows.get(kind.table, []), key=lambda r: (r["document_id"], r["ordinal"])
        )
        return [(r, self.build(kind, r)) for r in found]

    def build(self, kind: Kind, row: Record) -> Any:
        """The object of one row, with its side values and its children."""
        owner: Owner = (row["document_id"], row["id"])
        values = {f.attr: f.convert.load(row[f.column]) for f in kind.fields}
        if kind.attrs:
            attrs = load_attrs(row["attrs"])
            values.update({f.attr: f.convert.load(attrs[f.column]) for f in kind.attrs})
        values.update({side.attr: self.side(side, owner) for side in kind.sides})
        values.update({attr: self.objects(KINDS[name], owner) for attr, name in kind.children})
        return kind.model(id=row["id"], span=span_from_row(row), **values)

    def side(self, side: Side, owner: Owner) -> Any:
        """One side value of ``owner``: a list, or one value (None when it has none)."""
        found = [
            side.shape.load(row, **{n.attr: self.side(n, owner) for n in side.nested})
            for row in self.rows_of(side.table, side.key, owner)
            if side.role is None or row["role"] == side.role
        ]
        if side.many:
            return found
        if not found and side.required:
            raise ValueError(f"{owner[1]!r} has no {side.attr} in {side.table}")
        return found[0] if found else None
