"""Ingest rules: one transaction per document, idempotent by content hash, editions side by side."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from stiplan.model import Document, Paragraph, Span
from stiplan.store import NotFound, Store, StoreError
from stiplan.store.tables import COLUMNS, Record

from .conftest import (
    InsertRows,
    Snap,
    indexed_terms,
    logical,
    make_briefing,
    make_document,
    replace_insert_rows,
    snapshot,
)


def test_same_content_twice_is_a_no_op(snap: Snap, store: Store, doc: Document) -> None:
    assert store.ingest(doc).created
    before = snap()
    again = store.ingest(make_document())  # an equal document built afresh
    assert again.document_id == doc.id
    assert not again.created
    assert snap() == before


def test_same_hash_under_another_id_returns_the_stored_id(store: Store) -> None:
    store.ingest(make_document("first", "same-hash"))
    result = store.ingest(make_document("second", "same-hash"))
    assert (result.document_id, result.created) == ("first", False)
    assert [d.id for d in store.documents()] == ["first"]


def test_two_editions_are_stored_side_by_side_even_with_equal_element_ids(store: Store) -> None:
    old = make_document("ed2022", "h2022", "2022", prefix="fu")
    new = make_document("ed2023", "h2023", "2023", prefix="fu")
    new.chapters[0].title = "知の創出（改訂）"
    assert store.ingest(old).created
    assert store.ingest(new).created
    assert [d.id for d in store.documents()] == ["ed2022", "ed2023"]
    assert store.load_document("ed2022") == old
    assert store.load_document("ed2023") == new


def test_a_new_content_under_a_taken_document_id_is_refused(
    snap: Snap, store: Store, doc: Document
) -> None:
    store.ingest(doc)
    before = snap()
    with pytest.raises(StoreError, match="already used"):
        store.ingest(make_document(doc.id, "another-hash"))
    assert snap() == before


def _duplicate_element_id(document: Document) -> Document:
    """A document whose last paragraph reuses the id of an earlier element (a reader bug)."""
    section = document.chapters[1].sections[0]
    section.paragraphs.append(Paragraph(document.chapters[0].id, "重複", Span(41, 41)))
    return document


def test_a_failing_ingest_leaves_every_table_as_it_was(snap: Snap, store: Store) -> None:
    store.ingest(make_document())
    before = snap()
    broken = _duplicate_element_id(make_document("doc2024", "hash-2024", "2024"))
    with pytest.raises(StoreError, match="doc2024") as caught:
        store.ingest(broken)
    assert isinstance(caught.value.__cause__, sqlite3.IntegrityError | psycopg.IntegrityError)
    assert snap() == before
    # The store is still usable afterwards, and the same document, mended, goes in.
    assert store.ingest(make_document("doc2024", "hash-2024", "2024")).created


def test_a_failure_after_some_tables_were_written_rolls_all_back(
    snap: Snap, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.ingest(make_document())
    before = snap()
    written: list[str] = []

    def make(real_insert: InsertRows) -> InsertRows:
        def insert_then_fail(conn: object, table: str, records: list[Record]) -> None:
            real_insert(conn, table, records)
            written.append(table)
            if table == "quantities":
                raise RuntimeError("disk on fire")

        return insert_then_fail

    replace_insert_rows(monkeypatch, make)
    with pytest.raises(StoreError, match="disk on fire") as caught:
        store.ingest(make_document("doc2024", "hash-2024", "2024"))
    assert isinstance(caught.value.__cause__, RuntimeError)
    assert written[:3] == ["documents", "source_lines", "elements"]
    assert snap() == before


def test_every_table_is_written_by_a_report_and_a_briefing(snap: Snap, store: Store) -> None:
    store.ingest(make_document())
    store.ingest(make_briefing())
    tables = snap()
    assert all(tables[name] for name in COLUMNS), [n for n in COLUMNS if not tables[n]]


def test_delete_document_cascades_to_every_table(db_path: Path, store: Store) -> None:
    empty = snapshot(db_path)
    store.ingest(make_document())
    store.ingest(make_briefing())
    assert indexed_terms(db_path)
    store.delete_document("doc2023")
    store.delete_document("brief25")
    assert logical(snapshot(db_path)) == logical(empty)
    assert indexed_terms(db_path) == []
    with pytest.raises(NotFound):
        store.delete_document("doc2023")


def test_an_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="nope"):
        store.load_document("nope")
    with pytest.raises(NotFound):
        store.document("nope")
