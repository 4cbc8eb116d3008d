"""Era labels for year ticks (和暦 that reads back to the same Gregorian year) and unit kinds."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stiplan.model import PeriodKind
from stiplan.normalize.dates import ERA_OFFSETS, parse_period
from stiplan.normalize.eras import (
    ERA_STARTS,
    calendar_year_eras,
    era_at,
    fiscal_year_era,
    wareki_label,
)
from stiplan.normalize.units import UnitKind, unit_kind, zero_based


def test_era_starts_agree_with_the_offsets_the_reader_uses() -> None:
    assert {name for name, _ in ERA_STARTS} == set(ERA_OFFSETS)
    for name, start in ERA_STARTS:
        assert start.year - 1 == ERA_OFFSETS[name]
        assert era_at(start) == (name, 1)
        assert era_at(start - timedelta(days=1)) != (name, 1)


@pytest.mark.parametrize(
    ("year", "fiscal", "label"),
    [
        (2023, True, "令和5年度"),
        (2023, False, "令和5年"),
        (2019, False, "平成31/令和元年"),  # 平成 until 30 April, 令和 from 1 May
        (2019, True, "令和元年度"),  # the fiscal year is named by the era of most of it
        (2018, True, "平成30年度"),
        (2020, False, "令和2年"),
        (1989, False, "昭和64/平成元年"),
        (1988, True, "昭和63年度"),  # ended in March 1989 (平成), named 昭和63年度
        (2000, True, "平成12年度"),
        (1850, False, ""),  # before 明治: no era label
    ],
)
def test_labels_at_and_around_era_boundaries(year: int, fiscal: bool, label: str) -> None:
    assert wareki_label(year, fiscal) == label


def test_calendar_year_spans_and_fiscal_year_names() -> None:
    assert calendar_year_eras(2019) == ["平成31", "令和元"]
    assert calendar_year_eras(2024) == ["令和6"]
    assert fiscal_year_era(1989) == "平成元"
    assert era_at(date(2019, 4, 30)) == ("平成", 31) and era_at(date(2019, 5, 1)) == ("令和", 1)


@given(st.integers(min_value=1869, max_value=2100), st.booleans())  # era years: 2 digits
def test_every_era_label_reads_back_to_the_same_gregorian_year(year: int, fiscal: bool) -> None:
    label = wareki_label(year, fiscal)
    suffix = "年度" if fiscal else "年"
    assert label.endswith(suffix)
    for part in label.removesuffix(suffix).split("/"):
        period = parse_period(part + suffix)  # the project's own reader of 和暦
        assert period.start.year == year
        assert period.kind is (PeriodKind.FISCAL_YEAR if fiscal else PeriodKind.YEAR)


@pytest.mark.parametrize(
    ("unit", "kind"),
    [
        ("円", UnitKind.AMOUNT),
        ("ドル", UnitKind.AMOUNT),
        ("件", UnitKind.COUNT),
        ("人", UnitKind.COUNT),
        ("社", UnitKind.COUNT),
        ("自治体", UnitKind.COUNT),
        ("トン", UnitKind.COUNT),
        ("", UnitKind.COUNT),  # a bare count (``100以上``)
        ("%", UnitKind.RATIO),
        ("倍", UnitKind.RATIO),
        ("円/トン", UnitKind.RATIO),  # a unit per unit is a rate, whatever its numerator
        ("回/年", UnitKind.COUNT),  # but a count per period is a count
        ("件/100年", UnitKind.COUNT),
        ("°C/100年", UnitKind.RATIO),
        ("円/人", UnitKind.RATIO),
        ("位", UnitKind.RANK),
        ("歳", UnitKind.LEVEL),
        ("°C", UnitKind.LEVEL),
    ],
)
def test_unit_kinds(unit: str, kind: UnitKind) -> None:
    assert unit_kind(unit) is kind
    assert zero_based(unit) is (kind in (UnitKind.AMOUNT, UnitKind.COUNT))
