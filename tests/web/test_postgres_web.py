"""The dashboard and API over PostgreSQL (issue 16): the same answers as over SQLite.

The two sample editions are ingested into a PostgreSQL database and the app is created with
its URL, read-only; every list route of the JSON API must answer exactly as the SQLite app
over ``samples_db`` does (ingestion times aside), search with the same hits, and the pages
and downloads must render. The app must not write to the database while serving.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stiplan import queries
from stiplan.web import create_app
from tests.conftest import SAMPLES
from tests.postgres_fixtures import TEMPLATE, admin
from tests.postgres_server import PostgresServer
from tests.web.conftest import Client
from tests.web.crawl import crawl

API = [
    "/api/v1/documents",
    "/api/v1/overview",
    "/api/v1/sections",
    "/api/v1/initiatives",
    "/api/v1/initiatives?ministry=文&lead_only=true",
    "/api/v1/indicators",
    "/api/v1/targets",
    "/api/v1/progress",
    "/api/v1/editions",
    "/api/v1/ministries",
    "/api/v1/warnings",
]
PAGES = [
    "/",
    "/documents",
    "/indicators",
    "/ministries",
    "/warnings",
    "/editions",
    "/search?q=研究",
    "/download/all.zip",
]


@pytest.fixture(scope="module")
def pg_client(postgres_server: PostgresServer) -> Iterator[Client]:
    from stiplan.store.postgres.store import PostgresStore

    admin(postgres_server, f"CREATE DATABASE web TEMPLATE {TEMPLATE}")
    url = postgres_server.url_of("web")
    try:
        with PostgresStore.open(url) as store:
            outcomes = queries.ingest_paths(store, sorted(SAMPLES.glob("followup_*.txt")))
        assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 2
        app = create_app(url)
        yield Client(app)
        app.state.pool.close()
    finally:
        admin(postgres_server, "DROP DATABASE IF EXISTS web WITH (FORCE)")


@pytest.fixture(scope="module")
def lite_client(samples_db: Path) -> Iterator[Client]:
    app = create_app(samples_db)
    yield Client(app)
    app.state.pool.close()


def _without_times(value: Any) -> Any:
    """The JSON without ``ingested_at`` (each store stamped its own ingest)."""
    if isinstance(value, dict):
        return {k: _without_times(v) for k, v in value.items() if k != "ingested_at"}
    if isinstance(value, list):
        return [_without_times(v) for v in value]
    return value


@pytest.mark.parametrize("path", API)
def test_the_api_answers_as_over_sqlite(path: str, pg_client: Client, lite_client: Client) -> None:
    over_pg, over_sqlite = pg_client.get(path), lite_client.get(path)
    assert over_pg.status_code == over_sqlite.status_code == 200
    assert _without_times(over_pg.json()) == _without_times(over_sqlite.json())


def test_search_finds_the_same_hits(pg_client: Client, lite_client: Client) -> None:
    def hits(client: Client) -> set[str]:
        answer = client.get("/api/v1/search", params={"q": "研究", "limit": 200})
        assert answer.status_code == 200
        return {h["element_id"] for h in answer.json()}

    assert hits(pg_client) == hits(lite_client) != set()


@pytest.mark.parametrize("path", PAGES)
def test_pages_and_downloads_render(path: str, pg_client: Client) -> None:
    assert pg_client.get(path).status_code == 200


def test_the_server_cannot_write(pg_client: Client) -> None:
    from stiplan.store import StoreError
    from tests.unit.store.conftest import make_document

    pool = pg_client.app.state.pool
    with pool.lend() as store, pytest.raises(StoreError, match="read-only"):
        store.ingest(make_document())


@pytest.mark.slow
def test_every_page_a_person_can_reach_answers_as_over_sqlite(
    pg_client: Client, lite_client: Client
) -> None:
    """Crawl the SQLite app from the overview and its new list pages; every URL reached
    answers the same status over PostgreSQL, and every JSON answer the same body (search
    aside: its ranking may differ, docs/search.md; its hit sets are compared above)."""
    starts = ["/", "/initiatives?ministry=文部科学省", "/progress", "/search?q=研究 データ"]
    found = crawl(lite_client, starts)
    assert found.pages > 50
    differ: list[str] = []
    for url, status in found.statuses.items():
        over_pg = pg_client.get(url, follow_redirects=True)
        ranked = url.startswith("/api/v1/search")
        if over_pg.status_code != status:
            differ.append(f"{url}: {over_pg.status_code} over PostgreSQL, {status} over SQLite")
        elif status == 200 and found.types[url].startswith("application/json") and not ranked:
            over_sqlite = lite_client.get(url, follow_redirects=True)
            if _without_times(over_pg.json()) != _without_times(over_sqlite.json()):
                differ.append(f"{url}: other JSON over PostgreSQL")
    assert not differ, differ[:20]
