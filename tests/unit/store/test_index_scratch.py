"""Ingest tokenises before its write transaction, into a temporary table it then drops."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from stiplan.store import Store, StoreError, index
from stiplan.store.search_sql import KIND_SLOTS
from stiplan.store.sqlite import inserts
from stiplan.store.tables import UNIT_TYPES, Record

from .conftest import indexed_terms, make_document, snapshot


def _temp_tables(store: Store) -> list[str]:
    rows = store._conn.execute("SELECT name FROM sqlite_temp_master WHERE type = 'table'")
    return [str(r[0]) for r in rows]


def test_the_store_is_not_locked_while_the_text_is_tokenised(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_terms = index.index_terms
    writable: list[bool] = []

    def terms_while_another_writer_tries(text: str) -> tuple[str, str]:
        other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once if the store's lock were held
            other.execute("ROLLBACK")
            writable.append(True)
        except sqlite3.OperationalError:
            writable.append(False)
        finally:
            other.close()
        return real_terms(text)

    monkeypatch.setattr(index, "index_terms", terms_while_another_writer_tries)
    store.ingest(make_document())
    assert writable and all(writable)
    assert indexed_terms(db_path)


def test_units_are_made_one_at_a_time() -> None:
    from stiplan.store.encode import encode_document

    rows = encode_document(make_document(), "now")
    units = index.index_units(rows["elements"], rows["element_ministries"])
    assert isinstance(units, Iterator)
    assert next(units)["document_id"] == "doc2023"


@pytest.mark.sqlite_only
def test_the_scratch_table_is_gone_after_an_ingest(store: Store) -> None:
    store.ingest(make_document())
    assert _temp_tables(store) == []
    store.ingest(make_document("doc2024", "hash-2024", "2024"))
    assert _temp_tables(store) == []


def test_the_scratch_table_is_gone_after_a_failed_ingest(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.ingest(make_document())
    before = snapshot(db_path)
    real_insert = inserts.insert_rows

    def fail_on_units(conn: sqlite3.Connection, table: str, records: list[Record]) -> None:
        if table == "search_units":
            raise RuntimeError("disk on fire")
        real_insert(conn, table, records)

    monkeypatch.setattr(inserts, "insert_rows", fail_on_units)
    with pytest.raises(StoreError, match="disk on fire"):
        store.ingest(make_document("doc2024", "hash-2024", "2024"))
    assert _temp_tables(store) == []
    assert snapshot(db_path) == before
    monkeypatch.undo()
    assert store.ingest(make_document("doc2024", "hash-2024", "2024")).created


def test_a_failure_while_tokenising_writes_nothing(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(db_path)

    def broken(text: str) -> tuple[str, str]:
        raise RuntimeError("tokenizer broke")

    monkeypatch.setattr(index, "index_terms", broken)
    with pytest.raises(StoreError, match="tokenizer broke"):
        store.ingest(make_document())
    assert _temp_tables(store) == []
    assert snapshot(db_path) == before


def test_units_are_numbered_on_across_batches(
    db_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inserts, "ROWS_PER_INSERT", 3)
    store.ingest(make_document())
    store.ingest(make_document("doc2024", "hash-2024", "2024"))
    units = snapshot(db_path)["search_units"]
    numbers = sorted(int(r[0]) for r in units)
    sequences = [n // KIND_SLOTS for n in numbers]
    assert sequences == list(range(1, len(numbers) + 1))  # one number per unit, none skipped
    kinds = {int(r[0]) % KIND_SLOTS: r[5] for r in units}  # the number carries the type
    assert all(UNIT_TYPES[code] == kind for code, kind in kinds.items())
    counts = {r[0]: r[2] for r in snapshot(db_path)["search_documents"]}
    assert counts["doc2023"] + counts["doc2024"] == len(numbers)
