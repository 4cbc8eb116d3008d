"""A PDF's original bytes are kept with its document (migration 0010), once; text keeps none."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from stiplan import queries
from stiplan.model import SourceFile
from stiplan.store import Store, StoreError

from .conftest import make_document

ROOT = Path(__file__).resolve().parents[3]
PDF = ROOT / "samples" / "followup_2025.pdf"
TEXT = ROOT / "samples" / "followup_2024.txt"


def _file_rows(path: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT document_id, media_type, size FROM document_files").fetchall()
    conn.close()
    return [(str(d), str(m), int(s)) for d, m, s in rows]


def test_a_pdf_keeps_its_bytes_and_a_text_document_keeps_none(db_path: Path) -> None:
    with Store.open(db_path) as store:
        pdf, text = queries.ingest_paths(store, [PDF, TEXT])
        assert pdf.document_id and text.document_id
        kept = store.document_file(pdf.document_id)
        original = store.document_file_data(pdf.document_id)
        assert store.document_file(text.document_id) is None
        assert store.document_file_data(text.document_id) is None
    data = PDF.read_bytes()
    assert kept is not None and original is not None
    assert (kept.media_type, kept.size) == ("application/pdf", len(data))
    assert kept.sha256 == hashlib.sha256(data).hexdigest()
    assert original.data == data
    assert _file_rows(db_path) == [(pdf.document_id, "application/pdf", len(data))]


def test_ingesting_the_same_pdf_twice_keeps_one_copy(db_path: Path) -> None:
    with Store.open(db_path) as store:
        first, again = queries.ingest_paths(store, [PDF, PDF])
    assert first.status is queries.IngestStatus.CREATED
    assert again.status is queries.IngestStatus.UNCHANGED
    assert len(_file_rows(db_path)) == 1


def test_the_file_goes_with_its_document(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.ingest(make_document(), SourceFile("application/pdf", b"%PDF-1.4 made up"))
        assert store.document_file("doc2023") is not None
        store.delete_document("doc2023")
    assert _file_rows(db_path) == []


def test_a_failed_ingest_keeps_no_file(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise sqlite3.OperationalError("disk full (simulated)")

    with Store.open(db_path) as store:
        monkeypatch.setattr(store, "_insert_file", broken)
        with pytest.raises(StoreError, match="disk full"):
            store.ingest(make_document(), SourceFile("application/pdf", b"%PDF-1.4"))
        assert store.documents() == []
    assert _file_rows(db_path) == []


def test_a_read_only_store_reads_the_file(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.ingest(make_document(), SourceFile("application/pdf", b"%PDF-1.4 made up"))
    with Store.open(db_path, read_only=True) as store:
        found = store.document_file_data("doc2023")
    assert found is not None and found.data == b"%PDF-1.4 made up"
