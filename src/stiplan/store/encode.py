"""Document → table rows: a pure function, so the mapping can be tested without a database.

Every node of the tree becomes one ``elements`` row; what only some types have goes to side
tables (ministries, footnote citations, quantities, periods) or, for small scalar extras, to
the JSON ``attrs`` column. ``ordinal`` is the position of an element among all children of its
parent in the order the model lists them, which is also the order ``decode`` restores.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from stiplan.model import (
    Action,
    Block,
    Budget,
    Chapter,
    Deadline,
    Decision,
    Document,
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
    Programme,
    Quantity,
    Section,
    Slide,
    Span,
    StatusItem,
    Subsection,
    Target,
)
from stiplan.store.tables import COLUMNS, TableRows


def encode_document(document: Document, ingested_at: str) -> TableRows:
    """All rows that store ``document``, by table."""
    return _Encoder(document.id).document(document, ingested_at)


# json.dumps with any option builds a new encoder for every call; every element has attrs.
_ATTRS_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def dump_attrs(attrs: dict[str, Any]) -> str:
    """The ``attrs`` JSON text: sorted keys and real characters, so it is stable and readable."""
    return _ATTRS_ENCODER.encode(attrs)


class _Encoder:
    """Collects rows while walking one document; keeps the ordinal counter per parent."""

    def __init__(self, document_id: str) -> None:
        self.document_id = document_id
        self.rows: TableRows = {table: [] for table in COLUMNS}
        self._ordinals: Counter[str | None] = Counter()

    def document(self, document: Document, ingested_at: str) -> TableRows:
        self._add(
            "documents",
            id=document.id,
            kind=document.kind.value,
            source_name=document.source_name,
            content_hash=document.content_hash,
            title=document.title,
            edition=document.edition,
            ingested_at=ingested_at,
            line_count=len(document.lines),
            plan=document.plan,
        )
        for line_no, text in enumerate(document.lines, start=1):
            self._add("source_lines", document_id=self.document_id, line_no=line_no, text=text)
        for chapter in document.chapters:
            self.chapter(chapter)
        for footnote in document.footnotes:
            self.footnote(footnote)
        for position, warning in enumerate(document.warnings):
            self._add(
                "warnings",
                document_id=self.document_id,
                position=position,
                code=warning.code,
                message=warning.message,
                line=warning.line,
            )
        for ordinal, slide in enumerate(document.slides):
            self.slide(slide, ordinal)
        self.extractions(document.extractions)
        return self.rows

    # -- slides and mentions --------------------------------------------------------------------

    def slide(self, slide: Slide, ordinal: int) -> None:
        self._add(
            "slides",
            document_id=self.document_id,
            id=slide.id,
            ordinal=ordinal,
            number=slide.number,
            title=slide.title,
            **span_columns(slide.span),
        )
        for position, block in enumerate(slide.blocks):
            self.block(block, slide.id, position)

    def block(self, block: Block, slide_id: str, ordinal: int) -> None:
        self._add(
            "slide_blocks",
            document_id=self.document_id,
            id=block.id,
            slide_id=slide_id,
            ordinal=ordinal,
            kind=block.kind.value,
            level=block.level,
            text=block.text,
            **span_columns(block.span),
            cells=json.dumps(block.cells, ensure_ascii=False),
            bold=json.dumps(block.bold, ensure_ascii=False),
            repaired=block.repaired,
            garbled=block.garbled,
        )

    def extractions(self, found: Extractions) -> None:
        for ordinal, p in enumerate(found.programmes):
            self.mention("programmes", p, ordinal, name=p.name, kind=p.kind.value, text=p.text)
        for ordinal, d in enumerate(found.decisions):
            self.mention(
                "decisions",
                d,
                ordinal,
                body=d.body,
                what=d.what,
                action=d.action,
                planned=d.planned,
                text=d.text,
            )
            self.mention_period(d.id, "date", d.date)
        for ordinal, t in enumerate(found.targets):
            self.mention("numeric_targets", t, ordinal, subject=t.subject, text=t.text)
            self.mention_quantity(t.id, t.quantity)
            self.mention_period(t.id, "period", t.period)
        for ordinal, b in enumerate(found.budgets):
            self.mention("budgets", b, ordinal, subject=b.subject, kind=b.kind, text=b.text)
            self.mention_quantity(b.id, b.amount)
            self.mention_period(b.id, "period", b.period)
        for ordinal, o in enumerate(found.organisations):
            self.mention("organisations", o, ordinal, name=o.name, text=o.text)

    def mention(
        self,
        table: str,
        item: Programme | Decision | NumericTarget | Budget | Organisation,
        ordinal: int,
        **values: Any,
    ) -> None:
        self._add(
            table,
            document_id=self.document_id,
            id=item.id,
            ordinal=ordinal,
            element_id=item.element_id,
            first_line=item.span.first_line,
            last_line=item.span.last_line,
            **values,
        )

    def mention_quantity(self, mention_id: str, quantity: Quantity) -> None:
        self._add(
            "mention_quantities",
            document_id=self.document_id,
            mention_id=mention_id,
            **_quantity_values(quantity),
        )
        self.mention_period(mention_id, "baseline", quantity.baseline)

    def mention_period(self, mention_id: str, role: str, period: Period | None) -> None:
        if period is None:
            return
        self._add(
            "mention_periods",
            document_id=self.document_id,
            mention_id=mention_id,
            role=role,
            **_period_values(period),
        )

    # -- tree ---------------------------------------------------------------------------------

    def chapter(self, chapter: Chapter) -> None:
        self.element(
            chapter.id, None, "chapter", chapter.span, number=chapter.number, title=chapter.title
        )
        for goal in chapter.goals:
            self.goal(goal, chapter.id)
        for indicator in chapter.indicators:
            self.indicator(indicator, chapter.id)
        for section in chapter.sections:
            self.section(section, chapter.id)

    def section(self, section: Section, parent: str) -> None:
        self.element(
            section.id, parent, "section", section.span, number=section.number, title=section.title
        )
        for paragraph in section.paragraphs:
            self.paragraph(paragraph, section.id)
        for goal in section.goals:
            self.goal(goal, section.id)
        for target in section.targets:
            self.target(target, section.id)
        for indicator in section.indicators:
            self.indicator(indicator, section.id)
        for subsection in section.subsections:
            self.subsection(subsection, section.id)

    def subsection(self, subsection: Subsection, parent: str) -> None:
        self.element(
            subsection.id,
            parent,
            "subsection",
            subsection.span,
            number=subsection.number,
            title=subsection.title,
        )
        for paragraph in subsection.paragraphs:
            self.paragraph(paragraph, subsection.id)
        for initiative in subsection.initiatives:
            self.initiative(initiative, subsection.id)

    def paragraph(self, paragraph: Paragraph, parent: str) -> None:
        self.element(paragraph.id, parent, "paragraph", paragraph.span, text=paragraph.text)
        self.footnote_refs(paragraph.id, paragraph.footnotes)

    def goal(self, goal: Goal, parent: str) -> None:
        self.element(
            goal.id, parent, "goal", goal.span, text=goal.text, attrs={"level": goal.level}
        )
        self.footnote_refs(goal.id, goal.footnotes)

    def target(self, target: Target, parent: str) -> None:
        attrs = {"name": target.name, "value_text": target.value_text}
        self.element(target.id, parent, "target", target.span, text=target.text, attrs=attrs)
        self.footnote_refs(target.id, target.footnotes)
        self.quantity(target.id, target.quantity)
        self.period(target.id, "period", 0, target.period)

    def indicator(self, indicator: Indicator, parent: str) -> None:
        attrs = {"name": indicator.name, "value_text": indicator.value_text}
        self.element(
            indicator.id, parent, "indicator", indicator.span, text=indicator.text, attrs=attrs
        )
        self.footnote_refs(indicator.id, indicator.footnotes)
        for observation in indicator.observations:
            self.observation(observation, indicator.id)

    def observation(self, observation: Observation, parent: str) -> None:
        self.element(
            observation.id,
            parent,
            "observation",
            observation.span,
            text=observation.text,
            attrs={"label": observation.label},
        )
        self.quantity(observation.id, observation.quantity)
        self.period(observation.id, "period", 0, observation.period)

    def initiative(self, initiative: Initiative, parent: str) -> None:
        self.element(
            initiative.id,
            parent,
            "initiative",
            initiative.span,
            number=initiative.number,
            text=initiative.commitment,
            attrs={"repeated": initiative.repeated},
        )
        self.ministries(initiative.id, initiative.ministries)
        self.footnote_refs(initiative.id, initiative.footnotes)
        self.deadlines(initiative.id, initiative.deadlines)
        for item in initiative.status_items:
            self.status_item(item, initiative.id)
        for action in initiative.actions:
            self.action(action, initiative.id)

    def status_item(self, item: StatusItem, parent: str) -> None:
        self.element(
            item.id,
            parent,
            "status_item",
            item.span,
            text=item.text,
            attrs={"repeated": item.repeated},
        )
        self.ministries(item.id, item.ministries)
        self.footnote_refs(item.id, item.footnotes)

    def action(self, action: Action, parent: str) -> None:
        self.element(
            action.id,
            parent,
            "action",
            action.span,
            text=action.text,
            attrs={"repeated": action.repeated},
        )
        self.ministries(action.id, action.ministries)
        self.footnote_refs(action.id, action.footnotes)
        self.deadlines(action.id, action.deadlines)

    def footnote(self, footnote: Footnote) -> None:
        self.element(
            footnote.id, None, "footnote", footnote.span, number=footnote.number, text=footnote.text
        )
        for position, element_id in enumerate(footnote.cited_by):
            self._add(
                "footnote_cited_by",
                document_id=self.document_id,
                footnote_id=footnote.id,
                position=position,
                element_id=element_id,
            )

    # -- rows -----------------------------------------------------------------------------------

    def element(
        self,
        element_id: str,
        parent: str | None,
        element_type: str,
        span: Span,
        *,
        number: int | None = None,
        title: str | None = None,
        text: str | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> None:
        ordinal = self._ordinals[parent]
        self._ordinals[parent] += 1
        self._add(
            "elements",
            document_id=self.document_id,
            id=element_id,
            parent_id=parent,
            type=element_type,
            ordinal=ordinal,
            number=number,
            title=title,
            text=text,
            attrs=dump_attrs(attrs or {}),
            **span_columns(span),
        )

    def ministries(self, element_id: str, refs: Sequence[MinistryRef]) -> None:
        for position, ref in enumerate(refs):
            self._add(
                "element_ministries",
                document_id=self.document_id,
                element_id=element_id,
                position=position,
                code=ref.code,
                lead=ref.lead,
                raw=ref.raw,
            )

    def footnote_refs(self, element_id: str, numbers: Sequence[int]) -> None:
        for position, number in enumerate(numbers):
            self._add(
                "footnote_citations",
                document_id=self.document_id,
                element_id=element_id,
                position=position,
                footnote_number=number,
            )

    def quantity(self, element_id: str, quantity: Quantity | None) -> None:
        if quantity is None:
            return
        self._add(
            "quantities",
            document_id=self.document_id,
            element_id=element_id,
            **_quantity_values(quantity),
        )
        self.period(element_id, "baseline", 0, quantity.baseline)

    def deadlines(self, element_id: str, deadlines: Sequence[Deadline]) -> None:
        for position, deadline in enumerate(deadlines):
            self.period(element_id, "deadline", position, deadline.period, deadline)

    def period(
        self,
        element_id: str,
        role: str,
        position: int,
        period: Period | None,
        deadline: Deadline | None = None,
    ) -> None:
        if period is None:
            return
        self._add(
            "periods",
            document_id=self.document_id,
            element_id=element_id,
            role=role,
            position=position,
            **_period_values(period),
            deadline_kind=None if deadline is None else deadline.kind.value,
            deadline_text=None if deadline is None else deadline.text,
        )

    def _add(self, table: str, **values: Any) -> None:
        self.rows[table].append(values)


def _quantity_values(quantity: Quantity) -> dict[str, Any]:
    """The columns of a quantity row (decimals as text, to stay exact)."""
    return {
        "value": str(quantity.value),
        "unit": quantity.unit,
        "text": quantity.text,
        "qualifier": None if quantity.qualifier is None else quantity.qualifier.value,
        "scale": quantity.scale,
        "provisional": quantity.provisional,
        "of_value": None if quantity.of is None else str(quantity.of),
        "per": quantity.per,
        "derived": quantity.derived,
    }


def _period_values(period: Period) -> dict[str, Any]:
    """The columns of a period row."""
    return {
        "start_date": period.start.isoformat(),
        "end_date": period.end.isoformat(),
        "kind": period.kind.value,
        "text": period.text,
    }


def span_columns(span: Span) -> dict[str, Any]:
    """A span as columns: its lines, and for a PDF's element its page and box (JSON)."""
    return {
        "first_line": span.first_line,
        "last_line": span.last_line,
        "page": span.page,
        "box": json.dumps(list(span.box)) if span.box is not None else None,
    }
