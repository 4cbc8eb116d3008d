"""JSON routes under ``/api/v1``: each one a thin call to one ``stiplan.queries`` function.

The response models are the query layer's own dataclasses, so the OpenAPI document
(``/api/v1/openapi.json``) describes exactly what is sent. Errors are the envelope of
``errors.py``. Every page of the dashboard has its data here. Docstrings and parameter
descriptions are the English of the OpenAPI reference; ``openapi_ja.py`` adds the Japanese.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from stiplan import queries
from stiplan.exports.diff_json import DiffJson
from stiplan.exports.diff_report import diff_to_dict
from stiplan.queries import ReportPart, SectionRow, SourceLine, WarningRow
from stiplan.web.caches import Lru
from stiplan.web.deps import (
    INITIATIVES_LIMIT,
    LINE_MAX,
    CodePath,
    DocumentParam,
    DocumentPath,
    EditionFilterParam,
    EditionParam,
    ElementIdPath,
    ElementTypeParam,
    LangDep,
    LeadParam,
    ListLimitParam,
    ListOffsetParam,
    MinistryParam,
    PageParam,
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
    plan_of,
    progress_data,
    search_data,
)
from stiplan.web.errors import API_ERRORS
from stiplan.web.warning_catalogue import warning_explanation, warning_label

router = APIRouter(prefix="/api/v1", tags=["api"], responses=API_ERRORS)
LIST_MAX = 5000


@router.get("/documents", response_model=list[queries.DocumentSummary])
def documents(
    request: Request, store: StoreDep, plan: PlanParam = None
) -> list[queries.DocumentSummary]:
    """Every stored document (of one Basic Plan if ``plan`` is given) with its element counts
    and its ``plan``, oldest edition first."""
    return queries.document_list(store, plan_of(plan), editions_memo(request))


@router.get("/documents/{document_id}", response_model=queries.DocumentPage)
def document(
    store: StoreDep, document_id: DocumentPath, page: PageParam = 1
) -> queries.DocumentPage:
    """One page (1000 lines) of a document's source text, with all its warnings; for a
    briefing, its slides and blocks (``briefing``)."""
    return queries.document_page(store, document_id, page)


@router.get("/documents/{document_id}/lines", response_model=list[SourceLine])
def lines(
    store: StoreDep,
    document_id: DocumentPath,
    first: Annotated[int, Query(ge=1, le=LINE_MAX, description="First line (1-based).")] = 1,
    last: Annotated[int, Query(ge=1, le=LINE_MAX, description="Last line, inclusive.")] = 100,
) -> list[SourceLine]:
    """Source lines ``first``..``last`` (at most 5000 at once)."""
    if last - first >= LIST_MAX:
        raise queries.QueryError(f"一度に{LIST_MAX}行までです / at most {LIST_MAX} lines at once")
    return queries.source_lines(store, document_id, first, last)


@router.get("/overview", response_model=queries.Overview)
def overview(request: Request, store: StoreDep, document: DocumentParam = None) -> queries.Overview:
    """The plan tree (chapters, sections with counts) of one document, with how many targets
    of each section have each progress status (``statuses``)."""
    return queries.overview(store, document, editions_memo(request))


@router.get("/sections", response_model=list[SectionRow])
def sections(
    store: StoreDep, document: DocumentParam = None, plan: PlanParam = None
) -> list[SectionRow]:
    """Sections of one document (the latest of ``plan`` if given) with their counts."""
    return queries.document_sections(store, document, plan_of(plan))


@router.get("/sections/{section_id}", response_model=queries.SectionView)
def section(
    request: Request,
    store: StoreDep,
    section_id: ElementIdPath,
    ministry: MinistryParam = None,
    lead_only: LeadParam = False,
    document: DocumentParam = None,
) -> queries.SectionView:
    """A section: goals, targets, indicators and its initiatives filtered by ministry/lead,
    with their progress and the ministries to filter by."""
    return queries.section(store, section_id, ministry, lead_only, document, editions_memo(request))


@router.get("/initiatives", response_model=queries.InitiativeList)
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
) -> queries.InitiativeList:
    """Initiatives of one edition (``document``; the latest of ``plan`` if given), filtered by
    section, ministry (code or official name, e.g. 文 or 文部科学省) and lead, a page at a time,
    with how many that passed carry each ministry and sit in each section (the rows of the
    initiatives page)."""
    chosen = plan_of(plan)
    memo = editions_memo(request)
    return queries.initiative_list(
        store, section or None, ministry or None, lead_only, document, offset, limit, chosen, memo
    )


@router.get("/initiatives/{initiative_id}", response_model=queries.InitiativeView)
def initiative(
    request: Request, store: StoreDep, initiative_id: ElementIdPath, document: DocumentParam = None
) -> queries.InitiativeView:
    """An initiative with its status items, actions, source lines, footnotes, the progress of
    its dated commitment and its history: the matched row in every stored edition of its
    report part, with what changed."""
    return queries.initiative(store, initiative_id, document, True, editions_memo(request))


@router.get("/indicators", response_model=list[queries.IndicatorRow])
def indicators(
    request: Request, store: StoreDep, document: DocumentParam = None
) -> list[queries.IndicatorRow]:
    """Reference indicators of one document with their observations (the rows of the
    indicators page; 404 when nothing is stored)."""
    return queries.indicators(store, document, editions_memo(request))


@router.get("/indicators/{indicator_id}", response_model=queries.IndicatorDetail)
def indicator(
    request: Request, store: StoreDep, indicator_id: ElementIdPath, document: DocumentParam = None
) -> queries.IndicatorDetail:
    """An indicator with its series across stored editions and its targets."""
    return queries.indicator(store, indicator_id, document, editions_memo(request))


@router.get("/targets", response_model=list[queries.TargetRow])
def targets(store: StoreDep, document: DocumentParam = None) -> list[queries.TargetRow]:
    """Main-indicator targets of one document."""
    return queries.targets(store, document)


@router.get("/progress", response_model=queries.Progress)
def progress(
    request: Request,
    store: StoreDep,
    document: DocumentParam = None,
    plan: PlanParam = None,
    status: StatusParam = None,
    section: SectionParam = None,
    ministry: MinistryParam = None,
    sort: SortParam = "",
) -> queries.Progress:
    """Status of every main target and dated commitment of one document (the latest of
    ``plan`` if given), with the numbers (gap, 達成率, rates; the method: /progress/method),
    filtered by status, section and ministry and sorted (the rows of the progress page).
    Targets carry no ministry: with ``ministry`` only dated commitments are listed."""
    return progress_data(request, store, document, plan, status, section, ministry, sort).progress


@router.get("/progress/method", response_model=queries.ProgressMethod)
def progress_method() -> queries.ProgressMethod:
    """How statuses are judged, as data: the thresholds (on track at or above ``on_track`` of
    the required yearly rate, …), every status in order and every reason code (the page
    /progress/method explains them)."""
    return queries.progress_method()


@router.get("/editions", response_model=list[ReportPart])
def editions(request: Request, store: StoreDep, plan: PlanParam = None) -> list[ReportPart]:
    """Report parts per Basic Plan (only ``plan``'s if given) and their stored editions,
    oldest data first (docs/editions.md)."""
    return queries.editions(store, plan_of(plan), editions_memo(request))


@router.get("/diff", response_model=DiffJson)
def diff(request: Request, store: StoreDep, old: EditionParam, new: EditionParam) -> Response:
    """What changed from edition ``old`` to ``new`` (format ``stiplan-diff/2``, docs/editions.md).
    Every value change (observations of reference indicators, targets) carries old and new as
    data: the quantity (``value`` in base units as an exact decimal string, unit, ``scale`` as
    written, qualifier, provisional flag, rank population ``of``, baseline of a relative
    target), the period (start and end ISO days, kind, text as written) and both source spans
    (document id, element id, lines). Every difference carries the labels of its chapter,
    section, indicator and observation.

    The app keeps the encoded answer per pair of stored documents (ids are content hashes):
    the JSON of two large editions is megabytes, and encoding it took longer than the rest
    of a request for a kept diff."""
    found = queries.diff(store, old, new, editions_memo(request))
    kept: Lru[tuple[str, str], bytes] = request.app.state.diff_json
    pair = (found.old.document_id, found.new.document_id)
    body = kept.get(pair, lambda: bytes(JSONResponse(diff_to_dict(found)).body))
    return Response(body, media_type="application/json")


@router.get("/ministries", response_model=list[queries.MinistrySummary])
def ministries(store: StoreDep, document: DocumentParam = None) -> list[queries.MinistrySummary]:
    """Ministry codes tagged in one document, with dictionary names and tag counts (the rows
    of the ministries page; 404 when nothing is stored)."""
    data = queries.ministries_page(store, document)
    queries.require_shown(data.document)
    return data.rows


@router.get("/ministries/{code}", response_model=queries.MinistryView)
def ministry(
    request: Request, store: StoreDep, code: CodePath, document: DocumentParam = None
) -> queries.MinistryView:
    """What one ministry leads and supports in one document, with the progress of their
    dated commitments."""
    return queries.ministry(store, code, document, editions_memo(request))


@dataclass(frozen=True, slots=True)
class LabelledWarning:
    """A stored warning with its code for machines and its label and explanation for people
    (in the request's language, ``?lang=``; ``web/warning_catalogue.py``)."""

    document_id: str
    position: int
    code: str
    label: str
    explanation: str
    message: str
    line: int


def labelled(row: WarningRow, lang: str) -> LabelledWarning:
    """A warning row with the catalogue's label and explanation of its code."""
    return LabelledWarning(
        **asdict(row),
        label=warning_label(row.code, lang),
        explanation=warning_explanation(row.code, lang),
    )


@router.get("/warnings", response_model=list[LabelledWarning])
def warnings(
    store: StoreDep, lang: LangDep, document: DocumentParam = None, plan: PlanParam = None
) -> list[LabelledWarning]:
    """Reader warnings of one document (the latest of ``plan`` if given), with their lines (the
    rows of the warnings page): ``code`` for machines, ``label`` and ``explanation`` for people
    in the request's language, ``message`` the reader's own words about this case."""
    rows = queries.warnings_page(store, document, plan_of(plan)).rows
    return [labelled(row, lang) for row in rows]


@router.get("/search", response_model=list[queries.SearchHit])
def search(
    request: Request,
    store: StoreDep,
    q: SearchTextParam,
    document: SearchDocumentParam = None,
    section: SectionParam = None,
    ministry: MinistryParam = None,
    lead_only: LeadParam = False,
    element_type: ElementTypeParam = None,
    limit: SearchLimitParam = 20,
    edition: EditionFilterParam = None,
    plan: PlanParam = None,
    offset: SearchOffsetParam = 0,
) -> list[queries.SearchHit]:
    """Full-text search over every stored document: the best hit of each type first, then
    the second of each… (docs/search.md, "Ranking"); ``offset`` pages through the same order.

    Without ``document``, every document is searched. Each hit's ``snippet.segments`` are
    plain text with the found words flagged ``highlighted``: escape them when rendering.
    """
    return search_data(
        store,
        q,
        document,
        section,
        ministry,
        lead_only,
        element_type,
        limit,
        edition,
        plan,
        offset,
        editions_memo(request),
    ).hits


@router.get("/elements/{element_id}", response_model=queries.ElementView)
def element(store: StoreDep, element_id: ElementIdPath) -> queries.ElementView:
    """Any element with its source lines and children (follow a fact to its source); an
    element read from a PDF has ``page_image``: its page's size in points and its box, the
    image being ``/documents/{document_id}/pages/{page}.png``; ``parent_type`` says which
    page shows it."""
    return queries.element(store, element_id, with_page=True)
