"""Sign-in, sessions, CSRF, throttling, the audit page and the role matrix of the web app
(issue 16), in-process over ASGI with a client that keeps its cookies."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI, Request
from fastapi.routing import APIRoute
from openpyxl import load_workbook

from stiplan import queries
from stiplan.auth import throttle
from stiplan.queries import Actor
from stiplan.store import Store
from stiplan.web import create_app
from stiplan.web.auth import OPEN, RoleGuard, require_role, session_guard, write_route
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)

PASSWORD = "a long enough password"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser:
    """An in-process client that keeps cookies between requests, like a browser."""

    def __init__(
        self, app: FastAPI, address: str = "10.1.1.1", base: str = "http://testserver"
    ) -> None:
        self.app = app
        self.address = address
        self.base = base
        self.cookies = httpx.Cookies()

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def call() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app, client=(self.address, 5000))
            async with httpx.AsyncClient(
                transport=transport, base_url=self.base, cookies=self.cookies
            ) as c:
                response = await c.request(method, url, **kwargs)
                self.cookies = c.cookies
                return response

        return anyio.run(call)

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def token(self, url: str = "/login") -> str:
        found = TOKEN.search(self.get(url).text)
        assert found, "no CSRF token in the form"
        return found.group(1)

    def post(self, url: str, data: dict[str, str] | None = None, **kw: Any) -> httpx.Response:
        return self.request("POST", url, data=data, **kw)

    def login(self, name: str, password: str = PASSWORD) -> httpx.Response:
        data = {"username": name, "password": password, "csrf_token": self.token()}
        return self.post("/login", data)


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    path = tmp_path / "team.sqlite"
    with Store.open(path) as store:
        queries.add_user(store, Actor("operator"), "root", "admin", [], PASSWORD)
        root = queries.actor_of(store, "root")
        queries.add_user(store, root, "sec", "secretariat", [], PASSWORD)
        queries.add_user(store, root, "mext", "ministry", ["文"], PASSWORD)
    return path


def _probe(app: FastAPI) -> None:
    """A scoped write route declared the way the survey's will be (test-only)."""

    @write_route(
        app.router,
        "/probe/{ministry}",
        require_role(queries.MINISTRY_WRITE, "ministry"),
        name="probe_write",
    )
    def probe(request: Request, ministry: str) -> dict[str, str]:
        with request.app.state.auth.writer.lend() as store:
            queries.record(store, request.state.actor, "probe.write", ministry)
        return {"ok": ministry}


@pytest.fixture
def team_app(team_db: Path) -> Iterator[FastAPI]:
    app = create_app(team_db)
    _probe(app)
    yield app
    app.state.auth.writer.close()


def _trail(path: Path, **filters: str) -> list[queries.AuditRow]:
    with Store.open(path, read_only=True) as store:
        return store.audit(queries.AuditFilter(**filters), limit=1000)


# -- without users: the read-only public dashboard ---------------------------------------------


def test_without_users_nothing_changes_and_nothing_can_be_written(tmp_path: Path) -> None:
    path = tmp_path / "plain.sqlite"
    Store.open(path).close()
    browser = Browser(create_app(path))
    home = browser.get("/")
    assert home.status_code == 200 and "/login" not in home.text
    assert "set-cookie" not in home.headers
    page = browser.get("/login")
    assert "利用者が登録されていません" in page.text and 'name="password"' not in page.text
    assert browser.post("/login", {"username": "x", "password": "y"}).status_code == 403
    assert browser.get("/audit").status_code == 403
    with pytest.raises(queries.QueryError, match="needs users"):
        create_app(path, public=False)


# -- signing in and out -------------------------------------------------------------------------


