"""Signing in and out in a real browser (Debian's headless Chromium): the form posts with its
CSRF token, the session cookie comes back, the header shows who is signed in and the audit
page, and signing out ends it. Skipped only where /usr/bin/chromium is absent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from stiplan import queries
from stiplan.queries import Actor
from stiplan.store import Store
from stiplan.web import create_app
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


@pytest.fixture
def team_url(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "team.sqlite"
    with Store.open(path) as store:
        queries.add_user(store, Actor("operator"), "root", "admin", [], PASSWORD)
        queries.add_user(store, queries.actor_of(store, "root"), "sec", "secretariat", [], PASSWORD)
    app = create_app(path)
    yield from _serve(app)
    app.state.auth.writer.close()


def test_sign_in_and_out_in_a_real_browser(browser: Any, team_url: str) -> None:  # noqa: F811
    browser.delete_all_cookies()
    browser.get(team_url + "/")
    _css(browser, ".account a[href='/login']").click()
    _wait(browser, lambda b: b.current_url.endswith("/login"))
    _css(browser, "#username").send_keys("sec")
    _css(browser, "#password").send_keys(PASSWORD)
    _css(browser, ".login-form button").click()
    _wait(browser, lambda b: b.find_elements("css selector", ".account-name"))
    assert _css(browser, ".account-name").text == "sec"
    cookie = browser.get_cookie(queries.SESSION_COOKIE)
    assert cookie is not None and cookie["httpOnly"] and cookie["sameSite"] == "Lax"
    assert browser.execute_script("return document.cookie").find(queries.SESSION_COOKIE) == -1
    _css(browser, ".account a[href='/audit']").click()
    _wait(browser, lambda b: b.current_url.endswith("/audit"))
    assert "login" in _css(browser, "table.audit").text
    _css(browser, ".account form.logout button").click()
    _wait(browser, lambda b: b.find_elements("css selector", ".account a[href='/login']"))
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
