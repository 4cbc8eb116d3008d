"""A briefing (slide deck) drawn to PDF, a page per slide, reads like its text.

``samples/briefing_2025.txt`` is drawn landscape by reportlab (a run of two or more blank
lines starts a new page, as a deck's slides do; tab-separated lines become ruled tables) and
by Chromium printing its HTML. ``ingest(PDF)`` must give the same slides with the same
blocks (kind and text, compared modulo whitespace as the follow-up tests do) as
``ingest(text)``, and every slide and block a page. A slide holding characters no font of the
renderer can draw (the sample's garbled slide has Devanagari letters standing for kana) cannot
come out the same: it and what follows it are left out, by that measure and no other, and the
test asks that it be the last.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import SAMPLES
from tests.pdfgen import (
    FONT_PATH,
    Layout,
    chromium_available,
    render_chromium,
    render_reportlab,
    undrawable,
)

from stiplan.ingest import read_bytes
from stiplan.model import Document, Slide

pytestmark = pytest.mark.skipif(
    not FONT_PATH.exists(), reason=f"{FONT_PATH} is absent (Debian fonts-ipafont-gothic)"
)

BRIEFING = SAMPLES / "briefing_2025.txt"
SLIDES_LAYOUT = Layout(page_width=842.0, page_height=595.0, page_breaks=True)
Renderer = Callable[[str, Path], Path]


def _reportlab(text: str, path: Path) -> Path:
    return render_reportlab(text, path, SLIDES_LAYOUT)


def _chromium(text: str, path: Path) -> Path:
    if not chromium_available():
        pytest.skip("/usr/bin/chromium is absent: the Chromium-printed PDFs are not tested")
    return render_chromium(text, path, SLIDES_LAYOUT)


RENDERERS: dict[str, Renderer] = {"reportlab": _reportlab, "chromium": _chromium}


def _squeeze(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def _shape(slide: Slide) -> tuple[str, list[tuple[str, str]]]:
    return _squeeze(slide.title), [(b.kind.value, _squeeze(b.text)) for b in slide.blocks]


def _drawable(document: Document, slide: Slide) -> bool:
    lines = document.lines[slide.span.first_line - 1 : slide.span.last_line]
    return not any(undrawable(line) for line in lines)


@pytest.mark.slow
@pytest.mark.parametrize("renderer", sorted(RENDERERS))
def test_a_briefing_pdf_reads_like_its_text(renderer: str, tmp_path: Path) -> None:
    source = BRIEFING.read_text(encoding="utf-8")
    text = read_bytes(BRIEFING.read_bytes(), BRIEFING.name)
    pdf_path = RENDERERS[renderer](source, tmp_path / "briefing.pdf")
    pdf = read_bytes(pdf_path.read_bytes(), "briefing.pdf")
    assert pdf.kind is text.kind
    assert all(s.span.page is not None and s.span.page >= 1 for s in pdf.slides)
    assert all(b.span.page is not None for s in pdf.slides for b in s.blocks)
    compared = 0
    for expected, found in zip(text.slides, pdf.slides, strict=False):
        if not _drawable(text, expected):
            break  # it cannot read the same, and may spill onto more pages than one
        assert _shape(found) == _shape(expected), f"slide {expected.number}"
        compared += 1
    assert compared >= len(text.slides) - 1  # only the garbled (last) slide is left out
    if compared == len(text.slides):
        assert len(pdf.slides) == len(text.slides)
    pages = [s.span.page or 0 for s in pdf.slides[:compared]]
    assert pages == sorted(pages) and pages[-1] > 3  # a page per slide, in order


def test_what_no_font_draws_is_named() -> None:
    assert undrawable("研究ऩ推進") == {"ऩ"}
    assert undrawable("⽂部科学省 ➢ ✓") == set()  # a radical is drawn as 文, ➢ in DejaVu
