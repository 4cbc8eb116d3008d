"""The cross-cutting pages on the real 2025 edition: counts per ministry agree with the
ministry filter, every target is on /progress, and no source view shows the conversion's
markup (the real report's table cells are HTML fragments)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import corpus_file
from tests.web.conftest import Client


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    db = tmp_path_factory.mktemp("real") / "real.sqlite"
    with Store.open(db) as store:
        queries.ingest_paths(store, [path])
    app = create_app(Path(db))
    yield Client(app)
    app.state.pool.close()


def test_ministry_counts_are_what_the_filter_gives(real: Client) -> None:
    every = real.get("/api/v1/initiatives", params={"limit": 5000}).json()
    assert every["total"] > 50
    for facet in every["by_ministry"][:8]:
        found = real.get("/api/v1/initiatives", params={"ministry": facet["key"]}).json()
        assert found["total"] == facet["count"], facet
    by_name = real.get("/api/v1/initiatives", params={"ministry": "文部科学省"}).json()
    assert by_name["ministry"] == "文" and 0 < by_name["total"] < every["total"]


def test_every_target_is_on_the_progress_page(real: Client) -> None:
    data = real.get("/api/v1/progress").json()
    assert len(data["assessments"]) == 22
    page = BeautifulSoup(real.get("/progress", params={"sort": "-achieved"}).text, "html.parser")
    assert len(page.select("tr[data-target]")) == 22


def test_no_source_view_shows_markup(real: Client) -> None:
    items = real.get("/api/v1/initiatives", params={"limit": 30}).json()["items"]
    underlined = 0
    for item in items:
        soup = BeautifulSoup(real.get(f"/elements/{item['id']}/source").text, "html.parser")
        shown = soup.select_one(".source-excerpt")
        assert shown is not None
        text = shown.get_text()
        assert not any(tag in text for tag in ("<p>", "</p>", "<u>", "</u>", "<ul")), item["id"]
        underlined += len(shown.select(".underlined"))
    assert underlined > 0
