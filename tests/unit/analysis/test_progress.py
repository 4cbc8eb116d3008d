"""Each rule of the progress method on a small report written for the test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stiplan.analysis.progress import (
    COMMITMENT_REASONS,
    TARGET_REASONS,
    Assessment,
    Direction,
    Status,
    Thresholds,
    assess_commitments,
    assess_document,
)
from stiplan.model import Document
from stiplan.readers.followup import read_followup

HEADER = "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針"


def report(
    targets: list[str], indicators: list[str], footnotes: list[str] = (), rows: list[str] = ()
) -> Document:  # type: ignore[assignment]
    lines = [
        "1. 章",
        "（1）節",
        "【科学技術・イノベーション政策において目指す主要な数値目標】（主要指標）",
        *[f"- ・ {t}" for t in targets],
        "【現状データ】（参考指標）",
        "- ・ 基準日の目安：1件（令和7年4月1日）",  # sets the data cut-off to 2025-04-01
        *[f"- ・ {i}" for i in indicators],
        *footnotes,
        "① 小",
        HEADER,
        *rows,
    ]
    return read_followup("\n".join(lines), "t.txt")


def only(doc: Document) -> Assessment:
    (a,) = assess_document(doc)
    return a


def test_already_achieved_needs_one_point() -> None:
    a = only(report(["件数：100件以上（2025年度）"], ["件数：120件（令和5年度）"]))
    assert a.status is Status.ACHIEVED
    assert (a.latest.value, a.target_value, a.direction) == (
        Decimal(120),
        Decimal(100),
        Direction.HIGHER,
    )  # type: ignore[union-attr]


def test_single_point_not_met_is_not_assessable() -> None:
    a = only(report(["件数：100件（2025年度）"], ["件数：80件（令和5年度）"]))
    assert (a.status, a.reason.split(":")[0]) == (Status.NOT_ASSESSABLE, "single data point")


def test_gap_and_achieved_ratio_even_without_a_trend() -> None:
    # one point only: no trend to judge, but the distance to the target is still shown
    a = only(report(["件数：100件（2025年度）"], ["件数：80件（令和5年度）"]))
    assert a.status is Status.NOT_ASSESSABLE
    assert (a.gap, a.achieved) == (Decimal(20), Decimal("0.8"))


def test_gap_of_a_relative_target_uses_its_computed_value() -> None:
    doc = report(
        ["市場規模：2000年度の約2倍（2025年度）¹"],
        ["市場規模：約60兆円（令和4年度）"],
        ["¹ 市場規模：約40兆円（平成12年度）"],
    )
    a = only(doc)
    assert (a.gap, a.achieved) == (Decimal(20) * 10**12, Decimal("0.75"))


def test_no_gap_without_a_comparable_latest_value() -> None:
    a = only(report(["件数：100件（2025年度）"], ["割合：80%（令和5年度）"]))
    assert (a.gap, a.achieved) == (None, None)


def test_growth_ratio_on_track_needs_acceleration_and_limited() -> None:
    # baseline 100 (FY2019) → target 200 (FY2025): required 2^(1/6)-1 = 12.25 %/year
    def status(latest: str) -> Assessment:
        return only(
            report(
                ["件数：200件（2025年度）"],
                ["件数：100件（令和元年度）", f"件数：{latest}件（令和5年度）"],
            )
        )

    on_track = status("160")  # (1.6)^(1/4)-1 = 12.47 %/year → ratio 1.02
    assert on_track.status is Status.ON_TRACK
    assert on_track.ratio == pytest.approx(Decimal("1.018"), abs=Decimal("0.01"))
    assert status("130").status is Status.NEEDS_ACCELERATION  # 6.78 % → 0.55
    assert status("110").status is Status.LIMITED_PROGRESS  # 2.41 % → 0.20
    assert status("90").status is Status.DETERIORATION  # negative


def test_direction_lower_for_reductions() -> None:
    a = only(
        report(
            ["排出量：50トン以下（2030年度）"],
            ["排出量：100トン（平成30年度）", "排出量：80トン（令和5年度）"],
        )
    )
    assert a.direction is Direction.LOWER
    # 100 → 80 in 5 years = -4.36 %/year; needed 100 → 50 in 12 years = -5.61 %/year
    assert a.status is Status.NEEDS_ACCELERATION
    assert a.ratio == pytest.approx(Decimal("0.777"), abs=Decimal("0.01"))


def test_zero_target_uses_straight_line_change() -> None:
    a = only(
        report(
            ["排出量：実質ゼロ（2050年）"],
            ["排出量：100トン（2013年）", "排出量：80トン（2023年）"],
        )
    )
    assert a.direction is Direction.LOWER
    assert "linear" in a.method
    # actual -2/year, required -100/37 = -2.70/year → 0.74
    assert a.status is Status.NEEDS_ACCELERATION


def test_relative_target_takes_its_baseline_from_a_footnote() -> None:
    doc = report(
        ["市場規模：2000年度の約2倍（2025年度）¹"],
        ["市場規模：約60兆円（令和4年度）"],
        ["¹ 市場規模：約40兆円（平成12年度）"],
    )
    a = only(doc)
    assert (a.baseline.value, a.target_value) == (Decimal(40) * 10**12, Decimal(80) * 10**12)  # type: ignore[union-attr]
    assert a.baseline.source_id.endswith(":fn1")  # type: ignore[union-attr]
    assert a.status is Status.NEEDS_ACCELERATION


def test_relative_target_without_baseline_value_says_so() -> None:
    a = only(report(["市場規模：2000年度の約2倍（2025年度）"], ["市場規模：約60兆円（令和4年度）"]))
    assert a.status is Status.NOT_ASSESSABLE
    assert "baseline" in a.reason


def test_stale_data_is_not_assessed() -> None:
    a = only(
        report(
            ["件数：200件（2025年度）"], ["件数：100件（平成20年度）", "件数：120件（平成25年度）"]
        )
    )
    assert (a.status, a.stale) == (Status.NOT_ASSESSABLE, True)
    assert a.thresholds.stale_years == 3


def test_unit_mismatch_is_not_assessable() -> None:
    a = only(report(["割合：50%（2025年度）"], ["割合：120件（令和5年度）"]))
    assert a.status is Status.NOT_ASSESSABLE
    assert a.reason.startswith("unit mismatch")


def test_footnote_statement_gives_data_but_a_planned_figure_does_not() -> None:
    doc = report(
        ["支出：570億円（2025年度）¹", "受講者数：1,200名（2025年度）²"],
        [],
        ["¹ 調べによれば、1,400億円（令和7年度目標）。", "² 調べによれば、3,930名（令和5年度）。"],
    )
    first, second = assess_document(doc)
    assert first.status is Status.NOT_ASSESSABLE and first.latest is None
    assert second.status is Status.ACHIEVED and second.latest.value == 3930  # type: ignore[union-attr]


def test_qualitative_and_milestone_targets() -> None:
    doc = report(
        [
            "体制：関係機関が連携できる体制を整える",
            "2021年度に情報基盤を構築し運用",
            "2030年度までに新制度を整備",
        ],
        [],
    )
    statuses = [(a.status, a.reason.split(":")[0]) for a in assess_document(doc)]
    assert statuses[0] == (Status.NOT_ASSESSABLE, "qualitative target")
    assert statuses[1][0] is Status.OVERDUE
    assert statuses[2][0] is Status.DUE


def test_milestone_done_as_reported_by_its_footnote() -> None:
    doc = report(["2021年度に情報基盤を構築¹"], [], ["¹ 調べによれば、基盤間の連携を完了。"])
    assert only(doc).status is Status.DONE_AS_REPORTED


def test_commitments_done_due_and_past_their_date() -> None:
    doc = report(
        [],
        [],
        rows=[
            "○2021年中に新しい庁を発足させる。【文】\t・令和3年9月に新しい庁を設置。\t・運営。【文】",
            "○2022年度までに指針を策定する。【文】\t・検討会を開催。\t・検討。【文】",
            "○2030年度までに制度を整備する。【文】\t・検討を開始。\t・検討。【文】",
        ],
    )
    statuses = [(c.status, c.evidence_id is not None) for c in assess_commitments(doc)]
    assert statuses == [
        (Status.DONE_AS_REPORTED, True),
        (Status.OVERDUE, False),
        (Status.DUE, False),
    ]


def test_every_assessment_carries_its_thresholds() -> None:
    t = Thresholds(on_track=Decimal("0.9"))
    (a,) = assess_document(
        report(
            ["件数：200件（2025年度）"], ["件数：100件（令和元年度）", "件数：150件（令和5年度）"]
        ),
        t,
    )
    assert a.thresholds.on_track == Decimal("0.9")
    # 100 → 150 over 4 years = 10.67 %/year; 100 → 200 over 6 years = 12.25 %/year: 0.87 < 0.9
    assert a.status is Status.NEEDS_ACCELERATION
    assert a.ratio == pytest.approx(Decimal("0.871"), abs=Decimal("0.005"))
    assert a.actual_rate is not None and a.required_rate is not None


def _code(targets: list[str], indicators: list[str], footnotes: list[str] = ()) -> Assessment:  # type: ignore[assignment]
    return only(report(targets, indicators, footnotes))


@pytest.mark.parametrize(
    ("targets", "indicators", "footnotes", "code", "params"),
    [
        (
            ["件数：100件以上（2025年度）"],
            ["件数：120件（令和5年度）"],
            [],
            "achieved",
            {"latest": "120", "latest_period": "令和5年度", "target": "100"},
        ),
        (["件数：100件（2025年度）"], ["件数：80件（令和5年度）"], [], "single_point", {}),
        (["件数：100件（2025年度）"], [], [], "no_series", {}),
        (
            ["割合：50%（2025年度）"],
            ["割合：120件（令和5年度）"],
            [],
            "unit_mismatch",
            {"target_unit": "%", "data_unit": "件"},
        ),
        (
            ["件数：200件（2025年度）"],
            ["件数：100件（平成20年度）", "件数：120件（平成25年度）"],
            [],
            "stale",
            {"latest_period": "平成25年度"},
        ),
        (
            ["市場規模：2000年度の約2倍（2025年度）"],
            ["市場規模：約60兆円（令和4年度）"],
            [],
            "relative_without_baseline",
            {"target": "2000年度の約2倍"},
        ),
        (["体制：関係機関が連携できる体制を整える"], [], [], "qualitative", {}),
        (["2021年度に情報基盤を構築し運用"], [], [], "milestone_overdue", {"due": "2021年度"}),
        (["2030年度までに新制度を整備"], [], [], "milestone_due", {"due": "2030年度"}),
        (
            ["2021年度に情報基盤を構築¹"],
            [],
            ["¹ 調べによれば、基盤間の連携を完了。"],
            "milestone_done",
            {"evidence": "調べによれば、基盤間の連携を完了。"},
        ),
    ],
)
def test_each_reason_has_a_stable_code_and_its_parameters(
    targets: list[str],
    indicators: list[str],
    footnotes: list[str],
    code: str,
    params: dict[str, str],
) -> None:
    a = _code(targets, indicators, footnotes)
    assert (a.reason_code, a.reason_params) == (code, params)
    assert code in TARGET_REASONS and a.reason  # the English sentence is still there


def test_growth_reason_gives_rates_and_ratio_as_shown() -> None:
    a = _code(
        ["件数：200件（2025年度）"], ["件数：100件（令和元年度）", "件数：130件（令和5年度）"]
    )
    assert a.reason_code == "growth"
    assert a.reason_params == {
        "actual": f"{a.actual_rate:.4f}",
        "required": f"{a.required_rate:.4f}",
        "ratio": f"{a.ratio:.2f}",
    }
    assert a.reason == (
        f"actual {a.reason_params['actual']} vs required {a.reason_params['required']} "
        f"per year: ratio {a.reason_params['ratio']}"
    )


def test_commitment_reasons_have_codes() -> None:
    doc = report(
        [],
        [],
        rows=[
            "○2021年中に新しい庁を発足させる。【文】\t・令和3年9月に新しい庁を設置。\t・運営。【文】",
            "○2022年度までに指針を策定する。【文】\t・検討会を開催。\t・検討。【文】",
            "○2030年度までに制度を整備する。【文】\t・検討を開始。\t・検討。【文】",
        ],
    )
    found = [(c.reason_code, c.reason_params) for c in assess_commitments(doc)]
    assert found == [
        ("commitment_done", {"word": "設置", "evidence": "令和3年9月に新しい庁を設置。"}),
        ("commitment_overdue", {"deadline": "2022年度までに"}),
        ("commitment_due", {"deadline": "2030年度までに"}),
    ]
    assert {code for code, _ in found} == set(COMMITMENT_REASONS)


def test_working_shows_gap_and_achieved_ratio() -> None:
    from stiplan.exports.progress_report import working

    a = only(report(["件数：100件（2025年度）"], ["件数：80件（令和5年度）"]))
    assert "目標までの差: 20件; 達成率: 80.0%" in working(a)
    assert "gap: 20件; achieved: 80.0%" in working(a, "en")


def test_every_growth_method_has_japanese_words_in_the_report() -> None:
    """The report names the method in Japanese: every method the analysis can name is in
    ``METHODS_JA`` (read from the source, so a new method cannot slip past)."""
    import ast
    import inspect

    from stiplan.analysis import progress
    from stiplan.exports.progress_report import METHODS_JA

    tree = ast.parse(inspect.getsource(progress))
    named = {
        node.value.elts[2].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Return)
        and isinstance(node.value, ast.Tuple)
        and len(node.value.elts) == 3
        and isinstance(node.value.elts[2], ast.Constant)
        and isinstance(node.value.elts[2].value, str)
    }
    assert named and named <= METHODS_JA.keys(), named - METHODS_JA.keys()
