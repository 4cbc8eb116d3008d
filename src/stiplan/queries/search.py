"""Full-text search: one page of hits with snippets, what a search form can offer, and the
state of the search index."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import TYPE_CHECKING

from stiplan.auth.roles import STORE_MAINTAIN, Actor
from stiplan.model import MinistryRef, Span
from stiplan.normalize.ministries import MinistryInfo
from stiplan.normalize.ministries import lookup as lookup_ministry
from stiplan.queries.accounts import authorize, record
from stiplan.queries.base import QueryError, require_section, resolve_document
from stiplan.queries.ministries import resolve_ministry
from stiplan.search import SearchQuery, SearchQueryError, Snippet, build_query, snippet
from stiplan.store import (
    UNIT_TYPES,
    DocumentRow,
    IndexStatus,
    SearchFilter,
    SearchRow,
    StoreInterface,
)

if TYPE_CHECKING:  # the memo is imported by modules this one imports
    from stiplan.queries.memo import EditionMemo

SEARCH_TYPES = UNIT_TYPES
"""What ``search`` filters by type: an element type, or a briefing's ``slide`` or ``block``."""


MAX_SEARCH_LIMIT = 1000


MAX_SEARCH_OFFSET = 1_000_000
"""Deepest page start a search accepts (beyond it, a narrower query serves better)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the element found, where it is, how well it matched, and a snippet.

    ``score`` is higher for better matches (BM25); ``type_rank`` is the hit's place among the
    hits of its type (1 = the best of its type), the round in which the ranking shows it
    (``docs/search.md``); ``snippet`` holds plain-text segments with the found words flagged,
    for presenters to render (and escape) as they need. A hit is headed by its ``heading``
    (the title of its section, or of its slide ``slide_number``) under ``document_title``.
    """

    element_id: str
    type: str
    document_id: str
    source_name: str
    edition: str
    section_id: str | None
    section_label: str | None
    span: Span
    ministries: tuple[MinistryRef, ...]
    score: float
    type_rank: int
    snippet: Snippet
    document_title: str = ""
    heading: str | None = None
    slide_number: int | None = None


def search(
    store: StoreInterface,
    query: str,
    document: str | None = None,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    element_type: str | None = None,
    limit: int = 20,
    edition: str | None = None,
    plan: int | None = None,
    offset: int = 0,
) -> list[SearchHit]:
    """Full-text search over every text unit: one page of hits, ``limit`` from ``offset`` on.

    Hits come in the order of ``docs/search.md`` ("Ranking"): the best hit of each element
    type that matches (by BM25, best type first), then the second of each, and so on; the
    order is total, so ``offset=20`` continues ``offset=0, limit=20`` without a repeat or a gap.

    ``query`` is what the user typed (words AND-ed, ``"phrases"``, ``OR``, ``-exclusions``,
    ``prefix*``). Filters: ``document`` (id, id prefix or file name), ``edition``,
    ``plan`` (a Basic Plan's ordinal), ``section`` (``(2)``, ``1.(2)`` or an id), ``ministry``
    (a code; with ``lead_only``,
    only where it leads), ``element_type`` (``action``, ``footnote``…, or a briefing's
    ``slide`` or ``block``: ``SEARCH_TYPES``). A query or filter that
    cannot be answered raises ``QueryError``; a query that finds nothing returns ``[]``.
    """
    if lead_only and ministry is None:
        raise QueryError(
            "--lead-only には --ministry が必要です（どの府省の主担当か）"
            " / --lead-only needs --ministry: lead of which ministry?"
        )
    if element_type is not None and element_type not in SEARCH_TYPES:
        raise QueryError(
            f"要素の種類 {element_type!r} はありません（{', '.join(SEARCH_TYPES)} のいずれかです）"
            f" / unknown element type {element_type!r}: use one of {', '.join(SEARCH_TYPES)}"
        )
    if not 1 <= limit <= MAX_SEARCH_LIMIT:
        raise QueryError(
            f"件数（limit）は1〜{MAX_SEARCH_LIMIT}で指定してください（{limit} は範囲外です）"
            f" / limit must be between 1 and {MAX_SEARCH_LIMIT}, not {limit}"
        )
    if not 0 <= offset <= MAX_SEARCH_OFFSET:
        raise QueryError(
            f"開始位置（offset）は0〜{MAX_SEARCH_OFFSET}で指定してください（{offset} は範囲外です）"
            f" / offset must be between 0 and {MAX_SEARCH_OFFSET}, not {offset}"
        )
    try:
        prepared = build_query(query)
    except SearchQueryError as error:
        raise QueryError(str(error)) from error
    filters = SearchFilter(
        document_id=resolve_document(store, document),
        edition=edition,
        section=section,
        ministry=None if ministry is None else resolve_ministry(ministry),
        lead_only=lead_only,
        element_type=element_type,
        plan=plan,
    )
    hits = [_hit(row, prepared) for row in store.search(prepared, filters, limit, offset)]
    if not hits and offset == 0:
        require_section(store, section, filters.document_id)
    return hits


