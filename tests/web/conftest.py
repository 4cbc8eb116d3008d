"""Stores for the web tests, and an in-process client that calls the app over ASGI.

``samples_db`` is the project's two sample editions ingested the way users do it (and
``samples_app``, the app over them, is made once over SQLite and once over PostgreSQL);
``built_db`` holds two editions made in code whose indicator has numeric observations and a
matching target (what the chart draws) and whose text carries markup and script, so escaping
can be checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI

from stiplan import queries
from stiplan.model import Document, Period, PeriodKind, Qualifier, Quantity
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES
from tests.postgres_fixtures import TEMPLATE, admin
from tests.postgres_server import PostgresServer
from tests.unit.store.conftest import fy, make_briefing, make_document

SCRIPT = "<script>alert(1)</script>"


class Client:
    """A synchronous client for one app, in-process (httpx over ASGI, no socket)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def call() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await c.request(method, url, **kwargs)

        return anyio.run(call)


@pytest.fixture(scope="session")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("samples") / "samples.sqlite"
    with Store.open(path) as store:
        outcomes = queries.ingest_paths(store, sorted(SAMPLES.glob("followup_*.txt")))
    assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 2
    return path


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR, f"{year}年")


def _edition(doc_id: str, edition: str, value: str, year: int) -> Document:
    """An edition whose indicator 健康寿命 has a numeric value and a same-named target."""
    doc = make_document(doc_id, f"hash-{doc_id}", edition)
    section = doc.chapters[0].sections[0]
    indicator = section.indicators[0]
    first = indicator.observations[0]
    first.quantity = Quantity(Decimal(value), "歳", f"{value}歳")
    first.period = _year(year)
    target = section.targets[0]
    target.name = indicator.name
    target.quantity = Quantity(Decimal("75"), "歳", "75歳以上", qualifier=Qualifier.AT_LEAST)
    target.period = fy(2025, "2025年度")
    initiative = section.subsections[0].initiatives[0]
    initiative.commitment = f"取組 {SCRIPT} を推進する <b>太字</b> & 'quote'"
    doc.lines[11] = f"行12 {SCRIPT}"
    return doc


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("built") / "built.sqlite"
    with Store.open(path) as store:
        store.ingest(_edition("doc2023", "2023", "72.57", 2022))
        store.ingest(_edition("doc2024", "2024", "73.10", 2023))
    return path


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def samples_app(samples_db: Path, request: pytest.FixtureRequest) -> Iterator[FastAPI]:
    """The app over the sample editions, on each store: every test that reads through
    ``client`` runs over SQLite and over PostgreSQL (issue 16: the web suite on both stores;
    the PostgreSQL run skips, saying so, where its binaries are absent)."""
    if request.param == "sqlite":
        app = create_app(samples_db)
    else:
        app = create_app(_samples_on_postgres(request.getfixturevalue("postgres_server")))
    yield app
    app.state.pool.close()


def _samples_on_postgres(server: PostgresServer) -> str:
    """A database of the server holding the sample editions, ingested as over SQLite."""
    from stiplan.store.postgres.store import PostgresStore

    admin(server, f"CREATE DATABASE web_samples TEMPLATE {TEMPLATE}")
    url = server.url_of("web_samples")
    with PostgresStore.open(url) as store:
        outcomes = queries.ingest_paths(store, sorted(SAMPLES.glob("followup_*.txt")))
    assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 2
    return url


@pytest.fixture(scope="session")
def client(samples_app: FastAPI) -> Client:
    return Client(samples_app)


@pytest.fixture(scope="session")
def built(built_db: Path) -> Iterator[Client]:
    app = create_app(built_db)
    yield Client(app)
    app.state.pool.close()


@pytest.fixture(scope="session")
def latest(client: Client) -> dict[str, Any]:
    """The overview of the latest sample edition (2025), as the API gives it."""
    data: dict[str, Any] = client.get("/api/v1/overview").json()
    return data


@pytest.fixture(scope="session")
def briefing_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The two sample editions and the sample briefing, ingested as users do it, and a
    briefing made in code whose text carries markup and script (for escaping)."""
    path = tmp_path_factory.mktemp("briefing") / "briefing.sqlite"
    with Store.open(path) as store:
        outcomes = queries.ingest_paths(store, sorted(SAMPLES.glob("*.txt")))
        assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 3
        hostile = make_briefing("hostile", "hash-hostile")
        hostile.source_name = "hostile.txt"
        hostile.slides[0].blocks[2].text = f"博士人材 {SCRIPT} <b>太字</b>"
        hostile.extractions.decisions[0].what = f"戦略 {SCRIPT}"
        hostile.extractions.programmes[0].text = f"SIP {SCRIPT}"
        store.ingest(hostile)
    return path


@pytest.fixture(scope="session")
def briefing_client(briefing_db: Path) -> Iterator[Client]:
    app = create_app(briefing_db)
    yield Client(app)
    app.state.pool.close()
