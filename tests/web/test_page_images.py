"""Page images of PDFs: the PNG route, its cache, and the source view that draws the box.

The store holds the sample PDF (``samples/followup_2025.pdf``) and a text edition; the app
caches page images in a temporary folder, never in the store (which it opens read-only).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES

from .conftest import Client

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf-pages") / "pages.sqlite"
    with Store.open(path) as store:
        outcomes = queries.ingest_paths(
            store, [SAMPLES / "followup_2025.pdf", SAMPLES / "followup_2024.txt"]
        )
    assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 2
    return path


@pytest.fixture(scope="module")
def app(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    made = create_app(store_path, cache_dir=tmp_path_factory.mktemp("page-cache"))
    yield made
    made.state.pool.close()


@pytest.fixture(scope="module")
def web(app: Any) -> Client:
    return Client(app)


@pytest.fixture(scope="module")
def ids(store_path: Path) -> dict[str, str]:
    with Store.open(store_path, read_only=True) as store:
        by_name = {d.source_name: d.id for d in store.documents()}
    return {"pdf": by_name["followup_2025.pdf"], "text": by_name["followup_2024.txt"]}


def _initiatives(web: Client, document: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = web.get(f"/api/v1/initiatives?document={document}").json()[
        "items"
    ]
    return [web.get(f"/api/v1/elements/{i['id']}").json() for i in found]


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_MAGIC
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk comes first
    return width, height


def test_a_page_is_a_png_of_the_page_at_the_scale(web: Client, ids: dict[str, str]) -> None:
    response = web.get(f"/documents/{ids['pdf']}/pages/1.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content[:8] == PNG_MAGIC
    scale = queries.PAGE_SCALE  # the sample is A4: 595 × 842 points
    assert _png_size(response.content) == (round(595 * scale), round(842 * scale))


@pytest.mark.parametrize(
    ("which", "page"), [("text", 1), ("pdf", 99), ("pdf", 0), ("pdf", -1), ("none", 1)]
)
def test_no_image_is_404(web: Client, ids: dict[str, str], which: str, page: int) -> None:
    document = ids.get(which, "000000000000")
    response = web.get(f"/documents/{document}/pages/{page}.png")
    assert response.status_code == 404
    assert "image/png" not in response.headers["content-type"]


def test_a_cached_page_is_not_rendered_again_and_the_store_is_untouched(
    app: Any, web: Client, ids: dict[str, str], store_path: Path
) -> None:
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    first = web.get(f"/documents/{ids['pdf']}/pages/3.png").content
    renders = app.state.page_cache.renders
    again = web.get(f"/documents/{ids['pdf']}/pages/3.png").content
    assert again == first and app.state.page_cache.renders == renders
    cached = list(app.state.page_cache.directory.glob("*-p3-x*.png"))
    assert len(cached) == 1 and cached[0].read_bytes() == first
    assert not str(cached[0]).startswith(str(store_path.parent))
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


def test_the_source_view_draws_the_elements_box_over_its_page(
    web: Client, ids: dict[str, str]
) -> None:
    views = [v for v in _initiatives(web, ids["pdf"]) if v["page_image"]]
    assert len(views) >= 2
    srcs = set()
    for view in views[:3]:
        image = view["page_image"]
        html = web.get(f"/elements/{view['element']['id']}/source").text
        page = BeautifulSoup(html, "html.parser")
        img = page.select_one("figure.page-figure img.page-image")
        assert img is not None
        assert img["src"] == f"/documents/{ids['pdf']}/pages/{image['page']}.png"
        srcs.add((img["src"], view["element"]["id"]))
        svg = page.select_one("svg.page-highlight")
        assert svg is not None
        assert [float(v) for v in svg["viewbox"].split()] == [0, 0, image["width"], image["height"]]
        rect = page.select_one("rect.element-box")
        assert rect is not None
        x0, top, x1, bottom = view["element"]["span"]["box"]
        assert float(rect["x"]) == pytest.approx(x0, abs=0.01)
        assert float(rect["y"]) == pytest.approx(top, abs=0.01)
        assert float(rect["width"]) == pytest.approx(x1 - x0, abs=0.01)
        assert float(rect["height"]) == pytest.approx(bottom - top, abs=0.01)
        assert "ページ画像" in html and f"p. {image['page']}" in html
        text = page.select_one(".source-text")
        assert text is not None and view["element"]["text"][:10] in text.get_text()
    assert len(srcs) == 3


def test_an_element_of_a_text_document_has_no_page_image(web: Client, ids: dict[str, str]) -> None:
    view = _initiatives(web, ids["text"])[0]
    assert view["page_image"] is None
    html = web.get(f"/elements/{view['element']['id']}/source").text
    assert "page-image" not in html and "element-box" not in html
    assert view["element"]["text"][:10] in html


def test_p_n_links_to_the_source_view_in_japanese_and_english(
    web: Client, ids: dict[str, str]
) -> None:
    view = _initiatives(web, ids["pdf"])[0]
    element_id = view["element"]["id"]
    page = BeautifulSoup(web.get(f"/initiatives/{element_id}").text, "html.parser")
    link = page.select_one("p.meta a.page-link")
    assert link is not None and link.get_text() == f"p. {view['element']['span']['page']}"
    assert link["href"] == f"/elements/{element_id}/source"
    english = web.get(f"/elements/{element_id}/source?lang=en").text
    assert "Page image" in english and "Extracted text" in english


def test_the_source_view_keeps_the_security_policy(web: Client, ids: dict[str, str]) -> None:
    view = _initiatives(web, ids["pdf"])[0]
    response = web.get(f"/elements/{view['element']['id']}/source")
    assert "img-src 'self'" in response.headers["content-security-policy"]
    assert 'style="' not in response.text  # the box is SVG geometry, not an inline style
