"""A line that runs to the right edge continues on the next line, unless that line opens an
element of its own: a chapter written ``２．…`` or ``第3章 …`` right after the widest line of a
page is a heading, not the end of that line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from tests.pdfgen import FONT_PATH, render_platypus, render_reportlab

from stiplan.ingest import read_bytes

pytestmark = pytest.mark.skipif(
    not FONT_PATH.exists(), reason=f"{FONT_PATH} is absent (Debian fonts-ipafont-gothic)"
)

REPORT = """試作のフォローアップ報告
令和7年5月1日

1. 試作の章

（1）試作の節

【目標】

- ・ 試作の節の目標を述べる。

【現状データ】（参考指標）

- ・ 地域別の試作件数：
①北部 120件、②南部 80件（令和6年度）
２．次の試作の章

（1）次の節

第3章 三つ目の試作の章
"""


@pytest.mark.parametrize("render", [render_reportlab, render_platypus], ids=["canvas", "platypus"])
def test_a_heading_after_the_widest_line_is_not_joined_to_it(
    render: Callable[[str, Path], Path], tmp_path: Path
) -> None:
    pdf = read_bytes(render(REPORT, tmp_path / "wraps.pdf").read_bytes(), "wraps.pdf")
    text = read_bytes(REPORT.encode(), "wraps.txt")
    chapters = [(c.number, c.title) for c in pdf.chapters]
    assert chapters == [(1, "試作の章"), (2, "次の試作の章"), (3, "三つ目の試作の章")]
    assert chapters == [(c.number, c.title) for c in text.chapters]
    (indicator,) = pdf.chapters[0].sections[0].indicators
    assert [o.label for o in indicator.observations] == ["①北部", "②南部"]
