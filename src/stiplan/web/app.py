"""The app factory: ``create_app(db_path)`` wires store pool, routes, errors and static files.

Nothing is created at import time; each call builds an independent app over one database file,
opened read-only unless asked otherwise. Routers are listed in ``ROUTERS`` (the API, the
downloads, the pages): a new page (search, progress, editions…) is a router added there and,
for the menu, an entry in ``render.NAV``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stiplan import __version__
from stiplan.settings import checked_db_path, default_cache_dir, is_postgres_url
from stiplan.web import api, auth_pages, briefings, downloads, openapi_ja, pages, survey
from stiplan.web.auth import SessionGuard, close_auth, install_auth
from stiplan.web.caches import DIFF_PAGES, Lru, app_memo
from stiplan.web.deps import StorePool
from stiplan.web.errors import error_response, install_error_handlers
from stiplan.web.i18n import COOKIE, LANGUAGES, pick_language
from stiplan.web.page_cache import PageImageCache
from stiplan.web.render import Renderer
from stiplan.web.twins import TwinMiddleware

STATIC = Path(__file__).parent / "static"
ROUTERS = (
    api.router,
    briefings.api_router,
    downloads.router,
    pages.router,
    briefings.page_router,
    auth_pages.router,
    survey.router,
)
# The routes of the dashboard's pages, each answering Accept: application/json with its twin.
PAGE_ROUTES = (*pages.router.routes, *briefings.page_router.routes)
MAX_URL_BYTES = 8192
SECURITY_HEADERS = (
    (
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
)


def create_app(
    db_path: Path | str,
    read_only: bool = True,
    pool_size: int = 8,
    cache_dir: Path | None = None,
    public: bool = True,
    secure_cookies: bool = False,
) -> FastAPI:
    """A dashboard and API over the store at ``db_path``.

    The store is opened once now, so a missing or foreign file fails here with a
    ``StoreError`` rather than on the first request. ``read_only=True`` (the default) opens
    every connection with SQLite ``mode=ro`` (PostgreSQL: read-only transactions): the server
    cannot change the store. ``db_path`` may be a ``postgresql://`` URL (``docs/deploy.md``).
    Page images of PDFs are cached in ``cache_dir`` (default ``settings.default_cache_dir()``),
    never in the store. With users in the store, sign-in and the audit page work
    (``web/auth.py``); ``public=False`` then requires sign-in to read, ``secure_cookies``
    marks the session cookie Secure (a server behind https).
    """
    location = db_path if is_postgres_url(db_path) else checked_db_path(db_path)
    pool = StorePool(location, read_only, pool_size)
    pool.check()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            pool.close()
            close_auth(app)

    app = FastAPI(
        title="stiplan API",
        version=__version__,
        description="STI Basic Plan follow-up reports as a traceable evidence base. "
        'Every error is {"ok": false, "error": {"status": …, "message": …}}.',
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=lifespan,
        dependencies=[SessionGuard],  # who is signed in; CSRF on every unsafe method
    )
    app.state.pool = pool
    app.state.editions = app_memo()
    app.state.diff_pages = Lru(DIFF_PAGES)  # web/pages.py: edition_diff
    app.state.diff_json = Lru(DIFF_PAGES)  # web/api.py: diff
    app.state.page_cache = PageImageCache(cache_dir or default_cache_dir())
    renderer = Renderer(app)
    app.state.renderer = renderer

    def render_error(request: Request, status: int, message: str) -> HTMLResponse:
        return renderer.page(
            request, "error.html", {"status": status, "message": message}, status=status
        )

    app.state.render_error = render_error
    install_error_handlers(app)
    install_auth(app, location, public=public, secure=secure_cookies)
    app.state.page_routes = PAGE_ROUTES
    app.add_middleware(TwinMiddleware, routes=PAGE_ROUTES)
    app.add_middleware(GuardMiddleware)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    openapi_ja.install(app)
    return app


class GuardMiddleware:
    """Refuses oversized URLs, picks the language and adds security headers to every answer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
        query: bytes = scope.get("query_string", b"")
        too_long = len(raw_path) + len(query) > MAX_URL_BYTES
        asked = _query_language(query)
        scope.setdefault("state", {})["lang"] = pick_language(asked, _cookie_language(scope))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    if name not in headers:
                        headers[name] = value
                if asked in LANGUAGES:
                    headers.append(
                        "set-cookie", f"{COOKIE}={asked}; Path=/; Max-Age=31536000; SameSite=Lax"
                    )
            await send(message)

        if too_long:
            await _too_long(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


def _query_language(query: bytes) -> str | None:
    for key, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if key == "lang":
            return value
    return None


def _cookie_language(scope: Scope) -> str | None:
    for name, value in scope.get("headers", []):
        if name == b"cookie":
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:  # a malformed cookie header is ignored, not an error
                return None
            morsel = cookie.get(COOKIE)
            return None if morsel is None else morsel.value
    return None


async def _too_long(scope: Scope, receive: Receive, send: Send) -> None:
    """414 like every other error: the JSON envelope for API paths, the site's error page
    (layout, menu, language) otherwise. The URL itself is not read any further."""
    message = (
        f"URL が長すぎます（{MAX_URL_BYTES} バイトまで） / the URL is longer than "
        f"{MAX_URL_BYTES} bytes"
    )
    too_long = dict(scope, query_string=b"")  # the page's own links do not repeat it
    response = error_response(Request(too_long, receive), 414, message)
    await response(too_long, receive, send)
