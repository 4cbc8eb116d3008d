"""Must-not-crash: broken PDFs give an ``IngestError`` naming the file (and page), never
another exception; ``stiplan ingest`` exits non-zero and leaves the store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import SAMPLES
from tests.pdfgen import FONT_PATH, Layout, render_reportlab

from stiplan.ingest import IngestError, read_bytes
from stiplan.model import Document

pytestmark = pytest.mark.skipif(not FONT_PATH.exists(), reason=f"{FONT_PATH} is absent")


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("pdf") / "good.pdf"
    return render_reportlab(
        (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8"), path
    ).read_bytes()


def _refused(data: bytes, name: str = "broken.pdf") -> IngestError:
    with pytest.raises(IngestError) as caught:
        read_bytes(data, name)
    assert name in str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    "data", [b"%PDF-", b"%PDF-1.7\n", b"%PDF-1.4\n%%EOF\n", b"%PDF-1.4\n" + b"\x00" * 500]
)
def test_an_empty_or_headless_pdf_is_refused(data: bytes) -> None:
    _refused(data)


@pytest.mark.parametrize("share", [0.05, 0.3, 0.6, 0.9, 0.99])
def test_a_truncated_pdf_is_refused_or_read_never_crashes(good_pdf: bytes, share: float) -> None:
    """pdfminer may recover a cut file's objects; either way nothing but IngestError escapes."""
    data = good_pdf[: int(len(good_pdf) * share)]
    try:
        document = read_bytes(data, "cut.pdf")
    except IngestError as error:
        assert "cut.pdf" in str(error)
    else:
        assert isinstance(document, Document)


def test_an_encrypted_pdf_is_refused_with_the_reason(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("user-secret", "owner-secret"))
    c.drawString(72, 720, "secret report")
    c.showPage()
    c.save()
    error = _refused(path.read_bytes(), "locked.pdf")
    assert "暗号化" in str(error) and "encrypted" in str(error)


def test_an_image_only_pdf_says_ocr_is_not_done(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    for _ in range(2):
        c.rect(50, 50, 400, 600, stroke=0, fill=1)
        c.showPage()
    c.save()
    error = _refused(path.read_bytes(), "scan.pdf")
    assert "OCR" in str(error)


def test_a_page_without_text_among_good_ones_is_a_warning_with_its_page(tmp_path: Path) -> None:
    sample = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8")
    pdf = render_reportlab(sample, tmp_path / "gap.pdf", Layout(blank_pages=(2,)))
    document = read_bytes(pdf.read_bytes(), "gap.pdf")
    found = [w for w in document.warnings if w.code == "pdf_page_without_text"]
    assert len(found) == 1 and "2ページ" in found[0].message
    assert document.lines[found[0].line - 1] is not None


def test_ingest_of_a_broken_pdf_exits_non_zero_and_leaves_the_store(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from stiplan.cli import app

    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\n")
    db = tmp_path / "store.sqlite"
    result = CliRunner().invoke(app, ["ingest", str(bad), "--db", str(db)])
    assert result.exit_code != 0
    assert "bad.pdf" in result.output
    listed = CliRunner().invoke(app, ["documents", "--db", str(db), "--json"])
    assert listed.exit_code != 0 or "bad.pdf" not in listed.output
