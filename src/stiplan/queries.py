"""What the CLI, the API, the web pages and the exports ask of stiplan.

The one layer between presenters and the store: presenters never write SQL or parse
documents; they call these functions and render what comes back. Each function returns plain
data (model objects or the store's row dataclasses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path

from stiplan.model import Document, MinistryRef, Span
from stiplan.pipeline import IngestError, ReadOptions, read_path
from stiplan.search import SearchQuery, SearchQueryError, Snippet, build_query, snippet
from stiplan.store import (
    ELEMENT_TYPES,
    Counts,
    DocumentRow,
    ElementRow,
    IndexStatus,
    InitiativeRow,
    NotFound,
    SearchFilter,
    SearchRow,
    SectionRow,
    SourceLine,
    Store,
    StoreError,
    WarningRow,
)


class QueryError(Exception):
    """A request that cannot be answered (unknown id, ambiguous document…), said plainly."""


class IngestStatus(StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What happened to one file: stored, already there, or refused (with why)."""

    source: str
    status: IngestStatus
    document_id: str | None = None
    counts: Counts | None = None
    error: str | None = None


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    options: ReadOptions | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> list[IngestOutcome]:
    """Ingest files one by one, each in its own transaction; a refused file stores nothing."""
    outcomes: list[IngestOutcome] = []
    for path in paths:
        outcomes.append(_ingest_one(store, path, options))
        if on_file is not None:
            on_file(path)
    return outcomes


def _ingest_one(store: Store, path: Path, options: ReadOptions | None) -> IngestOutcome:
    try:
        document = read_path(path, options)
        result = store.ingest(document)
    except (IngestError, StoreError) as error:
        return IngestOutcome(str(path), IngestStatus.REJECTED, error=str(error))
    status = IngestStatus.CREATED if result.created else IngestStatus.UNCHANGED
    return IngestOutcome(str(path), status, result.document_id, store.counts(result.document_id))


def documents(store: Store) -> list[DocumentRow]:
    """Every stored document."""
    return store.documents()


def resolve_document(store: Store, reference: str | None) -> str | None:
    """A document id from an id, an id prefix or a source file name; None means all."""
    if reference is None:
        return None
    stored = store.documents()
    exact = [d.id for d in stored if reference in (d.id, d.source_name)]
    found = exact or [d.id for d in stored if d.id.startswith(reference)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise QueryError(f"no stored document matches {reference!r}")
    raise QueryError(f"{reference!r} matches several documents: {', '.join(found)}")


def sections(store: Store, document: str | None = None) -> list[SectionRow]:
    """Sections with their counts, of one document or all."""
    return store.sections(resolve_document(store, document))


def initiatives(
    store: Store,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
) -> list[InitiativeRow]:
    """Initiatives filtered by section label, ministry code (lead only if asked) and document."""
    if lead_only and ministry is None:
        raise QueryError("--lead-only needs --ministry: lead of which ministry?")
    return store.initiatives(section, ministry, lead_only, resolve_document(store, document))


def warnings(store: Store, document: str | None = None) -> list[WarningRow]:
    """Reader warnings, stored with their documents and lines."""
    return store.warnings(resolve_document(store, document))


@dataclass(frozen=True, slots=True)
class ElementView:
    """An element with the source lines it came from and its direct children."""

    element: ElementRow
    document: DocumentRow
    source: list[SourceLine]
    children: list[ElementRow]


def element(store: Store, element_id: str) -> ElementView:
    """One element, traced to its source lines."""
    try:
        row = store.element(element_id)
    except NotFound as error:
        raise QueryError(f"no element with id {element_id!r}") from error
    except StoreError as error:  # the id is ambiguous across documents
        raise QueryError(str(error)) from error
    lines = store.source_lines(row.document_id, row.span.first_line, row.span.last_line)
    children = store.children(row.id, row.document_id)
    return ElementView(row, store.document(row.document_id), lines, children)


def load_documents(store: Store, document: str | None = None) -> list[Document]:
    """Whole document trees, for the exports."""
    document_id = resolve_document(store, document)
    ids = [document_id] if document_id else [d.id for d in store.documents()]
    return [store.load_document(i) for i in ids]


def sample_paths() -> list[Path]:
    """The sample documents written by the project (installed with the package or in the repo)."""
    packaged = resources.files("stiplan").joinpath("samples")
    folder = Path(str(packaged))
    if not folder.is_dir():
        folder = Path(__file__).resolve().parents[2] / "samples"
    return sorted(folder.glob("*.txt"))


# -- search ---------------------------------------------------------------------------------------

MAX_SEARCH_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the element found, where it is, how well it matched, and a snippet.

    ``score`` is higher for better matches (BM25); ``snippet`` holds plain-text segments with
    the found words flagged, for presenters to render (and escape) as they need.
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
    snippet: Snippet


def search(
    store: Store,
    query: str,
    document: str | None = None,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    element_type: str | None = None,
    limit: int = 20,
    edition: str | None = None,
) -> list[SearchHit]:
    """Full-text search over every text unit, best first (see ``docs/search.md``).

    ``query`` is what the user typed (words AND-ed, ``"phrases"``, ``OR``, ``-exclusions``,
    ``prefix*``). Filters: ``document`` (id, id prefix or file name), ``edition``,
    ``section`` (``(2)``, ``1.(2)`` or an id), ``ministry`` (a code; with ``lead_only``,
    only where it leads), ``element_type`` (``action``, ``footnote``…). A query or filter that
    cannot be answered raises ``QueryError``; a query that finds nothing returns ``[]``.
    """
    if lead_only and ministry is None:
        raise QueryError("--lead-only needs --ministry: lead of which ministry?")
    if element_type is not None and element_type not in ELEMENT_TYPES:
        raise QueryError(
            f"unknown element type {element_type!r}: use one of {', '.join(ELEMENT_TYPES)}"
        )
    if not 1 <= limit <= MAX_SEARCH_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_SEARCH_LIMIT}, not {limit}")
    try:
        prepared = build_query(query)
    except SearchQueryError as error:
        raise QueryError(str(error)) from error
    filters = SearchFilter(
        document_id=resolve_document(store, document),
        edition=edition,
        section=section,
        ministry=ministry,
        lead_only=lead_only,
        element_type=element_type,
    )
    return [_hit(row, prepared) for row in store.search(prepared, filters, limit)]


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
        snippet=snippet(row.text, query),
    )


def index_status(store: Store) -> IndexStatus:
    """What the search index holds, and which stored documents it misses (run ``reindex``)."""
    return store.index_status()


def unindexed_documents(store: Store) -> tuple[str, ...]:
    """Stored documents the search index misses or holds with other terms (run ``reindex``)."""
    return store.stale_documents()


def reindex(store: Store) -> IndexStatus:
    """Rebuild the search index of every stored document (after an upgrade of the terms)."""
    return store.reindex()
