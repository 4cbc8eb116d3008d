"""The edition diff as JSON: format ``stiplan-diff/2`` (layout and example in docs/editions.md).

Consumers of a diff (a spreadsheet of value changes, the dashboard, another system) need the
numbers as numbers, not the report's prose, and need to reach the source lines of both sides.
So every element is written as a *ref* (id, place, text and its source span: document id,
element id, lines and whatever else ``Span`` holds), every value of an observation or a target
as typed data (the text as written, its label, the ``Quantity`` and the ``Period``), and every
flat difference carries the labels a person looks for (chapter, section, subsection, indicator,
observation, target). Quantities, periods and spans are written by ``json_export.plain_data``,
the rule the document export uses: an exact ``Decimal`` becomes a string, dates ISO strings.

The ``TypedDict``s below are the shape; the API publishes them as its OpenAPI schema and the
tests validate real output against them. Nothing here imports pydantic (start-up stays light).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, NotRequired, cast

# pydantic (the API's OpenAPI schema, the tests) reads TypedDicts from typing_extensions on
# Python < 3.12.
from typing_extensions import TypedDict

from stiplan.exports.diff_labels import DiffWords
from stiplan.exports.json_export import _plain, plain_data
from stiplan.model import Span
from stiplan.queries import (
    ChapterDiff,
    Difference,
    EditionDiff,
    IndicatorDiff,
    ObservationDiff,
    Pair,
    Ref,
    SectionDiff,
    TargetDiff,
    Value,
    diff_places,
    differences,
    matches,
    place_of,
)

FORMAT = "stiplan-diff/2"
DIFF_VERSION = 2


# --- the shape -------------------------------------------------------------------------------


class PeriodJson(TypedDict):
    """``model.Period``: inclusive ISO days, how it was written (``kind``) and the text."""

    start: str
    end: str
    kind: str
    text: str


class QuantityJson(TypedDict):
    """``model.Quantity``: ``value`` in base units as an exact decimal string (multipliers
    folded in: ``1兆500億円`` → ``"1050000000000"``, ``scale`` 12 remembers 兆)."""

    value: str
    unit: str
    text: str
    qualifier: str | None
    scale: int
    provisional: bool
    of: str | None
    per: str | None
    baseline: PeriodJson | None


class SpanJson(TypedDict):
    """Where an element was read: its document, its id and its lines (and page, for PDFs)."""

    document_id: str
    element_id: str
    first_line: int
    last_line: int
    page: NotRequired[int | None]


class ValueJson(TypedDict):
    """An observation's or a target's value: as written, its label, read, and for people."""

    text: str
    label: str
    quantity: QuantityJson | None
    period: PeriodJson | None
    display: str


class RefJson(TypedDict):
    """One side of a pair: element id, place (``2.(1) ind4 o1``), text and source span."""

    id: str
    where: str
    text: str
    span: SpanJson


class SideJson(RefJson):
    """A side of a flat difference: the ref, with its value when the element has one."""

    value: ValueJson | None


class SegmentJson(TypedDict):
    op: str
    text: str


class LabelJson(TypedDict):
    """Where a difference is, as the reports and the dashboard say it, in each language
    (``2.(1) 挑戦的で… — 指標「…」 観測値1``; docs/editions.md, Outputs)."""

    ja: str
    en: str


class DifferenceJson(TypedDict):
    """One difference, flat. ``labels`` name where it is (new side, else old) and ``label``
    says it in words; ``changed`` lists what differs between the two values of a value pair
    (``value``, ``period``, ``label``), empty elsewhere."""

    code: str
    where: str
    labels: dict[str, str]
    label: LabelJson
    old: SideJson | None
    new: SideJson | None
    changed: list[str]
    detail: str
    segments: list[SegmentJson]


class EditionJson(TypedDict):
    document_id: str
    source_name: str
    title: str
    edition: str
    data_until: str | None
    sections: list[str]


class ScoreJson(TypedDict):
    value: float
    method: str
    text: float
    old_key: str
    new_key: str
    components: dict[str, float]


class MatchJson(TypedDict):
    kind: str
    old: RefJson
    new: RefJson
    score: ScoreJson


class DiffJson(TypedDict):
    """The whole diff: header, flat differences, matches and the tree (as the model has it)."""

    format: str
    diff_version: int
    old: EditionJson
    new: EditionJson
    same_part: bool
    summary: dict[str, int]
    differences: list[DifferenceJson]
    matches: list[MatchJson]
    chapters: list[dict[str, Any]]
    footnotes: list[dict[str, Any]]


# --- one writer for every model value ----------------------------------------------------------


def span_json(span: Span, document_id: str, element_id: str) -> SpanJson:
    """A source span: the document and element it belongs to and every field ``Span`` has."""
    where = {"document_id": document_id, "element_id": element_id}
    return cast(SpanJson, {**where, **plain_data(span)})


def value_json(value: Value) -> ValueJson:
    """A value as typed data (``Quantity`` and ``Period`` as the JSON export writes them)."""
    return {
        "text": value.text,
        "label": value.label,
        "quantity": cast(QuantityJson, plain_data(value.quantity)) if value.quantity else None,
        "period": cast(PeriodJson, plain_data(value.period)) if value.period else None,
        "display": value.describe(),
    }


def ref_json(ref: Ref, document_id: str) -> RefJson:
    """A ref of the edition ``document_id``."""
    return {
        "id": ref.id,
        "where": ref.where,
        "text": ref.text,
        "span": span_json(ref.span, document_id, ref.id),
    }


# --- labels and values of every pair ---------------------------------------------------------

Labels = dict[str, str]
_SIDES = ("old", "new")


@dataclass(frozen=True, slots=True)
class _Entry:
    """What the flat list needs of a pair of the tree: labels per side, values, what changed."""

    labels: tuple[Labels, Labels]
    values: tuple[Value | None, Value | None] = (None, None)
    changed: tuple[str, ...] = ()


def _key(old: Ref | None, new: Ref | None) -> tuple[str | None, str | None]:
    return (old.id if old else None, new.id if new else None)


def _with(base: tuple[Labels, Labels], name: str, texts: tuple[str, str]) -> tuple[Labels, Labels]:
    """Both sides' labels with one more, where that side has it."""
    return (
        {**base[0], name: texts[0]} if texts[0] else base[0],
        {**base[1], name: texts[1]} if texts[1] else base[1],
    )


