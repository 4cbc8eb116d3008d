"""Server-rendered HTML pages: each route calls one query function and renders one template.

A page and its JSON twin under ``/api/v1`` call the same data function, so the API returns
the data the page shows (where the API answers a bare list, the page's rows).

Pages share the API's parameters and validation; an empty form field means "no filter". The
element route sends any element id to the page that shows it, so every id in the API can be
opened in a browser.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from stiplan import queries
from stiplan.exports.diff_view import SECTION_HEADER, DiffView, diff_view
from stiplan.queries import ElementRow
from stiplan.web.caches import Lru
from stiplan.web.chart import build_charts
from stiplan.web.deps import (
    INITIATIVES_LIMIT,
    CodePath,
    DocumentParam,
    DocumentPath,
    EditionFilterParam,
    EditionParam,
    ElementIdPath,
    ElementTypeParam,
    LeadParam,
    ListLimitParam,
    ListOffsetParam,
    ListPageParam,
    MinistryParam,
    PageNumberPath,
    PageParam,
    PerPageParam,
    PlanParam,
    SearchDocumentParam,
    SearchLimitParam,
    SearchOffsetParam,
    SearchTextParam,
    SectionParam,
    SortParam,
    StatusParam,
    StoreDep,
    editions_memo,
    language,
    plan_of,
    progress_data,
    search_data,
)
from stiplan.web.page_cache import PageImageCache
from stiplan.web.render import Renderer

router = APIRouter(include_in_schema=False)


def _page(
    request: Request, template: str, nav: str = "", status: int = 200, **context: Any
) -> HTMLResponse:
    renderer: Renderer = request.app.state.renderer
    return renderer.page(request, template, context, status=status, nav=nav)


@router.get("/", name="page_overview")
def overview(request: Request, store: StoreDep, document: DocumentParam = None) -> HTMLResponse:
    data = queries.overview(store, document or None, editions_memo(request))
    return _page(request, "overview.html", "overview", data=data, badges=data.statuses)


@router.get("/documents", name="page_documents")
def documents(
    request: Request,
    store: StoreDep,
    plan: PlanParam = None,
    page: ListPageParam = 1,
    per_page: PerPageParam = queries.PER_PAGE,
) -> HTMLResponse:
    chosen = plan_of(plan)
    listing = queries.document_list_page(store, chosen, page, per_page, editions_memo(request))
    form = {"plan": chosen, "per_page": per_page if per_page != queries.PER_PAGE else None}
    return _page(request, "documents.html", "documents", listing=listing, plan=chosen, form=form)


@router.get("/documents/{document_id}", name="page_document")
def document(
    request: Request, store: StoreDep, document_id: DocumentPath, page: PageParam = 1
) -> HTMLResponse:
    data = queries.document_page(store, document_id, page)
    by_line: dict[int, list[Any]] = {}
    for warning in data.warnings:
        by_line.setdefault(warning.line, []).append(warning)
    return _page(
        request,
        "document.html",
        "documents",
        data=data,
        warnings_by_line=by_line,
        briefing=data.briefing,  # a slide deck shows its slides and blocks above its text
    )


@router.get("/sections/{section_id}", name="page_section")
def section(
    request: Request,
    store: StoreDep,
    section_id: ElementIdPath,
    ministry: MinistryParam = None,
    lead_only: LeadParam = False,
    document: DocumentParam = None,
) -> HTMLResponse:
    code = ministry or None
    lead = lead_only and code is not None
    memo = editions_memo(request)
    data = queries.section(store, section_id, code, lead, document or None, memo)
    return _page(
        request,
        "section.html",
        "overview",
        data=data,
        choices=data.choices,
        assessments={a.target_id: a for a in data.assessments},
        commitments={c.initiative_id: c for c in data.commitments},
    )


@router.get("/initiatives/{initiative_id}", name="page_initiative")
def initiative(
    request: Request, store: StoreDep, initiative_id: ElementIdPath, document: DocumentParam = None
) -> HTMLResponse:
    data = queries.initiative(store, initiative_id, document or None, True, editions_memo(request))
    found = [] if data.commitment is None else [data.commitment]
    commitments = {c.initiative_id: c for c in found}
    return _page(request, "initiative.html", "overview", data=data, commitments=commitments)


@router.get("/indicators", name="page_indicators")
def indicators(request: Request, store: StoreDep, document: DocumentParam = None) -> HTMLResponse:
    data = queries.indicators_page(store, document or None, editions_memo(request))
    return _page(
        request,
        "indicators.html",
        "indicators",
        document=data.document,
        documents=data.documents,
        rows=data.rows,
        targets=data.targets,
        assessments={a.target_id: a for a in data.assessments},
    )


@router.get("/indicators/{indicator_id}", name="page_indicator")
def indicator(
    request: Request, store: StoreDep, indicator_id: ElementIdPath, document: DocumentParam = None
) -> HTMLResponse:
    data = queries.indicator(store, indicator_id, document or None, editions_memo(request))
    charts = build_charts(data.series, data.target_lines)
    return _page(
        request,
        "indicator.html",
        "indicators",
        data=data,
        charts=charts,
        amount=queries.format_amount,
    )


@router.get("/ministries", name="page_ministries")
def ministries(request: Request, store: StoreDep, document: DocumentParam = None) -> HTMLResponse:
    data = queries.ministries_page(store, document or None)
    return _page(
        request,
        "ministries.html",
        "ministries",
        document=data.document,
        documents=data.documents,
        rows=data.rows,
    )


@router.get("/ministries/{code}", name="page_ministry")
def ministry(
    request: Request, store: StoreDep, code: CodePath, document: DocumentParam = None
) -> HTMLResponse:
    data = queries.ministry(store, code, document or None, editions_memo(request))
    commitments = {c.initiative_id: c for c in data.commitments}
    return _page(request, "ministry.html", "ministries", data=data, commitments=commitments)


@router.get("/warnings", name="page_warnings")
def warnings(request: Request, store: StoreDep, document: DocumentParam = None) -> HTMLResponse:
    data = queries.warnings_page(store, document or None)
    return _page(
        request,
        "warnings.html",
        "warnings",
        document=data.document,
        documents=data.documents,
        rows=data.rows,
    )


@router.get("/search", name="page_search")
def search(
    request: Request,
    store: StoreDep,
    q: SearchTextParam = "",
    document: SearchDocumentParam = None,
    section: SectionParam = None,
    ministry: MinistryParam = None,
    lead_only: LeadParam = False,
    element_type: ElementTypeParam = None,
    limit: SearchLimitParam = 20,
    edition: EditionFilterParam = None,
    offset: SearchOffsetParam = 0,
) -> HTMLResponse:
    """The search form and one page of its hits (``offset``: where the page starts, kept out
    of the form so that a new search starts at the first page); a query that cannot be run
    is explained on the page."""
    form = {
        "q": q,
        "document": document or "",
        "section": section or "",
        "ministry": ministry or "",
        "lead_only": lead_only,
        "type": element_type or "",
        "limit": limit,
        "edition": edition or "",
    }
    asked = q if q.strip() else None
    error, status = "", 200
    try:
        data = search_data(
            store,
            asked,
            document,
            section,
            ministry,
            lead_only,
            element_type,
            limit,
            edition,
            offset=offset,
            memo=editions_memo(request),
        )
    except queries.QueryError as failure:
        error = str(failure)
        status = 404 if isinstance(failure, queries.UnknownId) else 400
        data = queries.search_page(store, None)  # the form alone, to ask again
    return _page(
        request,
        "search.html",
        "search",
        status=status,
        form=form,
        searched=asked is not None,
        hits=data.hits,
        offset=offset,
        error=error,
        choices=data.choices,
        stale=data.stale,
    )


@router.get("/editions", name="page_editions")
def editions(request: Request, store: StoreDep, plan: PlanParam = None) -> HTMLResponse:
    chosen = plan_of(plan)
    parts = queries.editions(store, chosen, editions_memo(request))
    return _page(request, "editions.html", "editions", parts=parts, plan=chosen)


@router.get("/editions/diff", name="page_diff")
def edition_diff(
    request: Request, store: StoreDep, old: EditionParam, new: EditionParam
) -> HTMLResponse:
    """What changed between two editions, in the site's layout and language (the view the
    Markdown and HTML reports render, ``exports/diff_view.py``), each change linked to its
    source in both editions.

    The diff is kept by the app's memo; laying it out and rendering its body (half a megabyte
    for two large editions) is kept too, under the two stored documents' ids (content hashes),
    the language and the references as given (the page links to its JSON with them).
    """
    diff = queries.diff(store, old, new, editions_memo(request))
    lang = language(request)
    key = (diff.old.document_id, diff.new.document_id, lang, old, new)
    kept: Lru[tuple[str, ...], tuple[DiffView, Markup]] = request.app.state.diff_pages
    view, body = kept.get(key, lambda: _diff_body(request, diff, lang, old, new))
    return _page(request, "diff.html", "editions", view=view, body=body)


def _diff_body(
    request: Request, diff: queries.EditionDiff, lang: str, old: str, new: str
) -> tuple[DiffView, Markup]:
    """The diff laid out for the page, and the page's body rendered (``diff_body.html``)."""
    view = diff_view(diff, lang)
    renderer: Renderer = request.app.state.renderer
    context = {"view": view, "section_header": SECTION_HEADER, "old_id": old, "new_id": new}
    return view, renderer.part(request, "diff_body.html", context)


