"""What the shared store tests cannot see of the PostgreSQL store: its index rebuilt in place,
a delete that empties every table, the generated tsvector, and a small pool."""

from __future__ import annotations

import psycopg

from stiplan.ingest import read_bytes
from stiplan.search.query import build_query
from stiplan.store.postgres.store import PostgresStore
from tests.conftest import repeated_report

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


def test_a_write_checks_a_new_documents_keys_by_the_primary_key(postgres_url: str) -> None:
    """In a write transaction the check that a row's element exists is a primary key lookup,
    even for a document id the statistics have never seen (``CHECK_KEYS_GENERICALLY``):
    planned for that id, it read every element of the document so far for each row."""
    from stiplan.store.postgres.connection import lock_writes

    check = "SELECT 1 FROM ONLY elements x WHERE document_id = $1 AND id = $2 FOR KEY SHARE OF x"
    with PostgresStore.open(postgres_url) as store:
        store.ingest(read_bytes(repeated_report(2), "report.txt"))  # ANALYZEd: one id known
        with store._pool.connection() as conn:
            conn.execute(f"PREPARE fk_check (text, text) AS {check}".encode())
            try:
                with conn.transaction():
                    outside = _plan(conn)
                    lock_writes(conn)
                    inside = _plan(conn)
            finally:
                conn.execute(b"DEALLOCATE fk_check")
    assert "elements_pkey" not in outside  # what the checks did: the other index
    assert "elements_pkey" in inside


def _plan(conn: psycopg.Connection) -> str:  # type: ignore[type-arg]
    rows = conn.execute(b"EXPLAIN EXECUTE fk_check ('never-seen', 'c1')").fetchall()
    return "\n".join(str(next(iter(row.values()))) for row in rows)
