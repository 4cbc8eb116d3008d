"""The briefings 002–004 of ``../shared/corpus``: ingest, repair of 003's garbling, what
extraction finds, and the links from their programmes to the follow-up report 001.

Every expected value below was found by reading the documents (line numbers are the first
line of the block the item is written in). The lists are subsets: the tests check that each
item is found as written here, not that nothing else is found.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from stiplan.analysis.links import link_programmes
from stiplan.ingest import read_path
from stiplan.model import Block, BlockKind, Document, DocumentKind
from stiplan.store import Store
from tests.conftest import corpus_file

pytestmark = pytest.mark.corpus

DECKS = {
    "002": "002_57911e9c0807c863.txt",
    "003": "003_5393b671f54dd828.txt",
    "004": "004_90b13c8531426e22.txt",
}
REPORT = "001_0e8a8b9cad5e63ab.txt"

_CACHE: dict[str, Document] = {}


def _doc(name: str) -> Document:
    if name not in _CACHE:
        _CACHE[name] = read_path(corpus_file(name))
    return _CACHE[name]


def _deck(key: str) -> Document:
    return _doc(DECKS[key])


def _blocks(doc: Document) -> list[Block]:
    return [b for s in doc.slides for b in s.blocks]


# (first line, date, action, what, body)
DECISIONS: dict[str, list[tuple[int, str, str, str, str]]] = {
    "002": [
        (272, "2023-05-26", "とりまとめ", "AIに関する暫定的な論点整理", "AI戦略会議"),
        (305, "2023-04-01", "策定", "量子未来産業創出戦略", ""),
        (309, "2022-04-01", "改訂", "量子技術イノベーション戦略", ""),
        (315, "2022-04-01", "", "量子未来社会ビジョン", ""),
        (561, "2023-04-01", "策定", "フュージョンエネルギー・イノベーション戦略", ""),
        (841, "2023-01-26", "決定", "14の課題", "ガバニングボード"),
        (842, "2023-03-16", "決定", "戦略及び計画とPD", ""),
        (896, "2022-03-31", "開始", "大学ファンドの運用", ""),
        (980, "2023-06-09", "閣議決定", "統合イノベーション戦略2023", "閣議"),
        (
            1002,
            "2021-04-27",
            "決定",
            "政府としての対応方針",
            "統合イノベーション戦略推進会議",
        ),
        (1009, "2023-06-29", "改訂", "所属機関向けのチェックリスト雛形", ""),
        (1019, "2021-12-17", "改定", "競争的研究資金に関するガイドライン", ""),
        (
            1092,
            "2019-06-01",
            "",
            "スタートアップ・エコシステム拠点形成戦略",
            "内閣府、文部科学省、経済産業省",
        ),
        (1092, "2020-07-01", "選定", "エコシステムの中核となる拠点都市", ""),
        (
            1150,
            "2021-04-01",
            "施行",
            "先般改正された科学技術・イノベーション創出",  # (the law's name runs on)
            "",
        ),
        (
            1150,
            "2023-06-09",
            "閣議決定",
            "令和5年度特定新技術補助金等の支出",  # a prefix of the name
            "閣議",
        ),
    ],
    "003": [
        (145, "2023-06-16", "閣議決定", "新しい資本主義のグランドデザイン及び実行計画", "閣議"),
        (145, "2023-06-16", "閣議決定", "経済財政運営と改革の基本方針", "閣議"),
        (148, "2023-06-09", "閣議決定", "統合イノベーション戦略2023", "閣議"),
        (278, "2023-12-01", "合意", "広島AIプロセス包括的政策枠組み", "総務省、外務省"),
        (279, "2023-12-01", "とりまとめ", "AI事業者ガイドライン案", "総務省、経済産業省"),
        (280, "2024-02-01", "設立", "AIセーフティ・インスティテュート", "内閣府"),
        (
            329,
            "2020-01-21",
            "決定",
            "量子技術イノベーション戦略",
            "統合イノベーション戦略推進会議",
        ),
        (330, "2022-04-22", "決定", "量子未来社会ビジョン", "統合イノベーション戦略推進会議"),
        (331, "2023-03-27", "公開", "国産超伝導量子コンピュータ初号機", "理化学研究所"),
        (332, "2023-04-14", "決定", "量子未来産業創出戦略", "統合イノベーション戦略推進会議"),
        (333, "2023-07-27", "設立", "量子・AI融合技術ビジネス開発グローバル", ""),
        (390, "2024-06-01", "改定", "バイオ戦略", "統合イノベーション戦略推進会議"),
        (398, "2019-06-11", "決定", "バイオ戦略", "統合イノベーション戦略推進会議"),
        (
            412,
            "2021-05-12",
            "決定",
            "みどりの食料システム戦略",
            "みどりの食料システム戦略本部",
        ),
        (
            463,
            "2023-08-01",
            "選定",
            "東北大学を認定候補",
            "国際卓越研究大学の認定等に関する有識者会議",
        ),
        (
            615,
            "2022-05-18",
            "成立",
            "国際卓越研究大学の研究及び研究成果の活用のための体制の強化に関する法律",
            "",
        ),
        (
            716,
            "2021-01-28",
            "成立",
            "国立研究開発法人科学技術振興機構法の一部を改正する法律",
            "",
        ),
        (
            766,
            "2024-02-16",
            "決定",
            "学術論文等の即時オープンアクセスの実現に向",
            "統合イノベーション戦略推進会議",
        ),
        (839, "2021-03-26", "閣議決定", "第6期科学技術・イノベーション基本計画", "閣議"),
    ],
    "004": [],
}

# (first line, subject, value, unit, target period as written or None)
TARGETS: dict[str, list[tuple[int, str, Decimal, str, str | None]]] = {
    "002": [
        (327, "国内の量子技術の利用者", Decimal("1E7"), "人", "2030年"),
        (329, "量子技術による生産額", Decimal("5E13"), "円", "2030年"),
        (1162, "支出目標", Decimal("1066.2E8"), "円", None),
        (1164, "令和4年度の支出目標", Decimal("546E8"), "円", "令和4年度"),
    ],
    "003": [
        (372, "国内の量子技術の利用者", Decimal("1E7"), "人", "2030年"),
        (372, "量子技術による生産額", Decimal("5E13"), "円", "2030年"),
    ],
    "004": [
        (27, "政府の研究開発投資の総額", Decimal("30E12"), "円", None),
        (27, "官民の研究開発投資の総額", Decimal("120E12"), "円", None),
        (235, "国立研究開発法人等への投資", Decimal(3), "倍", "2025年度"),
        (239, "スタートアップへの投資", Decimal(10), "倍", None),
        (240, "大学発スタートアップ事業化支援", Decimal(5000), "件", None),
        (259, "博士学生支援", Decimal(22500), "人", None),
        (275, "企業から大学等への投資", Decimal(3), "倍", None),
    ],
}

# (programme, a first line where the deck names it)
PROGRAMMES: dict[str, list[tuple[str, int]]] = {
    "002": [
        ("統合イノベーション戦略2023", 3),
        ("経済安全保障重要技術育成プログラム", 614),
        ("戦略的イノベーション創造プログラム", 805),
        ("ムーンショット型研究開発制度", 846),
        ("ムーンショット目標1", 854),
        ("ムーンショット目標6", 449),
        ("ムーンショット目標9", 862),
        ("日本版SBIR制度", 1148),
        ("グローバル・スタートアップ・キャンパス構想", 1216),
        ("量子未来産業創出戦略", 305),
        ("フュージョンエネルギー・イノベーション戦略", 559),
        ("AI戦略2022", 185),
        ("大学ファンド", 880),
    ],
    "003": [
        ("経済安全保障重要技術育成プログラム", 104),  # written "K program"
        ("研究開発とSociety5.0との橋渡しプログラム", 107),  # BRIDGE
        ("戦略的イノベーション創造プログラム", 107),
        ("ムーンショット型研究開発制度", 107),
        ("統合イノベーション戦略2024", 165),
        ("e-CSTI", 173),
        ("基盤的防災情報流通ネットワーク", 213),  # SIP4D
        ("量子技術イノベーション戦略", 329),
        ("バイオ戦略", 380),
        ("革新的GX技術創出事業", 385),  # GteX
        ("みどりの食料システム戦略", 412),
        ("国際卓越研究大学制度", 461),
        ("第6期科学技術・イノベーション基本計画", 839),
    ],
    "004": [
        ("第7期科学技術・イノベーション基本計画", 3),
        ("日本の研究パフォーマンス最大化プラン", 5),
        ("第5期科学技術基本計画", 9),
        ("大学ファンド", 41),
        ("GIGAスクール構想", 45),
        ("国際卓越研究大学制度", 250),
        ("地域中核・特色ある研究大学強化促進事業", 251),  # J-PEAKS
        ("創発的研究支援事業", 255),
        ("先端国際共同研究推進事業", 264),  # ASPIRE
        ("経済安全保障重要技術育成プログラム", 270),
        ("ムーンショット型研究開発制度", 270),
        ("宇宙戦略基金", 271),
        ("スタートアップ育成5か年計画", 237),
        ("科学技術人材政策パッケージ", 447),
    ],
}


@pytest.mark.parametrize("key", sorted(DECKS))
def test_each_deck_is_checked_against_at_least_fifteen_items(key: str) -> None:
    assert len(DECISIONS[key]) + len(TARGETS[key]) + len(PROGRAMMES[key]) >= 15


@pytest.mark.parametrize("key", sorted(DECKS))
def test_ingesting_a_deck_succeeds_and_round_trips(key: str) -> None:
    doc = _deck(key)
    assert doc.kind is DocumentKind.SLIDES
    assert doc.slides and all(b.span.last_line <= len(doc.lines) for b in _blocks(doc))
    with Store.memory() as store:
        assert store.ingest(doc).created
        assert store.load_document(doc.id) == doc


@pytest.mark.parametrize("key", sorted(DECKS))
def test_decisions(key: str) -> None:
    # ``what`` is compared as a prefix: the repository must not repeat long runs of the real
    # documents, and the start of a name already tells decisions apart.
    found = [
        (d.span.first_line, d.date.start.isoformat(), d.action, d.what, d.body)
        for d in _deck(key).extractions.decisions
    ]
    missing = [
        (line, day, act, what, body)
        for line, day, act, what, body in DECISIONS[key]
        if not any(
            (f[0], f[1], f[2], f[4]) == (line, day, act, body) and f[3].startswith(what)
            for f in found
        )
    ]
    assert missing == []


@pytest.mark.parametrize("key", sorted(DECKS))
def test_numeric_targets(key: str) -> None:
    found = {
        (
            t.span.first_line,
            t.subject,
            t.quantity.value,
            t.quantity.unit,
            t.period.text if t.period else None,
        )
        for t in _deck(key).extractions.targets
    }
    missing = [t for t in TARGETS[key] if t not in found]
    assert missing == []


@pytest.mark.parametrize("key", sorted(DECKS))
def test_programmes(key: str) -> None:
    found = {(p.name, p.span.first_line) for p in _deck(key).extractions.programmes}
    missing = [p for p in PROGRAMMES[key] if p not in found]
    assert missing == []


def test_briefing_dates_and_titles() -> None:
    assert (_deck("002").edition, _deck("002").title) == (
        "2023",
        "「統合イノベーション戦略2023」について",
    )
    assert _deck("003").slides[2].title == "3．統合イノベーション戦略2024に向けた方向性"
    assert [s.span.first_line for s in _deck("003").slides][:4] == [1, 90, 154, 204]


def test_budgets_of_002() -> None:
    found = {
        (b.span.first_line, b.subject, b.amount.value, b.kind, b.period.text if b.period else None)
        for b in _deck("002").extractions.budgets
    }
    assert {
        (624, "経済安全保障重要技術育成プログラム", Decimal("2500E8"), "補正予算", "令和3年度"),
        (849, "ムーンショット型研究開発制度", Decimal("1000E8"), "補正予算", "H30年度"),
        (849, "ムーンショット型研究開発制度", Decimal("800E8"), "補正予算", "R3年度"),
        (1201, "日本版SBIR制度", Decimal("2060E8"), "補正予算", "令和4年度"),
        (
            1218,
            "グローバル・スタートアップ・キャンパス構想",
            Decimal("10.2E8"),
            "概算要求",
            "令和6年度",
        ),
    } <= found


# --- 003: repaired text and what cannot be repaired --------------------------------------------

_UNREAD = re.compile("[\u2e80-\u2fdf\u0900-\u097f\u0600-\u06ff\ufe10-\ufe19\ue000-\uf8ff]")


def _block_at(doc: Document, first: int, last: int) -> Block:
    (block,) = [b for b in _blocks(doc) if (b.span.first_line, b.span.last_line) == (first, last)]
    return block


@pytest.mark.parametrize(
    ("first", "last", "text"),
    [
        (484, 486, "内閣府"),
        (488, 492, "文部科学省"),
        (515, 521, "資金運用・助成"),
        (578, 613, "国際卓越研究大学の研究及び研究成果の活用のための体制の強化に関する法律"),
        (615, 631, "令和4年5月18日成立・11月15日施行"),
        (643, 651, "大学認定・計画認可"),
        (688, 714, "国立研究開発法人科学技術振興機構法の一部を改正する法律"),
        (716, 732, "令和3年1月28日成立・2月23日施行"),
    ],
)
def test_vertical_passages_of_003_read_correctly(first: int, last: int, text: str) -> None:
    block = _block_at(_deck("003"), first, last)
    assert block.text == text
    assert block.repaired and not block.garbled


@pytest.mark.parametrize(
    ("first", "fragment"),
    [
        (3, "先端科学技術の競争激化 論文指標の順位低下"),  # ⽂ → 文
        (10, "例:主な大規模言語モデルAIの開発元"),  # ︓ → :, ⼤ ⾔ → 大 言
        (244, "国民の安全・安心に繋がる防災"),  # ⺠ → 民 (NFKC leaves it)
        (406, "グローバル2拠点（2022年4月:東京・関西）"),  # ⻄ → 西
        (878, "東京都心(目黒・渋谷)"),  # ⿊ → 黒, not the traditional 黑
        (93, "広島AIプロセス包括的政策枠組みの合意"),  # wrapped bullet rejoined
    ],
)
def test_kangxi_and_radical_glyphs_of_003_read_as_japanese(first: int, fragment: str) -> None:
    texts = [b.text for b in _blocks(_deck("003")) if b.span.first_line == first]
    assert any(fragment in t for t in texts), texts


def test_no_block_of_any_deck_keeps_a_broken_glyph() -> None:
    for key in DECKS:
        for block in _blocks(_deck(key)):
            assert not _UNREAD.search(block.text), (key, block.span, block.text)


def test_every_foreign_letter_of_003_was_a_certain_one_so_nothing_is_left_garbled() -> None:
    doc = _deck("003")
    assert not any(b.garbled for b in _blocks(doc))
    repaired = [(w.line, w.message) for w in doc.warnings if w.code == "letters_repaired"]
    assert [line for line, _ in repaired] == [515, 578, 615, 643, 688, 716]
    assert "भ→の" in repaired[1][1] and "ल→び" in repaired[1][1]


def test_what_cannot_be_repaired_in_003_is_warned_with_its_line() -> None:
    warnings = _deck("003").warnings
    merged = [w.line for w in warnings if w.code == "cells_merged"]
    assert merged == [53, 55, 56, 57, 58, 59, 60, 61, 63, 64, 65]
    assert [w.line for w in warnings if w.code == "layout_lost"] == [484]
    joined = [w.line for w in warnings if w.code == "vertical_text_joined"]
    assert joined[0] == 484 and 578 in joined and len(joined) == 17


def test_002_and_004_need_no_repair() -> None:
    for key in ("002", "004"):
        doc = _deck(key)
        assert not any(b.repaired or b.garbled for b in _blocks(doc))
        assert {w.code for w in doc.warnings} <= {"edition_unknown"}


def test_blocks_of_002_keep_bullet_levels_tables_and_sources() -> None:
    doc = _deck("002")
    by_line = {b.span.first_line: b for b in _blocks(doc)}
    assert (by_line[32].kind, by_line[32].level) == (BlockKind.BULLET, 1)
    assert (by_line[33].kind, by_line[33].level) == (BlockKind.BULLET, 2)
    assert by_line[34].bold == ["基本的な政策の調査審議"]
    assert by_line[461].kind is BlockKind.TABLE_ROW and by_line[461].cells[0] == "PM1"
    assert by_line[77].kind is BlockKind.SOURCE


# --- links to the follow-up report -------------------------------------------------------------

LINKED = {
    "戦略的イノベーション創造プログラム",
    "研究開発とSociety5.0との橋渡しプログラム",
    "経済安全保障重要技術育成プログラム",
    "ムーンショット型研究開発制度",
    "基盤的防災情報流通ネットワーク",
    "スタートアップ・エコシステム拠点都市",
    "国際卓越研究大学制度",
    "地域中核・特色ある研究大学強化促進事業",
    "地域中核・特色ある研究大学総合振興パッケージ",
    "フュージョンエネルギー・イノベーション戦略",
    "みどりの食料システム戦略",
    "e-CSTI",
    "革新的GX技術創出事業",
    "デジタル田園都市国家構想",
    "国家戦略特区",
}


def test_programmes_of_the_briefings_link_to_001() -> None:
    report = _doc(REPORT)
    names = [p.name for key in DECKS for p in _deck(key).extractions.programmes]
    links = link_programmes(names, [report])
    linked = {link.programme for link in links}
    assert len(LINKED) >= 10
    assert linked >= LINKED
    by_name = {name: [k for k in links if k.programme == name] for name in linked}
    sip = by_name["戦略的イノベーション創造プログラム"]
    assert {k.section_label for k in sip} >= {"1.(1)", "1.(3)", "1.(6)"}
    kp = by_name["経済安全保障重要技術育成プログラム"]
    assert {k.section_label for k in kp} == {"1.(3)"}
    assert all(k.initiative_id for k in kp)
    sip4d = by_name["基盤的防災情報流通ネットワーク"]
    assert all("SIP4D" in k.text for k in sip4d)
    standalone_sip = re.compile(r"SIP(?![0-9A-Za-z])|戦略的イノベーション創造プログラム")
    assert all(standalone_sip.search(k.text) for k in sip)  # never only SIP4D
    for link in links:
        assert 1 <= link.span.first_line <= link.span.last_line <= len(report.lines)


def test_one_timeline_across_the_four_documents() -> None:
    decisions = [
        (d.date.start, name)
        for name in (REPORT, *DECKS.values())
        for d in _doc(name).extractions.decisions
    ]
    assert {name for _, name in decisions} == {REPORT, DECKS["002"], DECKS["003"]}  # 004: none
    cabinet_2023 = {
        name
        for name in (REPORT, *DECKS.values())
        for d in _doc(name).extractions.decisions
        if d.date.start == date(2023, 6, 9) and d.action == "閣議決定"
    }
    assert cabinet_2023 == {DECKS["002"], DECKS["003"]}


def test_corpus_files_exist_where_expected() -> None:
    assert all(Path(corpus_file(name)).is_file() for name in (REPORT, *DECKS.values()))
