"""The new edition is dated the day it is published, where and as last year's text dated it."""

from __future__ import annotations

from datetime import date

import pytest

from stiplan.survey.dating import dated

DAY = date(2026, 12, 6)


@pytest.mark.parametrize(
    ("head", "written"),
    [
        ("令和7年6月", "令和8年12月"),
        ("令和7年6月13日", "令和8年12月6日"),
        ("2025年6月13日", "2026年12月6日"),
        ("**令和7年6月13日（金）**", "令和8年12月6日"),
        ("2025年", "2026年"),
    ],
)
def test_the_heads_date_line_says_the_day_at_its_precision_and_calendar(
    head: str, written: str
) -> None:
    lines = [
        "科学技術・イノベーション基本計画の試作フォローアップ",
        head,
        "",
        "1. 章",
        "令和7年6月",
    ]
    assert dated(lines, DAY) == [lines[0], written, "", "1. 章", "令和7年6月"]


def test_a_text_whose_head_states_no_date_gets_one_first() -> None:
    lines = ["1. 章", "", "令和7年6月"]  # a date after the first heading is content, not the head
    assert dated(lines, DAY) == ["令和8年12月6日", "", *lines]
