"""Migration 0011: a document's date is stored and read back; a store written before it reads
with no date, and a document whose title is empty is named by its file name."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from stiplan.store import Store
from stiplan.store.errors import StoreError
from tests.unit.store.conftest import make_briefing, make_document


def test_the_date_and_title_are_stored_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "dates.sqlite"
    dated = dataclasses.replace(make_briefing(), title="架空の戦略について", date=date(2023, 9, 14))
    with Store.open(path) as store:
        store.ingest(dated)
        store.ingest(make_document())
        rows = {d.id: d for d in store.documents()}
        assert store.load_document("brief25").date == date(2023, 9, 14)
        assert store.load_document("doc2023").date is None
    assert rows["brief25"].date == date(2023, 9, 14)
    assert rows["brief25"].name == "架空の戦略について"
    assert rows["doc2023"].date is None


def _as_before_dates(path: Path) -> None:
    """Turn a store back into what stiplan wrote before migration 0011, with an empty title
    (a store that never read one)."""
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE documents DROP COLUMN document_date")
        conn.execute("DELETE FROM schema_migrations WHERE version = 11")
        conn.execute("UPDATE documents SET title = ''")
    conn.close()


def test_a_store_written_before_dates_reads_undated_and_named_by_file(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        store.ingest(dataclasses.replace(make_document(), date=date(2025, 6, 1)))
    _as_before_dates(path)
    with pytest.raises(StoreError, match=r"lacks migration\(s\) \[11\]"):
        Store.open(path, read_only=True)
    with Store.open(path) as store:
        (row,) = store.documents()
        assert store.load_document(row.id).date is None
    assert row.date is None
    assert row.title == ""
    assert row.name == row.source_name
