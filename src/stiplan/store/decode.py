"""Table rows → Document: the inverse of ``encode``, pure, so round trips can be tested alone.

The row converters (``period_from_row``, ``quantity_from_row``…) are also what the read
functions of the repository use, so that a value looks the same whichever way it was read.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from stiplan.model import (
    Action,
    Block,
    BlockKind,
    Budget,
    Chapter,
    Deadline,
    DeadlineKind,
    Decision,
    Document,
    DocumentKind,
    Extractions,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    MinistryRef,
    NumericTarget,
    Observation,
    Organisation,
    Paragraph,
    Period,
    PeriodKind,
    Programme,
    ProgrammeKind,
    Qualifier,
    Quantity,
    Section,
    Slide,
    Span,
    StatusItem,
    Subsection,
    Target,
    Warning,
)
from stiplan.store.tables import Record, TableRows


def load_attrs(text: str) -> dict[str, Any]:
    """The ``attrs`` column as a dict (always a JSON object)."""
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError(f"attrs is not a JSON object: {text[:80]!r}")
    return value


def span_from_row(row: Record) -> Span:
    """The ``first_line``/``last_line`` pair of an element row, with the ``page`` and ``box``
    of a PDF's element when the row has them (migration 0009)."""
    page, box = row.get("page"), row.get("box")
    if page is None:
        return Span(int(row["first_line"]), int(row["last_line"]))
    corners = json.loads(box) if box else None
    return Span(
        int(row["first_line"]),
        int(row["last_line"]),
        int(page),
        (float(corners[0]), float(corners[1]), float(corners[2]), float(corners[3]))
        if corners
        else None,
    )


def ministry_from_row(row: Record) -> MinistryRef:
    """One ``element_ministries`` row (``lead`` is 0/1 in SQLite, a boolean elsewhere)."""
    return MinistryRef(code=row["code"], lead=bool(row["lead"]), raw=row["raw"])


def period_from_row(row: Record) -> Period:
    """The period part of a ``periods`` row."""
    return Period(
        start=date.fromisoformat(row["start_date"]),
        end=date.fromisoformat(row["end_date"]),
        kind=PeriodKind(row["kind"]),
        text=row["text"],
    )


def deadline_from_row(row: Record) -> Deadline:
    """A ``periods`` row of role ``deadline``."""
    return Deadline(
        period=period_from_row(row),
        kind=DeadlineKind(row["deadline_kind"]),
        text=row["deadline_text"],
    )


def quantity_from_row(row: Record, baseline: Period | None) -> Quantity:
    """A ``quantities`` row; decimals were stored as text to stay exact."""
    return Quantity(
        value=Decimal(row["value"]),
        unit=row["unit"],
        text=row["text"],
        qualifier=None if row["qualifier"] is None else Qualifier(row["qualifier"]),
        scale=int(row["scale"]),
        provisional=bool(row["provisional"]),
        of=None if row["of_value"] is None else Decimal(row["of_value"]),
        per=row["per"],
        baseline=baseline,
        derived=bool(row["derived"]),
    )


def decode_document(rows: TableRows) -> Document:
    """Rebuild the document whose rows (one ``documents`` row and its dependants) are given."""
    (head,) = rows["documents"]
    tree = TreeIndex(rows)
    return Document(
        id=head["id"],
        kind=DocumentKind(head["kind"]),
        source_name=head["source_name"],
        content_hash=head["content_hash"],
        title=head["title"],
        lines=[row["text"] for row in sorted(rows["source_lines"], key=lambda r: r["line_no"])],
        edition=head["edition"],
        chapters=[tree.chapter(row) for row in tree.children(None, "chapter")],
        footnotes=[tree.footnote(row) for row in tree.children(None, "footnote")],
        warnings=[
            Warning(code=row["code"], message=row["message"], line=int(row["line"]))
            for row in sorted(rows["warnings"], key=lambda r: r["position"])
        ],
        slides=slides_from_rows(rows.get("slides", []), rows.get("slide_blocks", [])),
        extractions=MentionIndex(rows).extractions(),
        plan=None if head.get("plan") is None else int(head["plan"]),
    )


# -- slides and mentions ----------------------------------------------------------------------


def block_from_row(row: Record) -> Block:
    """One ``slide_blocks`` row (``cells`` and ``bold`` are JSON arrays)."""
    return Block(
        id=row["id"],
        kind=BlockKind(row["kind"]),
        text=row["text"],
        span=span_from_row(row),
        level=int(row["level"]),
        cells=_string_list(row["cells"]),
        bold=_string_list(row["bold"]),
        repaired=bool(row["repaired"]),
        garbled=bool(row["garbled"]),
    )


def _string_list(text: str) -> list[str]:
    value = json.loads(text)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"not a JSON list of strings: {text[:80]!r}")
    return value


