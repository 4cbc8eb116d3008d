"""Line charts of an indicator's series as plain geometry, drawn by a template as inline SVG.

Pure: observations (``queries.SeriesPoint``) and targets in, coordinates and tick labels out.
Points are placed at the middle of their as-of period (``2022年`` in mid-2022, between the year
ticks of 2022 and 2023; ``令和6年3月末`` on that day); values of different units never share an
axis (one chart per unit). The value axis spans the values and targets with a margin, not
from zero, so that a change of a few per cent stays visible; its ticks are labelled. A target
of the same unit is a dashed horizontal line at its value, with a mark in its target period.
No script, no CDN: the SVG is part of the page, and every plotted value is also in a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from stiplan.model import Period
from stiplan.queries import ElementRow, SeriesPoint

SCALE_WORDS = {4: "万", 8: "億", 12: "兆"}
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 20, 44
SERIES_CLASSES = 6  # .series-0 … .series-5 in the style sheet


@dataclass(frozen=True, slots=True)
class PlotPoint:
    """One observation on the chart, with what its tooltip and table say."""

    x: float
    y: float
    value_text: str
    period_text: str
    document_id: str
    observation_id: str
    first_line: int
    provisional: bool


@dataclass(frozen=True, slots=True)
class PlotSeries:
    """The points of one label (``男性``…) in time order."""

    label: str
    index: int
    points: tuple[PlotPoint, ...]

    @property
    def polyline(self) -> str:
        """The ``points`` attribute of an SVG polyline."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True, slots=True)
class TargetMark:
    """A target drawn as a dashed line at ``y`` and, if it has a period, a mark at ``x``."""

    y: float
    x: float | None
    text: str
    target_id: str


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: a unit, its series, its targets and its axes."""

    unit: str
    series: tuple[PlotSeries, ...]
    targets: tuple[TargetMark, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    top: int = TOP
    bottom: int = HEIGHT - BOTTOM


def build_charts(points: Sequence[SeriesPoint], targets: Sequence[ElementRow]) -> list[Chart]:
    """One chart per unit among the points that have a value and an as-of period."""
    by_unit: dict[str, list[SeriesPoint]] = {}
    for point in points:
        obs = point.observation
        if obs.quantity is not None and obs.period is not None:
            by_unit.setdefault(obs.quantity.unit, []).append(point)
    return [
        _chart(unit, group, [t for t in targets if t.quantity and t.quantity.unit == unit])
        for unit, group in by_unit.items()
    ]


def _chart(unit: str, points: list[SeriesPoint], targets: list[ElementRow]) -> Chart:
    scale = max(p.observation.quantity.scale for p in points if p.observation.quantity)
    divisor = 10.0**scale
    values = [_value(p.observation) / divisor for p in points]
    goal_values = [float(t.quantity.value) / divisor for t in targets if t.quantity]
    days = [_middle(p.observation.period) for p in points if p.observation.period]
    days += [_middle(t.period) for t in targets if t.period is not None]
    ticks = nice_ticks(*_padded(min([*values, *goal_values]), max([*values, *goal_values])))
    y_of = _scale(ticks[0], ticks[-1], HEIGHT - BOTTOM, TOP)
    first, last = min(days).toordinal() - 30, max(days).toordinal() + 30
    if first == last:
        first, last = first - 365, last + 365
    x_of = _scale(first, last, LEFT + 16, WIDTH - RIGHT - 16)
    return Chart(
        unit=f"{SCALE_WORDS.get(scale, '')}{unit}",
        series=_series(points, divisor, x_of, y_of),
        targets=tuple(
            TargetMark(
                y=y_of(float(t.quantity.value) / divisor),
                x=None if t.period is None else x_of(_middle(t.period).toordinal()),
                text=_target_text(t),
                target_id=t.id,
            )
            for t in targets
            if t.quantity is not None
        ),
        y_ticks=tuple(Tick(y_of(v), format_tick(v, ticks)) for v in ticks),
        x_ticks=tuple(
            Tick(x_of(date(year, 1, 1).toordinal()), f"{year}")
            for year in _years(date.fromordinal(first), date.fromordinal(last))
        ),
    )


def _series(
    points: list[SeriesPoint], divisor: float, x_of: _Map, y_of: _Map
) -> tuple[PlotSeries, ...]:
    labels: dict[str, list[PlotPoint]] = {}
    for point in sorted(points, key=lambda p: _middle(p.observation.period)):
        obs = point.observation
        assert obs.quantity is not None and obs.period is not None
        label = str(obs.attrs.get("label", ""))
        labels.setdefault(label, []).append(
            PlotPoint(
                x=x_of(_middle(obs.period).toordinal()),
                y=y_of(float(obs.quantity.value) / divisor),
                value_text=obs.quantity.text,
                period_text=obs.period.text,
                document_id=point.document.id,
                observation_id=obs.id,
                first_line=obs.span.first_line,
                provisional=obs.quantity.provisional,
            )
        )
    return tuple(
        PlotSeries(label, i % SERIES_CLASSES, tuple(pts))
        for i, (label, pts) in enumerate(labels.items())
    )


class _Map:
    """A linear map from data values to SVG coordinates."""

    def __init__(self, lo: float, hi: float, out_lo: float, out_hi: float) -> None:
        self._lo, self._span = lo, (hi - lo) or 1.0
        self._out_lo, self._out_span = out_lo, out_hi - out_lo

    def __call__(self, value: float) -> float:
        return self._out_lo + (value - self._lo) / self._span * self._out_span


def _scale(lo: float, hi: float, out_lo: float, out_hi: float) -> _Map:
    return _Map(lo, hi, out_lo, out_hi)


def _value(obs: ElementRow) -> float:
    assert obs.quantity is not None
    return float(obs.quantity.value)


def _middle(period: Period | None) -> date:
    """The day a period is drawn at: its middle (a one-day period: that day)."""
    assert period is not None
    return date.fromordinal((period.start.toordinal() + period.end.toordinal()) // 2)


def _padded(lo: float, hi: float) -> tuple[float, float]:
    """The value range with a tenth of margin either side, not crossing zero needlessly."""
    pad = 0.1 * ((hi - lo) or abs(hi) or 1.0)
    low = lo - pad
    if lo >= 0 > low:
        low = 0.0
    return low, hi + pad


def _target_text(target: ElementRow) -> str:
    assert target.quantity is not None
    period = f"（{target.period.text}）" if target.period is not None else ""
    return f"{target.quantity.text}{period}"


def _years(first: date, last: date) -> list[int]:
    """Year ticks inside the range, at most eight of them."""
    years = [y for y in range(first.year, last.year + 1) if first <= date(y, 1, 1) <= last]
    step = max(1, math.ceil(len(years) / 8))
    return years[::step]


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering ``lo``..``hi`` (steps of 1, 2, 2.5 or 5 × 10ⁿ)."""
    if hi <= lo:
        hi = lo + (abs(lo) or 1.0)
    raw = (hi - lo) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(lo / step) * step
    ticks = [start]
    while ticks[-1] < hi - step * 1e-9:
        ticks.append(start + step * len(ticks))
    return ticks


def format_tick(value: float, ticks: Sequence[float]) -> str:
    """A tick label with the decimals the step needs (0.025 → 3) and thousands separators."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    exponent = Decimal(repr(round(step, 12))).normalize().as_tuple().exponent
    decimals = max(0, -int(exponent))
    return f"{value:,.{decimals}f}"
