"""Briefings on the dashboard: programmes, the decisions timeline, a briefing's targets.

Pages (``page_router``) and JSON (``api_router``, under ``/api/v1``) over the same data
functions, as the rest of the app: ``queries.programmes_page`` and ``queries.timeline_page``
(the JSON twin answers the page's rows), ``queries.briefing`` and ``queries.briefing_targets``.
A briefing's slides and blocks are shown by the document page (``pages.document``), whose
``queries.document_page`` holds them for slide decks (``/api/v1/briefings/{id}`` too).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BeforeValidator, Field

from stiplan import queries
from stiplan.web.deps import (
    ID_MAX,
    PRINTABLE,
    DocumentPath,
    ListPageParam,
    PerPageParam,
    StoreDep,
    editions_memo,
    empty_is_none,
)
from stiplan.web.errors import API_ERRORS
from stiplan.web.render import Renderer

api_router = APIRouter(prefix="/api/v1", tags=["api"], responses=API_ERRORS)
page_router = APIRouter(include_in_schema=False)

DocumentParam = Annotated[
    Annotated[str, Field(max_length=ID_MAX, pattern=PRINTABLE)] | None,
    BeforeValidator(empty_is_none),
    Query(description="Document id, id prefix or file name; every document if omitted."),
]
"""``deps.DocumentParam`` as these lists read it: no document is all of them, not the latest."""
LinkedParam = Annotated[
    bool, Query(description="Only programmes that a follow-up report mentions too.")
]
SinceParam = Annotated[
    date | None, Query(description="Only decisions on or after this day (YYYY-MM-DD).")
]
UntilParam = Annotated[
    date | None, Query(description="Only decisions on or before this day (YYYY-MM-DD).")
]


def _page(request: Request, template: str, nav: str = "", **context: Any) -> HTMLResponse:
    renderer: Renderer = request.app.state.renderer
    return renderer.page(request, template, context, nav=nav)


# -- JSON -------------------------------------------------------------------------------------


@api_router.get("/programmes", response_model=queries.ProgrammeList)
def programmes(
    request: Request,
    store: StoreDep,
    document: DocumentParam = None,
    linked_only: LinkedParam = False,
    page: ListPageParam = 1,
    per_page: PerPageParam = queries.PER_PAGE,
) -> queries.ProgrammeList:
    """Where documents name programmes, strategies and plans (docs/slides.md), one row per
    place (each place once), programmes named in most documents first, a page at a time
    (``paging`` says which page of how many): the rows of the programmes page."""
    memo = editions_memo(request)
    return queries.programme_list(store, document or None, linked_only, page, per_page, memo)


@api_router.get("/timeline", response_model=queries.TimelineList)
def timeline(
    request: Request,
    store: StoreDep,
    document: DocumentParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    page: ListPageParam = 1,
    per_page: PerPageParam = queries.PER_PAGE,
) -> queries.TimelineList:
    """Dated decisions (閣議決定, CSTI決定…) across all documents, oldest first, each decision
    once with its sources (``source_count`` of them, the first few listed), a page at a time:
    the rows of the timeline page."""
    memo = editions_memo(request)
    return queries.timeline_list(store, document or None, since, until, page, per_page, memo)


@api_router.get("/briefings/{document_id}", response_model=queries.BriefingView)
def briefing(store: StoreDep, document_id: DocumentPath) -> queries.BriefingView:
    """A briefing's slides and blocks (garbled blocks flagged), warnings and numeric targets;
    404 for a document that is not a briefing."""
    return queries.briefing(store, document_id)


@api_router.get("/briefings/{document_id}/targets", response_model=list[queries.TargetView])
def briefing_targets(store: StoreDep, document_id: DocumentPath) -> list[queries.TargetView]:
    """The numeric targets (``2030年目標``…) of one briefing, in reading order."""
    return queries.briefing_targets(store, document_id)


# -- pages ------------------------------------------------------------------------------------


@page_router.get("/programmes", name="page_programmes")
def programmes_page(
    request: Request,
    store: StoreDep,
    document: DocumentParam = None,
    linked_only: LinkedParam = False,
    page: ListPageParam = 1,
    per_page: PerPageParam = queries.PER_PAGE,
) -> HTMLResponse:
    memo = editions_memo(request)
    data = queries.programmes_page(store, document or None, linked_only, page, per_page, memo)
    form = {"document": document or "", "linked_only": linked_only, "per_page": per_page}
    return _page(
        request,
        "programmes.html",
        "programmes",
        listing=data.listing,
        documents=data.documents,
        form=_without_default(form),
        document=document or "",
        linked_only=linked_only,
    )


@page_router.get("/timeline", name="page_timeline")
def timeline_page(
    request: Request,
    store: StoreDep,
    document: DocumentParam = None,
    since: SinceParam = None,
    until: UntilParam = None,
    page: ListPageParam = 1,
    per_page: PerPageParam = queries.PER_PAGE,
) -> HTMLResponse:
    memo = editions_memo(request)
    data = queries.timeline_page(store, document or None, since, until, page, per_page, memo)
    form = {"document": document or "", "since": since, "until": until, "per_page": per_page}
    return _page(
        request,
        "timeline.html",
        "timeline",
        listing=data.listing,
        documents=data.documents,
        form=_without_default(form),
        document=document or "",
        since=since,
        until=until,
    )


def _without_default(form: dict[str, Any]) -> dict[str, Any]:
    """The filters a pager link carries: the page size only when it is not the default."""
    if form.get("per_page") == queries.PER_PAGE:
        form = {k: v for k, v in form.items() if k != "per_page"}
    return form
