"""The kept rankings of frequent words (migration 0016, ``docs/search.md``, "Frequent words").

A store keeps the first rounds of the unfiltered ranking of every word held by many units, and
reads a page of it instead of scoring every match. These tests build two stores from the same
samples, one keeping the rankings of every word in 30 units or more and one keeping none, and
require every page of every question to be the same on both, after every kind of change to the
index; and that the kept pages are really read without ranking.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stiplan import queries
from stiplan.search import build_query
from stiplan.store import SearchFilter, Store, StoreInterface, search_sql
from stiplan.store.shared import frequent
from stiplan.store.shared.frequent import frequent_expressions
from tests.conftest import SAMPLES
from tests.postgres_fixtures import TEMPLATE, admin
from tests.postgres_server import PostgresServer

KEEP_FROM = 30  # units: low enough that the samples have many frequent words
ROUNDS = 25  # kept rounds: the first page of 20 is kept, the second is not
WORDS = ["研究", "推進", "の", "を", "等", "する", "研究開発", "データ", "取組", "量子"]
TYPES = [None, "action", "block", "initiative", "status_item"]
PAGES = [(20, 0), (5, 20), (3, 22), (20, 20), (1, 0), (10, 3)]
FILES = ["followup_2024.txt", "followup_2025.txt", "briefing_2025.txt"]
NEVER = 10**9  # units: keep nothing

Opener = Callable[[str, int], StoreInterface]
"""Opens a new, empty store of the backend under test by name, keeping rankings of words
in that many units or more."""


def tuned(store: StoreInterface, keep_from: int) -> StoreInterface:
    store.frequent_units = keep_from  # type: ignore[attr-defined]
    store.frequent_rounds = ROUNDS  # type: ignore[attr-defined]
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def opener(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Opener]:
    """New stores of one backend (a file, or a database from the template), closed after."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            folder = tmp_path_factory.mktemp("frequent")

            def open_sqlite(name: str, keep_from: int) -> StoreInterface:
                file = folder / f"{name}_{uuid.uuid4().hex[:8]}.sqlite"
                opened = stack.enter_context(Store.open(file))
                return tuned(opened, keep_from)

            yield open_sqlite
            return
        server: PostgresServer = request.getfixturevalue("postgres_server")
        from stiplan.store.postgres.store import PostgresStore

        def open_postgres(name: str, keep_from: int) -> StoreInterface:
            database = f"frequent_{name}_{uuid.uuid4().hex[:8]}"
            admin(server, f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}")
            stack.callback(admin, server, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            opened = stack.enter_context(PostgresStore.open(server.url_of(database)))
            return tuned(opened, keep_from)

        yield open_postgres


def ingest(store: StoreInterface, names: list[str]) -> None:
    outcomes = queries.ingest_paths(store, [SAMPLES / name for name in names])
    assert {o.status for o in outcomes} == {queries.IngestStatus.CREATED}


@pytest.fixture(scope="module")
def stores(opener: Opener) -> tuple[StoreInterface, StoreInterface]:
    """(keeping, fresh): the same samples, one store keeping rankings and one keeping none."""
    kept, fresh = opener("kept", KEEP_FROM), opener("fresh", NEVER)
    for store in (kept, fresh):
        ingest(store, FILES)
    return kept, fresh


def page(
    store: StoreInterface, word: str, kind: str | None, limit: int, offset: int
) -> list[object]:
    rows = store.search(build_query(word), SearchFilter(element_type=kind), limit, offset)
    return [(r.element_id, r.score, r.type_rank, r.ministries) for r in rows]


def kept_words(store: StoreInterface) -> list[str]:
    found = store._fetch("SELECT expression FROM search_frequent_words")  # type: ignore[attr-defined]
    return [r["expression"] for r in found]


def expression(store: StoreInterface, word: str) -> str:
    return str(store.engine.expression(build_query(word)))  # type: ignore[attr-defined]


def same_pages(kept: StoreInterface, fresh: StoreInterface) -> None:
    for word in WORDS:
        for kind in TYPES:
            for limit, offset in PAGES:
                mine = page(kept, word, kind, limit, offset)
                assert mine == page(fresh, word, kind, limit, offset), (word, kind, offset)


def test_the_samples_have_frequent_words_and_only_the_keeping_store_keeps_them(
    stores: tuple[StoreInterface, StoreInterface],
) -> None:
    kept, fresh = stores
    words = kept_words(kept)
    assert expression(kept, "研究") in words
    assert expression(kept, "の") in words
    assert expression(kept, "量子") not in words  # in fewer units
    assert kept_words(fresh) == []


def test_every_page_of_every_question_is_the_page_ranked_afresh(
    stores: tuple[StoreInterface, StoreInterface],
) -> None:
    same_pages(*stores)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    word=st.sampled_from(WORDS),
    kind=st.sampled_from(TYPES),
    limit=st.integers(1, 30),
    offset=st.integers(0, 40),
)
def test_any_page_is_the_page_ranked_afresh(
    stores: tuple[StoreInterface, StoreInterface],
    word: str,
    kind: str | None,
    limit: int,
    offset: int,
) -> None:
    kept, fresh = stores
    assert page(kept, word, kind, limit, offset) == page(fresh, word, kind, limit, offset)


