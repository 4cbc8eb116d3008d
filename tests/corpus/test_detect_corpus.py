"""The real documents in ``../shared/corpus`` are detected as what they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from stiplan.model import DocumentKind
from stiplan.readers.decode import decode
from stiplan.readers.detect import detect

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

EXPECTED = {
    "001_0e8a8b9cad5e63ab.txt": DocumentKind.FOLLOWUP,
    "002_57911e9c0807c863.txt": DocumentKind.SLIDES,
    "003_5393b671f54dd828.txt": DocumentKind.SLIDES,
    "004_90b13c8531426e22.txt": DocumentKind.SLIDES,
}

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(
        not CORPUS.is_dir(),
        reason=f"real corpus not found at {CORPUS} (only present beside the project checkout)",
    ),
]


@pytest.mark.parametrize(("name", "kind"), sorted(EXPECTED.items()))
def test_real_document_kind(name: str, kind: DocumentKind) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} is not in {CORPUS}")
    decoded = decode(path.read_bytes(), name)
    assert decoded.encoding == "utf-8"
    assert detect(decoded.text, name) is kind
