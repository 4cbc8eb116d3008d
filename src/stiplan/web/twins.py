"""Every dashboard page and its JSON twin: the link in the page header, and the page's URL
answering ``Accept: application/json`` with the twin's JSON.

``TWINS`` maps each page route to the API route over the same data function; path and query
parameters carry over by name (the page and its twin share their parameters). A request that
prefers JSON is routed to the twin itself (``TwinMiddleware``), so the JSON a page's URL gives
is, byte for byte, what the twin gives: one implementation, no second serialisation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from starlette.datastructures import MutableHeaders
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True, slots=True)
class Twin:
    """The API route of a page, and the query parameters it cannot do without."""

    route: str
    needs: tuple[str, ...] = ()


TWINS: Mapping[str, Twin] = {
    "page_overview": Twin("overview"),
    "page_documents": Twin("documents"),
    "page_document": Twin("document"),
    "page_section": Twin("section"),
    "page_initiatives": Twin("initiatives"),
    "page_initiative": Twin("initiative"),
    "page_indicators": Twin("indicators"),
    "page_indicator": Twin("indicator"),
    "page_progress": Twin("progress"),
    "page_progress_method": Twin("progress_method"),
    "page_ministries": Twin("ministries"),
    "page_ministry": Twin("ministry"),
    "page_warnings": Twin("warnings"),
    "page_search": Twin("search", ("q",)),
    "page_editions": Twin("editions"),
    "page_diff": Twin("diff", ("old", "new")),
    "page_element": Twin("element"),
    "page_source": Twin("element"),
    "page_programmes": Twin("programmes"),
    "page_timeline": Twin("timeline"),
    "page_api_docs": Twin("openapi"),
}
JSON = "application/json"
HTML = "text/html"


def wants_json(accept: str) -> bool:
    """Whether an ``Accept`` header prefers JSON to HTML (a browser's ``text/html,…,*/*``
    and a bare ``*/*`` get the page; ``application/json`` gets the twin)."""
    quality: dict[str, float] = {}
    for part in accept.split(","):
        kind, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        quality[kind.lower()] = max(q, quality.get(kind.lower(), 0.0))
    json_q = quality.get(JSON, quality.get("application/*", 0.0))
    html_q = quality.get(HTML, quality.get("text/*", quality.get("*/*", 0.0)))
    return json_q > 0 and json_q > html_q


def _page_route(routes: Sequence[BaseRoute], scope: Scope) -> tuple[str, dict[str, Any]] | None:
    """The name and path parameters of the page route ``scope`` asks for, if it has a twin."""
    for route in routes:
        name = str(getattr(route, "name", ""))
        if name not in TWINS:
            continue
        match, child = route.matches(scope)
        if match is Match.FULL:
            return name, dict(child.get("path_params", {}))
    return None


def twin_path(app: Any, routes: Sequence[BaseRoute], scope: Scope) -> str | None:
    """The path (not quoted) of the twin of the page ``scope`` asks for (among the page
    ``routes``); None if it has none or lacks a parameter the twin needs."""
    found = _page_route(routes, scope)
    if found is None:
        return None
    twin = TWINS[found[0]]
    query = _query(scope)
    if any(not query.get(name, "").strip() for name in twin.needs):
        return None
    params = {k: str(v) for k, v in found[1].items()}
    return str(app.url_path_for(twin.route, **params))


def twin_url(app: Any, routes: Sequence[BaseRoute], scope: Scope) -> str | None:
    """The twin's URL as a link: path percent-encoded, the page's query (without ``lang``)."""
    path = twin_path(app, routes, scope)
    if path is None:
        return None
    query = [(k, v) for k, v in _query_items(scope) if k != "lang"]
    quoted = quote(path, safe="/:")
    return f"{quoted}?{urlencode(query)}" if query else quoted


def _query_items(scope: Scope) -> list[tuple[str, str]]:
    raw: bytes = scope.get("query_string", b"")
    return parse_qsl(raw.decode("latin-1"), keep_blank_values=True, encoding="utf-8")


def _query(scope: Scope) -> dict[str, str]:
    return dict(_query_items(scope))


class TwinMiddleware:
    """Sends a page request that prefers JSON to the page's twin; adds ``Vary: Accept`` to
    every answer of a page that has one (so a cache keeps both)."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        accept = _header(scope, b"accept")
        path = twin_path(scope["app"], self.routes, scope)
        if path is not None and wants_json(accept):
            scope = {**scope, "path": path, "raw_path": quote(path, safe="/:").encode()}

        async def send_vary(message: Message) -> None:
            if message["type"] == "http.response.start" and path is not None:
                MutableHeaders(scope=message).append("vary", "Accept")
            await send(message)

        await self.app(scope, receive, send_vary)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return bytes(value).decode("latin-1")
    return ""
