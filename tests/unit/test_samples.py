"""The bundled samples read exactly as their inventory (``samples/README.md``) says."""

from __future__ import annotations

import pytest

from stiplan.ingest import read_path
from stiplan.model import Document, MinistryRef
from stiplan.normalize.numbers import format_quantity
from stiplan.readers.followup import read_followup
from tests.conftest import SAMPLES


def _read(name: str) -> Document:
    path = SAMPLES / name
    return read_followup(path.read_text(encoding="utf-8"), path.name)


def _codes(refs: list[MinistryRef]) -> str:
    return " ".join(f"*{r.code}" if r.lead else r.code for r in refs)


def _rows(doc: Document) -> list[tuple[object, ...]]:
    return [
        (
            f"({s.number}){ss.number}.{i.number}",
            (i.span.first_line, i.span.last_line),
            _codes(i.ministries),
            len(i.status_items),
            [_codes(a.ministries) for a in i.actions],
            i.repeated,
        )
        for c in doc.chapters
        for s in c.sections
        for ss in s.subsections
        for i in ss.initiatives
    ]


COMMON = [
    ("(1)1.2", (80, 80), "科技", 1, ["*科技 文"], False),
    ("(1)2.1", (97, 97), "*科技 文 関係府省", 2, [], False),
    ("(1)2.2", (98, 98), "*科技 関係府省", 0, ["*文", "科技 文"], False),
    ("(2)1.1", (136, 136), "*文 科技", 2, ["*文"], False),
    ("(2)2.1", (142, 142), "科技 *文", 2, ["*文", "文 厚"], False),
    ("(2)2.2", (143, 148), "総 *文", 1, ["*文", "文"], False),
    ("(3)1.1", (183, 183), "*文 研開", 1, ["*文"], False),
]


@pytest.mark.parametrize(
    ("name", "differing", "totals"),
    [
        (
            "followup_2024.txt",
            [
                ("(1)1.1", (79, 79), "*文 経", 2, ["*文", "経 文"], False),
                ("(1)1.3", (81, 92), "*文 科技", 2, ["文", "*文"], False),
                ("(2)1.2", (137, 137), "文 *科技", 1, ["文 *科技"], True),
                ("(3)1.2", (184, 184), "文 経", 1, ["*文"], False),
                ("(3)2.1", (189, 189), "*文 科技 財", 1, ["*文 科技"], False),
                ("(3)2.2", (190, 190), "*文 科技 経 総", 1, ["*文 経"], False),
            ],
            (13, 17, 17),
        ),
        (
            "followup_2025.txt",
            [
                ("(1)1.1", (79, 79), "*文 経", 3, ["*文", "経 文"], False),
                ("(1)1.3", (81, 92), "*文 科技", 3, ["文", "*文"], False),
                ("(2)1.2", (137, 137), "文 *科技", 2, ["文 *科技"], True),
                ("(3)2.1", (188, 188), "*文 科技 財", 1, ["*文 科技"], False),
                ("(3)2.2", (189, 189), "*文 科技 経 総", 1, ["*文 経"], False),
                ("(3)2.3", (190, 190), "*文 外 法", 1, ["*文", "法"], False),
            ],
            (13, 20, 18),
        ),
    ],
)
def test_sample_initiatives_match_the_inventory(
    name: str, differing: list[tuple[object, ...]], totals: tuple[int, int, int]
) -> None:
    doc = _read(name)
    rows = _rows(doc)
    assert sorted(rows, key=str) == sorted(COMMON + differing, key=str)
    assert (len(rows), sum(r[3] for r in rows), sum(len(r[4]) for r in rows)) == totals  # type: ignore[misc, arg-type]


@pytest.mark.parametrize("name", ["followup_2024.txt", "followup_2025.txt"])
def test_sample_warnings_and_footnotes_match_the_inventory(name: str) -> None:
    doc = _read(name)
    assert [(w.line, w.code) for w in doc.warnings] == [
        (1, "title_unknown"),  # the samples print no head lines (title, date) above chapter 2
        (1, "date_unknown"),
        (47, "target_several_values"),
        (51, "target_value_unread"),
        (97, "footnote_undefined"),
        (98, "ministry_tag_repaired"),
        (142, "ministry_code_repaired"),
        (183, "unknown_ministry_code"),
    ]
    assert sorted(f.number for f in doc.footnotes) == [*range(1, 18), *range(19, 27)]
    by_number = {f.number: f for f in doc.footnotes}
    assert (by_number[17].span.first_line, by_number[17].span.last_line) == (89, 90)
    assert all(f.cited_by for f in doc.footnotes)
    section = doc.chapters[0].sections[0]
    assert len(section.paragraphs) == 4
    assert (section.paragraphs[1].span.first_line, section.paragraphs[1].span.last_line) == (29, 35)
    assert [len(s.targets) for s in doc.chapters[0].sections] == [3, 2, 2]
    assert [len(s.indicators) for s in doc.chapters[0].sections] == [4, 3, 2]


