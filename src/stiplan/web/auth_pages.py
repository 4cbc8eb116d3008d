"""The routes of sign-in and the audit trail: ``/login`` (form and post), ``/logout`` (post)
and ``/audit`` (admins and the secretariat; paged, with CSV and XLSX downloads).

The two posts are declared with ``auth.write_route``: the CSRF check and the guard apply to
them as to any write. Sign-in failures and throttling are recorded by ``queries.login``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from stiplan import queries
from stiplan.exports.tabular import Column, Table, table_to_csv, tables_to_xlsx
from stiplan.queries import Actor
from stiplan.web.auth import (
    OPEN,
    auth_config,
    client_address,
    csrf_token,
    end_session,
    require_role,
    start_session,
    write_route,
    writer_pool,
)
from stiplan.web.deps import PRINTABLE
from stiplan.web.downloads import BomParam, HeaderLangParam
from stiplan.web.render import Renderer

router = APIRouter(include_in_schema=False)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NAME_MAX = 64


def _renderer(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.renderer
    return renderer


def _safe_next(target: str | None) -> str:
    """Where to go after signing in: a path of this site only (never ``//host`` or a URL)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


def _login_page(
    request: Request, next_path: str, error: str = "", status: int = 200, name: str = ""
) -> HTMLResponse:
    context = {
        "enabled": auth_config(request).enabled,
        "csrf": csrf_token(request),
        "next_path": _safe_next(next_path),
        "error": error,
        "name": name,
    }
    return _renderer(request).page(request, "login.html", context, status=status)


@router.get("/login", name="page_login")
def login_form(
    request: Request, next: Annotated[str | None, Query(max_length=2000)] = None
) -> HTMLResponse:
    """The sign-in form (or who is signed in, with the sign-out button)."""
    return _login_page(request, next or "/")


@write_route(router, "/login", require_role(OPEN), name="login_submit")
async def login_submit(
    request: Request,
    username: Annotated[str, Form(max_length=NAME_MAX)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    """Check the name and password; a new session (and CSRF token) on success."""
    pool, client = writer_pool(request), client_address(request)

    def attempt() -> tuple[Actor, str]:
        with pool.lend() as store:
            actor = queries.login(store, username, password, client)
            return actor, queries.password_fingerprint(store, username)

    try:
        actor, print_ = await run_in_threadpool(attempt)
    except queries.LoginRefused as refused:
        t_key = "login_throttled" if refused.retry_after else "login_failed"
        page = _login_page(request, next, t_key, 429 if refused.retry_after else 401, username)
        if refused.retry_after:
            page.headers["retry-after"] = str(refused.retry_after)
        return page
    start_session(request, actor.name, print_)
    return RedirectResponse(_safe_next(next), status_code=303)


@write_route(router, "/logout", require_role(OPEN), name="logout")
async def logout(request: Request) -> Response:
    """End the session (recorded when someone was signed in)."""
    actor: Actor = request.state.actor
    if actor.signed_in:
        pool = writer_pool(request)

        def note() -> None:
            with pool.lend() as store:
                queries.logout(store, actor)

        await run_in_threadpool(note)
    end_session(request)
    return RedirectResponse("/", status_code=303)


# -- the audit trail ---------------------------------------------------------------------------

SinceParam = Annotated[date | None, Query(description="From this day (UTC) on.")]
UserParam = Annotated[str | None, Query(max_length=NAME_MAX, pattern=PRINTABLE)]
ActionParam = Annotated[str | None, Query(max_length=60, pattern=PRINTABLE)]
OutcomeParam = Annotated[str | None, Query(pattern=r"^(ok|refused)?$")]


def audit_filters(
    since: SinceParam = None,
    user: UserParam = None,
    action: ActionParam = None,
    outcome: OutcomeParam = None,
) -> queries.AuditFilter:
    """The filters of the audit page and its downloads (empty fields: no filter)."""
    return queries.audit_filter(since, user or None, action or None, outcome or None)


FiltersDep = Annotated[queries.AuditFilter, Depends(audit_filters)]


def _refusal(refused: queries.Refused) -> HTTPException:
    return HTTPException(refused.status, str(refused))


@router.get("/audit", name="page_audit")
def audit_page(
    request: Request,
    filters: FiltersDep,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> HTMLResponse:
    """The audit trail, newest first, a page at a time (admins and the secretariat)."""
    actor: Actor = request.state.actor
    with writer_pool(request).lend() as store:
        try:
            found = queries.audit_page(store, actor, filters, page)
        except queries.Refused as refused:
            raise _refusal(refused) from refused
    query = _filter_query(filters)
    context = {
        "found": found,
        "records": [queries.audit_record(r) for r in found.rows],
        "columns": queries.AUDIT_COLUMNS,
        "query": query,
        "since": (filters.since or "")[:10],
    }
    return _renderer(request).page(request, "audit.html", context, nav="audit")


def _filter_query(filters: queries.AuditFilter) -> str:
    """The filters as a query string, for the pager and the download links."""
    pairs = {
        "since": (filters.since or "")[:10],
        "user": filters.actor or "",
        "action": filters.action or "",
        "outcome": filters.outcome or "",
    }
    return urlencode({k: v for k, v in pairs.items() if v})


def _audit_table(request: Request, filters: queries.AuditFilter) -> Table:
    actor: Actor = request.state.actor
    with writer_pool(request).lend() as store:
        try:
            rows = queries.audit_rows(store, actor, filters)
        except queries.Refused as refused:
            raise _refusal(refused) from refused
    columns = tuple(Column(key, header) for key, header in queries.AUDIT_COLUMNS)
    return Table("audit", "監査記録", columns, [queries.audit_record(r) for r in rows])


def _attachment(content: bytes, suffix: str, media_type: str) -> Response:
    disposition = f'attachment; filename="stiplan-audit.{suffix}"'
    return Response(content, media_type=media_type, headers={"content-disposition": disposition})


@router.get("/audit.csv", name="audit_csv")
def audit_csv(
    request: Request, filters: FiltersDep, bom: BomParam = False, lang: HeaderLangParam = "ja"
) -> Response:
    """The entries matching the filters as CSV (formula-like cells neutralised), Japanese
    headers by default as every download (``lang=en``: English)."""
    text = table_to_csv(_audit_table(request, filters), excel=bom, lang=lang)
    return _attachment(text.encode("utf-8"), "csv", "text/csv; charset=utf-8")


@router.get("/audit.xlsx", name="audit_xlsx")
def audit_xlsx(request: Request, filters: FiltersDep, lang: HeaderLangParam = "ja") -> Response:
    """The entries matching the filters as an Excel workbook."""
    content = tables_to_xlsx([_audit_table(request, filters)], lang=lang)
    return _attachment(content, "xlsx", XLSX_TYPE)
