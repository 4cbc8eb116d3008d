"""A file cut in the middle of a table cell, a tag, a row or a value says so at that line."""

from __future__ import annotations

import pytest

from stiplan.readers.followup import read_followup
from stiplan.readers.slides import read_slides
from stiplan.readers.truncation import CODE, end_warning
from tests.conftest import SAMPLES

REPORT = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8")
BRIEFING = (SAMPLES / "briefing_2025.txt").read_text(encoding="utf-8")


def cut_warnings(text: str) -> list[tuple[int, str]]:
    document = read_followup(text, "cut.txt")
    return [(w.line, w.message) for w in document.warnings if w.code == CODE]


def test_whole_samples_do_not_warn() -> None:
    assert cut_warnings(REPORT) == []
    assert not [w for w in read_slides(BRIEFING, "b.txt").warnings if w.code == CODE]


@pytest.mark.parametrize(
    ("marker", "what"),
    [
        ("研究時間の確保に向け", "表のセル"),  # inside the first cell's <p>
        ("・リサーチ・アドミニストレーター", "表のセル"),  # inside the next-steps cell
        ("<u>文</u>】</p>\t<p>・", "表のセル"),  # just after a cell opened
    ],
)
def test_a_report_cut_inside_a_table_cell_warns_at_the_last_line(marker: str, what: str) -> None:
    at = REPORT.index(marker) + len(marker)
    text = REPORT[:at]
    line = text.count("\n") + 1
    assert cut_warnings(text) == [
        (line, f"ファイルが{what}の途中で終わっています（途中で切れている可能性があります）")
    ]


def test_a_cut_tag_a_short_row_and_an_open_bracket_are_each_named() -> None:
    assert "HTMLタグ" in end_warning(["<p>○取組を進める<u"], in_table=True).message  # type: ignore[union-attr]
    assert "表の行" in end_warning(["<p>○取組。</p>\t<p>・状況</p>"], True).message  # type: ignore[union-attr]
    bullet = end_warning(["- ・ 研究者数：91万人（令和6"], in_table=False)
    assert bullet is not None and bullet.line == 1 and "括弧" in bullet.message
    assert end_warning(["", "  "], in_table=False) is None
    assert end_warning(["完結した行。", ""], in_table=False) is None


def test_a_briefing_cut_inside_a_bracket_warns() -> None:
    text = BRIEFING[: BRIEFING.index("令和7年7月1日") + 3]
    document = read_slides(text, "b.txt")
    assert [w.code for w in document.warnings if w.code == CODE] == []  # 令和 closes nothing
    text = BRIEFING.rstrip() + "\n- 研究設備の共用（令和8"
    document = read_slides(text, "b.txt")
    (cut,) = [w for w in document.warnings if w.code == CODE]
    assert cut.line == text.count("\n") + 1 and "括弧" in cut.message
