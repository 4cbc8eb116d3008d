"""Read-only opening (what the web server uses) and the list reads the dashboard needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stiplan.store import MinistryUse, NotFound, Store, StoreError
from stiplan.store.migrate import Migration, load_migrations, migrate

from .conftest import make_document, snapshot


@pytest.fixture
def stored(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.ingest(make_document())
        store.ingest(make_document("doc2024", "hash-2024", "2024"))
    return db_path


def test_read_only_reads_what_was_written(stored: Path) -> None:
    before = snapshot(stored)
    with Store.open(stored, read_only=True) as store:
        assert [d.id for d in store.documents()] == ["doc2023", "doc2024"]
        assert store.counts("doc2023").initiatives == 5
    assert snapshot(stored) == before


def test_read_only_refuses_every_write(stored: Path) -> None:
    before = snapshot(stored)
    with Store.open(stored, read_only=True) as store:
        with pytest.raises(StoreError):
            store.ingest(make_document("doc2030", "hash-2030", "2030"))
        with pytest.raises(StoreError):
            store.delete_document("doc2023")
    assert snapshot(stored) == before


def test_read_only_never_creates_a_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "stiplan.sqlite"
    with pytest.raises(StoreError, match="no stiplan store here"):
        Store.open(missing, read_only=True)
    assert not missing.parent.exists()


def test_read_only_refuses_empty_foreign_and_stale_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="not a stiplan store yet"):
        Store.open(empty, read_only=True)
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="not a stiplan store"):
        Store.open(foreign, read_only=True)
    stale = tmp_path / "stale.sqlite"
    conn = sqlite3.connect(stale, isolation_level=None)
    migrate(conn, load_migrations()[:0], "stale")  # only the bookkeeping table
    conn.close()
    with pytest.raises(StoreError, match="open it once for writing"):
        Store.open(stale, read_only=True)
    text = tmp_path / "text.sqlite"
    text.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError, match=r"text\.sqlite"):
        Store.open(text, read_only=True)


def test_read_only_refuses_a_newer_schema(stored: Path) -> None:
    newer = Migration(99, "future", "CREATE TABLE future (id TEXT);")
    with Store.open(stored) as store:
        migrate(store._conn, [*load_migrations(), newer], "db")
    with pytest.raises(StoreError, match="newer than this stiplan knows"):
        Store.open(stored, read_only=True)


def test_read_only_path_with_uri_characters(tmp_path: Path) -> None:
    odd = tmp_path / "a?mode=rwc#x" / "store 1.sqlite"
    with Store.open(odd) as store:
        store.ingest(make_document())
    with Store.open(odd, read_only=True) as store:
        assert [d.id for d in store.documents()] == ["doc2023"]


def test_elements_of_a_type_in_document_order(stored: Path) -> None:
    with Store.open(stored, read_only=True) as store:
        observations = store.elements("observation", "doc2023")
        assert [o.id for o in observations] == [
            "doc2023:s11.ind1.o1",
            "doc2023:s11.ind1.o2",
            "doc2023:s11.ind1.o3",
        ]
        assert observations[0].quantity is not None and observations[0].period is not None
        indicators = store.elements("indicator")
        assert [(i.document_id, i.id.split(":")[1]) for i in indicators] == [
            ("doc2023", "c1.ind1"),
            ("doc2023", "s11.ind1"),
            ("doc2024", "c1.ind1"),
            ("doc2024", "s11.ind1"),
        ]
        assert [f.number for f in store.elements("footnote", "doc2024")] == [1, 2]
        assert store.elements("no_such_type", "doc2023") == []
        with pytest.raises(NotFound):
            store.elements("indicator", "nope")


def test_elements_keep_editions_apart_when_ids_are_shared(store: Store) -> None:
    store.ingest(make_document("a", "ha", prefix="x"))
    store.ingest(make_document("b", "hb", prefix="x"))
    rows = store.elements("target")
    assert [(r.document_id, r.id) for r in rows] == [("a", "x:s11.t1"), ("b", "x:s11.t1")]
    assert all(r.quantity is not None and r.period is not None for r in rows)


def test_ministry_use_counts_tags_by_type_and_lead(stored: Path) -> None:
    with Store.open(stored, read_only=True) as store:
        use = {u.code: u for u in store.ministry_use("doc2023")}
        # 文: lead on i1 and i5, plain on i4; plain on the actions of i1 and i2; status of i1
        assert use["文"] == MinistryUse("文", 3, 2, 2, 0, 1, 0)
        assert use["総"] == MinistryUse("総", 0, 0, 1, 1, 0, 0)
        assert use["文"].total == 6
        assert sorted(use) == ["国", "文", "環", "経", "総"]
        assert (
            store.ministry_use()[0].initiatives == 2 * store.ministry_use("doc2023")[0].initiatives
        )
        with pytest.raises(NotFound):
            store.ministry_use("nope")


def test_ingest_leaves_planner_statistics(db_path: Path) -> None:
    """Without them SQLite counts children through the wrong index (quadratic filters)."""
    with Store.open(db_path) as store:
        store.ingest(make_document())
    with sqlite3.connect(db_path) as conn:
        indexes = {
            r[0] for r in conn.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'elements'")
        }
    conn.close()
    assert {"elements_parent", "elements_type"} <= indexes
