"""What a line is by its form alone (``opens_element``, ``is_whole_block_heading``): the
follow-up reader's own rules, asked by the PDF stage so that structure standing at a page's
edge is not taken for a running header, and a block heading is not run on into the next line.
"""

from __future__ import annotations

import pytest

from stiplan.readers.followup import TABLE_HEADER, is_whole_block_heading, opens_element


@pytest.mark.parametrize(
    "line",
    [
        "\t".join(TABLE_HEADER),
        "2. 試作の章",
        "（3）試作の節",
        "(4) 試作の節",
        "② 試作の小見出し",
        "【目標】",
        "【現状データ】（参考指標）",
        "【あるべき姿とその実現に向けた方向性】¹²",
        "⁷ 試作の調査による。",
        "- ・ 試作の観測値：12件（令和6年3月末）",
        "・ 試作の目標を述べる。",
    ],
)
def test_structure_opens_an_element(line: str) -> None:
    assert opens_element(line)


@pytest.mark.parametrize(
    "line",
    [
        "試作のフォローアップ報告（令和7年）",
        "2025年6月1日",
        "【試作の注記】",  # a bracket the reader knows no block for
        "1. 試作の文は一文で終わる。",  # a numbered sentence is prose, as the reader has it
        "本文の続きである。",
        "",
    ],
)
def test_other_lines_open_nothing(line: str) -> None:
    assert not opens_element(line)


@pytest.mark.parametrize(
    ("line", "whole"),
    [
        ("【目標】", True),
        ("【現状データ】（参考指標）", True),
        ("【目標】³", True),
        ("【あるべき姿とその実現に向けた方向性】試作の文である。", False),
        ("【試作の注記】", False),
        ("（1）試作の節", False),
    ],
)
def test_a_whole_block_heading_has_nothing_after_it_but_its_tag(line: str, whole: bool) -> None:
    assert is_whole_block_heading(line) is whole
