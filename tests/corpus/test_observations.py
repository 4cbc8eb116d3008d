"""Reference indicators of the real 2025 follow-up report, read value by value.

Reads ``../shared/corpus/001_0e8a8b9cad5e63ab.txt`` at run time (nothing of it is copied here but
short labels and values): every ``- ・`` bullet under a ``【現状データ】`` heading, up to the next
``【`` heading or section/subsection heading, has its footnote markers removed and is split into
observations. The expected values, units and periods were checked by reading the document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from stiplan.normalize.markers import extract_footnote_refs
from stiplan.normalize.values import ObservationValue, split_name_value, split_observations

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
REPORT = CORPUS / "001_0e8a8b9cad5e63ab.txt"
_HEADING = re.compile(r"^(?:\d+\.\s|[（(]\d+[）)]|[①-⑳])")

pytestmark = pytest.mark.corpus

# (label prefix, value, unit, period as "start..end kind" or None, other fields)
EXPECTED: list[tuple[str, str, str, str | None, dict[str, Any]]] = [
    ("SDGs 達成度・スコア", "79.9", "", "2024-01-01..2024-12-31 year", {}),
    ("SDG Global ran", "18", "位", "2024-01-01..2024-12-31 year", {}),
    ("家計所得", "31709", "USD", "2022-01-01..2022-12-31 year", {"per": "人"}),
    ("家計資産", "185655.56", "USD", "2016-01-01..2016-12-31 year", {"per": "人"}),
    ("S80／S20所得比率", "6.40", "", "2021-01-01..2021-12-31 year", {}),
    ("男性", "72.57", "歳", "2022-01-01..2022-12-31 year", {}),
    ("女性", "75.45", "歳", "2022-01-01..2022-12-31 year", {}),
    ("名目GDP", "592170000000000", "円", "2023-01-01..2023-12-31 year", {}),
    ("実質GDP成長率", "1.9", "%", "2023-01-01..2023-12-31 year", {}),
    ("IMD世界競争力ランキング", "38", "位", "2024-01-01..2024-12-31 year", {"of": "67"}),
    ("", "19360", "件", "2025-04-10..2025-04-10 day", {}),
    ("", "73.7", "%", "2023-01-01..2023-12-31 year", {}),
    ("名目国内総生産額", "54700000000000", "円", "2022-01-01..2022-12-31 year", {}),
    ("", "31", "位", "2024-01-01..2024-12-31 year", {"of": "67"}),
    ("", "202702", "件", "2025-04-10..2025-04-10 day", {}),
    ("学術データ", "801", "サイト", "2025-04-10..2025-04-10 day", {}),
    ("公共系オープンデータ", "36", "サイト", "2025-04-10..2025-04-10 day", {}),
    ("", "2804536", "件", "2024-04-01..2025-03-31 fiscal_year", {}),
    ("5G基盤展開率", "98", "%", "2024-03-31..2024-03-31 end_of_fiscal_year", {}),
    ("光ファイバ未整備世帯数", "100000", "世帯", "2023-03-31..2023-03-31 end_of_fiscal_year", {}),
    ("認知度", "25.9", "%", "2024-04-01..2025-03-31 fiscal_year", {}),
    ("リテラシーレベル", "112", "件", "2024-04-01..2025-03-31 fiscal_year", {}),
    ("応用基礎レベル", "100", "件", "2024-04-01..2025-03-31 fiscal_year", {}),
    ("", "3383800000000", "円", "2023-04-01..2024-03-31 fiscal_year", {}),
    ("", "1161", "地方公共団体", "2025-03-31..2025-03-31 end_of_fiscal_year", {}),
    ("", "1248800000000", "円", "2023-04-01..2024-03-31 fiscal_year", {}),
    ("", "1129900000000", "円", "2023-04-01..2024-03-31 fiscal_year", {}),
    ("", "91", "社", "2025-04-01..2025-04-30 month", {}),
    ("", "1071000000", "トン", "2023-04-01..2024-03-31 fiscal_year", {"note": "CO₂換算"}),
    ("", "1.40", "°C", "1898-01-01..2024-12-31 range", {"per": "100年"}),
    ("", "457000", "円", "2021-04-01..2022-03-31 fiscal_year", {"qualifier": "約", "per": "トン"}),
    ("", "63200000000000", "円", "2022-04-01..2023-03-31 fiscal_year", {"qualifier": "約"}),
    ("", "35", "人", "2023-01-01..2023-12-31 year", {}),
    ("", "500000000000", "円", "2022-01-01..2022-12-31 year", {"qualifier": "約"}),
    ("", "334", "回", "2015-01-01..2022-12-31 average", {"qualifier": "約", "per": "年"}),
    ("", "75", "%", "2040-01-01..2040-12-31 year", {"qualifier": "約"}),
    ("", "222", "件", "2024-01-01..2024-12-31 year", {}),
    ("", "15377", "件", "2023-01-01..2023-12-31 year", {}),
    ("大学等発", "396", "社", "2023-04-01..2024-03-31 fiscal_year", {"note": "設立"}),
    ("研究開発型法人発", "13", "社", "2018-04-01..2019-03-31 fiscal_year", {"note": "設立"}),
    ("年間VC等投資額", "293600000000", "円", "2023-04-01..2024-03-31 fiscal_year", {}),
    ("年間VC等投資額", "1814", "件", "2023-04-01..2024-03-31 fiscal_year", {}),
    ("人口100万人当たりの商標出", "32.0", "", "2021-01-01..2021-12-31 year", {}),
    ("人口100万人当たりの特許出", "128.3", "", "2021-01-01..2021-12-31 year", {}),
    ("企業から大学等へ転入した研究", "1281", "人", "2023-04-01..2024-03-31 fiscal_year", {}),
    ("大学等から企業へ転入した研究", "182", "人", "2023-04-01..2024-03-31 fiscal_year", {}),
    ("", "78", "", "2025-03-31..2025-03-31 end_of_fiscal_year", {}),
    ("", "31", "", "2022-01-31..2022-01-31 end_of_month", {"provisional": True, "note": "暫定値"}),
    ("", "82", "", "2022-01-31..2022-01-31 end_of_month", {"provisional": True, "note": "暫定値"}),
    ("", "141", "地域", "2024-03-31..2024-03-31 end_of_fiscal_year", {}),
    ("", "18", "", "2025-03-31..2025-03-31 end_of_fiscal_year", {}),
    ("", "50", "", "2022-01-31..2022-01-31 end_of_month", {"provisional": True, "note": "暫定値"}),
    ("", "14", "", "2022-01-31..2022-01-31 end_of_month", {"provisional": True, "note": "暫定値"}),
    ("", "51", "", "2025-03-31..2025-03-31 end_of_fiscal_year", {}),
    ("A I分野における研究費", "273400000000", "円", "2023-04-01..2024-03-31 fiscal_year", {}),
    (
        "バイオテクノロジー分野におけ",
        "399300000000",
        "円",
        "2023-04-01..2024-03-31 fiscal_year",
        {},
    ),
    ("量子技術分野における研究費", "152700000000", "円", "2023-04-01..2024-03-31 fiscal_year", {}),
    (
        "マテリアル等分野における研究",
        "1628900000000",
        "円",
        "2023-04-01..2024-03-31 fiscal_year",
        {},
    ),
    ("上位100社に米国は", "58", "社", "2025-04-01..2025-04-30 month", {}),
    ("中国は", "11", "社", "2025-04-01..2025-04-30 month", {}),
    ("日本は", "2", "社", "2025-04-01..2025-04-30 month", {}),
    ("", "38", "位", "2024-01-01..2024-12-31 year", {"of": "67"}),
    ("異分野の協働（社会的課題に基", "4.4", "", None, {}),
    ("異分野の協働（社会的課題に基", "4.2", "", None, {}),
    ("", "2804536", "件", "2024-04-01..2025-03-31 fiscal_year", {}),
    ("科学技術関心度 男性", "65.1", "%", "2024-02-01..2024-02-29 month", {}),
    ("科学技術関心度 女性", "52.1", "%", "2024-02-01..2024-02-29 month", {}),
]


def indicator_bullets(lines: list[str]) -> list[str]:
    """The reference-indicator bullet lines, footnote markers removed."""
    bullets: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("【"):
            inside = line.startswith("【現状データ】")
        elif _HEADING.match(line):
            inside = False
        elif inside and line.startswith("- ・"):
            bullets.append(extract_footnote_refs(line)[0])
    return bullets


@pytest.fixture(scope="module")
def observations() -> list[ObservationValue]:
    if not REPORT.is_file():
        pytest.skip(f"../shared/corpus is absent: {REPORT} not found, real-document test skipped")
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    found: list[ObservationValue] = []
    for bullet in indicator_bullets(lines):
        _, value = split_name_value(bullet)
        found.extend(split_observations(value))
    return found


def _period(o: ObservationValue) -> str | None:
    return None if o.period is None else f"{o.period.start}..{o.period.end} {o.period.kind.value}"


def test_every_indicator_value_is_read(observations: list[ObservationValue]) -> None:
    assert len(observations) >= 40
    assert [o.text for o in observations if o.quantity is None] == []
    assert len(observations) == len(EXPECTED)


@pytest.mark.parametrize(
    ("i", "label", "value", "unit", "period", "extra"),
    [(i, *row) for i, row in enumerate(EXPECTED)],
    ids=[f"{i}-{row[0] or row[1]}" for i, row in enumerate(EXPECTED)],
)
def test_observation(
    observations: list[ObservationValue],
    i: int,
    label: str,
    value: str,
    unit: str,
    period: str | None,
    extra: dict[str, Any],
) -> None:
    o = observations[i]
    assert o.quantity is not None
    if label:
        assert o.label.startswith(label)
    else:
        assert o.label == ""
    assert o.quantity.value == Decimal(value)
    assert o.quantity.unit == unit
    assert _period(o) == period
    assert (o.quantity.qualifier.value if o.quantity.qualifier else None) == extra.get("qualifier")
    assert o.quantity.of == (Decimal(extra["of"]) if "of" in extra else None)
    assert o.quantity.per == extra.get("per")
    assert o.quantity.provisional is extra.get("provisional", False)
    assert o.note == extra.get("note", "")
