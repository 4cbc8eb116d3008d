"""``format_amount``: amounts in Japanese units (80兆円, 4,500億円, 3.2万人), read back by the
project's own quantity parser to the same number within the precision shown."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stiplan.normalize.numbers import (
    DISPLAY_DECIMALS,
    display_scale,
    format_amount,
    parse_quantity,
)


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (80 * 10**12, "円", "80兆円"),
        (450_000_000_000, "円", "4,500億円"),
        (32_000, "人", "3.2万人"),
        (490_000, "円/トン", "49万円/トン"),
        (Decimal("592.17") * 10**12, "円", "592.17兆円"),
        (Decimal("1234"), "件", "1,234件"),
        (Decimal("38.50"), "%", "38.5%"),
        (Decimal("25000"), "%", "25,000%"),
        (Decimal("-500000000"), "円", "-5億円"),
        (Decimal("9999"), "人", "9,999人"),
        (Decimal("0.25"), "", "0.25"),
    ],
)
def test_amounts_are_shown_in_japanese_units(value: Decimal, unit: str, shown: str) -> None:
    assert format_amount(value, unit) == shown


UNITS = st.sampled_from(["円", "人", "件", "社", "トン", "円/トン"])
VALUES = st.decimals(
    min_value=Decimal("-1e18"), max_value=Decimal("1e18"), places=3, allow_nan=False
)


@given(VALUES, UNITS)
def test_a_shown_amount_reads_back_within_its_precision(value: Decimal, unit: str) -> None:
    text = format_amount(value, unit)
    read = parse_quantity(text)
    precision = Decimal(10) ** (display_scale(value, unit) - DISPLAY_DECIMALS)
    tolerance = precision / 2 if display_scale(value, unit) else Decimal("0.0005")
    assert abs(read.value - value) <= tolerance, (value, text, read.value)
    assert read.unit == unit.split("/")[0]
