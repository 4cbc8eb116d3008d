"""Records (rows read back, as dicts by column) → the row dataclasses the read functions return.

Pure and free of any database: a store runs the SQL and hands the records here, so every
backend returns the same values for the same rows (``rows.py`` defines them).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from stiplan.model import DocumentKind, MinistryRef, chapter_label
from stiplan.store import codec
from stiplan.store.codec import load_attrs, span_from_row
from stiplan.store.decode import Decoder, block_from_row, ministry_from_row
from stiplan.store.index import unit_text
from stiplan.store.rows import (
    Counts,
    DocumentRow,
    ElementRow,
    InitiativeRow,
    MinistryMatch,
    MinistryUse,
    SearchRow,
    SectionRow,
)
from stiplan.store.tables import Record

_COUNTED_TYPES = {
    "chapter": "chapters",
    "section": "sections",
    "subsection": "subsections",
    "paragraph": "paragraphs",
    "goal": "goals",
    "target": "targets",
    "indicator": "indicators",
    "observation": "observations",
    "initiative": "initiatives",
    "status_item": "status_items",
    "action": "actions",
    "footnote": "footnotes",
    "warning": "warnings",
    "slide": "slides",
    "block": "blocks",
    "programme": "programmes",
    "decision": "decisions",
    "numeric_target": "numeric_targets",
    "budget": "budgets",
    "organisation": "organisations",
}
"""The ``type`` of a counts row → the ``Counts`` field it fills."""

_USE_FIELDS = {"initiative": "initiatives", "action": "actions", "status_item": "status_items"}


def counts(rows: Iterable[Record]) -> Counts:
    """``(type, count)`` records → ``Counts``; a type without a record counts 0."""
    by_field = dict.fromkeys(_COUNTED_TYPES.values(), 0)
    for row in rows:
        by_field[_COUNTED_TYPES[row["type"]]] = int(row["count"])
    return Counts(**by_field)


def counts_by_document(rows: Iterable[Record]) -> dict[str, Counts]:
    """``(document_id, type, count)`` records → ``Counts`` per document id (a document with
    no counted row at all is absent)."""
    grouped: dict[str, list[Record]] = defaultdict(list)
    for row in rows:
        grouped[row["document_id"]].append(row)
    return {document_id: counts(records) for document_id, records in grouped.items()}


def ministry_use(rows: Iterable[Record]) -> list[MinistryUse]:
    """``(code, type, lead, count)`` records → one ``MinistryUse`` per code, by code."""
    by_code: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        plural = _USE_FIELDS.get(row["type"])
        if plural is None:
            continue
        field = f"{plural}_lead" if row["lead"] else plural
        by_field = by_code[row["code"]]
        by_field[field] = by_field.get(field, 0) + int(row["count"])
        if row["lead"]:  # a lead tag is also a tag
            by_field[plural] = by_field.get(plural, 0) + int(row["count"])
    return [MinistryUse(code, **fields) for code, fields in sorted(by_code.items())]


def slide_row(row: Record) -> ElementRow:
    return ElementRow(
        id=row["id"],
        document_id=row["document_id"],
        parent_id=None,
        type="slide",
        ordinal=int(row["ordinal"]),
        number=int(row["number"]),
        title=row["title"],
        text=None,
        span=span_from_row(row),
        attrs={},
    )


def block_row(row: Record) -> ElementRow:
    block = block_from_row(row)
    return ElementRow(
        id=block.id,
        document_id=row["document_id"],
        parent_id=row["slide_id"],
        type="block",
        ordinal=int(row["ordinal"]),
        number=None,
        title=None,
        text=block.text,
        span=block.span,
        attrs={
            "kind": block.kind.value,
            "level": block.level,
            "cells": block.cells,
            "bold": block.bold,
            "repaired": block.repaired,
            "garbled": block.garbled,
        },
    )


def element_row(row: Record, decoder: Decoder) -> ElementRow:
    """An element with its side values, decoded as ``load_document`` decodes them."""
    owner = (row["document_id"], row["id"])
    return ElementRow(
        id=row["id"],
        document_id=row["document_id"],
        parent_id=row["parent_id"],
        type=row["type"],
        ordinal=int(row["ordinal"]),
        number=None if row["number"] is None else int(row["number"]),
        title=row["title"],
        text=row["text"],
        span=span_from_row(row),
        attrs=load_attrs(row["attrs"]),
        ministries=tuple(decoder.side(codec.MINISTRIES, owner)),
        footnotes=tuple(decoder.side(codec.FOOTNOTES, owner)),
        quantity=decoder.side(codec.QUANTITY_SIDE, owner),
        period=decoder.side(codec.PERIOD_SIDE, owner),
        deadlines=tuple(decoder.side(codec.DEADLINES, owner)),
    )


def search_row(row: Record, ministries: tuple[MinistryRef, ...]) -> SearchRow:
    chapter, section = row["chapter_number"], row["section_number"]
    return SearchRow(
        document_id=row["document_id"],
        source_name=row["source_name"],
        edition=row["edition"],
        element_id=row["element_id"],
        type=row["type"],
        text=unit_text(row),
        span=span_from_row(row),
        section_id=row["section_id"],
        section_label=None if section is None else f"{chapter_label(chapter)}({section})",
        ministries=ministries,
        score=-float(row["rank"]),
        type_rank=int(row["round"]),
        document_title=row["document_title"] or row["source_name"],
        heading=row["heading"],
        slide_number=None if row["slide_number"] is None else int(row["slide_number"]),
    )


def document_row(row: Record) -> DocumentRow:
    return DocumentRow(
        id=row["id"],
        kind=DocumentKind(row["kind"]),
        source_name=row["source_name"],
        content_hash=row["content_hash"],
        title=row["title"],
        edition=row["edition"],
        ingested_at=row["ingested_at"],
        line_count=int(row["line_count"]),
        plan=None if row["plan"] is None else int(row["plan"]),
        date=_date_or_none(row["document_date"]),
    )


def _date_or_none(text: str | None) -> date | None:
    """A stored ISO date; None for a document stored before it had one (or without one)."""
    return date.fromisoformat(text) if text else None


def section_row(row: Record) -> SectionRow:
    return SectionRow(
        id=row["id"],
        document_id=row["document_id"],
        chapter_id=row["chapter_id"],
        chapter_number=int(row["chapter_number"]),
        number=int(row["number"]),
        title=row["title"],
        span=span_from_row(row),
        subsection_count=int(row["subsection_count"]),
        initiative_count=int(row["initiative_count"]),
        target_count=int(row["target_count"]),
        indicator_count=int(row["indicator_count"]),
    )


def initiative_row(row: Record, tags: list[Record], ministry: str | None) -> InitiativeRow:
    own = tuple(ministry_from_row(t) for t in tags if t["type"] == "initiative")
    return InitiativeRow(
        id=row["id"],
        document_id=row["document_id"],
        chapter_number=int(row["chapter_number"]),
        section_id=row["section_id"],
        section_number=int(row["section_number"]),
        subsection_id=row["subsection_id"],
        subsection_number=int(row["subsection_number"]),
        number=int(row["number"]),
        commitment=row["text"],
        span=span_from_row(row),
        repeated=bool(load_attrs(row["attrs"])["repeated"]),
        ministries=own,
        status_item_count=int(row["status_item_count"]),
        action_count=int(row["action_count"]),
        match=None if ministry is None else ministry_match(ministry, own, tags),
    )


def ministry_match(code: str, own: tuple[MinistryRef, ...], tags: list[Record]) -> MinistryMatch:
    """Where ``code`` appears among an initiative's tags and its actions' tags."""
    hits = [t for t in tags if t["code"] == code]
    action_ids = tuple(dict.fromkeys(t["element_id"] for t in hits if t["type"] == "action"))
    return MinistryMatch(
        code=code,
        on_initiative=any(ref.code == code for ref in own),
        action_ids=action_ids,
        lead=any(bool(t["lead"]) for t in hits),
    )
