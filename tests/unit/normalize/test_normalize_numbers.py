"""Quantities: exactness, qualifiers, relative forms and the quotes of found quantities."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stiplan.model import Qualifier
from stiplan.normalize.numbers import (
    QuantityError,
    find_quantities,
    format_quantity,
    parse_quantity,
)


def test_values_are_exact_decimals() -> None:
    q = parse_quantity("592.17兆円")
    assert isinstance(q.value, Decimal)
    assert q.value == Decimal("592170000000000")
    assert str(q.value) == "592170000000000"


def test_written_precision_is_kept_without_multiplier() -> None:
    assert str(parse_quantity("1.40°C").value) == "1.40"


def test_quantity_keeps_the_text_as_written() -> None:
    assert parse_quantity(" 1,000 団体以上 ").text == "1,000 団体以上"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("約5件", Qualifier.ABOUT),
        ("5件程度", Qualifier.AROUND),
        ("5件以上", Qualifier.AT_LEAST),
        ("5件以下", Qualifier.AT_MOST),
        ("5件未満", Qualifier.BELOW),
        ("5件超", Qualifier.ABOVE),
        ("5件超え", Qualifier.ABOVE),
        ("5件", None),
    ],
)
def test_qualifiers(text: str, qualifier: Qualifier | None) -> None:
    q = parse_quantity(text)
    assert (q.value, q.unit, q.qualifier) == (Decimal(5), "件", qualifier)


def test_relative_change_is_a_factor_of_the_baseline() -> None:
    q = parse_quantity("対2018年度比で約7割増加")
    assert (q.value, q.unit, q.qualifier) == (Decimal("1.7"), "倍", Qualifier.ABOUT)
    assert q.baseline is not None and q.baseline.start.isoformat() == "2018-04-01"


def test_share_in_wari_is_a_percentage() -> None:
    q = parse_quantity("3割")
    assert (q.value, q.unit) == (Decimal(30), "%")


def test_multiplier_compound_must_fall() -> None:
    with pytest.raises(QuantityError):
        parse_quantity("1万2億円")


def test_quantity_error_is_a_value_error() -> None:
    assert issubclass(QuantityError, ValueError)


def test_find_quantities_quotes_the_original_text() -> None:
    found = find_quantities("年間投資額 2,936 億円／1,814 件（令和5年度）")
    assert [q.text for q in found] == ["2,936 億円", "1,814 件"]
    assert [q.value for q in found] == [Decimal("293600000000"), Decimal(1814)]


def test_find_quantities_skips_dates_but_reads_relative_values() -> None:
    found = find_quantities("2027年度までに、対2019年度比で約6割増加")
    assert len(found) == 1
    assert found[0].text == "対2019年度比で約6割増加"
    assert found[0].value == Decimal("1.6")


def test_find_quantities_reads_rates_and_ranks() -> None:
    (rate,) = find_quantities("上昇度：100年当たり1.40°C（明治31年から令和6年の間）")
    assert (rate.value, rate.unit, rate.per) == (Decimal("1.40"), "°C", "100年")
    (rank,) = find_quantities("ランキング：31位／67か国中（令和6年）")
    assert (rank.value, rank.of) == (Decimal(31), Decimal(67))


def test_format_uses_the_written_multiplier() -> None:
    assert format_quantity(parse_quantity("1兆6,289億円")) == "1.6289兆円"
    assert format_quantity(parse_quantity("45.7万円")) == "45.7万円"
