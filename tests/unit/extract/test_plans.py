"""Which Basic Plan a document belongs to (``stiplan.extract.plans``), from real reads of
texts written in code, and editions never matched across plans."""

from __future__ import annotations

from datetime import date

import pytest

from stiplan.analysis.editions import compare, report_parts, same_part
from stiplan.extract.plans import (
    PLAN_UNKNOWN,
    PlanRule,
    assign_plan,
    data_fiscal_year,
    decide_plan,
)
from stiplan.ingest import ReadOptions, read_bytes
from stiplan.model import Document
from tests.unit.plan_texts import sample_text, seventh_plan_followup


def read(text: str, name: str = "doc.txt", **options: object) -> Document:
    return read_bytes(text.encode("utf-8"), name, ReadOptions(**options))  # type: ignore[arg-type]


def briefing(title: str, date_line: str = "", slides: str = "") -> str:
    """A small slide deck: a title slide (with a date line if given), then ``slides``."""
    dated = f"\n{date_line}\n" if date_line else ""
    body = (
        "1.科学技術・イノベーション政策の概要\n\n■ 研究開発投資の拡充\n"
        "- **科学技術・イノベーション**の推進\n- ✓ 研究力の強化\n- ➢ イノベーション創出\n"
        "- ✓ スタートアップ支援\n- ➢ 研究開発の国際展開\n\n"
    )
    return f"{title}\n{dated}\n内閣府\n\n{body}{slides}"


def plans_of(document: Document) -> tuple[int | None, PlanRule]:
    decision = decide_plan(document)
    return decision.plan, decision.rule


# -- read from the document's own words ---------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "第7期科学技術・イノベーション基本計画 フォローアップ",
        "第７期科学技術・イノベーション基本計画フォローアップ",
        "第七期科学技術・イノベーション基本計画",
        "（対象：第7期基本計画）",
    ],
)
def test_a_head_line_naming_the_plan_decides_over_the_dates(head: str) -> None:
    document = read(seventh_plan_followup(head))
    assert document.plan == 7  # its data (cut-off 2025-04) alone would say the 6th plan
    assert plans_of(document)[1] in (PlanRule.STATEMENT, PlanRule.TITLE)
    assert not [w for w in document.warnings if w.code == PLAN_UNKNOWN]


def test_a_statement_picks_one_plan_where_the_head_names_two() -> None:
    document = read(seventh_plan_followup("第7期基本計画フォローアップ（第6期基本計画との比較）"))
    assert plans_of(document) == (7, PlanRule.STATEMENT)


def test_a_follow_up_heading_naming_one_plan_decides() -> None:
    text = sample_text("followup_2025.txt").replace(
        "（1）挑戦的で多様な研究を支える環境の再構築",
        "（1）第7期基本計画における挑戦的で多様な研究を支える環境の再構築",
    )
    assert plans_of(read(text)) == (7, PlanRule.HEADING)


def test_a_mention_in_the_body_is_not_the_plan() -> None:
    """A footnote or prose naming the 6th plan says nothing about which plan this is."""
    text = sample_text("followup_2025.txt").replace(
        "本章の大目標、方向性及び取組の文言は、基本計画の本文に基づいて掲げている。",
        "本章の記載は第6期科学技術・イノベーション基本計画を踏まえて第7期基本計画の下で整理した。",
    )
    assert "第6期科学技術" in text and "第7期基本計画" in text
    assert plans_of(read(text)) == (6, PlanRule.DATA_PERIOD)


def test_a_briefing_title_wins_over_its_slides_looking_back() -> None:
    text = briefing(
        "第7期科学技術・イノベーション基本計画の論点",
        "令和7年10月1日",
        "第6期基本計画の振り返り\n\n- 第6期基本計画の進捗状況を分析\n",
    )
    assert plans_of(read(text)) == (7, PlanRule.TITLE)


def test_slide_headings_alone_do_not_decide() -> None:
    """A 7th-plan briefing without a plan in its title but a 6th-plan slide: dates decide."""
    text = briefing(
        "研究力強化の論点", "令和8年5月1日", "第6期基本計画の進捗状況\n\n- 前計画の成果\n"
    )
    assert plans_of(read(text)) == (7, PlanRule.BRIEFING_DATE)


def test_a_title_naming_two_plans_leaves_it_to_the_dates() -> None:
    text = briefing("第6期基本計画から第7期基本計画への移行について", "令和7年9月1日")
    assert plans_of(read(text)) == (6, PlanRule.BRIEFING_DATE)


def test_a_plan_not_in_the_list_is_not_taken() -> None:
    text = briefing("第5期科学技術基本計画の総括", "令和7年9月1日")
    assert plans_of(read(text)) == (6, PlanRule.BRIEFING_DATE)


# -- from the dates: the period the data are about ------------------------------------------------


