"""Indicators and targets: lists of one document's reference indicators and main targets, and
an indicator with its series across every stored edition."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from itertools import pairwise

from stiplan.analysis.points import names_match, units_compatible
from stiplan.analysis.progress import Assessment, Point, unit_of
from stiplan.analysis.series import join_series
from stiplan.model import Period
from stiplan.queries.base import (
    by_key,
    cited_footnotes,
    element_of_type,
    latest_document,
    place_labels,
    require_latest,
)
from stiplan.queries.memo import EditionMemo
from stiplan.store import DocumentRow, ElementRow, SourceLine, StoreInterface


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One observation of an indicator in some stored edition: a point of its series, with
    the place of the indicator in that edition (``2.(1)``: sections may be renumbered)."""

    document: DocumentRow
    indicator_id: str
    observation: ElementRow
    place: str = ""


@dataclass(frozen=True, slots=True)
class TargetLine:
    """A numeric main target (主要指標) measured by an indicator: the line its chart draws.

    ``value`` is the target in ``unit`` as the progress analysis computed it; for a relative
    target (``2018年度の約3倍``, ``relative``) that is the factor times the value of its
    baseline period, and ``baseline`` is the point that value came from. When no point gives
    the baseline, ``value`` is None and ``baseline_period`` names the period that is missing,
    so that the chart can say why it draws no line. ``unit`` is the unit compared
    (``円/トン``); a bare count (``100以上``) takes the unit of the data it is compared with.
    """

    target: ElementRow
    value: Decimal | None
    unit: str
    relative: bool
    baseline: Point | None
    baseline_period: Period | None


@dataclass(frozen=True, slots=True)
class IndicatorDetail:
    """An indicator page: its values, the same indicator in every stored edition, targets.

    ``series`` gathers the observations of indicators with the same name in all stored
    documents (each edition restates the latest values), without repeats, oldest period
    first. ``target_lines`` are the numeric targets of the same section linked to the
    indicator, as its chart draws them (value computed, relative targets resolved against
    their baseline): by name (as the progress analysis matches names) or because the analysis
    measures the target with this indicator's values. ``targets`` lists those and the
    section's other targets with the indicator's name (a target in words has no line).
    """

    document: DocumentRow
    indicator: ElementRow
    parent: ElementRow
    observations: list[ElementRow]
    series: list[SeriesPoint]
    targets: list[ElementRow]
    source: list[SourceLine]
    footnotes: list[ElementRow]
    target_lines: list[TargetLine]


def indicator(
    store: StoreInterface,
    indicator_id: str,
    document: str | None = None,
    memo: EditionMemo | None = None,
) -> IndicatorDetail:
    """One reference indicator with its series across editions and its target line.

    The series joins the values of same-named indicators in every stored document with the
    values matched to this indicator's observations edition by edition (``series``), so a
    renamed indicator keeps its history; ``memo`` keeps loaded editions and diffs.
    """
    row = element_of_type(store, indicator_id, "indicator", document)
    doc_id = row.document_id
    name = str(row.attrs.get("name", ""))
    siblings = store.children(row.parent_id or "", doc_id)
    observations = store.children(row.id, doc_id)
    memo = memo or EditionMemo()
    matched = _matched_points(store, row, observations, memo)
    targets = [t for t in siblings if t.type == "target" and t.quantity is not None]
    lines = _target_lines(row, observations, targets, memo.progress(store, doc_id).assessments)
    return IndicatorDetail(
        document=store.document(doc_id),
        indicator=row,
        parent=store.element(row.parent_id or "", doc_id),
        observations=observations,
        series=_series(store, name, row, matched),
        targets=_listed_targets(siblings, name, lines),
        source=store.source_lines(doc_id, row.span.first_line, row.span.last_line),
        footnotes=cited_footnotes(store, doc_id, [row]),
        target_lines=lines,
    )


def _listed_targets(
    siblings: list[ElementRow], name: str, lines: list[TargetLine]
) -> list[ElementRow]:
    """The section's targets named like the indicator (numeric or not) and those drawn on its
    chart, in document order."""
    drawn = {line.target.id for line in lines}
    return [
        t
        for t in siblings
        if t.type == "target" and (t.id in drawn or (name and t.attrs.get("name") == name))
    ]


def _target_lines(
    row: ElementRow,
    observations: list[ElementRow],
    targets: list[ElementRow],
    assessments: list[Assessment],
) -> list[TargetLine]:
    """The numeric ``targets`` (of the indicator's section) that measure this indicator: same
    name, or measured by the progress analysis with one of its ``observations``."""
    name = str(row.attrs.get("name", ""))
    own = {o.id for o in observations}
    units = [unit_of(o.quantity) for o in observations if o.quantity is not None]
    by_id = {t.id: t for t in targets}
    lines: list[TargetLine] = []
    for found in assessments:
        target = by_id.get(found.target_id)
        if target is None or target.quantity is None:
            continue
        if not (names_match(found.name, name) or any(p.source_id in own for p in found.series)):
            continue
        relative = target.quantity.unit == "倍"  # as the analysis reads it (``_resolve_relative``)
        unit = found.target_unit
        unit = next((u for u in units if units_compatible(unit, u)), unit)
        lines.append(
            TargetLine(
                target=target,
                value=found.target_value,
                unit=unit,
                relative=relative,
                baseline=found.baseline if relative else None,
                baseline_period=target.quantity.baseline if relative else None,
            )
        )
    return lines


