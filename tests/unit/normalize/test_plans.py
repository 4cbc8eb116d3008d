"""The plan list and how texts and users name a plan (``stiplan.normalize.plans``)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stiplan.normalize.plans import (
    PlanError,
    kanji_number,
    lookup,
    parse_plan,
    plan_covering,
    plans,
    plans_named,
    plans_stated,
)


def test_the_plan_list_is_data_with_the_6th_and_7th_plans() -> None:
    sixth, seventh = lookup(6), lookup(7)
    assert sixth is not None and seventh is not None
    assert sixth.name_ja == "第6期科学技術・イノベーション基本計画"
    assert (sixth.first_fiscal_year, sixth.last_fiscal_year) == (2021, 2025)
    assert (seventh.first_fiscal_year, seventh.last_fiscal_year) == (2026, 2030)
    assert seventh.name_en.startswith("7th") and seventh.label == "第7期"


def test_plans_follow_each_other_without_gap_or_overlap() -> None:
    listed = plans()
    for before, after in pairwise(listed):
        assert after.ordinal == before.ordinal + 1
        assert after.first_fiscal_year == before.last_fiscal_year + 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第6期科学技術・イノベーション基本計画", [6]),
        ("第７期科学技術・イノベーション基本計画フォローアップ", [7]),  # full-width digit
        ("第六期科学技術・イノベーション基本計画", [6]),  # kanji numeral
        ("第七期基本計画", [7]),
        ("第5期科学技術基本計画", [5]),  # named, though not in the list
        ("第 7 期 科学技術 ・ イノベーション基本計画", [7]),  # PDF spacing
        ("第６期基本計画から第７期基本計画へ", [6, 7]),
        ("第6期の振り返りと第7期基本計画", [7]),  # 第6期 alone is not a plan's name
        ("第7期に向けた検討", []),
        ("第4期中期目標期間", []),
        ("基本計画", []),
    ],
)
def test_plans_named(text: str, expected: list[int]) -> None:
    assert plans_named(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("対象：第7期基本計画（第6期基本計画との比較を含む）", [7]),
        ("第6期科学技術・イノベーション基本計画フォローアップ", [6]),
        ("第６期基本計画の進捗状況", [6]),
        ("第7期基本計画の検討に当たって第6期基本計画を振り返る", []),
    ],
)
def test_plans_stated(text: str, expected: list[int]) -> None:
    assert plans_stated(text) == expected


@pytest.mark.parametrize(
    ("text", "number"),
    [("六", 6), ("十", 10), ("十二", 12), ("二十", 20), ("九十九", 99), ("十十", None), ("", None)],
)
def test_kanji_number(text: str, number: int | None) -> None:
    assert kanji_number(text) == number


@pytest.mark.parametrize("text", ["7", "第7期", "第７期", "７", "七", "第七期", " 7期 "])
def test_a_user_may_write_the_plan_many_ways(text: str) -> None:
    assert parse_plan(text) == 7


@pytest.mark.parametrize("text", ["8", "第5期", "seven", "", "第7期基本計画の"])
def test_an_unknown_plan_is_refused_naming_the_known_ones(text: str) -> None:
    with pytest.raises(PlanError, match="第6期"):
        parse_plan(text)


def test_plan_covering_needs_every_year_in_one_plan() -> None:
    assert plan_covering([2025]) == lookup(6)
    assert plan_covering([2024, 2025]) == lookup(6)
    assert plan_covering([2025, 2026]) is None
    assert plan_covering([2026]) == lookup(7)
    assert plan_covering([2020]) is None
    assert plan_covering([]) is None


@given(st.text(max_size=200))
def test_any_text_is_read_without_error(text: str) -> None:
    named = plans_named(text)
    assert set(plans_stated(text)) <= set(named)
