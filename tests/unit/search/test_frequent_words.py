"""The kept rankings of frequent words (migration 0016, ``docs/search.md``, "Frequent words").

A store keeps the first rounds of the unfiltered ranking of every word held by many units, and
reads a page of it instead of scoring every match. These tests build two stores from the same
samples, one keeping the rankings of every word in 30 units or more and one keeping none, and
require every page of every question to be the same on both, after every kind of change to the
index; and that the kept pages are really read without ranking.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan import queries
from stiplan.search import build_query
from stiplan.store import SearchFilter, Store, search_sql
from stiplan.store.sqlite.search_index import frequent_expressions
from tests.conftest import SAMPLES

pytestmark = pytest.mark.sqlite_only

KEEP_FROM = 30  # units: low enough that the samples have many frequent words
ROUNDS = 25  # kept rounds: the first page of 20 is kept, the second is not
WORDS = ["研究", "推進", "の", "を", "等", "する", "研究開発", "データ", "取組", "量子"]
TYPES = [None, "action", "block", "initiative", "status_item"]
PAGES = [(20, 0), (5, 20), (3, 22), (20, 20), (1, 0), (10, 3)]
FILES = ["followup_2024.txt", "followup_2025.txt", "briefing_2025.txt"]


def open_store(path: Path, keep_from: int) -> Store:
    store = Store.open(path)
    store.frequent_units = keep_from
    store.frequent_rounds = ROUNDS
    return store


def ingest(store: Store, names: list[str]) -> None:
    outcomes = queries.ingest_paths(store, [SAMPLES / name for name in names])
    assert {o.status for o in outcomes} == {queries.IngestStatus.CREATED}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    """(keeping, fresh): the same samples, one store keeping rankings and one keeping none."""
    folder = tmp_path_factory.mktemp("frequent")
    kept = open_store(folder / "kept.sqlite", KEEP_FROM)
    fresh = open_store(folder / "fresh.sqlite", 10**9)
    for store in (kept, fresh):
        ingest(store, FILES)
    yield kept, fresh
    kept.close()
    fresh.close()


def page(store: Store, word: str, kind: str | None, limit: int, offset: int) -> list[object]:
    rows = store.search(build_query(word), SearchFilter(element_type=kind), limit, offset)
    return [(r.element_id, r.score, r.type_rank, r.ministries) for r in rows]


def kept_words(store: Store) -> list[str]:
    return [r["expression"] for r in store._fetch("SELECT expression FROM search_frequent_words")]


def same_pages(kept: Store, fresh: Store) -> None:
    for word in WORDS:
        for kind in TYPES:
            for limit, offset in PAGES:
                mine = page(kept, word, kind, limit, offset)
                assert mine == page(fresh, word, kind, limit, offset), (word, kind, offset)


def test_the_samples_have_frequent_words_and_only_the_keeping_store_keeps_them(
    stores: tuple[Store, Store],
) -> None:
    kept, fresh = stores
    words = kept_words(kept)
    assert search_sql.fts_match(build_query("研究")) in words
    assert search_sql.fts_match(build_query("の")) in words
    assert search_sql.fts_match(build_query("量子")) not in words  # in fewer units
    assert kept_words(fresh) == []


def test_every_page_of_every_question_is_the_page_ranked_afresh(
    stores: tuple[Store, Store],
) -> None:
    same_pages(*stores)


@settings(max_examples=60, deadline=None)
@given(
    word=st.sampled_from(WORDS),
    kind=st.sampled_from(TYPES),
    limit=st.integers(1, 30),
    offset=st.integers(0, 40),
)
def test_any_page_is_the_page_ranked_afresh(
    stores: tuple[Store, Store], word: str, kind: str | None, limit: int, offset: int
) -> None:
    kept, fresh = stores
    assert page(kept, word, kind, limit, offset) == page(fresh, word, kind, limit, offset)


def statements_of(store: Store, word: str, limit: int, offset: int, **filters: object) -> str:
    """The SQL a search ran, joined."""
    ran: list[str] = []
    store._conn.set_trace_callback(ran.append)
    try:
        query = build_query(word)
        store.search(query, SearchFilter(**filters), limit, offset)  # type: ignore[arg-type]
    finally:
        store._conn.set_trace_callback(None)
    return "\n".join(ran)


def test_a_kept_page_is_read_without_scoring_a_match(stores: tuple[Store, Store]) -> None:
    kept, _ = stores
    assert "bm25(" not in statements_of(kept, "研究", 20, 0)
    assert "bm25(" not in statements_of(kept, "研究", 5, 20, element_type="action")
    assert "bm25(" in statements_of(kept, "研究", 20, 20)  # deeper than the kept rounds
    assert "bm25(" in statements_of(kept, "研究", 20, 0, ministry="文")  # filtered
    assert "bm25(" in statements_of(kept, "量子", 20, 0)  # not frequent


def test_ingest_delete_and_reindex_keep_the_rankings_true(tmp_path: Path) -> None:
    kept = open_store(tmp_path / "kept.sqlite", KEEP_FROM)
    fresh = open_store(tmp_path / "fresh.sqlite", 10**9)
    with kept, fresh:
        for store in (kept, fresh):
            ingest(store, FILES[:1])
        before = kept_words(kept)
        same_pages(kept, fresh)
        for store in (kept, fresh):
            ingest(store, FILES[1:])  # more units: every score changes
        assert len(kept_words(kept)) > len(before)
        same_pages(kept, fresh)
        (first,) = [d.id for d in kept.documents() if d.edition == "2024"]
        for store in (kept, fresh):
            store.delete_document(first)
        same_pages(kept, fresh)
        for store in (kept, fresh):
            store.reindex()
        same_pages(kept, fresh)


def test_a_store_from_before_the_kept_rankings_fills_them_as_it_migrates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        ingest(store, FILES)
    with sqlite3.connect(path) as conn:  # the store as 0015 left it
        conn.execute("DROP TABLE search_frequent")
        conn.execute("DROP TABLE search_frequent_words")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 16")
    conn.close()
    monkeypatch.setattr(search_sql, "FREQUENT_UNITS", KEEP_FROM)
    monkeypatch.setattr(search_sql, "FREQUENT_ROUNDS", ROUNDS)
    fresh = open_store(tmp_path / "fresh.sqlite", 10**9)
    with Store.open(path) as migrated, fresh:
        assert search_sql.fts_match(build_query("研究")) in kept_words(migrated)
        ingest(fresh, FILES)
        same_pages(migrated, fresh)


def test_words_are_kept_as_a_reader_types_them_once_each() -> None:
    found = list(frequent_expressions(["研究", "研究", "、", "研究開発"]))
    assert found == [
        search_sql.fts_match(build_query("研究")),
        search_sql.fts_match(build_query("研究開発")),  # words and parts, as typed
    ]


def test_a_batch_keeps_the_rankings_once_at_its_end_and_stays_true_inside(
    tmp_path: Path,
) -> None:
    kept = open_store(tmp_path / "kept.sqlite", KEEP_FROM)
    fresh = open_store(tmp_path / "fresh.sqlite", 10**9)
    ran: list[str] = []
    with kept, fresh:
        ingest(fresh, FILES[:2])
        kept._conn.set_trace_callback(ran.append)
        with kept.batch():
            ingest(kept, FILES[:1])
            with kept.batch():  # nested: still one batch
                ingest(kept, FILES[1:2])
            assert kept_words(kept) == []  # dropped with each write, not kept again yet
            same_pages(kept, fresh)  # ranked afresh meanwhile
        kept._conn.set_trace_callback(None)
        assert sum("fts5vocab" in statement for statement in ran) == 1
        assert kept_words(kept) != []
        same_pages(kept, fresh)
        ran.clear()
        kept._conn.set_trace_callback(ran.append)
        ingest(kept, FILES[2:])  # ingest_paths is a batch of its own
        kept._conn.set_trace_callback(None)
        assert sum("fts5vocab" in statement for statement in ran) == 1
