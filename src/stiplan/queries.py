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

from stiplan.analysis.editions import EditionDiff, ReportPart, compare, report_parts
from stiplan.analysis.progress import (
    Assessment,
    CommitmentStatus,
    Point,
    assess_commitments,
    assess_document,
)
from stiplan.analysis.series import Series, join_series
from stiplan.model import Document, DocumentKind, Quantity
from stiplan.pipeline import IngestError, ReadOptions, read_path
from stiplan.store import (
    Counts,
    DocumentRow,
    ElementRow,
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
    """A document id from an id, a file name, or a prefix of either; None means all."""
    if reference is None:
        return None
    stored = store.documents()
    exact = [d.id for d in stored if reference in (d.id, d.source_name)]
    found = exact or [
        d.id for d in stored if d.id.startswith(reference) or d.source_name.startswith(reference)
    ]
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


def editions(store: Store) -> list[ReportPart]:
    """Stored follow-up reports grouped into report parts, each part's editions oldest first."""
    documents = [
        store.load_document(d.id) for d in store.documents() if d.kind is DocumentKind.FOLLOWUP
    ]
    return report_parts(documents)


def diff(store: Store, old: str, new: str) -> EditionDiff:
    """What changed from the edition ``old`` to the edition ``new`` (ids, prefixes or names)."""
    old_id = resolve_document(store, old)
    new_id = resolve_document(store, new)
    if old_id is None or new_id is None:  # only a None reference resolves to None
        raise QueryError("diff needs two documents")
    return compare(store.load_document(old_id), store.load_document(new_id))


def series(store: Store, document: str) -> list[Series]:
    """Indicator values across every edition of the report part that holds ``document``."""
    document_id = resolve_document(store, document)
    documents = {
        d.id: store.load_document(d.id)
        for d in store.documents()
        if d.kind is DocumentKind.FOLLOWUP
    }
    for part in report_parts(list(documents.values())):
        ids = [e.document_id for e in part.editions]
        if document_id in ids:
            return join_series([documents[i] for i in ids])
    raise QueryError(f"{document!r} is not a follow-up report")


def sample_paths() -> list[Path]:
    """The sample documents written by the project (installed with the package or in the repo)."""
    packaged = resources.files("stiplan").joinpath("samples")
    folder = Path(str(packaged))
    if not folder.is_dir():
        folder = Path(__file__).resolve().parents[2] / "samples"
    return sorted(folder.glob("*.txt"))


@dataclass(frozen=True, slots=True)
class Progress:
    """Target assessments and dated commitments of the documents asked for."""

    assessments: list[Assessment]
    commitments: list[CommitmentStatus]


def _in_section(element_id: str, section: str | None) -> bool:
    """``(2)`` or ``1.(2)`` against ids such as ``…:c1.s2.t3``."""
    if section is None:
        return True
    label = section.strip().replace("（", "(").replace("）", ")").replace("．", ".")
    path = element_id.split(":", 1)[-1].split(".")
    chapter, number = path[0].removeprefix("c"), path[1].removeprefix("s") if len(path) > 1 else ""
    return label in (f"({number})", f"{chapter}.({number})")


def progress(store: Store, section: str | None = None, document: str | None = None) -> Progress:
    """Progress of every main target (and dated commitment) of the stored follow-up reports.

    A target's series includes the values that earlier editions of the same report part gave
    for its indicators (matched edition to edition, see ``analysis.series``).
    """
    assessments: list[Assessment] = []
    commitments: list[CommitmentStatus] = []
    followups = [
        store.load_document(d.id) for d in store.documents() if d.kind is DocumentKind.FOLLOWUP
    ]
    wanted = resolve_document(store, document)
    for doc in followups:
        if wanted is not None and doc.id != wanted:
            continue
        history = _history(doc, followups)
        assessments += [
            a for a in assess_document(doc, history=history) if _in_section(a.target_id, section)
        ]
        commitments += [c for c in assess_commitments(doc) if _in_section(c.initiative_id, section)]
    return Progress(assessments, commitments)


def _history(document: Document, followups: list[Document]) -> dict[str, list[Point]]:
    """Earlier editions' values of each observation of ``document``, by its id."""
    by_id = {d.id: d for d in followups}
    for part in report_parts(followups):
        ids = [e.document_id for e in part.editions]
        if document.id not in ids:
            continue
        editions = [by_id[i] for i in ids[: ids.index(document.id) + 1]]
        history: dict[str, list[Point]] = {}
        for series in join_series(editions):
            *earlier, last = series.points
            if last.document_id == document.id:
                history[last.element_id] = [
                    Point(p.quantity.value, _unit(p.quantity), p.period, p.element_id, p.text)
                    for p in earlier
                    if p.quantity is not None and p.period is not None
                ]
        return history
    return {}


def _unit(quantity: Quantity) -> str:
    return f"{quantity.unit}/{quantity.per}" if quantity.per else quantity.unit
