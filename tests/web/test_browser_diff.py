"""The edition diff page in a real browser (headless Chromium, as ``test_browser.py``).

From the editions list a person opens what changed between the two sample editions: the page
is Japanese, inside the site's layout, labels a changed value by its section title and
indicator name, links it to its source line in both editions, and switches to English.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES

from .test_browser import _all, _css, _serve, _shot, _wait, artifacts, browser, downloads
from .test_browser import pytestmark as pytestmark

__all__ = ["artifacts", "browser", "downloads"]  # fixtures shared with test_browser.py


@pytest.fixture(scope="module")
def samples_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser-diff") / "samples.sqlite"
    with Store.open(db) as store:
        queries.ingest_paths(store, sorted(SAMPLES.glob("followup_*.txt")))
    yield from _serve(create_app(db))


def test_open_the_diff_of_two_editions_and_switch_to_english(
    browser: Any, samples_url: str, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(samples_url + "/editions?lang=ja")
    _css(browser, "table.editions tbody tr:nth-child(2) td:last-child a").click()
    _wait(browser, lambda b: "/editions/diff" in b.current_url)
    _shot(browser, artifacts, "20-diff-ja")
    assert _css(browser, "html").get_attribute("lang") == "ja"
    assert _css(browser, "h1").text == "2024年版 から 2025年版 への変更点"
    assert _css(browser, "nav [aria-current=page]").text == "版の比較"  # the site's menu
    labels = [e.text for e in _all(browser, "tr.diff-row .diff-label")]
    wanted = (
        "2.(1) 挑戦的で多様な研究を支える環境の再構築 — 指標「研究者の職務時間に占める研究時間の"
        "割合」 観測値1"
    )
    assert wanted in labels
    row = _all(browser, "tr.diff-row")[labels.index(wanted)]
    assert row.find_element(By.CSS_SELECTOR, ".diff-what").text == "値の変更"
    browser.execute_script("arguments[0].scrollIntoView()", row)
    _shot(browser, artifacts, "20-diff-ja-rows")
    old_link = row.find_element(By.CSS_SELECTOR, ".diff-source-old a.src")
    new_link = row.find_element(By.CSS_SELECTOR, ".diff-source-new a.src")
    assert old_link.text == new_link.text == "L58"
    assert old_link.get_attribute("href") != new_link.get_attribute("href")
    # the language switch keeps the two editions and shows the same row in English
    _css(browser, ".lang-switch a").click()
    _wait(browser, lambda b: "lang=en" in b.current_url)
    _shot(browser, artifacts, "21-diff-en")
    assert _css(browser, "html").get_attribute("lang") == "en"
    assert _css(browser, "h1").text == "What changed from 2024 edition to 2025 edition"
    english = [e.text for e in _all(browser, "tr.diff-row .diff-label")]
    assert (
        "2.(1) 挑戦的で多様な研究を支える環境の再構築 — indicator “研究者の職務時間に占める研究"
        "時間の割合” value 1"
    ) in english
    # the old side's source link opens the old edition at that line, highlighted
    row = _all(browser, "tr.diff-row")[
        english.index(next(e for e in english if "研究者の職務" in e))
    ]
    row.find_element(By.CSS_SELECTOR, ".diff-source-old a.src").click()
    _wait(browser, lambda b: b.current_url.endswith("#L58") and len(_all(b, ".line.hl")) == 1)
    assert "研究時間" in _css(browser, ".line.hl").text
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
