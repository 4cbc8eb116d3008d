"""Values of indicator and target bullets as the reader stores them: numbers cut by a line
break, ranges, and the warnings that say what could not be read whole."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stiplan.model import Document, Indicator, Qualifier, Target
from stiplan.readers.followup import read_followup


def _doc(block: str, *bullet_lines: str) -> Document:
    lines = ["1. 章", "（1）節", block, *bullet_lines]
    return read_followup("\n".join(lines), "test.txt")


def _indicator(*bullet_lines: str) -> tuple[Indicator, Document]:
    doc = _doc("【現状データ】（参考指標）", *bullet_lines)
    return doc.chapters[0].sections[0].indicators[0], doc


def _target(*bullet_lines: str) -> tuple[Target, Document]:
    doc = _doc(
        "【科学技術・イノベーション政策において目指す主要な数値目標】（主要指標）", *bullet_lines
    )
    return doc.chapters[0].sections[0].targets[0], doc


def _codes(doc: Document) -> list[str]:
    return [w.code for w in doc.warnings]


@pytest.mark.parametrize(
    ("first", "second", "value", "unit"),
    [
        ("- ・ 登録者数：63万4,", "518人（令和5年3月31日）", Decimal(634518), "人"),
        ("- ・ 登録者数：63万", "4,518人（令和5年3月31日）", Decimal(634518), "人"),
        ("- ・ 事業規模：2兆", "750億円（令和5年度）", Decimal(2_075_000_000_000), "円"),
        ("- ・ 登録者数：1,", "204,518人（令和5年3月31日）", Decimal(1_204_518), "人"),
    ],
)
def test_a_number_cut_by_a_line_break_is_read_whole(
    first: str, second: str, value: Decimal, unit: str
) -> None:
    indicator, doc = _indicator(first, second)
    (o,) = indicator.observations
    assert o.quantity is not None and (o.quantity.value, o.quantity.unit) == (value, unit)
    assert o.period is not None
    assert (o.span.first_line, o.span.last_line) == (4, 5)
    assert "observation_value_unread" not in _codes(doc)


def test_a_value_line_after_a_complete_value_stays_apart() -> None:
    indicator, _ = _indicator("- ・ 件数：北部 12件、", "南部 8件（令和5年度）")
    assert [o.quantity.value for o in indicator.observations if o.quantity] == [12, 8]


def test_lines_that_do_not_form_one_number_are_not_joined() -> None:
    # 5万 followed by a five-digit group is no single amount: two values, as written.
    indicator, _ = _indicator("- ・ 件数：5万", "12345件（令和5年度）")
    assert len(indicator.observations) == 2


def test_a_target_cut_mid_number_is_one_target_value() -> None:
    target, doc = _target("- ・ 受講者数：12万", "5,000人（2025年度）")
    assert target.quantity is not None and target.quantity.value == Decimal(125000)
    assert "target_several_values" not in _codes(doc)


def test_an_indicator_range_is_stored_as_a_range_and_warned() -> None:
    indicator, doc = _indicator("- ・ 参加者数：約1,500人～2,500人（令和5年度）")
    (o,) = indicator.observations
    assert o.quantity is not None
    assert (o.quantity.value, o.quantity.qualifier) == (1500, Qualifier.RANGE)
    assert o.quantity.text == "約1,500人～2,500人"
    assert o.label == ""
    (warning,) = [w for w in doc.warnings if w.code == "value_range"]
    assert "約1,500人～2,500人" in warning.message and warning.line == 4


def test_a_target_range_is_stored_as_a_range_and_warned() -> None:
    target, doc = _target("- ・ 達成率：35～45%（2030年度）")
    assert target.quantity is not None and target.quantity.qualifier is Qualifier.RANGE
    assert target.period is not None
    assert "value_range" in _codes(doc)
    assert "target_value_unread" not in _codes(doc)


def test_a_target_whose_quantity_is_unread_warns_even_with_its_period_read() -> None:
    target, doc = _target("- ・ 普及率：大幅に向上（2030年度）")
    assert target.quantity is None and target.period is not None
    assert "target_value_unread" in _codes(doc)