def slides_from_rows(slides: list[Record], blocks: list[Record]) -> list[Slide]:
    """Slides in order, each with its blocks in order."""
    by_slide = _grouped(blocks, "slide_id", "ordinal")
    return [
        Slide(
            id=row["id"],
            number=int(row["number"]),
            title=row["title"],
            span=span_from_row(row),
            blocks=[block_from_row(b) for b in by_slide.get(row["id"], [])],
        )
        for row in sorted(slides, key=lambda r: r["ordinal"])
    ]


class MentionIndex:
    """The mention rows of one document (or of several, for queries) and their values."""

    def __init__(self, rows: TableRows) -> None:
        self._rows = rows
        self._quantities = {
            (r["document_id"], r["mention_id"]): r for r in rows.get("mention_quantities", [])
        }
        self._periods = {
            (r["document_id"], r["mention_id"], r["role"]): r
            for r in rows.get("mention_periods", [])
        }

    def _sorted(self, table: str) -> list[Record]:
        return sorted(self._rows.get(table, []), key=lambda r: (r["document_id"], r["ordinal"]))

    def period(self, row: Record, role: str) -> Period | None:
        found = self._periods.get((row["document_id"], row["id"], role))
        return None if found is None else period_from_row(found)

    def quantity(self, row: Record) -> Quantity:
        found = self._quantities[(row["document_id"], row["id"])]
        baseline = self._periods.get((row["document_id"], row["id"], "baseline"))
        return quantity_from_row(found, None if baseline is None else period_from_row(baseline))

    def programmes(self) -> list[Programme]:
        return [
            Programme(
                r["id"],
                r["name"],
                ProgrammeKind(r["kind"]),
                r["text"],
                span_from_row(r),
                r["element_id"],
            )
            for r in self._sorted("programmes")
        ]

    def decisions(self) -> list[Decision]:
        out: list[Decision] = []
        for r in self._sorted("decisions"):
            date = self.period(r, "date")
            if date is None:
                raise ValueError(f"decision {r['id']!r} has no date row")
            out.append(
                Decision(
                    r["id"],
                    date,
                    r["body"],
                    r["what"],
                    r["action"],
                    r["text"],
                    span_from_row(r),
                    r["element_id"],
                    bool(r["planned"]),
                )
            )
        return out

    def targets(self) -> list[NumericTarget]:
        return [
            NumericTarget(
                r["id"],
                r["subject"],
                self.quantity(r),
                self.period(r, "period"),
                r["text"],
                span_from_row(r),
                r["element_id"],
            )
            for r in self._sorted("numeric_targets")
        ]

    def budgets(self) -> list[Budget]:
        return [
            Budget(
                r["id"],
                r["subject"],
                self.quantity(r),
                self.period(r, "period"),
                r["kind"],
                r["text"],
                span_from_row(r),
                r["element_id"],
            )
            for r in self._sorted("budgets")
        ]

    def organisations(self) -> list[Organisation]:
        return [
            Organisation(r["id"], r["name"], r["text"], span_from_row(r), r["element_id"])
            for r in self._sorted("organisations")
        ]

    def extractions(self) -> Extractions:
        return Extractions(
            self.programmes(),
            self.decisions(),
            self.targets(),
            self.budgets(),
            self.organisations(),
        )


def _grouped(rows: list[Record], key: str, order: str) -> dict[Any, list[Record]]:
    """Rows grouped by one column, each group sorted by another."""
    groups: dict[Any, list[Record]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r[order]):
        groups[row[key]].append(row)
    return groups


