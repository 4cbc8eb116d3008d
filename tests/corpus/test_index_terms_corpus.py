"""On the real report (``../shared/corpus/001…``, skipped when absent): the index's shortcuts
(terms looked up by word id, SudachiPy loading only some fields, clean's shortcut) give the
terms of the plain path for every text unit."""

from __future__ import annotations

import pytest

from stiplan.ingest import read_path
from stiplan.search import tokenize
from stiplan.search.tokenize import analyse, index_terms
from stiplan.store.encode import encode_document
from stiplan.store.index import unit_text
from tests.conftest import corpus_file

pytestmark = pytest.mark.corpus


def test_every_unit_of_the_report_gets_the_analysed_terms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = read_path(corpus_file("001_0e8a8b9cad5e63ab.txt"))
    rows = encode_document(document, "now")["elements"]
    texts = [unit_text(row) for row in rows if unit_text(row).strip()]
    assert len(texts) > 1000
    monkeypatch.setattr(tokenize, "_KNOWN_WORDS", tokenize._KnownWords())
    for _ in range(2):  # cold tables, then warm
        for text in texts:
            analysis = analyse(text)
            assert index_terms(text) == (
                " ".join(t.term for t in analysis.words),
                " ".join(t.term for t in analysis.parts),
            )
