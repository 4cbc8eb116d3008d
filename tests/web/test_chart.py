"""The chart geometry alone: ticks, scales, one chart per unit, points in time order, the value
axis by unit kind, era ticks, relative targets at their computed value with their baseline."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from stiplan.model import DocumentKind, Period, PeriodKind, Quantity, Span
from stiplan.normalize.numbers import format_amount
from stiplan.queries import Point, SeriesPoint, TargetLine
from stiplan.store import DocumentRow, ElementRow
from stiplan.web.chart import (
    HEIGHT,
    build_charts,
    format_tick,
    nice_ticks,
    value_ticks,
    wrap_unit,
)

DOC = DocumentRow("d", DocumentKind.FOLLOWUP, "f.txt", "h", "t", "", "2026-01-01", 10)


def _obs(
    n: int, value: str, unit: str, year: int | None, label: str = "", scale: int = 0
) -> SeriesPoint:
    period = (
        None
        if year is None
        else Period(date(year, 4, 1), date(year + 1, 3, 31), PeriodKind.FISCAL_YEAR, f"{year}年度")
    )
    row = ElementRow(
        id=f"d:o{n}",
        document_id="d",
        parent_id="d:ind",
        type="observation",
        ordinal=n,
        number=None,
        title=None,
        text=value,
        span=Span(n, n),
        attrs={"label": label},
        quantity=Quantity(Decimal(value), unit, f"{value}{unit}", scale=scale),
        period=period,
    )
    return SeriesPoint(DOC, "d:ind", row)


def _target(value: str, unit: str, year: int) -> TargetLine:
    row = _target_row(value, unit, year)
    return TargetLine(row, Decimal(value), unit, False, None, None)


def _target_row(value: str, unit: str, year: int) -> ElementRow:
    return ElementRow(
        id="d:t1",
        document_id="d",
        parent_id="d:s1",
        type="target",
        ordinal=0,
        number=None,
        title=None,
        text="目標",
        span=Span(1, 1),
        attrs={"name": "x"},
        quantity=Quantity(Decimal(value), unit, f"{value}{unit}以上"),
        period=Period(
            date(year, 4, 1), date(year + 1, 3, 31), PeriodKind.FISCAL_YEAR, f"{year}年度"
        ),
    )


@pytest.mark.parametrize(
    ("lo", "hi", "expected"),
    [
        (0, 23.0, [0, 5, 10, 15, 20, 25]),
        (0, 1, [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]),
        (0, 0, [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0]),
        (-3, 7, [-4, -2, 0, 2, 4, 6, 8]),
    ],
)
def test_nice_ticks_cover_the_range(lo: float, hi: float, expected: list[float]) -> None:
    ticks = nice_ticks(lo, hi)
    assert ticks == pytest.approx(expected)
    assert ticks[0] <= lo and ticks[-1] >= hi


def test_tick_labels() -> None:
    assert format_tick(25000.0, [0, 25000.0]) == "25,000"
    assert format_tick(0.4, [0, 0.2, 0.4]) == "0.4"
    assert format_tick(2.5, [0, 2.5, 5]) == "2.5"
    assert format_tick(4.325, [4.3, 4.325]) == "4.325"


def test_points_in_time_order_per_label_with_the_target_above() -> None:
    points = [_obs(1, "23.0", "%", 2023), _obs(2, "22.1", "%", 2022), _obs(3, "9", "%", None)]
    (chart,) = build_charts(points, [_target("30", "%", 2025)])
    (series,) = chart.series
    assert [p.period_text for p in series.points] == [
        "2022年度",
        "2023年度",
    ]  # no period: not plotted
    assert series.points[0].x < series.points[1].x
    assert series.points[1].y < series.points[0].y  # higher value, higher on screen
    (target,) = chart.targets
    assert target.y < min(p.y for p in series.points) and target.x is not None
    assert target.x > series.points[1].x and target.text == "30%以上（2025年度）"
    assert chart.top <= target.y <= chart.bottom <= HEIGHT
    # points sit mid-period (FY2022: October 2022); fiscal-year ticks mark 1 April, in both
    # calendars, over the whole periods drawn (FY2022 to the target's FY2025)
    assert [t.text for t in chart.x_ticks] == ["2022年度", "2023年度", "2024年度", "2025年度"]
    assert [t.sub for t in chart.x_ticks] == ["令和4年度", "令和5年度", "令和6年度", "令和7年度"]
    assert chart.x_ticks[0].position < series.points[0].x < chart.x_ticks[1].position
    assert chart.unit == "%"


def test_one_chart_per_unit_and_scaled_axes() -> None:
    points = [
        _obs(1, "4205000000000", "円", 2022, "政府", scale=12),
        _obs(2, "4300000000000", "円", 2023, "政府", scale=12),
        _obs(3, "12", "位", 2022),
    ]
    yen, rank = build_charts(points, [_target("5", "%", 2025)])
    assert yen.unit == "兆円" and rank.unit == "位"
    assert yen.targets == () and rank.targets == ()
    labels = [t.text for t in yen.y_ticks]
    # an amount's axis starts at zero, so a rise from 4.2 to 4.3兆円 is not drawn as a leap
    assert len(set(labels)) == len(labels) and float(labels[-1]) >= 4.3 and labels[0] == "0"
    assert yen.zero_based and not yen.truncated
    assert not rank.zero_based  # a rank is not a count: its axis may leave zero out
    assert [s.label for s in yen.series] == ["政府"]


def test_a_single_point_still_has_a_range() -> None:
    (chart,) = build_charts([_obs(1, "5", "人", 2020)], [])
    (point,) = chart.series[0].points
    assert chart.left < point.x < chart.right
    assert chart.series[0].polyline.count(",") == 1


def _relative(factor: str, base_year: int, base_value: str | None, year: int) -> TargetLine:
    """A relative target ``{base_year}年度の約{factor}倍（{year}年度）``, resolved as the
    progress analysis resolves it (``base_value`` None: no value for the baseline)."""
    base_period = Period(
        date(base_year, 4, 1),
        date(base_year + 1, 3, 31),
        PeriodKind.FISCAL_YEAR,
        f"{base_year}年度",
    )
    row = _target_row(factor, "倍", year)
    text = f"{base_year}年度の約{factor}倍"
    row = dataclasses.replace(
        row, quantity=Quantity(Decimal(factor), "倍", text, baseline=base_period)
    )
    if base_value is None:
        return TargetLine(row, None, "", True, None, base_period)
    baseline = Point(Decimal(base_value), "円", base_period, "d:fn1", f"約{base_value}円")
    return TargetLine(row, Decimal(factor) * Decimal(base_value), "円", True, baseline, base_period)


def test_a_relative_target_is_drawn_at_its_computed_value_with_its_baseline() -> None:
    points = [_obs(1, "111000000000", "円", 2023, scale=8), _obs(2, "98000000000", "円", 2022)]
    line = _relative("3", 2018, "68000000000", 2025)
    (chart,) = build_charts(points, [line])
    (target,) = chart.targets
    assert target.relative and target.value_text == "2,040億円"  # 3 × 680億円
    assert target.text == "2018年度の約3倍（2025年度）"
    (baseline,) = chart.baselines
    assert baseline.period_text == "2018年度" and baseline.value_text == "680億円"
    # both on the value axis: the baseline a third of the way from zero to the target
    zero = next(t.position for t in chart.y_ticks if t.text == "0")
    assert (zero - target.y) == pytest.approx(3 * (zero - baseline.y))
    # and on the time axis: the baseline's fiscal year is among the ticks, left of the data
    assert "2018年度" in [t.text for t in chart.x_ticks]
    assert baseline.x < min(p.x for s in chart.series for p in s.points) < target.x  # type: ignore[operator]
    assert chart.missing == ()


def test_a_relative_target_without_its_baseline_is_said_not_dropped() -> None:
    (chart,) = build_charts([_obs(1, "5", "円", 2023)], [_relative("2", 2015, None, 2025)])
    assert chart.targets == () and chart.baselines == ()
    (note,) = chart.missing
    assert note.target_text == "2015年度の約2倍（2025年度）" and note.baseline_text == "2015年度"


@pytest.mark.parametrize(
    ("values", "unit", "truncated"),
    [
        ([104300, 98000], "件", False),  # a count starts at zero
        ([4.2e12, 4.3e12], "円", False),  # so does an amount
        ([23.0, 30.0], "%", True),  # a share far from zero: cut and marked
        ([3.0, 10.0], "%", False),  # near zero: nothing gained by cutting
        ([72.57, 75.0], "歳", True),
        ([45.7, 49.0], "円/トン", True),  # a rate, whatever its numerator
        ([-1.2, 2.5], "%", False),  # zero inside the range
    ],
)
def test_the_value_axis_starts_at_zero_unless_its_kind_allows_a_cut(
    values: list[float], unit: str, truncated: bool
) -> None:
    ticks, cut = value_ticks(values, unit)
    assert cut is truncated
    assert ticks[0] <= min(values) and ticks[-1] >= max(values)
    if truncated:  # the cut keeps the values apart: they fill most of the axis
        assert ticks[0] > 0 and (max(values) - min(values)) / (ticks[-1] - ticks[0]) > 0.4
    else:
        assert ticks[0] <= 0 <= ticks[-1]


def test_a_cut_axis_is_flagged_on_the_chart() -> None:
    (chart,) = build_charts([_obs(1, "23.0", "%", 2022), _obs(2, "24.1", "%", 2023)], [])
    assert chart.truncated and not chart.zero_based and chart.y_ticks[0].text != "0"


def test_a_rate_unit_is_shown_whole_and_a_long_unit_wraps() -> None:
    point = _obs(1, "457000", "円", 2021, scale=4)
    rate = dataclasses.replace(
        point.observation,
        quantity=Quantity(Decimal("457000"), "円", "約45.7万円/トン", scale=4, per="トン"),
    )
    (chart,) = build_charts([SeriesPoint(DOC, "d:ind", rate)], [])
    assert chart.unit == "万円/トン" and chart.unit_lines == ("万円/トン",)
    long = "人/研究開発型の大学発ベンチャー企業の常勤研究者"
    lines = wrap_unit(long, 10)
    assert "".join(lines) == long and all(len(line) <= 10 for line in lines) and len(lines) == 3


def test_calendar_year_ticks_name_both_eras_of_2019() -> None:
    points = [_obs_year(1, "5", 2017), _obs_year(2, "7", 2021)]
    (chart,) = build_charts(points, [])
    assert not chart.fiscal
    ticks = {t.text: t.sub for t in chart.x_ticks}
    assert ticks["2019年"] == "平成31/令和元年" and ticks["2018年"] == "平成30年"
    assert ticks["2021年"] == "令和3年"


def _obs_year(n: int, value: str, year: int) -> SeriesPoint:
    point = _obs(n, value, "件", year)
    period = Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR, f"{year}年")
    return SeriesPoint(DOC, "d:ind", dataclasses.replace(point.observation, period=period))


def test_amounts_in_japanese_units() -> None:
    assert format_amount(Decimal("204000000000"), "円") == "2,040億円"
    assert format_amount(Decimal("490000"), "円/トン") == "49万円/トン"
    assert format_amount(Decimal("80000000000000"), "円") == "80兆円"
    assert format_amount(Decimal("1200"), "名") == "1,200名"


def test_a_point_label_moves_below_its_point_to_clear_a_target_line() -> None:
    points = [_obs(1, "10", "%", 2022), _obs(2, "29", "%", 2023)]
    (chart,) = build_charts(points, [_target("30", "%", 2025)])
    low, high = chart.series[0].points
    assert low.label_y < low.y  # far from the line: above its point
    assert high.label_y > high.y  # just under the line: below, where the line's text is not
