"""Line charts of an indicator's series as plain geometry, drawn by a template as inline SVG.

Pure: observations (``queries.SeriesPoint``) and target lines (``queries.TargetLine``) in,
coordinates and labels out. Points sit at the middle of their as-of period (``2022年`` in
mid-2022; ``令和6年3月末`` on that day); values of different units never share an axis (one
chart per unit, a rate such as ``円/トン`` being its own unit, shown whole: ``万円/トン``).

The value axis does not exaggerate: for counts and amounts (``queries.unit_kind``: 件, 人, 円…)
it starts at zero; for shares, ratios, ranks and levels (%, 倍, 円/トン, 歳) it spans the
values with a margin, and when it then leaves zero out the chart says so (``truncated``: the
template draws a break mark on the axis and a note). Time ticks are years in both calendars
(``2023年度`` over ``令和5年度``): fiscal years (April–March, ticks on 1 April) when most of the
periods drawn are fiscal, calendar years otherwise.

A numeric target is a dashed horizontal line at its value with a mark in its target period;
a relative target (``2018年度の約3倍``) is drawn at the value the progress analysis computed
from its baseline, and the baseline point is marked. A relative target whose baseline has no
value is not drawn; the chart carries a note saying so. No script, no CDN: the SVG is part of
the page, and every value drawn is also in a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from stiplan.model import Period, PeriodKind
from stiplan.queries import (
    Point,
    SeriesPoint,
    TargetLine,
    format_amount,
    unit_of,
    wareki_label,
    zero_based,
)

SCALE_WORDS = {4: "万", 8: "億", 12: "兆"}
WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 24, 56
UNIT_LINE = 14  # height of one line of the unit label
UNIT_WRAP = 24  # characters of a unit label line before it wraps
SERIES_CLASSES = 6  # .series-0 … .series-5 in the style sheet
ZERO_SNAP = 0.25  # a non-zero-based axis whose low end is this close to zero takes zero in
FISCAL_KINDS = frozenset(
    {
        PeriodKind.FISCAL_YEAR,
        PeriodKind.FISCAL_HALF,
        PeriodKind.FISCAL_QUARTER,
        PeriodKind.END_OF_FISCAL_YEAR,
    }
)


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
    label_y: float = 0.0  # where its period label stands: above, or below to clear a target


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
    """A target drawn as a dashed line at ``y`` and, if it has a period, a mark at ``x``.

    ``text`` is the target as written (``2018年度の約3倍（2025年度）``); ``value_text`` the value
    the line stands at in Japanese units (``2,040億円``), for a relative target the computed
    one.
    """

    y: float
    x: float | None
    text: str
    value_text: str
    target_id: str
    relative: bool


@dataclass(frozen=True, slots=True)
class BaselineMark:
    """The baseline point of a relative target, marked on the chart (``2018年度 約680億円``)."""

    x: float
    y: float
    period_text: str
    value_text: str
    target_id: str


@dataclass(frozen=True, slots=True)
class MissingBaseline:
    """A relative target not drawn because no value of its baseline period was found."""

    target_text: str
    baseline_text: str
    target_id: str


@dataclass(frozen=True, slots=True)
class Tick:
    """A tick and its label; ``sub`` is a second line (the 和暦 of a year tick)."""

    position: float
    text: str
    sub: str = ""


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: a unit, its series, its targets and its axes.

    ``truncated`` says the value axis leaves zero out (its kind is not zero-based and the
    values sit far from zero): the template draws a break mark at ``bottom`` and a note.
    """

    unit: str
    unit_lines: tuple[str, ...]
    series: tuple[PlotSeries, ...]
    targets: tuple[TargetMark, ...]
    baselines: tuple[BaselineMark, ...]
    missing: tuple[MissingBaseline, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    zero_based: bool
    truncated: bool
    fiscal: bool
    top: int = TOP
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM


def build_charts(points: Sequence[SeriesPoint], lines: Sequence[TargetLine]) -> list[Chart]:
    """One chart per unit among the points that have a value and an as-of period, each with
    the target lines of its unit; a relative target without its baseline noted on each."""
    by_unit: dict[str, list[SeriesPoint]] = {}
    for point in points:
        obs = point.observation
        if obs.quantity is not None and obs.period is not None:
            by_unit.setdefault(unit_of(obs.quantity), []).append(point)
    missing = tuple(
        MissingBaseline(_target_text(line), line.baseline_period.text, line.target.id)
        for line in lines
        if line.value is None and line.relative and line.baseline_period is not None
    )
    return [
        _chart(unit, group, [t for t in lines if t.value is not None and t.unit == unit], missing)
        for unit, group in by_unit.items()
    ]


@dataclass(frozen=True, slots=True)
class _Frame:
    """What places values on the chart: the divisor of the unit's scale and both maps."""

    divisor: float
    x_of: _Map
    y_of: _Map

    def x(self, period: Period) -> float:
        return self.x_of(_middle(period).toordinal())

    def y(self, value: Decimal) -> float:
        return self.y_of(float(value) / self.divisor)


def _chart(
    unit: str,
    points: list[SeriesPoint],
    lines: list[TargetLine],
    missing: tuple[MissingBaseline, ...],
) -> Chart:
    quantities = [p.observation.quantity for p in points if p.observation.quantity]
    scale = max(q.scale for q in quantities)
    divisor = 10.0**scale
    shown_unit = _shown_unit(unit, scale)
    unit_lines = wrap_unit(shown_unit)
    top = TOP + UNIT_LINE * (len(unit_lines) - 1)
    values = [float(q.value) / divisor for q in quantities]
    values += [float(line.value) / divisor for line in lines if line.value is not None]
    values += [float(b.value) / divisor for b in _baselines(lines)]
    ticks, truncated = value_ticks(values, unit)
    y_of = _Map(ticks[0], ticks[-1], HEIGHT - BOTTOM, top)
    periods = [p.observation.period for p in points if p.observation.period]
    periods += [line.target.period for line in lines if line.target.period is not None]
    periods += [b.period for b in _baselines(lines)]
    fiscal = is_fiscal(periods)
    first = min(p.start for p in periods).toordinal()
    last = max(p.end for p in periods).toordinal() + 1  # whole periods, so years get ticks
    if last - first < 60:
        first, last = first - 365, last + 365
    frame = _Frame(divisor, _Map(first, last, LEFT + 16, WIDTH - RIGHT - 16), y_of)
    return Chart(
        unit=shown_unit,
        unit_lines=unit_lines,
        series=_series(points, frame, [frame.y(t.value) for t in lines if t.value is not None]),
        targets=tuple(_target_mark(line, frame) for line in lines),
        baselines=tuple(
            BaselineMark(
                frame.x(b.period),
                frame.y(b.value),
                b.period.text,
                format_amount(b.value, unit),
                line.target.id,
            )
            for line in lines
            if (b := line.baseline) is not None and line.relative
        ),
        missing=missing,
        y_ticks=tuple(Tick(y_of(v), format_tick(v, ticks)) for v in ticks),
        x_ticks=year_ticks(date.fromordinal(first), date.fromordinal(last), fiscal, frame.x_of),
        zero_based=zero_based(unit),
        truncated=truncated,
        fiscal=fiscal,
        top=top,
    )


def _baselines(lines: list[TargetLine]) -> list[Point]:
    return [line.baseline for line in lines if line.relative and line.baseline is not None]


def _shown_unit(unit: str, scale: int) -> str:
    """The unit as the axis says it, whole: ``万円/トン``, ``億円``, ``件``."""
    return f"{SCALE_WORDS.get(scale, '')}{unit}"


def wrap_unit(unit: str, width: int = UNIT_WRAP) -> tuple[str, ...]:
    """A unit label in lines of at most ``width`` characters, never cut (a long unit wraps)."""
    if not unit:
        return ("",)
    return tuple(unit[i : i + width] for i in range(0, len(unit), width))


def _target_mark(line: TargetLine, frame: _Frame) -> TargetMark:
    assert line.value is not None
    period = line.target.period
    return TargetMark(
        y=frame.y(line.value),
        x=None if period is None else frame.x(period),
        text=_target_text(line),
        value_text=format_amount(line.value, line.unit),
        target_id=line.target.id,
        relative=line.relative,
    )


def _label_y(y: float, target_ys: list[float]) -> float:
    """A point's label goes above it, or below it when a target line (and its text, which
    stands above the line) would run through the label."""
    above = y - 10
    if any(-16 < above - ty < 20 for ty in target_ys):
        return y + 18
    return above


def _series(
    points: list[SeriesPoint], frame: _Frame, target_ys: list[float]
) -> tuple[PlotSeries, ...]:
    labels: dict[str, list[PlotPoint]] = {}
    for point in sorted(points, key=lambda p: _middle(p.observation.period)):
        obs = point.observation
        assert obs.quantity is not None and obs.period is not None
        label = str(obs.attrs.get("label", ""))
        labels.setdefault(label, []).append(
            PlotPoint(
                x=frame.x(obs.period),
                y=frame.y(obs.quantity.value),
                value_text=obs.quantity.text,
                period_text=obs.period.text,
                document_id=point.document.id,
                observation_id=obs.id,
                first_line=obs.span.first_line,
                provisional=obs.quantity.provisional,
                label_y=_label_y(frame.y(obs.quantity.value), target_ys),
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


def _middle(period: Period | None) -> date:
    """The day a period is drawn at: its middle (a one-day period: that day)."""
    assert period is not None
    return date.fromordinal((period.start.toordinal() + period.end.toordinal()) // 2)


def _target_text(line: TargetLine) -> str:
    target = line.target
    assert target.quantity is not None
    period = f"（{target.period.text}）" if target.period is not None else ""
    return f"{target.quantity.text}{period}"


# --- the value axis -------------------------------------------------------------------------


def value_ticks(values: Sequence[float], unit: str) -> tuple[list[float], bool]:
    """The value axis's ticks for ``values`` of ``unit`` and whether it leaves zero out.

    Counts and amounts start at zero (or reach it from below). Other kinds span the values
    with a tenth of margin either side; when the low end comes within ``ZERO_SNAP`` of the
    top from zero, zero is taken in anyway: little would be gained by cutting.
    """
    lo, hi = min(values), max(values)
    if zero_based(unit):
        low, high = min(lo, 0.0), max(hi, 0.0)
        pad = 0.1 * ((high - low) or abs(hi) or 1.0)
        ticks = nice_ticks(low - (pad if low < 0 else 0.0), high + (pad if high > 0 else 0.0))
        return ticks, False
    pad = 0.1 * ((hi - lo) or abs(hi) or 1.0)
    low, high = lo - pad, hi + pad
    if lo >= 0 and low <= ZERO_SNAP * high:
        low = 0.0
    ticks = nice_ticks(low, high)
    return ticks, not ticks[0] <= 0 <= ticks[-1]


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


def format_value(value: float) -> str:
    """A computed value as a person reads it: thousands separators, at most three decimals,
    no trailing zeros (``2040.0`` → ``2,040``, ``49.0`` → ``49``, ``0.7`` → ``0.7``)."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# --- the time axis --------------------------------------------------------------------------


def is_fiscal(periods: Sequence[Period]) -> bool:
    """Whether most periods drawn are fiscal (年度, 年度末…): the ticks are then fiscal years."""
    fiscal = sum(1 for p in periods if p.kind in FISCAL_KINDS)
    return fiscal * 2 >= len(periods) > 0


def year_label(year: int, fiscal: bool) -> Tick:
    """The label of a year tick in both calendars: ``2023年度`` over ``令和5年度``."""
    return Tick(0.0, f"{year}年度" if fiscal else f"{year}年", wareki_label(year, fiscal))


def year_ticks(first: date, last: date, fiscal: bool, x_of: _Map) -> tuple[Tick, ...]:
    """Ticks at the start of each year (1 April for fiscal years) between ``first`` and
    ``last``: at most eight, fewer when a label is long (2019 is 平成31/令和元年)."""
    month = 4 if fiscal else 1
    years = [y for y in range(first.year, last.year + 1) if first <= date(y, month, 1) < last]
    labels = [year_label(y, fiscal) for y in years]
    most = 6 if any(len(t.sub) > 6 for t in labels) else 8
    step = max(1, math.ceil(len(years) / most))
    return tuple(
        Tick(x_of(date(y, month, 1).toordinal()), label.text, label.sub)
        for y, label in list(zip(years, labels, strict=True))[::step]
    )
