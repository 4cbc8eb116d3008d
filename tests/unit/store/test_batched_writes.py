"""Rows are written in multi-row statements; the batch size changes nothing that is stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stiplan.store import Store
from stiplan.store.sqlite import inserts
from stiplan.store.tables import COLUMNS, SEARCH_COLUMNS, columns_of, insert_values_sql

from .conftest import indexed_terms, logical, make_document, snapshot


@pytest.mark.parametrize("table", [*COLUMNS, *SEARCH_COLUMNS])
def test_a_multi_row_insert_has_one_parameter_per_column_and_row(table: str) -> None:
    sql = insert_values_sql(table, 3)
    assert sql.count("?") == 3 * len(columns_of(table))
    assert sql.count("(") == 4  # the column list and three rows
    assert sqlite3.complete_statement(sql + ";")


def _stored(path: Path) -> tuple[dict[str, list[tuple[object, ...]]], list[tuple[str, int]]]:
    with Store.open(path) as store:
        store.ingest(make_document())
        store.ingest(make_document("doc2024", "hash-2024", "2024"))
    tables = logical(snapshot(path))
    del tables["schema_migrations"]  # applied_at differs
    tables["documents"] = [row[:6] + row[7:] for row in tables["documents"]]  # no ingested_at
    return tables, indexed_terms(path)


@pytest.mark.parametrize("per_insert", [1, 2, 7])
def test_any_batch_size_stores_the_same_rows_and_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, per_insert: int
) -> None:
    expected = _stored(tmp_path / "default.sqlite")
    monkeypatch.setattr(inserts, "ROWS_PER_INSERT", per_insert)
    assert _stored(tmp_path / f"batch{per_insert}.sqlite") == expected


def test_a_small_parameter_limit_shrinks_the_batches(tmp_path: Path) -> None:
    with Store.open(tmp_path / "small.sqlite") as store:
        store._conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 20)  # 20 // 11 columns: 1 row
        store.ingest(make_document())
        assert store.counts("doc2023").initiatives == 5
    assert indexed_terms(tmp_path / "small.sqlite")
