"""Dates: the forms that the docs table does not show field by field."""

from __future__ import annotations

from datetime import date

import pytest

from stiplan.model import DeadlineKind, PeriodKind
from stiplan.normalize.dates import (
    ERA_OFFSETS,
    PeriodError,
    find_deadlines,
    parse_period,
    parse_period_with_note,
)


def test_period_keeps_the_text_as_written() -> None:
    assert parse_period(" 令和 9 年度末 ").text == "令和 9 年度末"


@pytest.mark.parametrize(("era", "offset"), sorted(ERA_OFFSETS.items()))
def test_every_era_counts_from_its_offset(era: str, offset: int) -> None:
    assert parse_period(f"{era}2年").start == date(offset + 2, 1, 1)
    assert parse_period(f"{era}元年").start == date(offset + 1, 1, 1)


def test_fiscal_year_runs_april_to_march() -> None:
    p = parse_period("令和6年度")
    assert (p.start, p.end, p.kind) == (date(2024, 4, 1), date(2025, 3, 31), PeriodKind.FISCAL_YEAR)


def test_remarks_after_the_date_are_returned_as_note() -> None:
    assert parse_period_with_note("令和4年1月末、暫定値")[1] == "暫定値"
    assert parse_period_with_note("令和5年（速報値）")[1] == "速報値"
    assert parse_period_with_note("令和5年度設立")[1] == "設立"
    assert parse_period_with_note("令和5年度")[1] == ""


def test_full_width_and_wave_dash_variants() -> None:
    a = parse_period("令和元年〜令和３年")
    b = parse_period("令和元年~令和3年")
    assert (a.start, a.end) == (b.start, b.end) == (date(2019, 1, 1), date(2021, 12, 31))


def test_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)
    with pytest.raises(ValueError):
        parse_period("")


@pytest.mark.parametrize(
    "text", ["令和", "年度", "令和100年", "0年", "9999年度", "令和6年から", "2021年度から開始"]
)
def test_unreadable_dates_raise_period_error(text: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(text)


def test_range_end_without_year_rolls_into_next_year() -> None:
    p = parse_period("2024年11月～2月")
    assert (p.start, p.end) == (date(2024, 11, 1), date(2025, 2, 28))


def test_deadline_quotes_the_original_text() -> None:
    (d,) = find_deadlines("本制度を 2025 年度までに 導入する")
    assert d.kind is DeadlineKind.BY
    assert d.text == "2025 年度までに"
    assert d.period.text == "2025 年度"


def test_several_deadlines_in_order() -> None:
    found = find_deadlines("2021年度より立ち上げ、2023年度を目途に組織設立。2025年頃に見直す")
    assert [d.kind for d in found] == [DeadlineKind.TARGET, DeadlineKind.AROUND]
    assert [d.period.start.year for d in found] == [2023, 2025]


def test_within_needs_a_particle_or_punctuation() -> None:
    assert [d.kind for d in find_deadlines("2021年度中、検討")] == [DeadlineKind.WITHIN]
    assert find_deadlines("2021年度内閣府") == []