@router.get("/elements/{element_id}", name="page_element")
def element(request: Request, store: StoreDep, element_id: ElementIdPath) -> Response:
    """Any element: redirect to the page that shows it (or to its source lines)."""
    data = queries.element(store, element_id)
    renderer: Renderer = request.app.state.renderer
    location = element_location(renderer, data.element, data.parent_type)
    return RedirectResponse(location, status_code=303)


@router.get("/elements/{element_id}/source", name="page_source")
def element_source(request: Request, store: StoreDep, element_id: ElementIdPath) -> HTMLResponse:
    """An element beside its source: the lines read and, for a PDF, the page with its box."""
    data = queries.element(store, element_id, with_page=True)
    return _page(request, "source.html", "documents", data=data, scale=queries.PAGE_SCALE)


@router.get("/documents/{document_id}/pages/{page_no}.png", name="page_image")
def page_image(
    request: Request, store: StoreDep, document_id: DocumentPath, page_no: PageNumberPath
) -> Response:
    """A page of a stored PDF as PNG, rendered on first use and cached (never in the store).

    404 for a document without a stored PDF (a text document) or a page it does not have.
    """
    cache: PageImageCache = request.app.state.page_cache
    png = queries.page_png(store, document_id, page_no, cache)
    return Response(png, media_type="image/png", headers={"cache-control": "max-age=86400"})