@dataclass(frozen=True, slots=True)
class MinistryChoice:
    """A ministry code tagged somewhere in the store, with its dictionary entry if known."""

    code: str
    info: MinistryInfo | None


@dataclass(frozen=True, slots=True)
class SearchChoices:
    """What a search form offers: documents, editions, section labels, ministry codes, types.

    Sections are the labels people cite (``2.(1)``) and ministries the codes tagged, over every
    stored document, so that one form can filter any of them.
    """

    documents: list[DocumentRow]
    editions: list[str]
    sections: list[str]
    ministries: list[MinistryChoice]
    types: tuple[str, ...]


def search_choices(store: StoreInterface) -> SearchChoices:
    """The filters a search form can offer for what is stored."""
    stored = store.documents()
    sections: dict[tuple[int, int], str] = {}
    uses: dict[str, int] = {}
    # Over every document in one query each (not two queries a document): the form is on
    # every search page, and its cost must not grow with the archive by a query per document.
    for row in store.sections():
        sections[(row.chapter_number, row.number)] = row.full_label
    for use in store.ministry_use():
        uses[use.code] = uses.get(use.code, 0) + use.total
    codes = sorted(uses, key=lambda c: (-uses[c], c))
    return SearchChoices(
        documents=stored,
        editions=sorted({d.edition for d in stored if d.edition}),
        sections=[sections[k] for k in sorted(sections)],
        ministries=[MinistryChoice(c, lookup_ministry(c)) for c in codes],
        types=tuple(SEARCH_TYPES),
    )


def _hit(row: SearchRow, query: SearchQuery) -> SearchHit:
    return SearchHit(
        element_id=row.element_id,
        type=row.type,
        document_id=row.document_id,
        source_name=row.source_name,
        edition=row.edition,
        section_id=row.section_id,
        section_label=row.section_label,
        span=row.span,
        ministries=row.ministries,
        score=row.score,
        type_rank=row.type_rank,
        snippet=snippet(row.text, query),
        document_title=row.document_title,
        heading=row.heading,
        slide_number=row.slide_number,
    )


def index_status(store: StoreInterface) -> IndexStatus:
    """What the search index holds, and which stored documents it misses (run ``reindex``)."""
    return store.index_status()


def unindexed_documents(store: StoreInterface) -> tuple[str, ...]:
    """Stored documents the search index misses or holds with other terms (run ``reindex``)."""
    return store.stale_documents()


def reindex(store: StoreInterface, actor: Actor) -> IndexStatus:
    """Rebuild the search index of every stored document (after an upgrade of the terms).
    Once the store has users, the admin or the secretariat only; recorded in the trail."""
    authorize(store, actor, STORE_MAINTAIN, audit_action="store.reindex")
    status = store.reindex()
    after = {"documents": status.documents, "units": status.units}
    record(store, actor, "store.reindex", after=after)
    return status


@dataclass(frozen=True, slots=True)
class SearchPage:
    """The search page: one page of hits (``searched`` is False when nothing was asked), what
    the form offers, and the documents the index misses."""

    searched: bool
    hits: list[SearchHit]
    choices: SearchChoices
    stale: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SearchQuestion:
    """What a search asks: ``search``'s arguments after the store, in its order. Hashable, so
    that what the app keeps is keyed on the whole question (text, filters and page)."""

    query: str
    document: str | None = None
    section: str | None = None
    ministry: str | None = None
    lead_only: bool = False
    element_type: str | None = None
    limit: int = 20
    edition: str | None = None
    plan: int | None = None
    offset: int = 0


def search_page(
    store: StoreInterface,
    question: SearchQuestion | None,
    memo: EditionMemo | None = None,
) -> SearchPage:
    """``search`` (with its filters and errors) and the search form's choices; a None
    ``question`` asks for the form alone. A ``memo`` kept between calls (the web app's) keeps
    the choices for as long as the same documents are stored, and pages of hits as long as the
    index is unchanged too (``EditionMemo.search_hits``)."""
    stale = unindexed_documents(store)
    hits: list[SearchHit] = []
    if question is not None:

        def make() -> list[SearchHit]:
            return search(store, *astuple(question))

        hits = make() if memo is None else memo.search_hits(store, question, stale, make)
    choices = (
        search_choices(store)
        if memo is None
        else memo.search_choices(store, lambda: search_choices(store))
    )
    return SearchPage(question is not None, hits, choices, stale)
