"""The follow-up survey in the browser (issue 17, ``docs/survey.md``).

- ``/survey``: the rounds; ``/survey/{round_id}``: the board of every ministry's state (a
  ministry's officers see their own ministries);
- ``/survey/{round_id}/{ministry}``: the ministry's rows as a form, last year beside this
  year with the edits as a word diff; save a draft (作業中) or submit (提出済); download and
  upload the workbook; the secretariat reviews the same page and accepts or returns it.

Every post is a ``write_route`` (role, ministry scope, CSRF) and the query it calls writes
its audit entry with the change. Reads go through the writable store of a server with users
(drafts are not for the public dashboard). Templates autoescape everything.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from stiplan import queries
from stiplan.queries import Actor
from stiplan.web.auth import (
    FORM_MAX_FIELDS,
    csrf_token,
    require_role,
    write_route,
    writer_pool,
)
from stiplan.web.deps import language
from stiplan.web.i18n_survey import KIND_KEYS, STATE_KEYS
from stiplan.web.render import Renderer

router = APIRouter(include_in_schema=False)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD = 20_000_000
FORM_KEYS = frozenset({"csrf_token", "submit"})


def _renderer(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.renderer
    return renderer


def _signed_in(request: Request) -> Actor:
    actor: Actor = request.state.actor
    if not actor.signed_in:
        raise HTTPException(401, "sign in to take part in the survey")
    return actor


def _http(error: queries.QueryError) -> HTTPException:
    if isinstance(error, queries.Refused):
        return HTTPException(error.status, str(error))
    if isinstance(error, queries.UnknownId):
        return HTTPException(404, str(error))
    return HTTPException(409, str(error))


def _page_url(round_id: str, ministry: str) -> str:
    return f"/survey/{quote(round_id, safe='')}/{quote(ministry, safe='')}"


@router.get("/survey", name="page_survey")
def survey_rounds(request: Request) -> HTMLResponse:
    """The survey rounds (signed-in users)."""
    _signed_in(request)
    with writer_pool(request).lend() as store:
        rounds = queries.survey_rounds(store)
    return _renderer(request).page(request, "survey_rounds.html", {"rounds": rounds})


@router.get("/survey/{round_id}", name="page_survey_round")
def survey_board(request: Request, round_id: str) -> HTMLResponse:
    """Every ministry's state in a round (the secretariat's board)."""
    actor = _signed_in(request)
    with writer_pool(request).lend() as store:
        try:
            board = queries.round_board(store, actor, round_id)
        except queries.QueryError as error:
            raise _http(error) from error
    context = {"board": board, "state_keys": STATE_KEYS, "csrf": csrf_token(request)}
    return _renderer(request).page(request, "survey_board.html", context)


def _ministry_page(
    request: Request,
    round_id: str,
    ministry: str,
    refused: queries.FormRefused | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    actor = _signed_in(request)
    posted = refused.fields if refused is not None else None
    with writer_pool(request).lend() as store:
        try:
            page = queries.edit_page(store, actor, round_id, ministry, posted)
        except queries.QueryError as error:
            raise _http(error) from error
    lang = language(request)
    context = {
        "page": page,
        "problems": {k: m.text(lang) for k, m in refused.problems.items()} if refused else {},
        "errors": [*(m.text(lang) for m in (refused.other if refused else [])), *(errors or [])],
        "csrf": csrf_token(request),
        "saved": request.query_params.get("saved", ""),
        "state_keys": STATE_KEYS,
        "kind_keys": KIND_KEYS,
    }
    return _renderer(request).page(request, "survey_ministry.html", context, status=status)


@router.get("/survey/{round_id}/{ministry}", name="page_survey_ministry")
def survey_ministry(request: Request, round_id: str, ministry: str) -> HTMLResponse:
    """A ministry's rows: its officers edit them, the secretariat reviews them."""
    return _ministry_page(request, round_id, ministry)


@router.get("/survey/{round_id}/{ministry}/workbook.xlsx", name="survey_workbook")
def survey_workbook(request: Request, round_id: str, ministry: str) -> Response:
    """The ministry's survey workbook."""
    actor = _signed_in(request)
    with writer_pool(request).lend() as store:
        try:
            found = queries.workbook_for(store, actor, round_id, ministry)
        except queries.QueryError as error:
            raise _http(error) from error
    disposition = f"attachment; filename*=UTF-8''{quote(found.name)}"
    return Response(found.data, media_type=XLSX_TYPE, headers={"content-disposition": disposition})


