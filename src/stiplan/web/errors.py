"""One error envelope for every JSON error, and an HTML error page for the pages.

Every error of the API and the downloads is ``{"ok": false, "error": {"status": S, "message":
M}}`` with the same status on the response: unknown routes and ids (404), bad parameters
(400), wrong methods (405), a store that cannot be read (503) and, should one ever happen, a
bug (500). The HTML pages answer the same statuses with a page saying what went wrong.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from stiplan.queries import NotFound, QueryError, StoreError, UnknownId

log = logging.getLogger("stiplan.web")

JSON_PREFIXES = ("/api/", "/download/")


class ErrorDetail(BaseModel):
    """What went wrong: the response's status again, and a message for people."""

    status: int
    message: str


class ErrorEnvelope(BaseModel):
    """The body of every JSON error (``envelope``), as the OpenAPI document states it."""

    ok: bool
    error: ErrorDetail


def _declared(description: str) -> dict[str, Any]:
    return {"model": ErrorEnvelope, "description": description}


API_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _declared("A parameter the query refuses (out of range, malformed, unknown filter)."),
    404: _declared("No such document, element, page or route."),
    500: _declared("A bug (should never happen)."),
    503: _declared("The store could not be read; try again later."),
}
"""The error responses every API route declares (``APIRouter(responses=API_ERRORS)``), so the
OpenAPI document lists each status the envelope may carry; the contract test holds it to that."""


def envelope(status: int, message: str) -> dict[str, Any]:
    """The body of every JSON error."""
    return {"ok": False, "error": {"status": status, "message": message}}


def wants_json(request: Request) -> bool:
    """API and download routes answer errors in JSON; pages answer with an HTML page."""
    path = request.url.path
    return path.startswith(JSON_PREFIXES) or path == "/api"


def error_response(request: Request, status: int, message: str) -> Response:
    """The error in the form the route speaks."""
    if wants_json(request):
        return JSONResponse(envelope(status, message), status_code=status)
    render = getattr(request.app.state, "render_error", None)
    if render is None:  # pragma: no cover - the app always installs it
        return HTMLResponse(f"<p>{status}</p>", status_code=status)
    response: Response = render(request, status, message)
    return response


def _validation_message(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors()[:5]:
        where = ".".join(str(p) for p in item.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{item.get('loc', ('?',))[0]} parameter {where!r}: {item.get('msg', '')}")
    return "; ".join(parts) or "invalid request"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404 and message == "Not Found":
        message = f"no page or endpoint at {request.url.path[:200]!r}"
    response = error_response(request, exc.status_code, message)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, 400, _validation_message(exc))


async def _query_error(request: Request, exc: Exception) -> Response:
    status = 404 if isinstance(exc, UnknownId) else 400
    return error_response(request, status, str(exc))


async def _store_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NotFound):
        return error_response(request, 404, "not found in the store")
    log.error("store error on %s: %s", request.url.path, exc)
    return error_response(request, 503, "the store could not be read; try again later")


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    return error_response(request, 500, "internal error")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the envelope (JSON) or the error page (HTML)."""
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(QueryError, _query_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(Exception, _unexpected)
