"""The chart geometry alone: ticks, scales, one chart per unit, points in time order."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from stiplan.model import DocumentKind, Period, PeriodKind, Quantity, Span
from stiplan.queries import SeriesPoint
from stiplan.store import DocumentRow, ElementRow
from stiplan.web.chart import HEIGHT, build_charts, format_tick, nice_ticks

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


def _target(value: str, unit: str, year: int) -> ElementRow:
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
    # points sit mid-period (FY2022: October 2022); year ticks mark 1 January
    assert [t.text for t in chart.x_ticks] == ["2023", "2024", "2025"]
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
    assert len(set(labels)) == len(labels) and float(labels[-1]) >= 4.3 >= float(labels[0]) > 4
    assert [s.label for s in yen.series] == ["政府"]


def test_a_single_point_still_has_a_range() -> None:
    (chart,) = build_charts([_obs(1, "5", "人", 2020)], [])
    (point,) = chart.series[0].points
    assert chart.left < point.x < chart.right
    assert chart.series[0].polyline.count(",") == 1