@write_route(
    router,
    "/survey/{round_id}/{ministry}/save",
    require_role(queries.MINISTRY_WRITE, "ministry"),
    name="survey_save",
)
async def survey_save(request: Request, round_id: str, ministry: str) -> Response:
    """Save the form as a draft (作業中) or submit it (提出済): a new revision."""
    form = await request.form(max_fields=FORM_MAX_FIELDS)
    fields = {k: v for k, v in form.items() if isinstance(v, str) and k not in FORM_KEYS}
    draft = form.get("submit") != "submit"
    actor: Actor = request.state.actor

    def save() -> None:
        with writer_pool(request).lend() as store:
            queries.save_form(store, actor, round_id, ministry, fields, draft)

    try:
        await run_in_threadpool(save)
    except queries.FormRefused as refused:
        return _ministry_page(request, round_id, ministry, refused, status=422)
    except queries.QueryError as error:
        raise _http(error) from error
    target = _page_url(round_id, ministry) + ("?saved=draft" if draft else "?saved=submitted")
    return RedirectResponse(target, status_code=303)


@write_route(
    router,
    "/survey/{round_id}/{ministry}/upload",
    require_role(queries.MINISTRY_WRITE, "ministry"),
    name="survey_upload",
)
async def survey_upload(
    request: Request, round_id: str, ministry: str, workbook: UploadFile
) -> Response:
    """Import an uploaded workbook of this ministry (all or nothing)."""
    data = await workbook.read(MAX_UPLOAD + 1)
    name = workbook.filename or "workbook.xlsx"
    actor: Actor = request.state.actor

    def load() -> None:
        if len(data) > MAX_UPLOAD:
            raise queries.workbook_refused(name, "file_too_big", limit=MAX_UPLOAD // 1_000_000)
        with writer_pool(request).lend() as store:
            queries.import_workbook(store, actor, round_id, data, name, expected=ministry)

    try:
        await run_in_threadpool(load)
    except queries.WorkbookRefused as refused:
        lines = refused.lines(language(request))
        return _ministry_page(request, round_id, ministry, errors=lines, status=422)
    except queries.QueryError as error:
        raise _http(error) from error
    return RedirectResponse(_page_url(round_id, ministry) + "?saved=submitted", status_code=303)


async def _review(
    request: Request, round_id: str, ministry: str, comment: str | None, revision: int | None
) -> Response:
    actor: Actor = request.state.actor

    def act() -> None:
        with writer_pool(request).lend() as store:
            if comment is None:
                queries.accept_submission(store, actor, round_id, ministry, revision)
            else:
                queries.return_submission(store, actor, round_id, ministry, comment)

    try:
        await run_in_threadpool(act)
    except queries.QueryError as error:
        raise _http(error) from error
    return RedirectResponse(f"/survey/{quote(round_id, safe='')}", status_code=303)


@write_route(
    router,
    "/survey/{round_id}/{ministry}/accept",
    require_role(queries.SURVEY_MANAGE),
    name="survey_accept",
)
async def survey_accept(
    request: Request,
    round_id: str,
    ministry: str,
    revision: Annotated[int | None, Form(ge=1)] = None,
) -> Response:
    """Accept the ministry's submission (提出済 → 確定): the revision the page showed."""
    return await _review(request, round_id, ministry, None, revision)


@write_route(
    router,
    "/survey/{round_id}/{ministry}/return",
    require_role(queries.SURVEY_MANAGE),
    name="survey_return",
)
async def survey_return(
    request: Request,
    round_id: str,
    ministry: str,
    comment: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Return the ministry's submission with a comment (→ 差戻し)."""
    return await _review(request, round_id, ministry, comment, None)


@write_route(
    router,
    "/survey/{round_id}/publish",
    require_role(queries.SURVEY_MANAGE),
    name="survey_publish",
)
async def survey_publish(request: Request, round_id: str) -> Response:
    """Publish the accepted round as a new edition (refused, naming the ministries not
    accepted, until every one is)."""
    actor: Actor = request.state.actor

    def publish() -> queries.Published:
        with writer_pool(request).lend() as store:
            return queries.publish_round(store, actor, round_id)

    try:
        await run_in_threadpool(publish)
    except queries.QueryError as error:
        raise _http(error) from error
    return RedirectResponse(f"/survey/{quote(round_id, safe='')}", status_code=303)
