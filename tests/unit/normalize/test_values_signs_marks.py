"""Indicator values: minus signs at a value start, annotation marks after a value.

A minus may be written ``-``, ``－``, ``−`` or ``▲``; only a sign directly before a digit at
the start of a value is one (a bullet, a range dash or a hyphen in ``e-CSTI`` is not). Marks
such as ``※1`` or ``注2`` point at a note: they are kept in the text, never read as a value.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stiplan.normalize.numbers import parse_quantity
from stiplan.normalize.values import continues_number, read_target, split_observations

MINUS_SIGNS = ("-", "－", "−", "▲")


@pytest.mark.parametrize("sign", MINUS_SIGNS)
@pytest.mark.parametrize("lead", ["", "前年度比 ", "前年度比", "増減："])
def test_a_minus_sign_at_a_value_start_is_kept(sign: str, lead: str) -> None:
    (o,) = split_observations(f"{lead}{sign}4.5%（令和4年度末）")
    assert o.quantity is not None and o.quantity.value == Decimal("-4.5")
    assert not o.label.endswith(sign)


def test_a_hyphen_inside_a_latin_word_is_not_a_sign() -> None:
    (o,) = split_observations("x-Lab 登録数 12件（令和4年度）")
    assert o.quantity is not None and o.quantity.value == Decimal(12)
    assert o.label == "x-Lab 登録数"


def test_a_dash_followed_by_a_space_is_not_a_sign() -> None:
    (o,) = split_observations("- 17件（令和4年度）")
    assert o.quantity is not None and o.quantity.value == Decimal(17)


def test_a_dash_between_digits_is_not_a_sign() -> None:
    obs = split_observations("区間2-7 合計 8件（令和4年度）")
    assert [o.quantity.value for o in obs if o.quantity] == [Decimal(8)]


@pytest.mark.parametrize("sign", MINUS_SIGNS)
def test_a_target_keeps_its_minus_sign(sign: str) -> None:
    t = read_target(f"{sign}12%（2030年度）")
    assert t.quantity is not None and t.quantity.value == Decimal(-12)


@given(
    sign=st.sampled_from(MINUS_SIGNS),
    whole=st.integers(min_value=1, max_value=99_999),
    tenths=st.integers(min_value=0, max_value=9),
    unit=st.sampled_from(["%", "件", "人", "ポイント", "億円"]),
    lead=st.sampled_from(["", "比 ", "前年比", "変化："]),
)
def test_any_signed_number_reads_back_with_its_sign(
    sign: str, whole: int, tenths: int, unit: str, lead: str
) -> None:
    unsigned = parse_quantity(f"{whole}.{tenths}{unit}")
    (o,) = split_observations(f"{lead}{sign}{whole}.{tenths}{unit}（令和3年度）")
    assert o.quantity is not None
    assert (o.quantity.value, o.quantity.unit) == (-unsigned.value, unsigned.unit)


@pytest.mark.parametrize("mark", ["※1", "※２", "※", "注1", "（注3）", "¹", "²⁴"])
def test_an_annotation_mark_after_a_value_is_not_a_value(mark: str) -> None:
    (o,) = split_observations(f"641件（令和4年3月末）{mark}")
    assert o.quantity is not None and (o.quantity.value, o.quantity.unit) == (Decimal(641), "件")
    assert o.label == ""
    assert o.period is not None and o.period.end.isoformat() == "2022-03-31"
    assert mark in o.text


@pytest.mark.parametrize("mark", ["※1", "注2"])
def test_an_annotation_mark_before_the_date_is_not_a_value(mark: str) -> None:
    (o,) = split_observations(f"男性 52.3%{mark}（令和4年）")
    assert o.quantity is not None and o.quantity.value == Decimal("52.3")
    assert o.label == "男性"
    assert o.period is not None


def test_a_word_ending_in_the_note_kanji_is_not_a_mark() -> None:
    (o,) = split_observations("受注1,200件（令和4年度）")
    assert o.label == "受注"
    assert o.quantity is not None and o.quantity.value == Decimal(1200)


def test_a_target_with_an_annotation_mark() -> None:
    t = read_target("75%（2025年度）※3")
    assert t.quantity is not None and t.quantity.value == Decimal(75)
    assert t.period is not None


@pytest.mark.parametrize(
    ("line", "next_line", "joined"),
    [
        ("12万3,", "456人", True),
        ("12万", "3,456人", True),
        ("3兆", "500億円", True),
        ("3億", "2兆円", False),  # a rising multiplier is a second amount
        ("5万", "12345件", False),  # more digits than fit below 万
        ("12件、", "8件", False),
        ("12,", "3456人", False),  # not a thousands group
        ("e-CSTI,", "123件", False),
    ],
)
def test_continues_number_only_when_the_pieces_form_one_number(
    line: str, next_line: str, joined: bool
) -> None:
    assert continues_number(line, next_line) is joined
