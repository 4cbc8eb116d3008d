"""The same hits on both stores (issue 16): the project's samples (two follow-up editions and
a briefing) are ingested into SQLite and into PostgreSQL, and every query of the list, with
and without filters, must find the same set of units on both. Ranking may differ
(``docs/search.md``, "PostgreSQL"); sets may not. Pages must still fit together on
PostgreSQL: every hit once across consecutive pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stiplan import queries
from stiplan.store import Store, StoreInterface
from tests.conftest import SAMPLES
from tests.postgres_fixtures import TEMPLATE, admin
from tests.postgres_server import PostgresServer

QUERIES: list[tuple[str, dict[str, object]]] = [
    ("研究", {}),
    ("研究", {"element_type": "action"}),
    ("研究", {"section": "2.(2)"}),
    ("研究", {"edition": "2024"}),
    ("研究", {"plan": 6}),
    ("博士人材", {}),
    ('"研究設備共用プログラム"', {}),
    ("研究設備", {}),
    ("コンピューター", {}),
    ("科学", {}),
    ("文部科学省", {}),
    ("AI", {}),
    ("SINET", {}),
    ("SINET OR e-Rad", {}),
    ("e-Rad", {}),
    ("CO2", {}),
    ("CSTI", {}),
    ("SIP", {}),
    ("K Program", {}),
    ("リサーチ*", {}),
    ("研*", {}),
    ("メタデータ -公開", {}),
    ("研究 -大学", {}),
    ("大学 OR 企業", {"ministry": "文"}),
    ("在留", {"ministry": "法"}),
    ("研究時間", {"ministry": "科技", "lead_only": True}),
    ("整備", {"element_type": "block"}),
    ("共用", {}),
    ("4兆2,050億円", {}),
    ("187万件", {}),
    ("存在しない語彙ですね", {}),
]


def _ingest(store: StoreInterface) -> None:
    paths = sorted(SAMPLES.glob("*_20*.txt"))
    outcomes = queries.ingest_paths(store, paths)
    assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * len(paths)


@pytest.fixture(scope="module")
def both(
    tmp_path_factory: pytest.TempPathFactory, postgres_server: PostgresServer
) -> Iterator[tuple[StoreInterface, StoreInterface]]:
    from stiplan.store.postgres.store import PostgresStore

    admin(postgres_server, f"CREATE DATABASE parity TEMPLATE {TEMPLATE}")
    try:
        with (
            Store.open(tmp_path_factory.mktemp("parity") / "s.sqlite") as lite,
            PostgresStore.open(postgres_server.url_of("parity")) as pg,
        ):
            _ingest(lite)
            _ingest(pg)
            yield lite, pg
    finally:
        admin(postgres_server, "DROP DATABASE IF EXISTS parity WITH (FORCE)")


def _hits(store: StoreInterface, query: str, filters: dict[str, object]) -> list[str]:
    found = queries.search(store, query, limit=1000, **filters)  # type: ignore[arg-type]
    return [f"{h.document_id}/{h.element_id}" for h in found]


@pytest.mark.parametrize(("query", "filters"), QUERIES, ids=[q for q, _ in QUERIES])
def test_both_stores_find_the_same_units(
    both: tuple[StoreInterface, StoreInterface], query: str, filters: dict[str, object]
) -> None:
    lite, pg = both
    on_sqlite, on_postgres = _hits(lite, query, filters), _hits(pg, query, filters)
    assert len(on_postgres) == len(set(on_postgres))
    assert set(on_postgres) == set(on_sqlite)


def test_the_list_finds_something_on_most_queries(
    both: tuple[StoreInterface, StoreInterface],
) -> None:
    lite, _ = both
    empty = [q for q, f in QUERIES if not _hits(lite, q, f)]
    assert empty == ["存在しない語彙ですね"] or len(empty) <= 3, empty


def test_pages_fit_together_on_postgresql(both: tuple[StoreInterface, StoreInterface]) -> None:
    _, pg = both
    everything = _hits(pg, "研究", {})
    paged: list[str] = []
    for offset in range(0, len(everything), 7):
        page = queries.search(pg, "研究", limit=7, offset=offset)
        paged += [f"{h.document_id}/{h.element_id}" for h in page]
    assert paged == everything and len(everything) > 7
