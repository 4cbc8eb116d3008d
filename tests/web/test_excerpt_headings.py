"""Headings an excerpt does not print (the reader's stand-ins, numbered 0) are named as such on
the pages, never as ``0.`` or ``(0)``."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import FIXTURES

from .conftest import Client

NOT_PRINTED = "（見出しなし：抜粋）"


@pytest.fixture(scope="module")
def excerpt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Client, str]]:
    path = tmp_path_factory.mktemp("excerpt") / "excerpt.sqlite"
    with Store.open(path) as store:
        (outcome,) = queries.ingest_paths(store, [FIXTURES / "followup" / "midtable.txt"])
    app = create_app(path)
    yield Client(app), outcome.document_id
    app.state.pool.close()


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_overview_and_section_page_name_the_headings_not_printed(
    excerpt: tuple[Client, str],
) -> None:
    client, document = excerpt
    overview = _text(client.get("/", params={"document": document}).text)
    assert NOT_PRINTED in overview and " 0. " not in overview
    assert "(4) 人材の流動" in overview and "2. 社会実装の加速" in overview
    stand_in = f"{document}:c0.s0"
    page = client.get(f"/sections/{stand_in}", params={"document": document})
    assert page.status_code == 200
    text = _text(page.text)
    assert f"<title>{NOT_PRINTED}" in page.text
    assert f'<h1><span class="label">{NOT_PRINTED}</span></h1>' in page.text
    assert "取組 (0)" not in text and " 0. " not in text  # headings and table captions
    assert "② 設備の高度化" in text


def test_english_pages_name_them_in_english(excerpt: tuple[Client, str]) -> None:
    client, document = excerpt
    page = client.get("/", params={"document": document, "lang": "en"})
    assert "(heading not printed: excerpt)" in page.text
