"""Documents: ingesting files, the stored documents and their counts, a document's source
lines page by page with its warnings, and the project's sample documents."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from stiplan.ingest import IngestError, ReadOptions, read_file
from stiplan.model import DocumentKind
from stiplan.queries.base import (
    QueryError,
    latest_document,
    of_plan,
    plan_ids,
    require_latest,
    resolve_document,
)
from stiplan.queries.briefings import BriefingView, briefing
from stiplan.queries.paging import PER_PAGE, Paging, page_of
from stiplan.store import Counts, DocumentRow, SourceLine, StoreError, StoreInterface, WarningRow

if TYPE_CHECKING:  # the memo imports modules that import this one
    from stiplan.queries.memo import EditionMemo


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
    warning_kinds: tuple[tuple[str, int], ...] = ()  # (code, how many), most frequent first


def ingest_paths(
    store: StoreInterface,
    paths: Iterable[Path],
    options: ReadOptions | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> list[IngestOutcome]:
    """Ingest files one by one, each in its own transaction; a refused file stores nothing.
    One batch (``Store.batch``): the index's derived tables are brought up to date at the end."""
    outcomes: list[IngestOutcome] = []
    with store.batch():
        for path in paths:
            outcomes.append(_ingest_one(store, path, options))
            if on_file is not None:
                on_file(path)
    return outcomes


def _ingest_one(store: StoreInterface, path: Path, options: ReadOptions | None) -> IngestOutcome:
    try:
        read = read_file(path, options)
        result = store.ingest(read.document, read.original)
    except (IngestError, StoreError) as error:
        return IngestOutcome(str(path), IngestStatus.REJECTED, error=str(error))
    status = IngestStatus.CREATED if result.created else IngestStatus.UNCHANGED
    kinds = tuple(Counter(w.code for w in read.document.warnings).most_common())
    counts = store.counts(result.document_id)
    return IngestOutcome(str(path), status, result.document_id, counts, warning_kinds=kinds)


def documents(store: StoreInterface, plan: int | None = None) -> list[DocumentRow]:
    """Every stored document (of one Basic Plan if ``plan`` is given)."""
    return of_plan(store.documents(), plan)


def warnings(
    store: StoreInterface, document: str | None = None, plan: int | None = None
) -> list[WarningRow]:
    """Reader warnings, stored with their documents and lines (of one plan if given)."""
    rows = store.warnings(resolve_document(store, document))
    ids = plan_ids(store, plan)
    return rows if ids is None else [r for r in rows if r.document_id in ids]


@dataclass(frozen=True, slots=True)
class WarningsPage:
    """The warnings page: the reader warnings of the document shown (None: nothing stored)
    and the documents it can show instead."""

    document: DocumentRow | None
    documents: list[DocumentRow]
    rows: list[WarningRow]


def warnings_page(
    store: StoreInterface, document: str | None = None, plan: int | None = None
) -> WarningsPage:
    """Warnings of one document (latest by default, of ``plan`` if given), by line."""
    shown = latest_document(store, document, plan)
    rows = [] if shown is None else store.warnings(shown.id)
    return WarningsPage(shown, store.documents(), rows)


def document_warnings(
    store: StoreInterface, document: str | None = None, plan: int | None = None
) -> list[WarningRow]:
    """Warnings of one document (latest by default, of ``plan`` if given); none when there is
    no such document."""
    return warnings_page(store, document, plan).rows


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document with how many elements of each type it holds."""

    document: DocumentRow
    counts: Counts


def document_list(
    store: StoreInterface, plan: int | None = None, memo: EditionMemo | None = None
) -> list[DocumentSummary]:
    """Every stored document (of ``plan`` if given) with its counts, oldest edition first.
    The counts come from one grouped query, not one a document; a ``memo`` kept between
    calls (the web app's) keeps them."""
    return _summaries(store, documents(store, plan), memo)


@dataclass(frozen=True, slots=True)
class DocumentList:
    """One page of the stored documents with their counts, and where it sits in the list."""

    paging: Paging
    rows: list[DocumentSummary]


def document_list_page(
    store: StoreInterface,
    plan: int | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    memo: EditionMemo | None = None,
) -> DocumentList:
    """Page ``page`` of ``document_list``: a page renders ``per_page`` rows however many
    documents the archive holds."""
    paging, rows = page_of(documents(store, plan), page, per_page)
    return DocumentList(paging, _summaries(store, rows, memo))


def _summaries(
    store: StoreInterface, rows: list[DocumentRow], memo: EditionMemo | None
) -> list[DocumentSummary]:
    """``rows`` with their counts, from one grouped query over those rows' documents (or
    the ``memo``'s)."""
    ids = tuple(d.id for d in rows)
    by_document = store.counts_by_document(ids) if memo is None else memo.counts(store, ids)
    return [DocumentSummary(d, by_document.get(d.id) or store.counts(d.id)) for d in rows]


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """A window of a document's source lines with its warnings (all of them, by line); for a
    briefing, its slides and blocks too (``briefing``)."""

    document: DocumentRow
    counts: Counts
    lines: list[SourceLine]
    page: int
    pages: int
    warnings: list[WarningRow]
    briefing: BriefingView | None = None


LINES_PER_PAGE = 1000


def page_of_line(line: int) -> int:
    """The page of a document view that shows ``line``."""
    return max(1, (line - 1) // LINES_PER_PAGE + 1)


def document_page(store: StoreInterface, document: str, page: int = 1) -> DocumentPage:
    """Source lines of one page (``LINES_PER_PAGE`` lines) and every warning of the document."""
    doc = require_latest(store, document)
    pages = max(1, -(-doc.line_count // LINES_PER_PAGE))
    if not 1 <= page <= pages:
        raise QueryError(
            f"ページ{page}はありません（この文書は全{pages}ページです）"
            f" / page {page} is out of range: the document has {pages} page(s)"
        )
    first = (page - 1) * LINES_PER_PAGE + 1
    lines = store.source_lines(doc.id, first, first + LINES_PER_PAGE - 1) if doc.line_count else []
    deck = briefing(store, doc.id) if doc.kind is DocumentKind.SLIDES else None
    return DocumentPage(doc, store.counts(doc.id), lines, page, pages, store.warnings(doc.id), deck)


def sample_paths() -> list[Path]:
    """The sample documents written by the project (installed with the package or in the repo):
    the full editions and briefings, then the excerpt editions in ``samples/excerpts``.

    A sample with a PDF of itself beside it (``followup_2025.pdf``, drawn by the project from
    ``followup_2025.txt``) is given as the PDF: each sample once, so the demo reads a PDF (and
    shows its pages) without holding the same edition twice.
    """
    packaged = resources.files("stiplan").joinpath("samples")
    folder = Path(str(packaged))
    if not folder.is_dir():
        folder = Path(__file__).resolve().parents[3] / "samples"
    texts = sorted(folder.glob("*.txt")) + sorted(folder.glob("excerpts/*.txt"))
    return [p.with_suffix(".pdf") if p.with_suffix(".pdf").is_file() else p for p in texts]