_OWN_PAGE = {
    "section": "page_section",
    "initiative": "page_initiative",
    "indicator": "page_indicator",
}


def element_location(renderer: Renderer, e: ElementRow, parent_type: str | None) -> str:
    """Where an element is shown: its own page, its parent's page at its anchor, or its lines.

    A briefing's slides and blocks are shown by the briefing's document page, each at the
    anchor of its id.
    """
    if e.type in ("slide", "block"):
        return renderer.url("page_document", document_id=e.document_id) + f"#{e.id}"
    if e.type in _OWN_PAGE:
        return renderer.url(_OWN_PAGE[e.type], **{f"{e.type}_id": e.id})
    if e.parent_id is not None and parent_type in _OWN_PAGE:
        assert parent_type is not None
        path = renderer.url(_OWN_PAGE[parent_type], **{f"{parent_type}_id": e.parent_id})
        return f"{path}#{e.id}"
    return renderer.line_url(e.document_id, e.span.first_line, e.span.last_line)


@router.get("/api/v1/docs", name="page_api_docs")
def api_docs(request: Request) -> HTMLResponse:
    """The API reference, rendered from the OpenAPI document (no external scripts)."""
    schema = request.app.openapi()
    endpoints = [
        (path, method.upper(), operation)
        for path, methods in schema.get("paths", {}).items()
        for method, operation in methods.items()
    ]
    return _page(request, "api_docs.html", "api", endpoints=endpoints)


# -- cross-cutting pages: every initiative, every target's progress, the progress method -----


@router.get("/initiatives", name="page_initiatives")
def initiatives(
    request: Request,
    store: StoreDep,
    section: SectionParam = None,
    ministry: MinistryParam = None,
    lead_only: LeadParam = False,
    document: DocumentParam = None,
    offset: ListOffsetParam = 0,
    limit: ListLimitParam = INITIATIVES_LIMIT,
    plan: PlanParam = None,
) -> HTMLResponse:
    """Every initiative of one edition, filtered by ministry (code or official name), lead,
    section and edition, with counts per ministry and section, a page at a time."""
    lead = lead_only and bool(ministry)
    data = queries.initiatives_page(
        store,
        section or None,
        ministry or None,
        lead,
        document,
        offset,
        limit,
        plan_of(plan),
        editions_memo(request),
    )
    form = {"section": section or "", "ministry": ministry or "", "lead_only": lead}
    return _page(request, "initiatives.html", "initiatives", data=data, form=form, plan=plan)


@router.get("/progress", name="page_progress")
def progress(
    request: Request,
    store: StoreDep,
    document: DocumentParam = None,
    plan: PlanParam = None,
    status: StatusParam = None,
    section: SectionParam = None,
    ministry: MinistryParam = None,
    sort: SortParam = "",
) -> HTMLResponse:
    """Every target and dated commitment with its status, gap, 達成率 and trend, sortable by
    column and filtered by status, section and ministry."""
    data = progress_data(request, store, document, plan, status, section, ministry, sort)
    form = {"status": status or "", "section": section or "", "ministry": ministry or ""}
    return _page(
        request,
        "progress.html",
        "progress",
        data=data,
        form=form,
        sort=sort,
        statuses=queries.STATUSES,
    )


@router.get("/progress/method", name="page_progress_method")
def progress_method(request: Request) -> HTMLResponse:
    """How a status is judged (docs/progress.md, for readers of the dashboard), with the
    thresholds the analysis uses."""
    return _page(request, "progress_method.html", "progress", data=queries.progress_method())
