"""Extraction rules on project-written snippets: programmes, decisions, targets, budgets,
organisations, each with the element and span it came from."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from stiplan.extract import TextUnit, extract, extract_document
from stiplan.model import (
    Chapter,
    Document,
    DocumentKind,
    Extractions,
    Initiative,
    PeriodKind,
    ProgrammeKind,
    Qualifier,
    Section,
    Span,
    StatusItem,
    Subsection,
)
from stiplan.readers.slides import read_slides


def _unit(text: str, **context: object) -> Extractions:
    unit = TextUnit("d:sl1.b1", text, Span(7, 8), **context)  # type: ignore[arg-type]
    return extract([unit], "d")


def _names(text: str) -> list[tuple[str, ProgrammeKind, str]]:
    return [(p.name, p.kind, p.text) for p in _unit(text).programmes]


def _deck(text: str) -> Extractions:
    return extract_document(read_slides(text, "deck.txt"))


# --- programmes ------------------------------------------------------------------------------


def test_curated_programmes_are_found_by_alias_with_their_canonical_name() -> None:
    assert _names("SIP第3期とBRIDGE、K Programの連携") == [
        ("戦略的イノベーション創造プログラム", ProgrammeKind.PROGRAMME, "SIP"),
        ("研究開発とSociety5.0との橋渡しプログラム", ProgrammeKind.PROGRAMME, "BRIDGE"),
        ("経済安全保障重要技術育成プログラム", ProgrammeKind.PROGRAMME, "K Program"),
    ]


def test_a_latin_alias_must_stand_alone() -> None:
    assert [n for n, _, _ in _names("SIP4Dによる情報共有")] == ["基盤的防災情報流通ネットワーク"]
    assert _names("e-CSTIの分析") == [("e-CSTI", ProgrammeKind.PROGRAMME, "e-CSTI")]


def test_names_in_quotes_with_a_policy_suffix_are_programmes_of_that_kind() -> None:
    assert _names(
        "「研究力強化加速戦略2025」と「スタートアップ育成五か年計画」、「データ経済圏」"
    ) == [
        ("研究力強化加速戦略2025", ProgrammeKind.STRATEGY, "研究力強化加速戦略2025"),
        ("スタートアップ育成5か年計画", ProgrammeKind.PLAN, "スタートアップ育成五か年計画"),
    ]


def test_an_edition_year_belongs_to_the_name() -> None:
    assert [n for n, _, _ in _names("統合イノベーション戦略2024に向けて")] == [
        "統合イノベーション戦略2024"
    ]


def test_basic_plans_and_moonshot_goals_get_canonical_names() -> None:
    assert [n for n, _, _ in _names("第6期基本計画とムーンショット目標 6")] == [
        "第6期科学技術・イノベーション基本計画",
        "ムーンショット目標6",
    ]
    assert [n for n, _, _ in _names("第5期基本計画")] == ["第5期科学技術基本計画"]


def test_a_bare_goal_number_counts_only_under_a_moonshot_heading() -> None:
    text = "目標 3 : 2050年までに、新たな研究環境を実現"
    assert [p.name for p in _unit(text, heading="達成すべきムーンショット目標").programmes] == [
        "ムーンショット目標3"
    ]
    assert _unit(text, heading="政策目標").programmes == []


def test_a_programme_name_inside_a_body_name_is_not_a_mention() -> None:
    assert _names("バイオ戦略有識者会議で議論") == []


def test_each_programme_once_per_unit_with_the_unit_span_and_id() -> None:
    (programme,) = _unit("SIPとSIPの成果").programmes
    assert programme.id == "d:pg1"
    assert programme.span == Span(7, 8)
    assert programme.element_id == "d:sl1.b1"


# --- decisions -------------------------------------------------------------------------------


def _decisions(text: str, **context: object) -> list[tuple[object, ...]]:
    return [
        (d.date.start, d.date.kind, d.body, d.what, d.action, d.planned)
        for d in _unit(text, **context).decisions
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "「研究力強化加速戦略2025」（令和7年6月6日閣議決定）を踏まえ",
            (date(2025, 6, 6), PeriodKind.DAY, "閣議", "研究力強化加速戦略2025", "閣議決定", False),
        ),
        (
            "即時公開の実現（統合イノベーション戦略2024：2024年6月4日閣議決定）",
            (
                date(2024, 6, 4),
                PeriodKind.DAY,
                "閣議",
                "統合イノベーション戦略2024",
                "閣議決定",
                False,
            ),
        ),
        (
            "2025年4月18日 統合イノベーション戦略推進会議「研究設備共用ビジョン」決定",
            (
                date(2025, 4, 18),
                PeriodKind.DAY,
                "統合イノベーション戦略推進会議",
                "研究設備共用ビジョン",
                "決定",
                False,
            ),
        ),
        (
            "2024年3月には、重点的に取り組む事項を取りまとめた「研究基盤ロードマップ」を策定した。",
            (date(2024, 3, 1), PeriodKind.MONTH, "", "研究基盤ロードマップ", "策定", False),
        ),
        (
            "研究データ共有の指針の合意（令和6年11月）（総務省・外務省）",
            (
                date(2024, 11, 1),
                PeriodKind.MONTH,
                "総務省、外務省",
                "研究データ共有の指針",
                "合意",
                False,
            ),
        ),
        (
            "令和6年2月1日のガバニングボードで、12の課題を決定するとともに公募を開始",
            (date(2024, 2, 1), PeriodKind.DAY, "ガバニングボード", "12の課題", "決定", False),
        ),
        (
            "2026年6月頃に研究基盤戦略の改定（統合イノベーション戦略推進会議決定）を予定。",
            (
                date(2026, 6, 1),
                PeriodKind.MONTH,
                "統合イノベーション戦略推進会議",
                "研究基盤戦略",
                "改定",
                True,
            ),
        ),
        (
            "共用拠点形成戦略（2021年6月 内閣府、文科省）に基づき",
            (
                date(2021, 6, 1),
                PeriodKind.MONTH,
                "内閣府、文部科学省",
                "共用拠点形成戦略",
                "",
                False,
            ),
        ),
    ],
    ids=[
        "quoted-name-then-date",
        "name-colon-date",
        "date-council-name-verb",
        "relative-verb-skipped",
        "verb-noun-then-bodies",
        "council-then-object",
        "planned",
        "dated-strategy-without-verb",
    ],
)
def test_decision_forms(text: str, expected: tuple[object, ...]) -> None:
    assert _decisions(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "第3期（令和5年度から令和9年度まで5年間）の課題を決定",  # a range
        "2030年までに、研究時間を2割増やすことを決定",  # a target year
        "「令和7年度研究基盤整備方針」を策定",  # a year inside a name
        "2030年代に実証炉を設立",  # a decade
        "R6年度の設立を目指す協議会",  # an intention
        "【日時】2025年10月1日（水）13:00～15:00（12:30受付開始）",  # an event schedule
        "研究設備の共用が進んだ（2024年3月現在）",  # as-of date, no verb
    ],
)
def test_dates_that_do_not_date_a_decision(text: str) -> None:
    assert _decisions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # an ordinal alone: what is left of 「第2次とりまとめ」 once とりまとめ is taken as the verb
        "研究データ方針について、2019年末の「第2次とりまとめ」の策定を経て見直す。",
        "令和4年、国際的な評価枠組みについて、国連の下で設立し、事業を実施。",  # under X
        "新たな分析機能を立ち上げ、2027年度を目途に組織を設立する。",  # a target date
        "令和9年度めどの新たな拠点設立に向けた準備を加速。",  # a target date
        "令和8年6月中の第4回選定に向けて公募を実施。",  # an intention, and an ordinal
    ],
    ids=["ordinal-alone", "placing-phrase", "by-about-then", "by-about-then-no-particle", "toward"],
)
def test_fragments_that_are_not_decisions(text: str) -> None:
    assert _decisions(text) == []


@pytest.mark.parametrize(
    ("text", "what", "action"),
    [
        ("令和4年5月、第2次行動計画を策定した。", "第2次行動計画", "策定"),
        ("「第3次研究基盤計画」（令和5年3月閣議決定）に基づき", "第3次研究基盤計画", "閣議決定"),
        ("令和6年7月から「研究安全運営ボード」を開催。", "研究安全運営ボード", "開催"),
        ("令和6年度に計12件を採択。", "計12件", "採択"),
    ],
    ids=["ordinal-with-its-noun", "quoted-ordinal-name", "quoted-meeting", "a-count"],
)
def test_decisions_naming_what_was_decided_are_kept(text: str, what: str, action: str) -> None:
    (found,) = _decisions(text)
    assert found[3:5] == (what, action)


def test_a_placing_phrase_or_a_bare_ordinal_names_nothing() -> None:
    from stiplan.extract.decisions import _names_something

    assert not _names_something("研究評価指針において")
    assert not _names_something("第3回")
    assert _names_something("第3回会合の報告書")
    assert _names_something("国連の下部組織")


def test_a_dated_label_refers_to_the_label_above_it() -> None:
    deck = "法制度の経緯\n\n研究基盤整備推進法の一部を改正する法律\n\n令和6年4月1日施行\n"
    (decision,) = _deck(deck).decisions
    assert (decision.what, decision.action, decision.date.start) == (
        "研究基盤整備推進法の一部を改正する法律",
        "施行",
        date(2024, 4, 1),
    )


def test_a_short_object_is_completed_from_the_programme_its_sentence_names() -> None:
    (decision,) = _unit("JSTに大学ファンドを設置し、令和3年度末に運用開始。").decisions
    assert decision.what == "大学ファンドの運用"
    assert decision.date.kind is PeriodKind.END_OF_FISCAL_YEAR


def test_sources_give_no_decisions_and_garbled_blocks_nothing_at_all() -> None:
    assert _unit("出典：「研究基盤ロードマップ」（令和6年3月策定）", source=True).decisions == []
    deck = "見出し\n\n- 「研究基盤戦略」（令和6年3月閣議決定）\u0915\n"
    found = _deck(deck)
    assert found.decisions == [] and found.programmes == []


# --- numeric targets -------------------------------------------------------------------------


def _targets(text: str) -> list[tuple[str, Decimal, str, Qualifier | None, str | None]]:
    return [
        (
            t.subject,
            t.quantity.value,
            t.quantity.unit,
            t.quantity.qualifier,
            t.period and t.period.text,
        )
        for t in _deck(text).targets
    ]


def test_targets_under_a_target_year_heading() -> None:
    deck = "2030年目標\n\n博士号取得者を年間2万人に\n\n研究設備の利用額を50兆円規模に\n"
    assert _targets(deck) == [
        ("博士号取得者", Decimal(20000), "人", None, "2030年"),
        ("研究設備の利用額", Decimal(50) * 10**12, "円", Qualifier.AROUND, "2030年"),
    ]


def test_targets_stated_in_a_sentence() -> None:
    deck = (
        "見出し\n\n"
        "- 5年間で、政府の研究費の総額 約30兆円、民間の研究費の総額 約90兆円を目指す\n"
        "- 企業から大学への投資を3倍増(2025年度まで)\n"
        "- 博士学生支援(7,500→22,500人)\n"
        "- 排水の98%以上を再生する装置\n"
        "- 第3期の課題数は14\n"
    )
    assert _targets(deck) == [
        ("政府の研究費の総額", Decimal(30) * 10**12, "円", Qualifier.ABOUT, None),
        ("民間の研究費の総額", Decimal(90) * 10**12, "円", Qualifier.ABOUT, None),
        ("企業から大学への投資", Decimal(3), "倍", None, "2025年度"),
        ("博士学生支援", Decimal(22500), "人", None, None),
    ]


def test_follow_up_reports_give_no_numeric_targets_but_do_give_decisions() -> None:
    item = StatusItem(
        "r:c1.s1.ss1.i1.st1", "令和6年6月に「研究基盤戦略」を閣議決定。目標を3倍に", Span(9, 9)
    )
    initiative = Initiative("r:c1.s1.ss1.i1", 1, "SIPを推進する", Span(8, 9), status_items=[item])
    sub = Subsection("r:c1.s1.ss1", 1, "基盤", Span(7, 9), initiatives=[initiative])
    section = Section("r:c1.s1", 1, "研究", Span(5, 9), subsections=[sub])
    doc = Document(
        "r",
        DocumentKind.FOLLOWUP,
        "r.txt",
        "h",
        "1. 知",
        lines=[""] * 9,
        chapters=[Chapter("r:c1", 1, "知", Span(1, 9), sections=[section])],
    )
    found = extract_document(doc)
    assert found.targets == []
    assert [(d.what, d.element_id, d.span) for d in found.decisions] == [
        ("研究基盤戦略", "r:c1.s1.ss1.i1.st1", Span(9, 9))
    ]
    assert [p.element_id for p in found.programmes] == ["r:c1.s1.ss1.i1", "r:c1.s1.ss1.i1.st1"]


# --- budgets ---------------------------------------------------------------------------------


def _budgets(text: str) -> list[tuple[str, Decimal, str, str | None]]:
    return [
        (b.subject, b.amount.value, b.kind, b.period and b.period.text) for b in _deck(text).budgets
    ]


def test_budgets_with_kind_fiscal_year_and_the_programme_of_the_slide() -> None:
    deck = (
        "日本版SBIR制度の拡充\n\n"
        "- 令和4年度補正予算額 2,060億円(基金)\n"
        "- H30年度補正予算で900億円、R元年度補正予算で140億円を計上\n"
        "- 支出目標（1,066億円）を設定\n"
        "- 令和6年度概算要求額 10億円【うち新規分 2億円】\n"
    )
    assert _budgets(deck) == [
        ("日本版SBIR制度", Decimal(206) * 10**9, "補正予算", "令和4年度"),
        ("日本版SBIR制度", Decimal(9) * 10**10, "補正予算", "H30年度"),
        ("日本版SBIR制度", Decimal(14) * 10**9, "補正予算", "R元年度"),
        ("日本版SBIR制度", Decimal(10**9), "概算要求", "令和6年度"),
    ]


def test_a_budget_is_for_the_programme_named_just_above_when_the_title_names_none() -> None:
    deck = "事業の仕組み\n\n- ムーンショットの目標を設定\n- 令和3年度補正予算で800億円を計上\n"
    assert [b.subject for b in _deck(deck).budgets] == ["ムーンショット型研究開発制度"]


# --- organisations ---------------------------------------------------------------------------


def test_organisations_by_alias_with_canonical_names() -> None:
    found = _unit("文科省とJST、CSTI本会議で審議（e-CSTIの分析）")
    assert [(o.name, o.text) for o in found.organisations] == [
        ("文部科学省", "文科省"),
        ("科学技術振興機構", "JST"),
        ("総合科学技術・イノベーション会議", "CSTI"),
    ]
