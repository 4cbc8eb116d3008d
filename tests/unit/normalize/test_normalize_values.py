"""Indicator values: labels, shared periods, notes, provisional flags, pairs."""

from __future__ import annotations

from decimal import Decimal

from stiplan.normalize.values import read_target, split_name_value, split_observations


def test_trailing_period_applies_to_every_value_before_it() -> None:
    obs = split_observations("水産物 3,901億円、林産物 621億円、農産物 9,058億円（令和5年）")
    assert [o.label for o in obs] == ["水産物", "林産物", "農産物"]
    assert {o.period.start.year for o in obs if o.period} == {2023}
    assert all(o.period is not None for o in obs)


def test_each_value_keeps_its_own_period() -> None:
    obs = split_observations(
        "家計所得 31,709 USD／人（令和4年）、家計資産 185,655.56 USD／人（平成28年）"
    )
    assert [o.period.start.year for o in obs if o.period] == [2022, 2016]
    assert [o.quantity.per for o in obs if o.quantity] == ["人", "人"]


def test_provisional_flag_comes_from_the_date_remark() -> None:
    (o,) = split_observations("82（令和4年1月末、暫定値）")
    assert o.quantity is not None and o.quantity.provisional
    assert o.note == "暫定値"
    assert o.period is not None and o.period.end.isoformat() == "2022-01-31"


def test_observation_text_is_its_part_of_the_value() -> None:
    obs = split_observations("男性 72.57歳（令和4年）、女性 75.45歳（令和4年）")
    assert [o.text for o in obs] == ["男性 72.57歳（令和4年）", "女性 75.45歳（令和4年）"]


def test_unreadable_values_are_kept_as_text() -> None:
    (o,) = split_observations("上昇傾向")
    assert (o.label, o.quantity, o.period) == ("上昇傾向", None, None)


def test_split_name_value_ignores_colons_in_brackets() -> None:
    assert split_name_value("・ 率（S80：S20）：6.40") == ("率（S80：S20）", "6.40")
    assert split_name_value("時刻 10:30 の値") == ("時刻 10:30 の値", "")


def test_read_target_with_deadline_prefix_and_no_bracket() -> None:
    t = read_target("2025年度までに50社")
    assert t.quantity is not None and t.quantity.value == Decimal(50)
    assert t.period is not None and t.period.start.isoformat() == "2025-04-01"
