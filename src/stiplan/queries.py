"""What the CLI, the API, the web pages and the exports ask of stiplan.

The one layer between presenters and the store: presenters never write SQL or parse
documents; they call these functions and render what comes back. Each function returns plain
data (model objects or the store's row dataclasses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import resources
from pathlib import Path

from stiplan.analysis.links import ProgrammeLink, link_programmes
from stiplan.model import (
    Document,
    DocumentKind,
    Period,
    Programme,
    ProgrammeKind,
    Quantity,
    Span,
)
from stiplan.pipeline import IngestError, ReadOptions, read_path
from stiplan.store import (
    Counts,
    DocumentRow,
    ElementRow,
    Found,
    InitiativeRow,
    NotFound,
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
    """A document id from an id, an id prefix, a source file name or its start; None: all."""
    if reference is None:
        return None
    stored = store.documents()
    exact = [d.id for d in stored if reference in (d.id, d.source_name)]
    found = exact or [d.id for d in stored if d.id.startswith(reference)]
    found = found or [d.id for d in stored if d.source_name.startswith(reference)]
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
    """One element (or slide, or slide block), traced to its source lines."""
    try:
        try:
            row = store.element(element_id)
            children = store.children(row.id, row.document_id)
        except NotFound:
            row = store.slide_element(element_id)
            children = store.slide_children(row.id, row.document_id)
    except NotFound as error:
        raise QueryError(f"no element with id {element_id!r}") from error
    except StoreError as error:  # the id is ambiguous across documents
        raise QueryError(str(error)) from error
    lines = store.source_lines(row.document_id, row.span.first_line, row.span.last_line)
    return ElementView(row, store.document(row.document_id), lines, children)


# --- briefings: programmes, decisions, targets ------------------------------------------------


@dataclass(frozen=True, slots=True)
class MentionPlace:
    """Where something is named: the document, the element or block, the lines."""

    document_id: str
    source_name: str
    document_kind: DocumentKind
    element_id: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    """A named strategy, plan or programme: where documents name it, and the follow-up
    initiatives and sections that mention it (``links``)."""

    name: str
    kind: ProgrammeKind
    mentions: list[MentionPlace]
    links: list[ProgrammeLink]

    @property
    def briefings(self) -> list[str]:
        """The briefings (slide decks) naming it, by file name, each once."""
        return list(
            dict.fromkeys(
                m.source_name for m in self.mentions if m.document_kind is DocumentKind.SLIDES
            )
        )

    @property
    def initiative_ids(self) -> list[str]:
        """The follow-up initiatives linked, each once."""
        return list(dict.fromkeys(link.initiative_id for link in self.links if link.initiative_id))

    @property
    def section_labels(self) -> list[str]:
        """The follow-up sections linked (``1.(2)``), each once."""
        return list(dict.fromkeys(link.section_label for link in self.links))


def programmes(
    store: Store, document: str | None = None, linked_only: bool = False
) -> list[ProgrammeView]:
    """Programmes named in the store (or in one document), with their links to follow-ups.

    Ordered by how many documents name them, then by name. ``linked_only`` keeps the
    programmes that at least one follow-up element mentions.
    """
    found = store.programmes(resolve_document(store, document))
    by_name: dict[str, list[Found[Programme]]] = {}
    for f in found:
        by_name.setdefault(f.item.name, []).append(f)
    followups = [
        store.load_document(d.id) for d in store.documents() if d.kind is DocumentKind.FOLLOWUP
    ]
    links: dict[str, list[ProgrammeLink]] = {}
    for link in link_programmes(by_name, followups):
        links.setdefault(link.programme, []).append(link)
    views = [
        ProgrammeView(
            name,
            group[0].item.kind,
            [
                MentionPlace(
                    f.document_id,
                    f.source_name,
                    f.document_kind,
                    f.item.element_id,
                    f.item.span,
                    f.item.text,
                )
                for f in group
            ],
            links.get(name, []),
        )
        for name, group in by_name.items()
    ]
    if linked_only:
        views = [v for v in views if v.links]
    return sorted(views, key=lambda v: (-len({m.document_id for m in v.mentions}), v.name))


@dataclass(frozen=True, slots=True)
class DecisionView:
    """A dated decision or event with the document it was read from."""

    id: str
    date: Period
    body: str
    what: str
    action: str
    planned: bool
    document_id: str
    source_name: str
    element_id: str
    span: Span


def timeline(
    store: Store,
    document: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[DecisionView]:
    """One timeline of decisions across all documents (or one), oldest first.

    ``since``/``until`` keep the decisions whose date overlaps that stretch (inclusive).
    """
    rows = [
        DecisionView(
            f.item.id,
            f.item.date,
            f.item.body,
            f.item.what,
            f.item.action,
            f.item.planned,
            f.document_id,
            f.source_name,
            f.item.element_id,
            f.item.span,
        )
        for f in store.decisions(resolve_document(store, document))
        if (since is None or f.item.date.end >= since)
        and (until is None or f.item.date.start <= until)
    ]
    return sorted(rows, key=lambda r: (r.date.start, r.date.end, r.source_name, r.span.first_line))


@dataclass(frozen=True, slots=True)
class TargetView:
    """A numeric target: from a briefing (extracted) or a follow-up's 主要指標 (``Target``)."""

    id: str
    subject: str
    quantity: Quantity | None
    period: Period | None
    text: str
    document_id: str
    source_name: str
    element_id: str
    span: Span


def targets(store: Store, document: str) -> list[TargetView]:
    """The numeric targets of one document, in reading order.

    For a briefing these are the extracted ``NumericTarget``s; for a follow-up report, the
    targets (主要指標) its reader read, so one command answers for either kind.
    """
    document_id = resolve_document(store, document)
    if document_id is None:
        raise QueryError("targets need a document (--document)")
    row = store.document(document_id)
    if row.kind is DocumentKind.SLIDES:
        return [
            TargetView(
                f.item.id,
                f.item.subject,
                f.item.quantity,
                f.item.period,
                f.item.text,
                f.document_id,
                f.source_name,
                f.item.element_id,
                f.item.span,
            )
            for f in store.numeric_targets(document_id)
        ]
    loaded = store.load_document(document_id)
    return [
        TargetView(
            t.id,
            t.name or t.text,
            t.quantity,
            t.period,
            t.text,
            document_id,
            row.source_name,
            t.id,
            t.span,
        )
        for chapter in loaded.chapters
        for section in chapter.sections
        for t in section.targets
    ]


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