def _series(
    store: StoreInterface, name: str, shown: ElementRow, matched: list[SeriesPoint]
) -> list[SeriesPoint]:
    """Observations of same-named indicators in every stored document and the ``matched``
    ones, each value once."""
    found = list(matched)
    for doc in store.documents() if name else []:
        for ind in store.elements("indicator", doc.id):
            if ind.attrs.get("name") != name:
                continue
            found += [SeriesPoint(doc, ind.id, obs) for obs in store.children(ind.id, doc.id)]
    points: dict[tuple[object, ...], SeriesPoint] = {}
    for point in found:
        obs = point.observation
        if obs.quantity is None:
            continue
        key = (
            obs.attrs.get("label", ""),
            obs.quantity.value,
            obs.quantity.unit,
            obs.period.start if obs.period else None,
            obs.period.end if obs.period else None,
        )
        # the shown document's own reading wins over another edition's restatement
        if key not in points or point.document.id == shown.document_id:
            points[key] = point
    return _placed(store, sorted(points.values(), key=_point_order))


def _placed(store: StoreInterface, points: list[SeriesPoint]) -> list[SeriesPoint]:
    """The points with the place of their indicator (its section, or its chapter), read once
    per edition. An indicator's id extends its section's (``…:c2.s1.ind3``)."""
    labels: dict[str, dict[str, str]] = {}
    placed = []
    for point in points:
        if point.document.id not in labels:
            labels[point.document.id] = place_labels(store, point.document.id)
        holder = point.indicator_id.rsplit(".", 1)[0]
        placed.append(replace(point, place=labels[point.document.id].get(holder, "")))
    return placed


def _matched_points(
    store: StoreInterface, row: ElementRow, observations: list[ElementRow], memo: EditionMemo
) -> list[SeriesPoint]:
    """Every edition's value matched to one of ``observations`` (``analysis.series``)."""
    part = memo.part_of(store, row.document_id)
    if part is None or len(part.editions) < 2 or not observations:
        return []
    ids = [e.document_id for e in part.editions]
    editions = [memo.document(store, i) for i in ids]
    diffs = [memo.diff(store, old, new) for old, new in pairwise(ids)]
    own = {o.id for o in observations}
    rows = {d.id: d for d in store.documents()}
    points: list[SeriesPoint] = []
    for series in join_series(editions, diffs):
        if not any(p.element_id in own for p in series.points):
            continue
        for p in series.points:
            obs = store.element(p.element_id, p.document_id)
            points.append(SeriesPoint(rows[p.document_id], obs.parent_id or "", obs))
    return points


def _point_order(point: SeriesPoint) -> tuple[str, str]:
    period = point.observation.period
    return (period.end.isoformat() if period else "9999", point.observation.id)


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator in a list: where it sits and its observations."""

    indicator: ElementRow
    place: str
    observations: list[ElementRow]


def indicators(
    store: StoreInterface, document: str | None = None, memo: EditionMemo | None = None
) -> list[IndicatorRow]:
    """Every reference indicator of one document with its values, in document order; a
    ``memo`` kept between calls (the web app's) keeps them per document."""
    doc = require_latest(store, document)
    return (memo or EditionMemo()).indicator_rows(doc.id, lambda: _indicator_rows(store, doc.id))


def _indicator_rows(store: StoreInterface, document_id: str) -> list[IndicatorRow]:
    """A document's indicators, each with its place and observations, read from the store."""
    places = place_labels(store, document_id)
    observations = by_key(store.elements("observation", document_id), lambda o: o.parent_id)
    return [
        IndicatorRow(ind, places.get(ind.parent_id or "", ""), observations.get(ind.id, []))
        for ind in store.elements("indicator", document_id)
    ]


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A main-indicator target in a list, with where it sits (``2.(1)``)."""

    target: ElementRow
    place: str


def targets(store: StoreInterface, document: str | None = None) -> list[TargetRow]:
    """Every main-indicator target of one document with its place, in document order."""
    doc = require_latest(store, document)
    places = place_labels(store, doc.id)
    return [
        TargetRow(t, places.get(t.parent_id or "", "")) for t in store.elements("target", doc.id)
    ]


@dataclass(frozen=True, slots=True)
class IndicatorsPage:
    """The indicators page: the reference indicators and main targets of the document shown
    (None: nothing stored), the progress of each target, and the documents it can show."""

    document: DocumentRow | None
    documents: list[DocumentRow]
    rows: list[IndicatorRow]
    targets: list[TargetRow]
    assessments: list[Assessment]


def indicators_page(
    store: StoreInterface, document: str | None = None, memo: EditionMemo | None = None
) -> IndicatorsPage:
    """Every reference indicator and main target of one document (latest by default) with
    the targets' progress (``memo`` keeps it between calls); empty when nothing is stored."""
    shown = latest_document(store, document)
    if shown is None:
        return IndicatorsPage(None, store.documents(), [], [], [])
    memo = memo or EditionMemo()
    found = memo.progress(store, shown.id)
    rows, goals = indicators(store, shown.id, memo), targets(store, shown.id)
    return IndicatorsPage(shown, store.documents(), rows, goals, found.assessments)
