"""The cross-cutting pages in a real browser (headless Chromium, as ``test_browser``): filter
every initiative by 文部科学省, sort every target by its gap, and the screenshots of the
documentation.

Screenshots go to the artifacts folder of ``test_browser``; with ``STIPLAN_DOC_SCREENSHOTS=1``
the overview, /initiatives and /progress are also written to ``docs/img/`` at a fixed window
size (``make screenshots``), the pictures ``docs/web.md`` shows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES

from .test_browser import CHROMIUM, _all, _css, _serve, _shot, _wait, artifacts, browser, downloads
from .test_crosscut import gap_document

__all__ = ["artifacts", "browser", "downloads"]  # the fixtures this module borrows

DOC_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img"
DOC_WINDOW = (1200, 800)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent"),
]


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("crosscut") / "crosscut.sqlite"
    with Store.open(db) as store:
        store.ingest(gap_document())  # no edition: the samples, ingested last, are latest
        queries.ingest_paths(store, sorted(SAMPLES.glob("followup_*.txt")))
    yield from _serve(create_app(db))


def _doc_shot(browser: Any, artifacts: Path, name: str) -> None:
    """A screenshot in the artifacts and, when asked, in docs/img at a fixed size."""
    _shot(browser, artifacts, name)
    if os.environ.get("STIPLAN_DOC_SCREENSHOTS") == "1":
        size = browser.get_window_size()
        browser.set_window_size(*DOC_WINDOW)
        browser.execute_script("window.scrollTo(0, 0)")
        browser.save_screenshot(str(DOC_IMAGES / f"{name}.png"))
        browser.set_window_size(size["width"], size["height"])


def _count(browser: Any) -> int:
    return int(_css(browser, ".result-count").get_attribute("data-total"))


def _facets(browser: Any) -> list[str]:
    return [li.text for li in _all(browser, ".by-section li")]


def test_the_overview_leads_to_the_cross_cutting_pages(
    browser: Any, base_url: str, artifacts: Path
) -> None:
    browser.get(base_url + "/")
    _doc_shot(browser, artifacts, "overview")
    nav = [a.text for a in _all(browser, "header nav a")]
    assert "具体的な取組" in nav and "進捗" in nav
    json_link = _css(browser, "header .json-link a")
    assert json_link.get_attribute("href").endswith("/api/v1/overview")
    _css(browser, "ul.summary a[href*='/initiatives']").click()
    _wait(browser, lambda b: "/initiatives" in b.current_url)
    assert _all(browser, "table.initiatives tbody tr")


def test_filter_every_initiative_by_an_official_ministry_name(
    browser: Any, base_url: str, artifacts: Path
) -> None:
    browser.get(base_url + "/initiatives")
    whole, whole_facets = _count(browser), _facets(browser)
    browser.get(base_url + "/initiatives?ministry=文部科学省&lead_only=true")
    _wait(browser, lambda b: "ministry=" in b.current_url)
    _doc_shot(browser, artifacts, "initiatives")
    narrowed = _count(browser)
    assert 0 < narrowed < whole
    assert len(_all(browser, "table.initiatives tbody tr")) == narrowed
    assert _facets(browser) != whole_facets
    assert "%E6%96%87" in _css(browser, "header .json-link a").get_attribute("href")
    ministry = _css(browser, "#f-ministry option:checked").get_attribute("value")
    assert ministry == "文" and _css(browser, "input[name=lead_only]").is_selected()


def test_sort_every_target_by_its_gap(browser: Any, base_url: str, artifacts: Path) -> None:
    browser.get(base_url + "/progress?document=gapdoc")

    def order() -> list[str]:
        return [r.get_attribute("data-target") for r in _all(browser, "tr[data-target]")]

    before = order()
    assert before == ["gapdoc:s11.t1", "gapdoc:s12.t1"]
    _css(browser, "th[data-sort=gap] a").click()
    _wait(browser, lambda b: "sort=gap" in b.current_url)
    assert order() == ["gapdoc:s12.t1", "gapdoc:s11.t1"]  # 0.5歳 before 1.90歳
    assert _css(browser, "th[data-sort=gap]").get_attribute("aria-sort") == "ascending"
    _css(browser, "th[data-sort=gap] a").click()
    _wait(browser, lambda b: "sort=-gap" in b.current_url)
    assert order() == before
    browser.get(base_url + "/progress")
    _doc_shot(browser, artifacts, "progress")
    assert _all(browser, "table.progress-table tbody tr[data-target]")
