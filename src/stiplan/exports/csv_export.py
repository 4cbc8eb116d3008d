"""The CSV export: every element of every document as one row, ready for a spreadsheet.

One long table (not one file per type) so that a filter on ``type`` or ``ministries`` in Excel
gives any view; ``first_line``/``last_line`` keep each row traceable. A briefing gives one row
per slide and per block; what extraction found in any document (programmes, decisions, numeric
targets, budgets, organisations) follows each document's elements, with ``found_in`` naming the
element or block it was read from. Headers are Japanese by default (``lang="en"``: the English
keys), as in every CSV and XLSX of the project. ``excel=True`` prefixes a UTF-8 byte order mark
so that Excel opens Japanese text correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from stiplan import queries
from stiplan.exports.tabular import BOM, safe_cell
from stiplan.model import (
    Document,
    Indicator,
    MinistryRef,
    Period,
    Quantity,
    Section,
    Span,
)

# key (English header with ``lang="en"``) → Japanese header (the default).
HEADERS_JA: dict[str, str] = {
    "document_id": "文書ID",
    "source_name": "ファイル名",
    "edition": "版",
    "element_id": "要素ID",
    "type": "種類",
    "section": "節",
    "subsection": "項",
    "initiative": "取組",
    "text": "本文",
    "ministries": "府省",
    "lead_ministries": "主担当府省",
    "repeated": "再掲",
    "footnotes": "脚注",
    "value": "値",
    "unit": "単位",
    "qualifier": "修飾",
    "derived_from": "導出元の語",
    "period": "時点",
    "period_start": "時点（開始日）",
    "period_end": "時点（終了日）",
    "first_line": "開始行",
    "last_line": "終了行",
    "found_in": "抽出元の要素",
}
COLUMNS = tuple(HEADERS_JA)


@dataclass(frozen=True, slots=True)
class _Place:
    section: str = ""
    subsection: str = ""
    initiative: str = ""


def _row(
    doc: Document,
    element_id: str,
    kind: str,
    place: _Place,
    text: str,
    span: Span,
    ministries: list[MinistryRef] | None = None,
    footnotes: list[int] | None = None,
    repeated: bool = False,
    quantity: Quantity | None = None,
    period: Period | None = None,
    found_in: str = "",
) -> dict[str, str | int]:
    refs = ministries or []
    return {
        "document_id": doc.id,
        "source_name": doc.source_name,
        "edition": doc.edition,
        "element_id": element_id,
        "type": kind,
        "section": place.section,
        "subsection": place.subsection,
        "initiative": place.initiative,
        "text": text,
        "ministries": "、".join(r.code for r in refs),
        "lead_ministries": "、".join(r.code for r in refs if r.lead),
        "repeated": "1" if repeated else "",
        "footnotes": " ".join(str(n) for n in footnotes or []),
        "value": queries.plain_decimal(quantity.value) if quantity else "",
        "unit": _unit(quantity),
        "qualifier": quantity.qualifier.value if quantity and quantity.qualifier else "",
        "derived_from": quantity.text if quantity and quantity.derived else "",
        "period": period.text if period else "",
        "period_start": period.start.isoformat() if period else "",
        "period_end": period.end.isoformat() if period else "",
        "first_line": span.first_line,
        "last_line": span.last_line,
        "found_in": found_in,
    }


def _unit(quantity: Quantity | None) -> str:
    """``円/トン`` for a rate, ``位/67`` for a rank: the unit as a reader would say it."""
    if quantity is None:
        return ""
    if quantity.per:
        return f"{quantity.unit}/{quantity.per}"
    if quantity.of is not None:
        return f"{quantity.unit}/{quantity.of}"
    return quantity.unit


def _indicator_rows(doc: Document, place: _Place, ind: Indicator) -> Iterator[dict[str, str | int]]:
    yield _row(doc, ind.id, "indicator", place, ind.text, ind.span, footnotes=ind.footnotes)
    for o in ind.observations:
        text = f"{o.label}：{o.text}" if o.label and not o.text.startswith(o.label) else o.text
        yield _row(
            doc, o.id, "observation", place, text, o.span, quantity=o.quantity, period=o.period
        )


def element_rows(doc: Document) -> Iterator[dict[str, str | int]]:
    """The rows of one document, in document order."""
    for chapter in doc.chapters:
        top = _Place(section=chapter.label)
        yield _row(doc, chapter.id, "chapter", top, chapter.title, chapter.span)
        for goal in chapter.goals:
            yield _row(doc, goal.id, "goal", top, goal.text, goal.span, footnotes=goal.footnotes)
        for ind in chapter.indicators:
            yield from _indicator_rows(doc, top, ind)
        for section in chapter.sections:
            yield from _section_rows(doc, f"{chapter.label}{section.label}", section)
    for footnote in doc.footnotes:
        yield _row(doc, footnote.id, "footnote", _Place(), footnote.text, footnote.span)
    yield from _slide_rows(doc)
    yield from _mention_rows(doc)


def _slide_rows(doc: Document) -> Iterator[dict[str, str | int]]:
    """A slide (type ``slide``), then its blocks, typed by their kind (``bullet``…)."""
    for slide in doc.slides:
        place = _Place(section=f"slide {slide.number}")
        yield _row(doc, slide.id, "slide", place, slide.title, slide.span)
        for block in slide.blocks:
            yield _row(doc, block.id, block.kind.value, place, block.text, block.span)


def _mention_rows(doc: Document) -> Iterator[dict[str, str | int]]:
    """What extraction found: one row per mention, with its value and period where it has one."""
    found = doc.extractions
    for p in found.programmes:
        yield _row(doc, p.id, "programme", _Place(), p.name, p.span, found_in=p.element_id)
    for d in found.decisions:
        text = f"{d.what}（{d.body}{' ' if d.body else ''}{d.action}）"
        yield _row(
            doc, d.id, "decision", _Place(), text, d.span, period=d.date, found_in=d.element_id
        )
    for t in found.targets:
        yield _row(
            doc,
            t.id,
            "numeric_target",
            _Place(),
            t.subject,
            t.span,
            quantity=t.quantity,
            period=t.period,
            found_in=t.element_id,
        )
    for b in found.budgets:
        yield _row(
            doc,
            b.id,
            "budget",
            _Place(),
            f"{b.subject}（{b.kind}）",
            b.span,
            quantity=b.amount,
            period=b.period,
            found_in=b.element_id,
        )
    for o in found.organisations:
        yield _row(doc, o.id, "organisation", _Place(), o.name, o.span, found_in=o.element_id)


def _section_rows(doc: Document, label: str, section: Section) -> Iterator[dict[str, str | int]]:
    place = _Place(section=label)
    yield _row(doc, section.id, "section", place, section.title, section.span)
    for p in section.paragraphs:
        yield _row(doc, p.id, "paragraph", place, p.text, p.span, footnotes=p.footnotes)
    for g in section.goals:
        yield _row(doc, g.id, "goal", place, g.text, g.span, footnotes=g.footnotes)
    for t in section.targets:
        yield _row(
            doc,
            t.id,
            "target",
            place,
            t.text,
            t.span,
            footnotes=t.footnotes,
            quantity=t.quantity,
            period=t.period,
        )
    for ind in section.indicators:
        yield from _indicator_rows(doc, place, ind)
    for ss in section.subsections:
        sub = _Place(label, f"{ss.number}")
        yield _row(doc, ss.id, "subsection", sub, ss.title, ss.span)
        for p in ss.paragraphs:
            yield _row(doc, p.id, "paragraph", sub, p.text, p.span, footnotes=p.footnotes)
        for i in ss.initiatives:
            at = _Place(label, f"{ss.number}", f"{i.number}")
            yield _row(
                doc,
                i.id,
                "initiative",
                at,
                i.commitment,
                i.span,
                i.ministries,
                i.footnotes,
                i.repeated,
            )
            for s in i.status_items:
                yield _row(
                    doc,
                    s.id,
                    "status_item",
                    at,
                    s.text,
                    s.span,
                    s.ministries,
                    s.footnotes,
                    s.repeated,
                )
            for a in i.actions:
                yield _row(
                    doc, a.id, "action", at, a.text, a.span, a.ministries, a.footnotes, a.repeated
                )


def documents_to_csv(documents: list[Document], excel: bool = False, lang: str = "ja") -> str:
    """All elements of all documents as CSV text (with a BOM for Excel when asked), under
    Japanese headers, or the English keys with ``lang="en"``; values stay raw numbers."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writerow({k: k if lang == "en" else HEADERS_JA[k] for k in COLUMNS})
    for doc in documents:
        writer.writerows({k: safe_cell(v) for k, v in row.items()} for row in element_rows(doc))
    return (BOM if excel else "") + buffer.getvalue()
