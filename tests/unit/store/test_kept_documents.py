"""The SQLite store keeps its list of documents only while the database is unchanged: a
reader sees what another connection stores or deletes, and its own writes, at once."""

from __future__ import annotations

from pathlib import Path

from stiplan.store import Store

from .conftest import make_document


def _ids(store: Store) -> list[str]:
    return [d.id for d in store.documents()]


def test_a_reader_sees_what_another_connection_stores_and_deletes(db_path: Path) -> None:
    with Store.open(db_path) as writer:
        writer.ingest(make_document())
        with Store.open(db_path, read_only=True) as reader:
            assert _ids(reader) == ["doc2023"]
            run: list[str] = []
            reader._conn.set_trace_callback(run.append)
            assert _ids(reader) == ["doc2023"]  # kept: only the version is read again
            assert run == ["PRAGMA data_version"]
            writer.ingest(make_document("doc2024", "hash-2024", "2024"))
            assert _ids(reader) == ["doc2023", "doc2024"]
            writer.delete_document("doc2023")
            assert _ids(reader) == ["doc2024"]


def test_a_store_sees_its_own_writes(db_path: Path) -> None:
    with Store.open(db_path) as store:
        assert _ids(store) == []
        store.ingest(make_document())
        assert _ids(store) == ["doc2023"]
        store.delete_document("doc2023")
        assert _ids(store) == []


def test_the_kept_list_cannot_be_changed_by_a_caller(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.ingest(make_document())
        store.documents().clear()
        assert _ids(store) == ["doc2023"]
