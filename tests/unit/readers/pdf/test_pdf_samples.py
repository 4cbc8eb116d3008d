"""PDFs made from the project's samples by two renderers read like the samples' text.

For each follow-up sample and renderer (reportlab drawing the pages; Chromium printing an
HTML rendering), ``ingest(PDF)`` must equal ``ingest(text)`` element by element (texts,
ministries, lead flags, values, periods, footnotes; see ``tests/docwalk.py``), and every
element must have a page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import SAMPLES
from tests.docwalk import comparable, differences, elements_with_spans
from tests.pdfgen import FONT_PATH, Layout, chromium_available, render_chromium, render_reportlab

from stiplan.ingest import read_bytes
from stiplan.model import Document

pytestmark = pytest.mark.skipif(
    not FONT_PATH.exists(), reason=f"{FONT_PATH} is absent (Debian fonts-ipafont-gothic)"
)

FOLLOWUPS = ["followup_2024.txt", "followup_2025.txt"]
Renderer = Callable[[str, Path], Path]


def _chromium(text: str, path: Path) -> Path:
    if not chromium_available():
        pytest.skip("/usr/bin/chromium is absent: the Chromium-printed PDFs are not tested")
    return render_chromium(text, path)


RENDERERS: dict[str, Renderer] = {"reportlab": render_reportlab, "chromium": _chromium}


def _text_document(name: str) -> Document:
    return read_bytes((SAMPLES / name).read_bytes(), name)


def _pdf_document(name: str, renderer: Renderer, tmp_path: Path) -> Document:
    pdf = renderer((SAMPLES / name).read_text(encoding="utf-8"), tmp_path / "sample.pdf")
    return read_bytes(pdf.read_bytes(), "sample.pdf")


@pytest.mark.slow
@pytest.mark.parametrize("renderer", sorted(RENDERERS))
@pytest.mark.parametrize("name", FOLLOWUPS)
def test_a_pdf_of_a_sample_reads_like_its_text(name: str, renderer: str, tmp_path: Path) -> None:
    text = _text_document(name)
    pdf = _pdf_document(name, RENDERERS[renderer], tmp_path)
    assert differences(text, pdf) == []
    assert comparable(text) == comparable(pdf)
    initiatives = [
        i for c in pdf.chapters for s in c.sections for ss in s.subsections for i in ss.initiatives
    ]
    assert len(initiatives) >= 10
    assert any(m.lead for i in initiatives for m in i.ministries)  # underlines were read
    assert pdf.footnotes and all(f.text for f in pdf.footnotes)
    spans = elements_with_spans(pdf)
    assert spans and all(e.span.page is not None and e.span.page >= 1 for e in spans)
    assert all(e.span.box is not None for e in spans)
    assert max(e.span.page for e in spans) > 1


def test_text_documents_get_no_pages() -> None:
    document = _text_document("followup_2025.txt")
    assert all(e.span.page is None and e.span.box is None for e in elements_with_spans(document))


def _leads(document: Document) -> list[tuple[str, list[tuple[str, bool]]]]:
    return [
        (i.commitment.replace(" ", ""), [(m.code, m.lead) for m in i.ministries])
        for c in document.chapters
        for s in c.sections
        for ss in s.subsections
        for i in ss.initiatives
    ]


@pytest.mark.slow
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    first=st.floats(0.25, 0.45),
    second=st.floats(0.2, 0.4),
    height=st.floats(420.0, 900.0),
    width=st.floats(480.0, 700.0),
    cell_size=st.sampled_from([8.0, 9.0, 10.0]),
)
def test_layout_perturbations_keep_initiatives_ministries_and_leads(
    tmp_path: Path, first: float, second: float, height: float, width: float, cell_size: float
) -> None:
    """Column widths, page size and type size move where lines wrap and rows break."""
    layout = Layout(
        page_width=width,
        page_height=height,
        cell_size=cell_size,
        columns=(first, second, 1.0 - first - second),
    )
    sample = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8")
    pdf = render_reportlab(sample, tmp_path / "perturbed.pdf", layout)
    document = read_bytes(pdf.read_bytes(), "perturbed.pdf")
    assert _leads(document) == _leads(_text_document("followup_2025.txt"))
