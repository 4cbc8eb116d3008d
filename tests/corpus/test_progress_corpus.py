"""Progress on the real 2025 edition: every main target has a status or an honest reason.

Numbers checked by hand from the document (see docs/progress.md for the worked example).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from stiplan.analysis.progress import Assessment, Status, assess_document
from stiplan.readers.followup import read_followup
from tests.conftest import corpus_file


@pytest.fixture(scope="module")
def assessments() -> dict[str, Assessment]:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    doc = read_followup(path.read_text(encoding="utf-8"), path.name)
    return {a.target_id.split(":")[1]: a for a in assess_document(doc)}


def test_every_target_appears_with_a_status_and_a_reason(
    assessments: dict[str, Assessment],
) -> None:
    assert len(assessments) == 22
    assert all(a.reason for a in assessments.values())


def test_relative_market_target_worked_by_hand(assessments: dict[str, Assessment]) -> None:
    a = assessments["c1.s2.t3"]  # 循環型社会ビジネスの市場規模: 2000年度の約2倍（2025年度）
    assert a.baseline.value == Decimal("40") * 10**12  # type: ignore[union-attr]  # footnote 37, FY2000
    assert a.latest.value == Decimal("63.2") * 10**12  # type: ignore[union-attr]  # FY2022
    assert a.target_value == Decimal("80") * 10**12
    # (63.2/40)^(1/22) - 1 = 2.10 %/year; 2^(1/25) - 1 = 2.81 %/year; ratio 0.747
    assert float(a.actual_rate) == pytest.approx(0.0210, abs=0.0002)  # type: ignore[arg-type]
    assert float(a.required_rate) == pytest.approx(0.0281, abs=0.0002)  # type: ignore[arg-type]
    assert float(a.ratio) == pytest.approx(0.747, abs=0.005)  # type: ignore[arg-type]
    assert a.status is Status.NEEDS_ACCELERATION


@pytest.mark.parametrize(
    ("target", "latest", "goal"),
    [
        ("c1.s3.t2", 139, 100),  # 防災チャットボット: footnote 64, 令和6年度末
        ("c1.s4.t3", 3930, 1200),  # アントレプレナーシップ教育: footnote 78, 令和5年度
        ("c1.s4.t6", 51, 50),  # ユニコーン等: footnote 81, 令和6年度
        ("c1.s5.t1", 141, 100),  # スマートシティの実装数: footnote 92, 令和5年度
        ("c1.s5.t3", 33, 26),  # 海外展開: footnote 95, 令和6年度末
    ],
)
def test_achieved_targets(
    assessments: dict[str, Assessment], target: str, latest: int, goal: int
) -> None:
    a = assessments[target]
    assert a.status is Status.ACHIEVED
    assert (a.latest.value, a.target_value) == (latest, goal)  # type: ignore[union-attr]


def test_single_points_and_planned_figures_are_not_assessed(
    assessments: dict[str, Assessment],
) -> None:
    for target in ("c1.s2.t1", "c1.s2.t2", "c1.s4.t2", "c1.s4.t4", "c1.s5.t2"):
        assert assessments[target].status is Status.NOT_ASSESSABLE
        assert assessments[target].reason.startswith("single data point"), target
    sbir = assessments["c1.s4.t1"]  # footnote 76 gives a FY2025 target, not data
    assert (sbir.status, sbir.latest) == (Status.NOT_ASSESSABLE, None)


def test_zero_emission_target_points_down(assessments: dict[str, Assessment]) -> None:
    a = assessments["c1.s2.t1"]
    assert (a.target_value, a.latest.value) == (0, 1071000000)  # type: ignore[union-attr]


def test_milestones_and_qualitative_targets(assessments: dict[str, Assessment]) -> None:
    assert assessments["c1.s3.t3"].status is Status.DONE_AS_REPORTED  # footnote 65: 連携を完了
    assert assessments["c1.s3.t6"].status is Status.OVERDUE  # 2023年度を目途に組織設立
    for target in ("c1.s3.t5", "c1.s6.t1", "c1.s6.t2", "c1.s6.t3"):
        assert assessments[target].reason.startswith("qualitative"), target
    assert assessments["c1.s1.t1"].reason.startswith("several targets")
