"""Ranges of values (``10～20件``): both bounds read, the lower one stored as the value with
the qualifier ``～`` (a range), the text kept whole; never one bound passed off as the value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stiplan.model import Qualifier
from stiplan.normalize.numbers import QuantityError, format_quantity, parse_quantity, parse_range
from stiplan.normalize.values import read_target, split_observations

DASHES = ("～", "〜", "~")


@pytest.mark.parametrize("dash", DASHES)
def test_a_range_reads_both_bounds_with_the_unit_of_the_upper(dash: str) -> None:
    low, high = parse_range(f"15{dash}25件")
    assert (low.value, low.unit, high.value, high.unit) == (15, "件", 25, "件")


def test_a_range_with_units_and_a_hedge_on_each_side() -> None:
    low, high = parse_range("約1,500人～2,500人")
    assert (low.value, high.value) == (1500, 2500)
    assert low.qualifier is Qualifier.ABOUT


def test_the_lower_bound_takes_the_multiplier_of_the_upper_when_it_has_none() -> None:
    low, high = parse_range("3～4兆円")
    assert (low.value, high.value) == (Decimal(3 * 10**12), Decimal(4 * 10**12))
    assert low.scale == 12


@pytest.mark.parametrize("text", ["20～10件", "10件～20人", "10件", "～20件", "10～", "1～2～3件"])
def test_what_is_not_one_range_raises(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_range(text)


def test_an_observation_range_keeps_the_lower_bound_as_a_range_value() -> None:
    (o,) = split_observations("15～25件（令和4年度）")
    assert o.label == ""
    assert o.quantity is not None
    assert (o.quantity.value, o.quantity.unit) == (15, "件")
    assert o.quantity.qualifier is Qualifier.RANGE
    assert o.quantity.text == "15～25件"
    assert o.period is not None


def test_a_labelled_range_keeps_its_label() -> None:
    (o,) = split_observations("参加者 約1,500人～2,500人（令和4年度）")
    assert o.label == "参加者"
    assert o.quantity is not None and o.quantity.qualifier is Qualifier.RANGE
    assert o.quantity.value == 1500


def test_a_target_range() -> None:
    t = read_target("35～45%（2030年度）")
    assert t.quantity is not None
    assert (t.quantity.value, t.quantity.unit, t.quantity.qualifier) == (35, "%", Qualifier.RANGE)
    assert t.period is not None and t.period.end.year == 2031


def test_an_open_range_reads_back_from_its_canonical_text() -> None:
    (o,) = split_observations("15～25件（令和4年度）")
    assert o.quantity is not None
    text = format_quantity(o.quantity)
    assert text == "15件～"
    back = parse_quantity(text)
    assert (back.value, back.unit, back.qualifier) == (15, "件", Qualifier.RANGE)


@given(
    low=st.integers(min_value=0, max_value=10**6),
    width=st.integers(min_value=1, max_value=10**6),
    dash=st.sampled_from(DASHES),
    unit=st.sampled_from(["件", "人", "%", "円", "億円"]),
    repeat_unit=st.booleans(),
)
def test_any_range_reads_both_bounds(
    low: int, width: int, dash: str, unit: str, repeat_unit: bool
) -> None:
    high = low + width
    first = f"{low:,}{unit}" if repeat_unit else f"{low:,}"
    lo, hi = parse_range(f"{first}{dash}{high:,}{unit}")
    expected_hi = parse_quantity(f"{high:,}{unit}")
    assert (hi.value, hi.unit) == (expected_hi.value, expected_hi.unit)
    assert lo.unit == hi.unit
    assert lo.value * high == hi.value * low
