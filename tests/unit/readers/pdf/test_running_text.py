"""Page furniture is dropped; the report's structure is not, whatever page edge it opens.

A follow-up report often opens a page with ``【目標】``, a subsection ``① …`` or a table: the
same text at the top of two pages is then structure, not a running header. A short report is
drawn so that such lines open pages, by two layout engines (the canvas of ``render_reportlab``
and the flowing layout of ``render_platypus``), and must read as its text does: the same
initiatives, goals and indicators, and the same evidence for detection. What is dropped as
running text is recorded as a ``pdf_running_text`` warning naming it and its pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.docwalk import comparable, differences
from tests.pdfgen import FONT_PATH, RUNNING_HEADER, Layout, render_platypus, render_reportlab

from stiplan.ingest import read_bytes
from stiplan.model import Document
from stiplan.readers.detect import assess
from stiplan.readers.pdf import read_pdf
from stiplan.readers.pdf.pages import EDGE_BAND

pytestmark = pytest.mark.skipif(
    not FONT_PATH.exists(), reason=f"{FONT_PATH} is absent (Debian fonts-ipafont-gothic)"
)

Renderer = Callable[[str, Path, Layout], Path]
RENDERERS: dict[str, Renderer] = {"canvas": render_reportlab, "platypus": render_platypus}
# narrow margins: the first line of a page stands in the band where running text is looked for
LAYOUT = Layout(margin=30.0, page_breaks=True)
PAGE = "\n\n\n"  # a run of blank lines: the renderers start a new page (Layout.page_breaks)

TABLE = (
    "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針\n"
    "○試作の{n}番目の取組を進める。【<u>内</u>、文】\t・{n}番目の取組を始めた。\t・{n}番目の取組を続ける。"
)


def _section(n: int, name: str, count: int) -> str:
    """One section whose goal block, and then whose subsection, each open a page."""
    return (
        f"（{n}）{name}の節\n\n【あるべき姿とその実現に向けた方向性】\n\n"
        f"{name}の節が目指す姿を述べる文である。"
        f"{PAGE}【目標】\n\n- ・ {name}の節の目標を述べる。\n\n"
        f"【現状データ】（参考指標）\n\n- ・ 試作の観測値：{count}件（令和6年3月末）"
        f"{PAGE}① 試作の取組の推進\n\n" + TABLE.format(n=n) + "\n"
    )


REPORT = (
    "試作のフォローアップ報告\n令和7年5月1日\n\n1. 試作の章\n\n"
    + _section(1, "第一", 12)
    + "\n"
    + _section(2, "第二", 34)
)


def _pdf(renderer: str, tmp_path: Path, text: str = REPORT) -> bytes:
    path = RENDERERS[renderer](text, tmp_path / "report.pdf", LAYOUT)
    return path.read_bytes()


def _goals_and_indicators(document: Document) -> list[tuple[str, str]]:
    found = []
    for chapter in document.chapters:
        for section in chapter.sections:
            found += [("goal", g.text) for g in section.goals]
            found += [("indicator", i.text) for i in section.indicators]
    return found


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_structure_that_opens_two_pages_is_kept(renderer: str, tmp_path: Path) -> None:
    data = _pdf(renderer, tmp_path)
    layout = read_pdf(data)
    opening = [line for line in layout.lines if line.text in ("【目標】", "① 試作の取組の推進")]
    assert len(opening) == 4
    # the premise: each stands in the top band where running headers are looked for
    assert all(
        line.box is not None and line.box[1] < EDGE_BAND * LAYOUT.page_height for line in opening
    )
    assert len({line.page for line in opening}) == 4


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_a_short_report_reads_from_pdf_as_from_text(renderer: str, tmp_path: Path) -> None:
    text = read_bytes(REPORT.encode(), "report.txt")
    pdf = read_bytes(_pdf(renderer, tmp_path), "report.pdf")
    assert differences(text, pdf) == []
    assert comparable(text) == comparable(pdf)
    assert len(_goals_and_indicators(pdf)) == 4
    assert sum(len(s.paragraphs) for c in pdf.chapters for s in c.sections) == 2


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_a_short_report_scores_as_much_as_its_text(renderer: str, tmp_path: Path) -> None:
    """Detection sees in the PDF's layout text the evidence it sees in the text."""
    from_text = assess(REPORT)
    from_pdf = assess(read_pdf(_pdf(renderer, tmp_path)).text)
    assert from_pdf.followup == from_text.followup
    assert from_pdf.kind() is not None


@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_dropped_running_text_is_recorded(renderer: str, tmp_path: Path) -> None:
    layout = read_pdf(_pdf(renderer, tmp_path))
    texts = [line.text for line in layout.lines]
    assert RUNNING_HEADER not in texts and not any(t.startswith("- ") for t in texts)
    found = [w for w in layout.warnings if w.code == "pdf_running_text"]
    assert found and all(f"1–{layout.pages}" in w.message for w in found)
    if renderer == "canvas":
        assert any(RUNNING_HEADER in w.message for w in found)
    assert all(layout.lines[w.line - 1].page == 1 for w in found)
