"""What the shared store tests cannot see of the PostgreSQL store: its index rebuilt in place,
a delete that empties every table, the generated tsvector, and a small pool."""

from __future__ import annotations

import psycopg

from stiplan.search.query import build_query
from stiplan.store.postgres.store import PostgresStore

from .conftest import make_briefing, make_document, postgres_snapshot


def _hits(store: PostgresStore, text: str) -> set[str]:
    return {r.element_id for r in store.search(build_query(text), limit=100)}


def test_reindex_rebuilds_the_same_index(postgres_url: str) -> None:
    with PostgresStore.open(postgres_url, pool_size=1) as store:  # a reindex needs two
        store.ingest(make_document())
        store.ingest(make_briefing())
        before = store.index_status()
        hits = _hits(store, "博士人材") | _hits(store, "文部科学省")
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute("DELETE FROM search_units WHERE document_id = 'brief25'")
        assert not _hits(store, "博士人材")
        after = store.reindex()
        assert (after.documents, after.units) == (before.documents, before.units)
        assert after.bytes is not None and after.bytes > 0
        assert _hits(store, "博士人材") | _hits(store, "文部科学省") == hits != set()


def test_delete_empties_every_table_of_the_document(postgres_url: str) -> None:
    empty = postgres_snapshot(postgres_url)
    with PostgresStore.open(postgres_url) as store:
        store.ingest(make_document())
        store.ingest(make_briefing())
        store.delete_document("doc2023")
        store.delete_document("brief25")
        assert not _hits(store, "文部科学省")
    assert postgres_snapshot(postgres_url) == empty


def test_the_tsvector_holds_the_terms_in_order_with_their_weights(postgres_url: str) -> None:
    with PostgresStore.open(postgres_url) as store:
        store.ingest(make_document())
    with psycopg.connect(postgres_url) as conn:
        row = conn.execute(
            "SELECT terms, subterms, tsv::text FROM search_units WHERE terms LIKE '%% %%' LIMIT 1"
        ).fetchone()
    assert row is not None
    terms, _, vector = row
    first = terms.split(" ")[0]
    assert f"'{first}':1A" in vector  # place 1, weight A (a word)


def test_every_statement_is_planned_for_its_own_parameters(postgres_url: str) -> None:
    """No generic plan kept for a prepared statement (``PLAN_EACH_TIME``), on the read-only
    connections of the web app too."""
    for read_only in (False, True):
        with PostgresStore.open(postgres_url, read_only=read_only) as store:
            with store._pool.connection() as conn:
                modes = conn.execute(
                    "SELECT current_setting('plan_cache_mode') AS plan,"
                    " current_setting('default_transaction_read_only') AS ro"
                ).fetchone()
            assert modes is not None
            assert modes["plan"] == "force_custom_plan"
            assert modes["ro"] == ("on" if read_only else "off")