def statements_of(store: Store, word: str, limit: int, offset: int, **filters: object) -> str:
    """The SQL a search ran on SQLite, joined."""
    ran: list[str] = []
    store._conn.set_trace_callback(ran.append)
    try:
        query = build_query(word)
        store.search(query, SearchFilter(**filters), limit, offset)  # type: ignore[arg-type]
    finally:
        store._conn.set_trace_callback(None)
    return "\n".join(ran)


def test_a_kept_page_is_read_without_scoring_a_match(
    stores: tuple[StoreInterface, StoreInterface],
) -> None:
    kept, _ = stores
    if not isinstance(kept, Store):
        pytest.skip("the statements a search runs are traced on SQLite")
    assert "bm25(" not in statements_of(kept, "研究", 20, 0)
    assert "bm25(" not in statements_of(kept, "研究", 3, 1, element_type="action")
    assert "bm25(" in statements_of(kept, "研究", 20, 20)  # deeper than the kept rounds
    assert "bm25(" in statements_of(kept, "研究", 20, 0, ministry="文")  # filtered
    assert "bm25(" in statements_of(kept, "量子", 20, 0)  # not frequent
    assert "bm25(" in statements_of(kept, "研究", 5, 15, element_type="goal")  # empty page


def test_ingest_delete_and_reindex_keep_the_rankings_true(opener: Opener) -> None:
    kept, fresh = opener("kept", KEEP_FROM), opener("fresh", NEVER)
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


def test_a_batch_keeps_the_rankings_once_at_its_end_and_stays_true_inside(
    opener: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept, fresh = opener("kept", KEEP_FROM), opener("fresh", NEVER)
    ingest(fresh, FILES[:2])
    kept_now = frequent.keep_frequent
    keeps: list[int] = []

    def counted(*args: object) -> None:
        keeps.append(1)
        kept_now(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(frequent, "keep_frequent", counted)
    with kept.batch():
        ingest(kept, FILES[:1])
        with kept.batch():  # nested: still one batch
            ingest(kept, FILES[1:2])
        assert kept_words(kept) == []  # dropped with each write, not kept again yet
        same_pages(kept, fresh)  # ranked afresh meanwhile
    assert len(keeps) == 1
    assert kept_words(kept) != []
    same_pages(kept, fresh)
    ingest(kept, FILES[2:])  # ingest_paths is a batch of its own
    assert len(keeps) == 2


def test_a_sqlite_store_from_before_the_kept_rankings_fills_them_as_it_migrates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        ingest(store, FILES)
    with sqlite3.connect(path) as conn:  # the store as 0015 left it
        conn.executescript(OLD_STORE_SQL)
    conn.close()
    monkeypatch.setattr(search_sql, "FREQUENT_UNITS", KEEP_FROM)
    monkeypatch.setattr(search_sql, "FREQUENT_ROUNDS", ROUNDS)
    with Store.open(path) as migrated, Store.open(tmp_path / "fresh.sqlite") as fresh:
        assert expression(migrated, "研究") in kept_words(migrated)
        ingest(tuned(fresh, NEVER), FILES)
        same_pages(migrated, fresh)


def test_a_postgres_store_from_before_the_kept_rankings_fills_them_as_it_migrates(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import psycopg

    from stiplan.store.postgres.store import PostgresStore

    with PostgresStore.open(postgres_url) as store:
        ingest(store, FILES)
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        for statement in OLD_STORE_SQL.split(";")[:-1]:
            conn.execute(statement.encode())
    monkeypatch.setattr(search_sql, "FREQUENT_UNITS", KEEP_FROM)
    monkeypatch.setattr(search_sql, "FREQUENT_ROUNDS", ROUNDS)
    with PostgresStore.open(postgres_url) as migrated:
        assert expression(migrated, "研究") in kept_words(migrated)


OLD_STORE_SQL = """DROP TABLE search_frequent;
DROP TABLE search_frequent_words;
DELETE FROM schema_migrations WHERE version >= 16;"""
"""A store as migration 0015 left it."""


def test_words_are_kept_as_a_reader_types_them_once_each() -> None:
    found = list(frequent_expressions(["研究", "研究", "、", "研究開発"], search_sql.FTS5))
    assert found == [
        search_sql.fts_match(build_query("研究")),
        search_sql.fts_match(build_query("研究開発")),  # words and parts, as typed
    ]