def test_sign_in_sets_a_signed_http_only_lax_cookie_and_rotates_the_token(
    team_app: FastAPI, team_db: Path
) -> None:
    browser = Browser(team_app)
    home = browser.get("/")
    assert home.status_code == 200 and 'href="/login"' in home.text  # reading stays open
    anonymous_token = browser.token()
    response = browser.login("sec")
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(queries.SESSION_COOKIE + "=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie
    assert "Secure" not in cookie and PASSWORD not in cookie
    page = browser.get("/")
    assert "sec" in page.text and 'action="/logout"' in page.text and 'href="/audit"' in page.text
    assert browser.token("/") != anonymous_token
    ok = _trail(team_db, action="login", outcome="ok")
    assert [(r.event.actor, r.event.client) for r in ok] == [("sec", "10.1.1.1")]


def test_secure_cookies_when_served_over_https(team_db: Path) -> None:
    browser = Browser(create_app(team_db, secure_cookies=True), base="https://testserver")
    assert "Secure" in browser.login("sec").headers["set-cookie"]


def test_a_wrong_password_is_refused_and_recorded(team_app: FastAPI, team_db: Path) -> None:
    browser = Browser(team_app)
    response = browser.login("sec", "not the password!")
    assert response.status_code == 401
    assert "利用者名またはパスワードが違います" in response.text
    english = browser.request(
        "POST",
        "/login?lang=en",
        data={"username": "sec", "password": "nope nope nope", "csrf_token": browser.token()},
    )
    assert "Wrong user name or password" in english.text
    refused = _trail(team_db, action="login", outcome="refused")
    assert len(refused) == 2 and all(r.event.client == "10.1.1.1" for r in refused)


def test_repeated_failures_are_throttled_with_retry_after(team_app: FastAPI, team_db: Path) -> None:
    browser = Browser(team_app, address="10.9.9.9")
    for _ in range(throttle.POLICY.free):
        assert browser.login("root", "wrong password!!").status_code == 401
    locked = browser.login("root")  # the right password, too late
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    assert "しばらく待って" in locked.text
    assert _trail(team_db, action="login.throttled")
    assert Browser(team_app, address="10.9.9.8").login("sec").status_code == 303


def test_sign_out_ends_the_session_and_is_recorded(team_app: FastAPI, team_db: Path) -> None:
    browser = Browser(team_app)
    browser.login("root")
    token = browser.token("/")
    stolen = httpx.Cookies(browser.cookies)
    response = browser.post("/logout", {"csrf_token": token})
    assert response.status_code == 303 and "Max-Age=0" in response.headers["set-cookie"]
    assert 'href="/login"' in browser.get("/").text
    assert _trail(team_db, action="logout")[0].event.actor == "root"
    # a session ends for good when the password changes, even for a copied cookie
    with Store.open(team_db) as store:
        queries.set_password(store, queries.actor_of(store, "root"), "root", "a new long password")
    thief = Browser(team_app)
    thief.cookies = stolen
    assert thief.get("/audit").status_code == 401


def test_next_goes_only_to_a_path_of_this_site(team_app: FastAPI) -> None:
    browser = Browser(team_app)
    for target, expected in (
        ("/indicators", "/indicators"),
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
    ):
        data = {
            "username": "sec",
            "password": PASSWORD,
            "next": target,
            "csrf_token": browser.token(),
        }
        assert browser.post("/login", data).headers["location"] == expected


# -- CSRF -------------------------------------------------------------------------------------


def test_every_post_needs_the_sessions_csrf_token(team_app: FastAPI, team_db: Path) -> None:
    browser = Browser(team_app)
    browser.token()  # an anonymous session exists now
    data = {"username": "sec", "password": PASSWORD}
    assert browser.post("/login", data).status_code == 403
    assert browser.post("/login", {**data, "csrf_token": "forged"}).status_code == 403
    other = Browser(team_app)
    assert browser.post("/login", {**data, "csrf_token": other.token()}).status_code == 403
    refused = _trail(team_db, action="csrf")
    assert len(refused) == 3 and {r.event.target for r in refused} == {"/login"}
    header = {queries.CSRF_HEADER: browser.token()}
    assert browser.post("/login", data, headers=header).status_code == 303


# -- reading: public or private -----------------------------------------------------------------


def test_a_private_server_asks_everyone_to_sign_in(team_db: Path) -> None:
    browser = Browser(create_app(team_db, public=False))
    page = browser.get("/indicators")
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/indicators"
    api = browser.get("/api/v1/documents")
    assert api.status_code == 401 and api.json()["error"]["status"] == 401
    assert browser.get("/login").status_code == 200
    browser.login("mext")
    assert browser.get("/indicators").status_code == 200
    assert browser.get("/api/v1/documents").status_code == 200


# -- the audit trail ------------------------------------------------------------------------------


def test_the_audit_page_is_for_admins_and_the_secretariat(team_app: FastAPI, team_db: Path) -> None:
    assert Browser(team_app).get("/audit").status_code == 401
    ministry = Browser(team_app)
    ministry.login("mext")
    assert ministry.get("/audit").status_code == 403
    assert ministry.get("/audit.csv").status_code == 403
    refused = _trail(team_db, action="audit.read", outcome="refused")
    assert {r.event.actor for r in refused} == {"", "mext"}
    secretariat = Browser(team_app)
    secretariat.login("sec")
    page = secretariat.get("/audit", params={"action": "user.add"})
    assert page.status_code == 200 and "監査記録（3）" in page.text
    assert "argon2" not in page.text


def test_the_audit_page_pages_and_filters(team_app: FastAPI, team_db: Path) -> None:
    with Store.open(team_db) as store:
        for i in range(queries.AUDIT_PER_PAGE + 5):
            store.record(
                queries.AuditEvent(
                    f"2030-01-01T00:00:{i % 60:02d}+00:00", "bot", "ingest", f"doc{i}"
                )
            )
    browser = Browser(team_app)
    browser.login("root")
    first = browser.get("/audit", params={"user": "bot"})
    assert "1 / 2" in first.text and 'rel="next"' in first.text and "doc54" in first.text
    second = browser.get("/audit", params={"user": "bot", "page": 2})
    assert "doc0<" in second.text and "doc54" not in second.text
    assert browser.get("/audit", params={"since": "2031-01-01"}).text.count("audit-ok") == 0
    assert browser.get("/audit", params={"outcome": "maybe"}).status_code == 400


def test_audit_downloads_neutralise_formulas(team_app: FastAPI, team_db: Path) -> None:
    browser = Browser(team_app)
    browser.login('=HYPERLINK("http://x")', "whatever password")  # refused and recorded
    browser.login("root")
    csv_text = browser.get("/audit.csv", params={"action": "login"}).text
    assert "'=HYPERLINK" in csv_text and "\n=HYPERLINK" not in csv_text
    assert csv_text.splitlines()[0].startswith("番号,日時 (UTC),利用者,操作")  # Japanese first
    english = browser.get("/audit.csv", params={"action": "login", "lang": "en"}).text
    assert english.splitlines()[0].startswith("id,at,actor,action")
    workbook = load_workbook(io.BytesIO(browser.get("/audit.xlsx").content))
    values = [c.value for row in workbook.active.iter_rows() for c in row]
    assert '=HYPERLINK("http://x")' in values and "日時 (UTC)" in values
    assert all(
        getattr(c, "data_type", "s") != "f" for row in workbook.active.iter_rows() for c in row
    )


# -- every write route: declared with the guard, and the role matrix ------------------------------


def _writes(app: FastAPI) -> list[Any]:
    """The app's routes with a method other than GET, as served: each with its effective
    dependencies (the app's and its router's included). FastAPI 0.16x keeps included routers
    as such and walks them with ``iter_route_contexts``; older ones copy their routes."""
    try:
        from fastapi.routing import iter_route_contexts  # type: ignore[attr-defined]
    except ImportError:
        routes: list[Any] = [r for r in app.routes if isinstance(r, APIRoute)]
    else:
        found = iter_route_contexts(app.routes)
        routes = [c for c in found if isinstance(c.original_route, APIRoute)]
    assert len(routes) >= 25
    return [r for r in routes if set(r.methods) - {"GET", "HEAD"}]


def test_every_write_route_has_the_role_guard_and_the_csrf_check(team_app: FastAPI) -> None:
    plain = create_app(team_app.state.pool.path)
    for app in (plain, team_app):
        writes = _writes(app)
        assert {r.name for r in writes} >= {"login_submit", "logout"}
        for route in writes:
            calls = [d.dependency for d in route.dependencies]
            assert session_guard in calls, route.path  # the CSRF check
            assert any(isinstance(c, RoleGuard) for c in calls), route.path
    plain.state.auth.writer.close()


ROLES = {"anonymous": None, "root": "admin", "sec": "secretariat", "mext": "ministry"}
SURVEY_WRITES = {"survey_save", "survey_upload", "survey_accept", "survey_return", "survey_publish"}
"""The survey's write routes (web/survey.py, tests/web/test_survey.py)."""


def _expected(guard: RoleGuard, role: str | None, ministry: str | None) -> int | None:
    """None when allowed, else the refusal status."""
    if guard.action == OPEN:
        return None
    why = queries.Actor("x", queries.Role(role) if role else None, ("文",))
    from stiplan.auth.roles import refusal

    if refusal(why, guard.action, ministry) is None:
        return None
    return 401 if role is None else 403


@pytest.mark.parametrize("who", sorted(ROLES))
def test_role_matrix_of_every_write_route(team_app: FastAPI, team_db: Path, who: str) -> None:
    browser = Browser(team_app)
    if who != "anonymous":
        assert browser.login(who).status_code == 303
    writes = _writes(team_app)
    assert {r.name for r in writes} == {"login_submit", "logout", "probe_write"} | SURVEY_WRITES
    for route in writes:
        if route.name in ("logout",):
            continue  # tried last: it ends the session the others need
        guard = next(
            d.dependency for d in route.dependencies if isinstance(d.dependency, RoleGuard)
        )
        for ministry in ("文", "経") if "{ministry}" in route.path else (None,):
            path = route.path.replace("{ministry}", ministry or "").replace("{round_id}", "2026-1")
            before = len(_trail(team_db))
            data = {"csrf_token": browser.token(), "username": "nobody", "password": "x" * 12}
            response = browser.post(path, data)
            expected = _expected(guard, ROLES[who], ministry)
            if expected is None:  # allowed (sign-in with a wrong password answers 401 itself)
                assert response.status_code != 403, (who, path)
                continue
            assert response.status_code == expected, (who, path, response.text[:200])
            trail = _trail(team_db)
            assert len(trail) == before + 1, (who, path)  # the refusal, and nothing else
            entry = trail[0].event
            assert (entry.action, entry.outcome) == (route.name, "refused")
            assert entry.actor == ("" if who == "anonymous" else who)
            assert entry.client == "10.1.1.1"
    logout = browser.post("/logout", {"csrf_token": browser.token()})
    assert logout.status_code == 303