class TreeIndex:
    """Indexes of one document's rows (whole or a few elements'), and a builder per type.

    ``Store.element``/``children`` use the value lookups on the rows of a few elements, so a
    value is read the same way there as in ``load_document``.
    """

    def __init__(self, rows: TableRows) -> None:
        self._children = _grouped(rows["elements"], "parent_id", "ordinal")
        self._ministries = _grouped(rows["element_ministries"], "element_id", "position")
        self._citations = _grouped(rows["footnote_citations"], "element_id", "position")
        self._cited_by = _grouped(rows.get("footnote_cited_by", []), "footnote_id", "position")
        self._quantities = {row["element_id"]: row for row in rows["quantities"]}
        self._periods = _grouped(rows["periods"], "element_id", "position")

    def children(self, parent: str | None, element_type: str) -> list[Record]:
        return [row for row in self._children.get(parent, []) if row["type"] == element_type]

    def ministries(self, element_id: str) -> list[MinistryRef]:
        return [ministry_from_row(row) for row in self._ministries.get(element_id, [])]

    def footnotes(self, element_id: str) -> list[int]:
        return [int(row["footnote_number"]) for row in self._citations.get(element_id, [])]

    def periods(self, element_id: str, role: str) -> list[Record]:
        return [row for row in self._periods.get(element_id, []) if row["role"] == role]

    def period(self, element_id: str, role: str = "period") -> Period | None:
        found = self.periods(element_id, role)
        return period_from_row(found[0]) if found else None

    def deadlines(self, element_id: str) -> list[Deadline]:
        return [deadline_from_row(row) for row in self.periods(element_id, "deadline")]

    def quantity(self, element_id: str) -> Quantity | None:
        row = self._quantities.get(element_id)
        if row is None:
            return None
        return quantity_from_row(row, self.period(element_id, "baseline"))

    # -- builders ---------------------------------------------------------------------------

    def chapter(self, row: Record) -> Chapter:
        cid = row["id"]
        return Chapter(
            id=cid,
            number=int(row["number"]),
            title=row["title"],
            span=span_from_row(row),
            goals=[self.goal(r) for r in self.children(cid, "goal")],
            indicators=[self.indicator(r) for r in self.children(cid, "indicator")],
            sections=[self.section(r) for r in self.children(cid, "section")],
        )

    def section(self, row: Record) -> Section:
        sid = row["id"]
        return Section(
            id=sid,
            number=int(row["number"]),
            title=row["title"],
            span=span_from_row(row),
            paragraphs=[self.paragraph(r) for r in self.children(sid, "paragraph")],
            goals=[self.goal(r) for r in self.children(sid, "goal")],
            targets=[self.target(r) for r in self.children(sid, "target")],
            indicators=[self.indicator(r) for r in self.children(sid, "indicator")],
            subsections=[self.subsection(r) for r in self.children(sid, "subsection")],
        )

    def subsection(self, row: Record) -> Subsection:
        return Subsection(
            id=row["id"],
            number=int(row["number"]),
            title=row["title"],
            span=span_from_row(row),
            initiatives=[self.initiative(r) for r in self.children(row["id"], "initiative")],
            paragraphs=[self.paragraph(r) for r in self.children(row["id"], "paragraph")],
        )

    def paragraph(self, row: Record) -> Paragraph:
        return Paragraph(
            id=row["id"],
            text=row["text"],
            span=span_from_row(row),
            footnotes=self.footnotes(row["id"]),
        )

    def goal(self, row: Record) -> Goal:
        return Goal(
            id=row["id"],
            level=load_attrs(row["attrs"])["level"],
            text=row["text"],
            span=span_from_row(row),
            footnotes=self.footnotes(row["id"]),
        )

    def target(self, row: Record) -> Target:
        attrs = load_attrs(row["attrs"])
        return Target(
            id=row["id"],
            text=row["text"],
            span=span_from_row(row),
            footnotes=self.footnotes(row["id"]),
            name=attrs["name"],
            value_text=attrs["value_text"],
            quantity=self.quantity(row["id"]),
            period=self.period(row["id"]),
        )

    def indicator(self, row: Record) -> Indicator:
        attrs = load_attrs(row["attrs"])
        return Indicator(
            id=row["id"],
            text=row["text"],
            span=span_from_row(row),
            footnotes=self.footnotes(row["id"]),
            name=attrs["name"],
            value_text=attrs["value_text"],
            observations=[self.observation(r) for r in self.children(row["id"], "observation")],
        )

    def observation(self, row: Record) -> Observation:
        return Observation(
            id=row["id"],
            text=row["text"],
            span=span_from_row(row),
            label=load_attrs(row["attrs"])["label"],
            quantity=self.quantity(row["id"]),
            period=self.period(row["id"]),
        )

    def initiative(self, row: Record) -> Initiative:
        iid = row["id"]
        return Initiative(
            id=iid,
            number=int(row["number"]),
            commitment=row["text"],
            span=span_from_row(row),
            ministries=self.ministries(iid),
            repeated=bool(load_attrs(row["attrs"])["repeated"]),
            footnotes=self.footnotes(iid),
            deadlines=self.deadlines(iid),
            status_items=[self.status_item(r) for r in self.children(iid, "status_item")],
            actions=[self.action(r) for r in self.children(iid, "action")],
        )

    def status_item(self, row: Record) -> StatusItem:
        return StatusItem(
            id=row["id"],
            text=row["text"],
            span=span_from_row(row),
            ministries=self.ministries(row["id"]),
            footnotes=self.footnotes(row["id"]),
            repeated=bool(load_attrs(row["attrs"])["repeated"]),
        )

    def action(self, row: Record) -> Action:
        return Action(
            id=row["id"],
            text=row["text"],
            span=span_from_row(row),
            ministries=self.ministries(row["id"]),
            footnotes=self.footnotes(row["id"]),
            deadlines=self.deadlines(row["id"]),
            repeated=bool(load_attrs(row["attrs"])["repeated"]),
        )

    def footnote(self, row: Record) -> Footnote:
        return Footnote(
            id=row["id"],
            number=int(row["number"]),
            text=row["text"],
            span=span_from_row(row),
            cited_by=[r["element_id"] for r in self._cited_by.get(row["id"], [])],
        )
