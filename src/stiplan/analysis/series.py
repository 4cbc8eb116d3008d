"""Series: the values of one indicator across the editions of a report part.

Each edition restates every reference indicator (参考指標) with fresh values. Once consecutive
editions are matched (``stiplan.analysis.editions.compare``), an observation and its partner in
the next edition are the same measure, so following the partners from the oldest edition to
the newest gives a series: one point per edition, each with its source element, edition and
as-of period, from which progress (and trend lines) can be computed and checked. An edition
that restates an old value with an old as-of period gives a point with that period again; a
reader of the series decides whether to count it once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from stiplan.analysis.editions import EditionDiff, compare, matches
from stiplan.model import Document, Indicator, Observation, Period, Quantity


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One value of a series, traceable to its element in its edition."""

    document_id: str
    edition: str
    element_id: str
    text: str
    quantity: Quantity | None
    period: Period | None


@dataclass(frozen=True, slots=True)
class Series:
    """One measure across editions: indicator name and label as the newest edition writes them."""

    indicator: str
    label: str
    unit: str
    points: tuple[SeriesPoint, ...]


@dataclass(frozen=True, slots=True)
class _Located:
    document: Document
    indicator: Indicator
    observation: Observation


def _observations(document: Document) -> list[_Located]:
    found = []
    for chapter in document.chapters:
        for indicator in [
            *chapter.indicators,
            *(i for s in chapter.sections for i in s.indicators),
        ]:
            found += [_Located(document, indicator, o) for o in indicator.observations]
    return found


def join_series(
    editions: Sequence[Document], diffs: Sequence[EditionDiff] | None = None
) -> list[Series]:
    """Series of every observation across ``editions`` (oldest first; see the module docstring).

    Consecutive editions are compared (or ``diffs``, their comparisons already made, are used:
    one per consecutive pair, in order); an observation without a partner in the edition before
    it starts a new series.
    """
    located = {x.observation.id: x for d in editions for x in _observations(d)}
    if diffs is None:
        diffs = [compare(old, new) for old, new in pairwise(editions)]
    if len(diffs) != max(0, len(editions) - 1):
        raise ValueError("join_series needs one diff per pair of consecutive editions")
    following: dict[str, str] = {}
    for diff in diffs:
        for m in matches(diff):
            if m.kind == "observation":
                following[m.old.id] = m.new.id
    continued = set(following.values())
    series = []
    for document in editions:
        for start in _observations(document):
            if start.observation.id in continued:
                continue
            chain = [start]
            while (next_id := following.get(chain[-1].observation.id)) is not None:
                chain.append(located[next_id])
            series.append(_series(chain))
    return series


def _series(chain: list[_Located]) -> Series:
    newest = chain[-1]
    quantity = newest.observation.quantity
    points = tuple(
        SeriesPoint(
            x.document.id,
            x.document.edition,
            x.observation.id,
            x.observation.text,
            x.observation.quantity,
            x.observation.period,
        )
        for x in chain
    )
    return Series(
        newest.indicator.name or newest.indicator.text,
        newest.observation.label,
        quantity.unit if quantity else "",
        points,
    )
