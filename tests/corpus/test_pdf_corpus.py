"""The real report, drawn to PDF by the reportlab renderer, reads with the same initiatives,
ministries and leads as its text (skipped when ../shared/corpus is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from stiplan.ingest import read_bytes
from stiplan.model import Document
from tests.conftest import corpus_file
from tests.pdfgen import FONT_PATH, render_reportlab

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def _leads(document: Document) -> list[tuple[str, list[tuple[str, bool]]]]:
    return [
        ("".join(i.commitment.split()), [(m.code, m.lead) for m in i.ministries])
        for c in document.chapters
        for s in c.sections
        for ss in s.subsections
        for i in ss.initiatives
    ]


@pytest.mark.timeout(600)
def test_the_first_report_as_pdf_keeps_initiatives_ministries_and_leads(tmp_path: Path) -> None:
    if not FONT_PATH.exists():
        pytest.skip(f"{FONT_PATH} is absent")
    source = corpus_file("001_0e8a8b9cad5e63ab.txt")
    text = read_bytes(source.read_bytes(), source.name)
    pdf = render_reportlab(source.read_text(encoding="utf-8"), tmp_path / "001.pdf")
    document = read_bytes(pdf.read_bytes(), "001.pdf")
    expected = _leads(text)
    assert len(expected) > 50
    assert _leads(document) == expected