def _heading(pair: Pair) -> tuple[str, str]:
    """``2.(1) 挑戦的で…``: a heading's place and title, per side."""
    old, new = pair.old, pair.new
    return (f"{old.where} {old.text}" if old else "", f"{new.where} {new.text}" if new else "")


def _texts(pair: Pair) -> tuple[str, str]:
    return (pair.old.text if pair.old else "", pair.new.text if pair.new else "")


def _aspects(node: ObservationDiff | TargetDiff) -> tuple[str, ...]:
    flags = [("value", node.value_changed), ("period", node.period_changed)]
    if isinstance(node, ObservationDiff):
        flags.append(("label", node.relabelled))
    return tuple(name for name, on in flags if on)


class _Index:
    """Labels and values of every pair in the tree, by the ids of its two sides."""

    def __init__(self, diff: EditionDiff) -> None:
        self.entries: dict[tuple[str | None, str | None], _Entry] = {}
        for chapter in diff.chapters:
            self.chapter(chapter)

    def add(self, pair: Pair, labels: tuple[Labels, Labels], **extra: Any) -> None:
        self.entries[_key(pair.old, pair.new)] = _Entry(labels, **extra)

    def chapter(self, chapter: ChapterDiff) -> None:
        labels = _with(({}, {}), "chapter", _heading(chapter.pair))
        self.add(chapter.pair, labels)
        for goal in chapter.goals:
            self.add(goal.pair, labels)
        for indicator in chapter.indicators:
            self.indicator(indicator, labels)
        for section in chapter.sections:
            self.section(section, labels)

    def section(self, section: SectionDiff, base: tuple[Labels, Labels]) -> None:
        labels = _with(base, "section", _heading(section.pair))
        self.add(section.pair, labels)
        for item in section.paragraphs + section.goals:
            self.add(item.pair, labels)
        for target in section.targets:
            named = _with(labels, "target", _texts(target.pair))
            self.add(target.pair, named, values=(target.old, target.new), changed=_aspects(target))
        for indicator in section.indicators:
            self.indicator(indicator, labels)
        for subsection in section.subsections:
            inner = _with(labels, "subsection", _heading(subsection.pair))
            self.add(subsection.pair, inner)
            for paragraph in subsection.paragraphs:
                self.add(paragraph.pair, inner)
            for initiative in subsection.initiatives:
                self.add(initiative.pair, inner)
                for item in initiative.status_items + initiative.actions:
                    self.add(item.pair, inner)

    def indicator(self, indicator: IndicatorDiff, base: tuple[Labels, Labels]) -> None:
        labels = _with(base, "indicator", _texts(indicator.pair))
        self.add(indicator.pair, labels)
        for o in indicator.observations:
            label = (o.old.label if o.old else "", o.new.label if o.new else "")
            both = o.pair.old is not None and o.pair.new is not None
            self.add(
                o.pair,
                _with(labels, "observation", label),
                values=(o.old, o.new),
                changed=_aspects(o) if both else (),
            )