@pytest.mark.parametrize("name", ["followup_2024.txt", "followup_2025.txt"])
def test_sample_indicator_values_match_the_inventory(name: str) -> None:
    chapter = _read(name).chapters[0]
    counts = [[len(i.observations) for i in chapter.indicators]] + [
        [len(i.observations) for i in s.indicators] for s in chapter.sections
    ]
    assert counts == [[2, 2, 1], [1, 2, 2, 1], [2, 2, 1], [2, 1]]
    observations = [o for s in chapter.sections for i in s.indicators for o in i.observations]
    assert all(o.quantity is not None and o.period is not None for o in observations)


# --- the sample briefing -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def briefing() -> Document:
    return read_path(SAMPLES / "briefing_2025.txt")


def test_briefing_slides_as_the_inventory_says(briefing: Document) -> None:
    assert briefing.edition == "2025"
    assert [(s.span.first_line, s.span.last_line, s.title) for s in briefing.slides] == [
        (3, 15, "「研究力強化加速戦略2025」について"),
        (17, 27, "1.研究力強化加速戦略2025の全体像"),
        (31, 47, "主な施策"),
        (49, 57, "2.主な施策と目標"),
        (61, 77, "予算の状況"),
        (81, 139, "3.参考資料"),
    ]


def test_briefing_warnings_as_the_inventory_says(briefing: Document) -> None:
    assert [(w.line, w.code) for w in briefing.warnings] == [
        (85, "vertical_text_joined"),
        (85, "layout_lost"),
        (91, "vertical_text_joined"),
        (91, "letters_repaired"),
        (111, "vertical_text_joined"),
        (124, "garbled_text"),
        (130, "cells_merged"),
        (131, "cells_merged"),
        (132, "cells_merged"),
    ]


def test_briefing_garbled_slide_reads_as_the_inventory_says(briefing: Document) -> None:
    blocks = {b.span.first_line: b for b in briefing.slides[5].blocks}
    assert blocks[85].text == "文部科学省"
    assert blocks[91].text == "研究基盤整備推進法の一部を改正する法律"
    assert blocks[111].text == "令和6年4月1日施行"
    assert blocks[122].text == "大学の研究力を高め、国民の長期的な信頼を得る。"
    assert blocks[124].garbled and not any(b.garbled for n, b in blocks.items() if n != 124)


def test_briefing_extractions_as_the_inventory_says(briefing: Document) -> None:
    found = briefing.extractions
    assert [
        (d.span.first_line, d.date.text, d.body, d.action, d.what) for d in found.decisions
    ] == [
        (22, "令和7年6月6日", "閣議", "閣議決定", "研究力強化加速戦略2025"),
        (25, "2025年4月18日", "統合イノベーション戦略推進会議", "決定", "研究設備共用ビジョン"),
        (70, "令和7年度", "", "選定", "共用拠点"),
        (111, "令和6年4月1日", "", "施行", "研究基盤整備推進法の一部を改正する法律"),
        (136, "令和7年3月", "総合科学技術・イノベーション会議", "改定", "研究設備共用ビジョン"),
    ]
    assert [
        (t.span.first_line, t.subject, format_quantity(t.quantity), t.period and t.period.text)
        for t in found.targets
    ] == [
        (53, "博士号取得者", "2万人", "2030年"),
        (55, "大学発スタートアップ", "1万社", "2030年"),
        (57, "共用研究設備の利用件数", "3倍", "2030年"),
        (75, "研究の自動化により科学的発見の速度", "10倍", "2050年"),
    ]
    assert [
        (
            b.span.first_line,
            b.subject,
            format_quantity(b.amount),
            b.kind,
            b.period and b.period.text,
        )
        for b in found.budgets
    ] == [
        (63, "大学ファンド", "1200億円", "補正予算", "令和7年度"),
        (64, "研究設備共用プログラム", "85億円", "概算要求", "令和8年度"),
    ]
    assert list(dict.fromkeys(p.name for p in found.programmes)) == [
        "研究力強化加速戦略2025",
        "第6期科学技術・イノベーション基本計画",
        "研究設備共用ビジョン",
        "創発的研究支援事業",
        "科学研究費助成事業",
        "戦略的イノベーション創造プログラム",
        "研究開発とSociety5.0との橋渡しプログラム",
        "経済安全保障重要技術育成プログラム",
        "ムーンショット目標10",
        "大学ファンド",
        "研究設備共用プログラム",
        "ムーンショット型研究開発制度",
    ]
