"""The series that measures a target: values read from the section's indicators and footnotes.

A main target (主要指標) names what it measures; the values that measure it stand elsewhere in
the report: in a reference indicator of the same name, in a labelled value of an indicator, or
in the footnote the target cites. ``collect_points`` gathers them, with earlier editions' values
(``History``) where the series module matched them, as ``Point``s in time order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from stiplan.model import (
    Document,
    Footnote,
    Indicator,
    Observation,
    Period,
    Quantity,
    Section,
    Target,
)
from stiplan.normalize.markers import without_repeated_mark
from stiplan.normalize.text import clean
from stiplan.normalize.values import split_name_value, split_observations

_PLANNED = re.compile(r"目標|予定|見込|計画")  # a planned figure is not an observation
_UNIT_ALIASES = {"都府県": "都道府県", "道府県": "都道府県"}
_STATEMENT = re.compile(r"によれば、([^。]+)")
_COUNT_UNITS_EXCLUDED = frozenset({"%", "円", "倍", "位", "°C"})


@dataclass(frozen=True, slots=True)
class Point:
    """One value of the series measuring a target, with where it was read."""

    value: Decimal
    unit: str
    period: Period
    source_id: str
    text: str


def _norm(name: str) -> str:
    """Names compared without spacing, brackets' width or the （再掲） mark."""
    text, _ = without_repeated_mark(clean(name))
    return re.sub(r"[\s（）()]", "", text)


def names_match(a: str, b: str) -> bool:
    """Whether two names say the same measure: equal once normalised, or one containing the
    other when both have 4+ characters (also how a chart finds an indicator's targets)."""
    x, y = _norm(a), _norm(b)
    return bool(x and y) and (x == y or (min(len(x), len(y)) >= 4 and (x in y or y in x)))


def unit_of(q: Quantity) -> str:
    """The unit as compared: ``円/トン`` for a rate."""
    return f"{q.unit}/{q.per}" if q.per else q.unit


def _is_count(unit: str) -> bool:
    return unit not in _COUNT_UNITS_EXCLUDED and "/" not in unit


def units_compatible(target_unit: str, point_unit: str) -> bool:
    """Same unit, or a bare count (``100以上``, ``33``) against a counted unit (``139自治体``)."""
    a, b = _UNIT_ALIASES.get(target_unit, target_unit), _UNIT_ALIASES.get(point_unit, point_unit)
    if a == b:
        return True
    return (not a and _is_count(b)) or (not b and _is_count(a))


History = Mapping[str, Sequence[Point]]
"""Earlier editions' points of an observation, by the observation's id in this edition."""


def _with_history(o: Observation, history: History) -> list[Point]:
    """An observation's own point and the points earlier editions gave for it."""
    own = (
        [Point(o.quantity.value, unit_of(o.quantity), o.period, o.id, o.text)]
        if o.quantity is not None and o.period is not None
        else []
    )
    return [*history.get(o.id, ()), *own]


def _indicator_points(indicator: Indicator, history: History) -> list[Point]:
    """Observations of one indicator usable as one series: unlabelled or all one label."""
    labels = {o.label for o in indicator.observations}
    if len(labels) > 1:
        return []
    return [p for o in indicator.observations for p in _with_history(o, history)]


def _labelled_points(indicator: Indicator, target_name: str, history: History) -> list[Point]:
    """Values inside another indicator whose own label names the target
    (``うち民間企業からの共同研究受入額 1,110億円``)."""
    return [
        p
        for o in indicator.observations
        if names_match(o.label.removeprefix("うち"), target_name)
        for p in _with_history(o, history)
    ]


def _footnote_points(footnote: Footnote, target_name: str) -> list[Point]:
    """Data in a footnote: ``…によれば、139自治体（令和6年度末）``, ``名前：約40兆円（…）``."""
    points: list[Point] = []
    text = clean(footnote.text.replace("\n", ""))
    statements = _STATEMENT.findall(text)
    for statement in statements:
        # With several statements a labelled value (``大学等は…``) is a part, not the total.
        points.extend(_single_value(statement, footnote.id, labels_ok=len(statements) == 1))
    for sentence in re.split(r"[。\n]", text):
        name, value = split_name_value(sentence)
        if value and names_match(name, target_name):
            points.extend(_single_value(value, footnote.id, labels_ok=True))
    return points


def _single_value(text: str, source_id: str, labels_ok: bool = False) -> list[Point]:
    """A statement that gives exactly one dated value; several values (parts of a total) are
    ambiguous and a planned figure (``令和7年度目標``) is not data."""
    readings = split_observations(text)
    if len(readings) != 1:
        return []
    (reading,) = readings
    if reading.quantity is None or reading.period is None or _PLANNED.search(reading.text):
        return []
    if reading.label and not labels_ok:
        return []
    q = reading.quantity
    return [Point(q.value, unit_of(q), reading.period, source_id, reading.text)]


def collect_points(
    document: Document, section: Section, target: Target, history: History | None = None
) -> list[Point]:
    """Every value that measures ``target``: same-named indicators (with their values in
    earlier editions, from ``history``) and its footnotes' data."""
    points: list[Point] = []
    past = history or {}
    for indicator in section.indicators:
        if names_match(indicator.name, target.name):
            points.extend(_indicator_points(indicator, past))
        else:
            points.extend(_labelled_points(indicator, target.name, past))
    footnotes = {f.number: f for f in document.footnotes}
    for number in target.footnotes:
        if number in footnotes:
            points.extend(_footnote_points(footnotes[number], target.name))
    unique = {(p.value, p.unit, p.period.start, p.period.end): p for p in points}
    return sorted(unique.values(), key=lambda p: (p.period.end, p.period.start))