# --- the document --------------------------------------------------------------------------


class _Writer:
    """Writes one diff: refs with the document id of their side, values typed."""

    def __init__(self, diff: EditionDiff) -> None:
        self.diff = diff
        self.ids = {"old": diff.old.document_id, "new": diff.new.document_id}
        self.index = _Index(diff)
        self.places = diff_places(diff)
        self.words = (DiffWords("ja"), DiffWords("en"))

    def label(self, d: Difference) -> LabelJson:
        place = place_of(self.places, d)
        ja, en = (w.place(place, d.where) for w in self.words)
        return {"ja": ja, "en": en}

    def side(self, ref: Ref | None, side: int, entry: _Entry | None) -> SideJson | None:
        if ref is None:
            return None
        value = entry.values[side] if entry else None
        base = ref_json(ref, self.ids[_SIDES[side]])
        return {**base, "value": value_json(value) if value else None}

    def difference(self, d: Difference) -> DifferenceJson:
        entry = self.index.entries.get(_key(d.old, d.new))
        labels = (entry.labels[1] if d.new else entry.labels[0]) if entry else {}
        return {
            "code": d.code,
            "where": d.where,
            "labels": labels,
            "label": self.label(d),
            "old": self.side(d.old, 0, entry),
            "new": self.side(d.new, 1, entry),
            "changed": list(entry.changed) if entry else [],
            "detail": d.detail,
            "segments": [{"op": s.op.value, "text": s.text} for s in d.segments],
        }

    def data(self, value: Any, side: str = "old") -> Any:
        """The tree as the model has it, refs and values written as above."""
        if isinstance(value, Ref):
            return ref_json(value, self.ids[side])
        if isinstance(value, Value):
            return value_json(value)
        if is_dataclass(value) and not isinstance(value, type):
            return {
                f.name: self.data(getattr(value, f.name), f.name if f.name in self.ids else side)
                for f in fields(value)
            }
        if isinstance(value, list | tuple):
            return [self.data(item, side) for item in value]
        return _plain(value)


def _rounded(value: Any) -> Any:
    """Scores to four decimals (enough to check them, short enough to read); a score's
    components as an object."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        if "components" in value and "method" in value:
            value = {**value, "components": dict(value["components"])}
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _summary(found: list[Difference]) -> dict[str, int]:
    return dict(Counter(d.code for d in found))


def diff_json(diff: EditionDiff) -> DiffJson:
    """The diff as JSON-ready data in the ``stiplan-diff/2`` shape."""
    writer = _Writer(diff)
    found = differences(diff)
    data: DiffJson = {
        "format": FORMAT,
        "diff_version": DIFF_VERSION,
        "old": writer.data(diff.old),
        "new": writer.data(diff.new),
        "same_part": diff.same_part,
        "summary": _summary(found),
        "differences": [writer.difference(d) for d in found],
        "matches": [writer.data(m) for m in matches(diff)],
        "chapters": [writer.data(c) for c in diff.chapters],
        "footnotes": [writer.data(f) for f in diff.footnotes],
    }
    return cast(DiffJson, _rounded(data))