@pytest.mark.parametrize(
    ("cut_off", "fiscal_year"),
    [
        (date(2025, 4, 1), 2024),
        (date(2026, 3, 31), 2025),  # the day FY2025 ends
        (date(2026, 4, 30), 2025),  # published in FY2026 about FY2025
        (date(2027, 4, 30), 2026),
        (date(2026, 12, 31), 2025),
    ],
)
def test_a_follow_up_reports_on_the_last_fiscal_year_ended_by_its_cut_off(
    cut_off: date, fiscal_year: int
) -> None:
    assert data_fiscal_year(cut_off) == fiscal_year


def test_the_samples_belong_to_the_6th_plan_by_their_data_period() -> None:
    for name in ("followup_2024.txt", "followup_2025.txt"):
        assert plans_of(read(sample_text(name), name)) == (6, PlanRule.DATA_PERIOD)
    assert plans_of(read(sample_text("briefing_2025.txt"))) == (6, PlanRule.BRIEFING_DATE)


def test_a_follow_up_published_in_2026_on_fy2025_data_is_of_the_6th_plan() -> None:
    text = sample_text("followup_2025.txt").replace("令和7年4月", "令和8年4月")
    document = read(text)
    assert document.edition == "2026"
    assert plans_of(document) == (6, PlanRule.DATA_PERIOD)
    later = read(sample_text("followup_2025.txt").replace("令和7年4月", "令和9年4月"))
    assert plans_of(later) == (7, PlanRule.DATA_PERIOD)


@pytest.mark.parametrize(
    ("edition", "plan"), [("2024", 6), ("2026", 6), ("2027", None), ("2028", 7), ("", None)]
)
def test_an_edition_year_alone_decides_only_when_it_cannot_mean_two_plans(
    edition: str, plan: int | None
) -> None:
    document = read(sample_text("followup_2025.txt"))
    document.chapters = []  # no data cut-off left: only the edition year
    document.edition = edition
    assert decide_plan(document).plan == plan


# -- unknown, and given ---------------------------------------------------------------------------


def test_no_plan_read_is_a_warning_in_japanese_and_nothing_guessed() -> None:
    document = read(briefing("研究力強化の論点"))
    assert document.plan is None
    (warning,) = [w for w in document.warnings if w.code == PLAN_UNKNOWN]
    assert "基本計画" in warning.message and "--plan" in warning.message and warning.line == 1


def test_a_plan_given_at_ingest_wins_and_clears_the_warning() -> None:
    assert read(briefing("研究力強化の論点"), plan=7).plan == 7
    given = read(sample_text("followup_2025.txt"), plan=7)
    assert given.plan == 7 and not [w for w in given.warnings if w.code == PLAN_UNKNOWN]
    assert read(seventh_plan_followup(), plan=6).plan == 6


def test_assign_plan_keeps_one_warning_at_most() -> None:
    document = read(briefing("研究力強化の論点"))
    assign_plan(document)
    assert [w.code for w in document.warnings].count(PLAN_UNKNOWN) == 1
    assign_plan(document, 6)
    assert PLAN_UNKNOWN not in [w.code for w in document.warnings]


# -- editions are matched only within one plan ----------------------------------------------------


def test_identical_chapters_of_two_plans_are_not_editions() -> None:
    sixth = read(sample_text("followup_2024.txt"), "followup_2024.txt")
    seventh = read(seventh_plan_followup(), "followup_7th.txt")
    assert (sixth.plan, seventh.plan) == (6, 7)
    assert [c.title for c in sixth.chapters] == [c.title for c in seventh.chapters]
    assert not same_part(sixth, seventh)
    assert not compare(sixth, seventh).same_part
    parts = report_parts([sixth, seventh])
    assert [(p.plan, [e.document_id for e in p.editions]) for p in parts] == [
        (6, [sixth.id]),
        (7, [seventh.id]),
    ]


def test_a_document_of_unknown_plan_does_not_bridge_two_plans() -> None:
    sixth = read(sample_text("followup_2024.txt"), "followup_2024.txt")
    unknown = read(sample_text("followup_2025.txt"), "followup_2025.txt")
    unknown.plan = None
    seventh = read(seventh_plan_followup(), "followup_7th.txt")
    parts = report_parts([sixth, unknown, seventh])
    assert sorted(len(p.editions) for p in parts) == [1, 2]
    for part in parts:
        plans = {
            d.plan
            for d in (sixth, unknown, seventh)
            for e in part.editions
            if e.document_id == d.id
        }
        assert len(plans - {None}) <= 1


def test_editions_of_one_plan_still_match() -> None:
    old = read(sample_text("followup_2024.txt"), "followup_2024.txt")
    new = read(sample_text("followup_2025.txt"), "followup_2025.txt")
    (part,) = report_parts([old, new])
    assert part.plan == 6 and [e.document_id for e in part.editions] == [old.id, new.id]
