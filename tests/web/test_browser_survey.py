"""The survey in a real browser (Debian's headless Chromium): a ministry officer edits a row
of the form, sees the diff against last year and submits; the secretariat sees the board,
returns with a comment and accepts. Skipped only where /usr/bin/chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stiplan import queries
from stiplan.queries import Actor
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)
from tests.web.test_browser import (  # noqa: F401 (fixtures)
    _css,
    _serve,
    _wait,
    browser,
    downloads,
    pytestmark,
)

PASSWORD = "a long enough password"
EDIT = "令和6年度は約1万5,800人を支援。"


@pytest.fixture
def survey_url(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "survey.sqlite"
    with Store.open(path) as store:
        queries.add_user(store, Actor("operator"), "root", "admin", [], PASSWORD)
        root = queries.actor_of(store, "root")
        queries.add_user(store, root, "sec", "secretariat", [], PASSWORD)
        queries.add_user(store, root, "mext", "ministry", ["文"], PASSWORD)
        queries.ingest_paths(store, [SAMPLES / "followup_2024.txt"])
        sec = queries.actor_of(store, "sec")
        queries.open_round(store, sec, "2026", store.documents()[0].id)
    app = create_app(path)
    yield from _serve(app)
    app.state.auth.writer.close()


def _sign_in(browser: Any, url: str, name: str) -> None:  # noqa: F811
    browser.delete_all_cookies()
    browser.get(url + "/login")
    _css(browser, "#username").send_keys(name)
    _css(browser, "#password").send_keys(PASSWORD)
    _css(browser, ".login-form button").click()
    _wait(browser, lambda b: b.find_elements("css selector", ".account-name"))


def test_a_ministry_edits_and_the_secretariat_reviews_in_a_real_browser(
    browser: Any,  # noqa: F811
    survey_url: str,
) -> None:
    _sign_in(browser, survey_url, "mext")
    browser.get(survey_url + "/survey/2026-1/%E6%96%87")
    field = _css(browser, "textarea[name='c2.s1.ss1.i1#st1|t']")
    field.clear()
    field.send_keys(EDIT)
    _css(browser, "button[value='draft']").click()
    _wait(browser, lambda b: "saved=draft" in b.current_url)
    row = _css(browser, "tr[data-key='c2.s1.ss1.i1#st1']")
    assert row.find_elements("css selector", "ins") and row.find_elements("css selector", "del")
    _css(browser, "button[value='submit']").click()
    _wait(browser, lambda b: "saved=submitted" in b.current_url)
    assert "提出済" in _css(browser, ".survey-state").text

    _sign_in(browser, survey_url, "sec")
    browser.get(survey_url + "/survey/2026-1")
    assert "提出済" in _css(browser, "table.survey-board").text
    _css(browser, "table.survey-board a").click()
    _wait(browser, lambda b: b.find_elements("css selector", ".survey-review"))
    _css(browser, ".survey-review textarea[name='comment']").send_keys("時点を確認してください")
    _css(browser, ".survey-review form:nth-of-type(2) button").click()
    _wait(browser, lambda b: b.current_url.endswith("/survey/2026-1"))
    assert "差戻し" in _css(browser, "table.survey-board").text
    assert "時点を確認してください" in _css(browser, "table.survey-board").text
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
