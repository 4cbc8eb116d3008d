"""``format_day``: a day in both calendars, and the two always agree (hypothesis)."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stiplan.model import PeriodKind
from stiplan.normalize.dates import era_year, format_day, parse_period

_FORMATTED = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日（(.+年)）$")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2023, 9, 14), "2023年9月14日（令和5年）"),
        (date(2019, 5, 1), "2019年5月1日（令和元年）"),
        (date(2019, 4, 30), "2019年4月30日（平成31年）"),
        (date(1989, 1, 7), "1989年1月7日（昭和64年）"),
        (date(1989, 1, 8), "1989年1月8日（平成元年）"),
        (date(1800, 1, 1), "1800年1月1日"),  # before 明治: Gregorian only
    ],
)
def test_days_are_written_in_both_calendars(day: date, expected: str) -> None:
    assert format_day(day) == expected


# Up to 令和99年: era years are written with one or two digits, and that is what the parser reads.
@given(st.dates(min_value=date(1868, 10, 23), max_value=date(2117, 12, 31)))
def test_the_era_year_and_the_gregorian_day_name_the_same_day(day: date) -> None:
    match = _FORMATTED.match(format_day(day))
    assert match is not None
    year, month, dom, era = match.groups()
    gregorian = parse_period(f"{year}年{month}月{dom}日")
    japanese = parse_period(f"{era}{month}月{dom}日")
    assert gregorian.kind is japanese.kind is PeriodKind.DAY
    assert gregorian.start == japanese.start == day
    assert era == era_year(day)
