"""What the CLI, the API, the web pages and the exports ask of stiplan.

The one layer between presenters and the store: presenters never write SQL or parse
documents; they call these functions and render what comes back. Each function returns plain
data (model objects or the store's row dataclasses).
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Generic, TypeVar

from stiplan.analysis.editions import (
    CIRCLED,
    Change,
    InitiativeDiff,
    compare,
    report_parts,
)
from stiplan.analysis.links import ProgrammeLink, link_programmes
from stiplan.analysis.progress import (
    assess_commitments,
    assess_document,
    unit_of,
)
from stiplan.analysis.series import Series, join_series
from stiplan.ingest import PDF_MEDIA_TYPE, read_file
from stiplan.model import (
    Block,
    Document,
    DocumentKind,
    MinistryRef,
    Period,
    Programme,
    ProgrammeKind,
    Quantity,
    Slide,
    Span,
    chapter_label,
)
from stiplan.normalize.ministries import MinistryInfo
from stiplan.normalize.ministries import lookup as lookup_ministry
from stiplan.normalize.plans import Plan, PlanError, parse_plan, plan_label, plans
from stiplan.normalize.plans import lookup as lookup_plan
from stiplan.readers.pdf import PdfError
from stiplan.readers.pdf.render import page_size, render_png
from stiplan.search import SearchQuery, Snippet, build_query, snippet
from stiplan.store import (
    UNIT_TYPES,
    Counts,
    DocumentRow,
    Found,
    IndexStatus,
    MinistryUse,
    SearchFilter,
    SearchRow,
)

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

SEARCH_TYPES = UNIT_TYPES
"""What ``search`` filters by type: an element type, or a briefing's ``slide`` or ``block``."""


class QueryError(Exception):
    """A request that cannot be answered (unknown id, ambiguous document…), said plainly."""


class UnknownId(QueryError):
    """The id, code or document asked for is not stored (the web answers 404, not 400)."""


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
        read = read_file(path, options)
        result = store.ingest(read.document, read.original)
    except (IngestError, StoreError) as error:
        return IngestOutcome(str(path), IngestStatus.REJECTED, error=str(error))
    status = IngestStatus.CREATED if result.created else IngestStatus.UNCHANGED
    kinds = tuple(Counter(w.code for w in read.document.warnings).most_common())
    counts = store.counts(result.document_id)
    return IngestOutcome(str(path), status, result.document_id, counts, warning_kinds=kinds)


def documents(store: Store, plan: int | None = None) -> list[DocumentRow]:
    """Every stored document (of one Basic Plan if ``plan`` is given)."""
    return _of_plan(store.documents(), plan)


# -- plans: every document belongs to one STI Basic Plan (``extract.plans``) ------------------


def known_plans() -> tuple[Plan, ...]:
    """The Basic Plans a document can belong to (``data/plans.toml``), oldest first."""
    return plans()


def plan_ordinal(text: str) -> int:
    """A plan as a user writes it (``7``, ``第7期``, ``第七期``) → its ordinal; QueryError if
    it is not a known plan."""
    try:
        return parse_plan(text)
    except PlanError as error:
        raise QueryError(str(error)) from error


def plan_info(ordinal: int | None) -> Plan | None:
    """The plan with this ordinal (names, fiscal years), None when unknown or not given."""
    return lookup_plan(ordinal)


def plan_name(ordinal: int | None) -> str:
    """``第6期`` for a plan's ordinal, empty for a document of unknown plan."""
    return plan_label(ordinal)


def _of_plan(rows: list[DocumentRow], plan: int | None) -> list[DocumentRow]:
    return rows if plan is None else [d for d in rows if d.plan == plan]


def _plan_ids(store: Store, plan: int | None) -> set[str] | None:
    """Ids of the documents of ``plan``; None (no filter) when no plan is asked for."""
    return None if plan is None else {d.id for d in _of_plan(store.documents(), plan)}


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
        raise UnknownId(f"no stored document matches {reference!r}")
    raise QueryError(f"{reference!r} matches several documents: {', '.join(found)}")


def sections(
    store: Store, document: str | None = None, plan: int | None = None
) -> list[SectionRow]:
    """Sections with their counts, of one document or all (of one plan if given)."""
    rows = store.sections(resolve_document(store, document))
    ids = _plan_ids(store, plan)
    return rows if ids is None else [r for r in rows if r.document_id in ids]


def initiatives(
    store: Store,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
    plan: int | None = None,
) -> list[InitiativeRow]:
    """Initiatives filtered by section label, ministry code (lead only if asked), document and
    Basic Plan."""
    if lead_only and ministry is None:
        raise QueryError("--lead-only needs --ministry: lead of which ministry?")
    rows = store.initiatives(section, ministry, lead_only, resolve_document(store, document))
    ids = _plan_ids(store, plan)
    return rows if ids is None else [r for r in rows if r.document_id in ids]


def warnings(
    store: Store, document: str | None = None, plan: int | None = None
) -> list[WarningRow]:
    """Reader warnings, stored with their documents and lines (of one plan if given)."""
    rows = store.warnings(resolve_document(store, document))
    ids = _plan_ids(store, plan)
    return rows if ids is None else [r for r in rows if r.document_id in ids]


@dataclass(frozen=True, slots=True)
class PageImage:
    """The page of a PDF an element stands on, for showing it with the element's box.

    ``width`` and ``height`` are the page's size in points, the unit of ``box`` (``x0, top,
    x1, bottom`` from the page's top-left), so a viewer scales the box with the image. The
    image itself is ``page_png`` of ``document_id`` and ``page``.
    """

    document_id: str
    page: int
    width: float
    height: float
    box: tuple[float, float, float, float] | None


@dataclass(frozen=True, slots=True)
class ElementView:
    """An element with the source lines it came from and its direct children; with
    ``page_image`` when it was read from a PDF whose original is stored."""

    element: ElementRow
    document: DocumentRow
    source: list[SourceLine]
    children: list[ElementRow]
    page_image: PageImage | None = None


def element(store: Store, element_id: str, with_page: bool = False) -> ElementView:
    """One element (or slide, or slide block), traced to its source lines (and, with
    ``with_page``, to its page of the original PDF: ``element_page``)."""
    try:
        try:
            row = store.element(element_id)
            children = store.children(row.id, row.document_id)
        except NotFound:
            row = store.slide_element(element_id)
            children = store.slide_children(row.id, row.document_id)
    except NotFound as error:
        raise UnknownId(f"no element with id {element_id!r}") from error
    except StoreError as error:  # the id is ambiguous across documents
        raise QueryError(str(error)) from error
    lines = store.source_lines(row.document_id, row.span.first_line, row.span.last_line)
    page = element_page(store, row) if with_page else None
    return ElementView(row, store.document(row.document_id), lines, children, page)


# --- pages of PDFs: the image an element's box is drawn over ----------------------------------

PAGE_SCALE = 2
"""Pixels per point of a page image (144 dpi): sharp enough for small Japanese type."""


def element_page(store: Store, row: ElementRow) -> PageImage | None:
    """The page ``row`` stands on, with its size; None for an element without a page or a
    document whose original PDF is not stored (text, or stored before originals were kept)."""
    if row.span.page is None:
        return None
    original = store.document_file_data(row.document_id)
    if original is None or original.media_type != PDF_MEDIA_TYPE:
        return None
    try:
        size = page_size(original.data, row.span.page)
    except PdfError:
        return None
    return PageImage(row.document_id, row.span.page, size.width, size.height, row.span.box)


def page_png(
    store: Store, document: str, page: int, cache: PageImageCache, scale: int = PAGE_SCALE
) -> bytes:
    """The PNG image of ``page`` of a stored PDF, rendered once and then read from ``cache``.

    ``UnknownId`` for an unknown document, one without a stored PDF (a text document) or a
    page the PDF does not have. Only reads the store.
    """
    document_id = resolve_document(store, document)
    assert document_id is not None
    kept = store.document_file(document_id)
    if kept is None or kept.media_type != PDF_MEDIA_TYPE:
        raise UnknownId(f"document {document_id} has no page images: it was not read from a PDF")

    def render() -> bytes:
        original = store.document_file_data(document_id)
        assert original is not None
        try:
            return render_png(original.data, page, scale)
        except PdfError as error:
            raise UnknownId(f"document {document_id}: {error}") from error

    return cache.get(kept.sha256, page, scale, render)


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


def numeric_targets(store: Store, document: str) -> list[TargetView]:
    """The numeric targets of one document, in reading order (``stiplan targets``).

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


# -- page data: what the dashboard and the JSON API show, one function per page ---------------
#
# Every page looks at one document (an edition) at a time: ``document`` is an id, id prefix or
# file name, and None means the latest stored document. Unknown ids and elements of the wrong
# type are ``QueryError``s, which the web layer answers with 404.


def latest_document(
    store: Store, reference: str | None = None, plan: int | None = None
) -> DocumentRow | None:
    """The document a page shows: the one named, else the latest stored follow-up report (the
    dashboard's subject; a briefing is shown when named), else the latest of any kind, else
    None. With ``plan``, the latest is taken among that plan's documents."""
    if reference is not None:
        document_id = resolve_document(store, reference)
        return None if document_id is None else store.document(document_id)
    stored = _of_plan(store.documents(), plan)
    reports = [d for d in stored if d.kind is DocumentKind.FOLLOWUP]
    pool = reports or stored
    return pool[-1] if pool else None


def _require_latest(store: Store, reference: str | None, plan: int | None = None) -> DocumentRow:
    found = latest_document(store, reference, plan)
    if found is None:
        if plan is not None:
            raise UnknownId(f"the store holds no document of the plan {plan_label(plan)}")
        raise UnknownId("the store holds no document yet: ingest one first")
    return found


def document_sections(
    store: Store, document: str | None = None, plan: int | None = None
) -> list[SectionRow]:
    """Sections of one document (latest by default, of ``plan`` if given); none when there is
    no such document."""
    shown = latest_document(store, document, plan)
    return [] if shown is None else store.sections(shown.id)


def document_warnings(
    store: Store, document: str | None = None, plan: int | None = None
) -> list[WarningRow]:
    """Warnings of one document (latest by default, of ``plan`` if given); none when there is
    no such document."""
    shown = latest_document(store, document, plan)
    return [] if shown is None else store.warnings(shown.id)


@dataclass(frozen=True, slots=True)
class ChapterView:
    """A chapter with its sections and their counts: one branch of the plan tree."""

    chapter: ElementRow
    sections: list[SectionRow]


@dataclass(frozen=True, slots=True)
class Overview:
    """The plan at a glance: the stored documents and the tree of the one shown."""

    documents: list[DocumentRow]
    document: DocumentRow | None
    counts: Counts | None
    chapters: list[ChapterView]


def overview(store: Store, document: str | None = None) -> Overview:
    """The plan tree of one document (latest by default) with counts per section."""
    shown = latest_document(store, document)
    if shown is None:
        return Overview(store.documents(), None, None, [])
    sections_of = _by_key(store.sections(shown.id), lambda s: s.chapter_id)
    chapters = [
        ChapterView(chapter, sections_of.get(chapter.id, []))
        for chapter in store.elements("chapter", shown.id)
    ]
    return Overview(store.documents(), shown, store.counts(shown.id), chapters)


def _by_key(rows: Iterable[T], key: Callable[[T], str | None]) -> dict[str | None, list[T]]:
    grouped: dict[str | None, list[T]] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def _element_of_type(
    store: Store, element_id: str, element_type: str, document: str | None
) -> ElementRow:
    """One element that must be of ``element_type``; anything else is a QueryError."""
    document_id = resolve_document(store, document)
    try:
        row = store.element(element_id, document_id)
    except NotFound as error:
        raise UnknownId(f"no {element_type} with id {element_id!r}") from error
    except StoreError as error:  # the id is used by several documents
        raise QueryError(str(error)) from error
    if row.type != element_type:
        raise UnknownId(f"no {element_type} with id {element_id!r} (it is a {row.type})")
    return row


def _section_row(store: Store, document_id: str, section_id: str) -> SectionRow:
    for row in store.sections(document_id):
        if row.id == section_id:
            return row
    raise UnknownId(f"no section with id {section_id!r}")  # pragma: no cover - store invariant


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """A reference indicator with the observations (values) read from its bullet."""

    indicator: ElementRow
    observations: list[ElementRow]


@dataclass(frozen=True, slots=True)
class SubsectionView:
    """A subsection (①…) with its prose and the initiatives that pass the filters."""

    subsection: ElementRow
    paragraphs: list[ElementRow]
    initiatives: list[InitiativeRow]


@dataclass(frozen=True, slots=True)
class SectionView:
    """Everything a section page shows; ``initiatives`` are filtered by ministry and lead."""

    document: DocumentRow
    section: SectionRow
    chapter: ElementRow
    paragraphs: list[ElementRow]
    goals: list[ElementRow]
    targets: list[ElementRow]
    indicators: list[IndicatorView]
    subsections: list[SubsectionView]
    initiatives: list[InitiativeRow]
    ministry: str | None
    lead_only: bool
    footnotes: list[ElementRow]


def section(
    store: Store,
    section_id: str,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
) -> SectionView:
    """A section's goals, targets, indicators and (filtered) initiatives table."""
    row = _element_of_type(store, section_id, "section", document)
    if lead_only and ministry is None:
        raise QueryError("lead_only needs a ministry: lead of which ministry?")
    kids = _by_key(store.children(row.id, row.document_id), lambda k: k.type)
    picked = store.initiatives(row.id, ministry, lead_only, row.document_id)
    by_subsection = _by_key(picked, lambda i: i.subsection_id)
    subsections = [
        SubsectionView(
            sub,
            [k for k in store.children(sub.id, row.document_id) if k.type == "paragraph"],
            by_subsection.get(sub.id, []),
        )
        for sub in kids.get("subsection", [])
    ]
    indicators = [
        IndicatorView(ind, store.children(ind.id, row.document_id))
        for ind in kids.get("indicator", [])
    ]
    shown = [*kids.get("paragraph", []), *kids.get("goal", []), *kids.get("target", [])]
    shown += [i.indicator for i in indicators]
    sec = _section_row(store, row.document_id, row.id)
    return SectionView(
        document=store.document(row.document_id),
        section=sec,
        chapter=store.element(sec.chapter_id, row.document_id),
        paragraphs=kids.get("paragraph", []),
        goals=kids.get("goal", []),
        targets=kids.get("target", []),
        indicators=indicators,
        subsections=subsections,
        initiatives=picked,
        ministry=ministry,
        lead_only=lead_only,
        footnotes=_cited_footnotes(store, row.document_id, shown),
    )


def _cited_footnotes(
    store: Store, document_id: str, rows: Iterable[ElementRow]
) -> list[ElementRow]:
    """The footnotes the given elements cite, in footnote order."""
    numbers = {n for r in rows for n in r.footnotes}
    if not numbers:
        return []
    return [f for f in store.elements("footnote", document_id) if f.number in numbers]


@dataclass(frozen=True, slots=True)
class InitiativeView:
    """An initiative: commitment, status items, actions, place, source lines and footnotes."""

    document: DocumentRow
    initiative: ElementRow
    section: SectionRow
    subsection: ElementRow
    status_items: list[ElementRow]
    actions: list[ElementRow]
    source: list[SourceLine]
    footnotes: list[ElementRow]
    history: InitiativeHistory | None = None


def initiative(
    store: Store,
    initiative_id: str,
    document: str | None = None,
    with_history: bool = False,
    memo: EditionMemo | None = None,
) -> InitiativeView:
    """One initiative with everything under it, traced to its source lines.

    ``with_history`` adds the initiative in every stored edition of its report part
    (``initiative_history``; ``memo`` keeps loaded editions and diffs between calls).
    """
    row = _element_of_type(store, initiative_id, "initiative", document)
    doc_id = row.document_id
    kids = _by_key(store.children(row.id, doc_id), lambda k: k.type)
    subsection = store.element(row.parent_id or "", doc_id)
    status_items, actions = kids.get("status_item", []), kids.get("action", [])
    return InitiativeView(
        document=store.document(doc_id),
        initiative=row,
        section=_section_row(store, doc_id, subsection.parent_id or ""),
        subsection=subsection,
        status_items=status_items,
        actions=actions,
        source=store.source_lines(doc_id, row.span.first_line, row.span.last_line),
        footnotes=_cited_footnotes(store, doc_id, [row, *status_items, *actions]),
        history=initiative_history(store, row.id, doc_id, memo) if with_history else None,
    )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One observation of an indicator in some stored edition: a point of its series."""

    document: DocumentRow
    indicator_id: str
    observation: ElementRow


@dataclass(frozen=True, slots=True)
class IndicatorDetail:
    """An indicator page: its values, the same indicator in every stored edition, targets.

    ``series`` gathers the observations of indicators with the same name in all stored
    documents (each edition restates the latest values), without repeats, oldest period
    first. ``targets`` are the targets of the same section (or chapter) with the same name:
    the line a chart draws the values against.
    """

    document: DocumentRow
    indicator: ElementRow
    parent: ElementRow
    observations: list[ElementRow]
    series: list[SeriesPoint]
    targets: list[ElementRow]
    source: list[SourceLine]
    footnotes: list[ElementRow]


def indicator(
    store: Store, indicator_id: str, document: str | None = None, memo: EditionMemo | None = None
) -> IndicatorDetail:
    """One reference indicator with its series across editions and its target line.

    The series joins the values of same-named indicators in every stored document with the
    values matched to this indicator's observations edition by edition (``series``), so a
    renamed indicator keeps its history; ``memo`` keeps loaded editions and diffs.
    """
    row = _element_of_type(store, indicator_id, "indicator", document)
    doc_id = row.document_id
    name = str(row.attrs.get("name", ""))
    siblings = store.children(row.parent_id or "", doc_id)
    observations = store.children(row.id, doc_id)
    matched = _matched_points(store, row, observations, memo or EditionMemo())
    return IndicatorDetail(
        document=store.document(doc_id),
        indicator=row,
        parent=store.element(row.parent_id or "", doc_id),
        observations=observations,
        series=_series(store, name, row, matched),
        targets=[t for t in siblings if t.type == "target" and t.attrs.get("name") == name],
        source=store.source_lines(doc_id, row.span.first_line, row.span.last_line),
        footnotes=_cited_footnotes(store, doc_id, [row]),
    )


def _series(
    store: Store, name: str, shown: ElementRow, matched: list[SeriesPoint]
) -> list[SeriesPoint]:
    """Observations of same-named indicators in every stored document and the ``matched``
    ones, each value once."""
    found = list(matched)
    for doc in store.documents() if name else []:
        for ind in store.elements("indicator", doc.id):
            if ind.attrs.get("name") != name:
                continue
            found += [SeriesPoint(doc, ind.id, obs) for obs in store.children(ind.id, doc.id)]
    points: dict[tuple[object, ...], SeriesPoint] = {}
    for point in found:
        obs = point.observation
        if obs.quantity is None:
            continue
        key = (
            obs.attrs.get("label", ""),
            obs.quantity.value,
            obs.quantity.unit,
            obs.period.start if obs.period else None,
            obs.period.end if obs.period else None,
        )
        # the shown document's own reading wins over another edition's restatement
        if key not in points or point.document.id == shown.document_id:
            points[key] = point
    return sorted(points.values(), key=_point_order)


def _matched_points(
    store: Store, row: ElementRow, observations: list[ElementRow], memo: EditionMemo
) -> list[SeriesPoint]:
    """Every edition's value matched to one of ``observations`` (``analysis.series``)."""
    part = memo.part_of(store, row.document_id)
    if part is None or len(part.editions) < 2 or not observations:
        return []
    ids = [e.document_id for e in part.editions]
    editions = [memo.document(store, i) for i in ids]
    diffs = [memo.diff(store, old, new) for old, new in pairwise(ids)]
    own = {o.id for o in observations}
    rows = {d.id: d for d in store.documents()}
    points: list[SeriesPoint] = []
    for series in join_series(editions, diffs):
        if not any(p.element_id in own for p in series.points):
            continue
        for p in series.points:
            obs = store.element(p.element_id, p.document_id)
            points.append(SeriesPoint(rows[p.document_id], obs.parent_id or "", obs))
    return points


def _point_order(point: SeriesPoint) -> tuple[str, str]:
    period = point.observation.period
    return (period.end.isoformat() if period else "9999", point.observation.id)


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """An indicator in a list: where it sits and its observations."""

    indicator: ElementRow
    place: str
    observations: list[ElementRow]


def indicators(store: Store, document: str | None = None) -> list[IndicatorRow]:
    """Every reference indicator of one document with its values, in document order."""
    doc = _require_latest(store, document)
    places = _places(store, doc.id)
    observations = _by_key(store.elements("observation", doc.id), lambda o: o.parent_id)
    return [
        IndicatorRow(ind, places.get(ind.parent_id or "", ""), observations.get(ind.id, []))
        for ind in store.elements("indicator", doc.id)
    ]


@dataclass(frozen=True, slots=True)
class TargetRow:
    """A main-indicator target in a list, with where it sits (``2.(1)``)."""

    target: ElementRow
    place: str


def targets(store: Store, document: str | None = None) -> list[TargetRow]:
    """Every main-indicator target of one document with its place, in document order."""
    doc = _require_latest(store, document)
    places = _places(store, doc.id)
    return [
        TargetRow(t, places.get(t.parent_id or "", "")) for t in store.elements("target", doc.id)
    ]


@dataclass(frozen=True, slots=True)
class InitiativeList:
    """One page of a filtered initiatives list; ``total`` counts every row that passed."""

    document: DocumentRow
    total: int
    offset: int
    limit: int
    items: list[InitiativeRow]


def initiative_list(
    store: Store,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
    offset: int = 0,
    limit: int | None = None,
    plan: int | None = None,
) -> InitiativeList:
    """Initiatives of one document (latest by default, of ``plan`` if given), filtered, one
    page of them."""
    if lead_only and ministry is None:
        raise QueryError("lead_only needs a ministry: lead of which ministry?")
    doc = _require_latest(store, document, plan)
    rows = initiatives(store, section, ministry, lead_only, doc.id)
    end = None if limit is None else offset + limit
    return InitiativeList(
        doc, len(rows), offset, len(rows) if limit is None else limit, rows[offset:end]
    )


def _places(store: Store, document_id: str) -> dict[str, str]:
    """Chapter and section ids → labels as people cite them (``2.``, ``2.(1)``)."""
    places = {c.id: chapter_label(c.number or 0) for c in store.elements("chapter", document_id)}
    places.update({s.id: s.full_label for s in store.sections(document_id)})
    return places


def ministry_info(code: str) -> MinistryInfo | None:
    """The ministry dictionary's entry for a code (official names), or None if unknown."""
    return lookup_ministry(code)


@dataclass(frozen=True, slots=True)
class MinistrySummary:
    """A ministry code as tagged in one document, with its dictionary entry if known."""

    code: str
    info: MinistryInfo | None
    use: MinistryUse


def ministries(store: Store, document: str | None = None) -> list[MinistrySummary]:
    """Every ministry code tagged in one document, most tagged first."""
    doc = _require_latest(store, document)
    rows = [MinistrySummary(u.code, lookup_ministry(u.code), u) for u in store.ministry_use(doc.id)]
    return sorted(rows, key=lambda m: (-m.use.total, m.code))


@dataclass(frozen=True, slots=True)
class MinistryView:
    """A ministry page: what it leads and what it supports in one document."""

    document: DocumentRow
    code: str
    info: MinistryInfo | None
    use: MinistryUse
    lead: list[InitiativeRow]
    support: list[InitiativeRow]


def ministry(store: Store, code: str, document: str | None = None) -> MinistryView:
    """The initiatives a ministry leads (underlined) or supports, in one document."""
    doc = _require_latest(store, document)
    use = {u.code: u for u in store.ministry_use(doc.id)}.get(code)
    info = lookup_ministry(code)
    if use is None and info is None:
        raise UnknownId(f"no ministry with code {code!r} is known or tagged")
    rows = store.initiatives(ministry=code, document_id=doc.id)
    return MinistryView(
        document=doc,
        code=code,
        info=info,
        use=use or MinistryUse(code),
        lead=[r for r in rows if r.match is not None and r.match.lead],
        support=[r for r in rows if r.match is None or not r.match.lead],
    )


@dataclass(frozen=True, slots=True)
class DocumentPage:
    """A window of a document's source lines with its warnings (all of them, by line)."""

    document: DocumentRow
    counts: Counts
    lines: list[SourceLine]
    page: int
    pages: int
    warnings: list[WarningRow]


LINES_PER_PAGE = 1000


def page_of_line(line: int) -> int:
    """The page of a document view that shows ``line``."""
    return max(1, (line - 1) // LINES_PER_PAGE + 1)


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A stored document with how many elements of each type it holds."""

    document: DocumentRow
    counts: Counts


def document_list(store: Store, plan: int | None = None) -> list[DocumentSummary]:
    """Every stored document (of ``plan`` if given) with its counts, oldest edition first."""
    return [DocumentSummary(d, store.counts(d.id)) for d in documents(store, plan)]


def document_page(store: Store, document: str, page: int = 1) -> DocumentPage:
    """Source lines of one page (``LINES_PER_PAGE`` lines) and every warning of the document."""
    doc = _require_latest(store, document)
    pages = max(1, -(-doc.line_count // LINES_PER_PAGE))
    if not 1 <= page <= pages:
        raise QueryError(f"page {page} is out of range: the document has {pages} page(s)")
    first = (page - 1) * LINES_PER_PAGE + 1
    lines = store.source_lines(doc.id, first, first + LINES_PER_PAGE - 1) if doc.line_count else []
    return DocumentPage(doc, store.counts(doc.id), lines, page, pages, store.warnings(doc.id))


def source_lines(store: Store, document: str, first: int, last: int) -> list[SourceLine]:
    """Lines ``first``..``last`` of a document (clipped to it)."""
    if first < 1 or last < first:
        raise QueryError(f"bad line range {first}-{last}")
    doc = _require_latest(store, document)
    return store.source_lines(doc.id, first, last)


def editions(store: Store, plan: int | None = None) -> list[ReportPart]:
    """Stored follow-up reports grouped into report parts, each part's editions oldest first;
    parts are listed per plan, and only that plan's when ``plan`` is given."""
    documents = [
        store.load_document(d.id) for d in store.documents() if d.kind is DocumentKind.FOLLOWUP
    ]
    parts = report_parts(documents)
    return parts if plan is None else [p for p in parts if p.plan == plan]


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


class _Lru(Generic[K, V]):
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()`` (computed outside the lock), kept."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


class EditionMemo:
    """Loaded editions, report parts and edition diffs, kept between calls.

    Reading a document back and comparing two editions take tens to hundreds of milliseconds;
    pages that follow an element across editions need several of each. Document ids are
    content hashes, so nothing kept goes stale: documents and diffs are keyed on their ids,
    report parts on the ids of every stored document (an ingest changes the key). At most
    ``size`` documents and ``size`` diffs are kept, the least recently used dropped first. One
    memo serves one store; it is safe to share between threads.
    """

    def __init__(self, size: int = 32) -> None:
        self._documents: _Lru[str, Document] = _Lru(size)
        self._diffs: _Lru[tuple[str, str], EditionDiff] = _Lru(size)
        self._parts: _Lru[tuple[str, ...], list[ReportPart]] = _Lru(4)

    def document(self, store: Store, document_id: str) -> Document:
        """A stored document's tree."""
        return self._documents.get(document_id, lambda: store.load_document(document_id))

    def parts(self, store: Store) -> list[ReportPart]:
        """The report parts of the stored follow-up reports (as ``editions``)."""
        followups = tuple(d.id for d in store.documents() if d.kind is DocumentKind.FOLLOWUP)
        return self._parts.get(
            followups, lambda: report_parts([self.document(store, i) for i in followups])
        )

    def diff(self, store: Store, old_id: str, new_id: str) -> EditionDiff:
        """What changed from one stored edition to another (as ``diff``, by document id)."""
        return self._diffs.get(
            (old_id, new_id),
            lambda: compare(self.document(store, old_id), self.document(store, new_id)),
        )

    def part_of(self, store: Store, document_id: str) -> ReportPart | None:
        """The report part holding a document (None for a document that is in none)."""
        for part in self.parts(store):
            if any(e.document_id == document_id for e in part.editions):
                return part
        return None


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """An initiative in one edition of its report part, against the edition before.

    ``initiative`` is the matched row in this edition (None when the row is gone from it);
    ``change`` says what happened since ``previous`` (None for the first stored edition, which
    has nothing to be compared with); ``diff`` has the word-level differences of the
    commitment, each status item and action, and the ministries (None when there is nothing to
    compare, or when a whole section came or went). ``status_items`` and ``actions`` are this
    edition's own, as stored.
    """

    edition: EditionInfo
    shown: bool
    initiative: ElementRow | None
    where: str
    previous: EditionInfo | None
    change: Change | None
    diff: InitiativeDiff | None
    status_items: list[ElementRow]
    actions: list[ElementRow]


@dataclass(frozen=True, slots=True)
class InitiativeHistory:
    """An initiative followed through the editions of its report part, oldest first.

    The chain goes back from the edition shown while the edition before has a matched row, and
    forward while the next one does, ending with a step whose ``initiative`` is None when the
    row was removed (``docs/editions.md`` says how rows are matched). ``editions`` counts the
    stored editions of the part.
    """

    initiative_id: str
    part: str
    editions: int
    steps: list[HistoryStep]


def _initiative_diffs(diff: EditionDiff) -> Iterator[InitiativeDiff]:
    for chapter in diff.chapters:
        for section in chapter.sections:
            for subsection in section.subsections:
                yield from subsection.initiatives


def _find_initiative(
    diff: EditionDiff, old_id: str | None = None, new_id: str | None = None
) -> InitiativeDiff | None:
    """The row of ``diff`` whose old (or new) side is the given initiative."""
    for row in _initiative_diffs(diff):
        side = row.pair.old if old_id is not None else row.pair.new
        if side is not None and side.id == (old_id or new_id):
            return row
    return None


def initiative_history(
    store: Store,
    initiative_id: str,
    document: str | None = None,
    memo: EditionMemo | None = None,
) -> InitiativeHistory:
    """One initiative through every stored edition of its report part (see ``HistoryStep``).

    Consecutive editions are compared as ``diff`` does; pass the same ``memo`` between calls
    to keep loaded editions and their diffs.
    """
    row = _element_of_type(store, initiative_id, "initiative", document)
    memo = memo or EditionMemo()
    part = memo.part_of(store, row.document_id)
    if part is None:  # pragma: no cover - an initiative is always in a follow-up report
        return InitiativeHistory(row.id, "", 0, [])
    walk = _HistoryWalk(store, memo, list(part.editions), row)
    steps = [*reversed(walk.back()), *walk.forward()]
    return InitiativeHistory(row.id, part.key, len(part.editions), steps)


class _HistoryWalk:
    """Follows one initiative from the edition shown back to where it was added and forward
    to where it was removed, one pair of consecutive editions at a time."""

    def __init__(
        self, store: Store, memo: EditionMemo, editions: list[EditionInfo], row: ElementRow
    ) -> None:
        self.store, self.memo, self.editions, self.row = store, memo, editions, row
        self.ids = [e.document_id for e in editions]
        self.at = self.ids.index(row.document_id)

    def back(self) -> list[HistoryStep]:
        """The shown edition and the earlier ones while the row is matched, newest first."""
        steps: list[HistoryStep] = []
        current, k = self.row.id, self.at
        while True:
            if k == 0:
                steps.append(self.step(k, current, None, None, _where(self.store, self.row)))
                return steps
            diff = self.memo.diff(self.store, self.ids[k - 1], self.ids[k])
            found = _find_initiative(diff, new_id=current)
            steps.append(
                self.step(k, current, found, Change.ADDED if found is None else found.change)
            )
            if found is None or found.pair.old is None:
                return steps
            current, k = found.pair.old.id, k - 1

    def forward(self) -> list[HistoryStep]:
        """The later editions while the row is matched, oldest first, ending at its removal."""
        steps: list[HistoryStep] = []
        following: str | None = self.row.id
        k = self.at
        while following is not None and k + 1 < len(self.ids):
            diff = self.memo.diff(self.store, self.ids[k], self.ids[k + 1])
            found = _find_initiative(diff, old_id=following)
            following = None if found is None or found.pair.new is None else found.pair.new.id
            change = Change.REMOVED if found is None else found.change
            steps.append(self.step(k + 1, following, found, change))
            k += 1
        return steps

    def step(
        self,
        k: int,
        element_id: str | None,
        found: InitiativeDiff | None,
        change: Change | None,
        where: str = "",
    ) -> HistoryStep:
        """Edition ``k`` of the walk: its row (if any), its children and what changed."""
        doc_id = self.ids[k]
        store = self.store
        element = None if element_id is None else store.element(element_id, doc_id)
        kids = _by_key(store.children(element_id, doc_id) if element_id else [], lambda e: e.type)
        if not where and found is not None:
            ref = found.pair.new or found.pair.old
            where = "" if ref is None else ref.where
        return HistoryStep(
            edition=self.editions[k],
            shown=k == self.at,
            initiative=element,
            where=where,
            previous=self.editions[k - 1] if k > 0 else None,
            change=change,
            diff=found,
            status_items=kids.get("status_item", []),
            actions=kids.get("action", []),
        )


def _where(store: Store, initiative: ElementRow) -> str:
    """``2.(1)①3``: where an initiative sits, as the diff reports write it."""
    subsection = store.element(initiative.parent_id or "", initiative.document_id)
    section = _section_row(store, initiative.document_id, subsection.parent_id or "")
    return f"{section.full_label}{_circled(subsection.number or 0)}{initiative.number}"


def _circled(number: int) -> str:
    return CIRCLED[number - 1] if 1 <= number <= len(CIRCLED) else f"[{number}]"


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
        folder = Path(__file__).resolve().parents[2] / "samples"
    texts = sorted(folder.glob("*.txt")) + sorted(folder.glob("excerpts/*.txt"))
    return [p.with_suffix(".pdf") if p.with_suffix(".pdf").is_file() else p for p in texts]


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


def progress(
    store: Store, section: str | None = None, document: str | None = None, plan: int | None = None
) -> Progress:
    """Progress of every main target (and dated commitment) of the stored follow-up reports
    (those of ``plan`` if given).

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
        if (wanted is not None and doc.id != wanted) or (plan is not None and doc.plan != plan):
            continue
        history = _history(doc, followups)
        assessments += [
            a for a in assess_document(doc, history=history) if _in_section(a.target_id, section)
        ]
        commitments += [c for c in assess_commitments(doc) if _in_section(c.initiative_id, section)]
    return Progress(assessments, commitments)


def document_progress(store: Store, document: str | None = None) -> Progress:
    """Progress of the targets and dated commitments of one document (latest by default)."""
    shown = latest_document(store, document)
    return Progress([], []) if shown is None else progress(store, None, shown.id)


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
                    Point(p.quantity.value, unit_of(p.quantity), p.period, p.element_id, p.text)
                    for p in earlier
                    if p.quantity is not None and p.period is not None
                ]
        return history
    return {}


# -- search ---------------------------------------------------------------------------------------

MAX_SEARCH_LIMIT = 1000
MAX_SEARCH_OFFSET = 1_000_000
"""Deepest page start a search accepts (beyond it, a narrower query serves better)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One search result: the element found, where it is, how well it matched, and a snippet.

    ``score`` is higher for better matches (BM25); ``type_rank`` is the hit's place among the
    hits of its type (1 = the best of its type), the round in which the ranking shows it
    (``docs/search.md``); ``snippet`` holds plain-text segments with the found words flagged,
    for presenters to render (and escape) as they need.
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
        raise QueryError("--lead-only needs --ministry: lead of which ministry?")
    if element_type is not None and element_type not in SEARCH_TYPES:
        raise QueryError(
            f"unknown element type {element_type!r}: use one of {', '.join(SEARCH_TYPES)}"
        )
    if not 1 <= limit <= MAX_SEARCH_LIMIT:
        raise QueryError(f"limit must be between 1 and {MAX_SEARCH_LIMIT}, not {limit}")
    if not 0 <= offset <= MAX_SEARCH_OFFSET:
        raise QueryError(f"offset must be between 0 and {MAX_SEARCH_OFFSET}, not {offset}")
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
        plan=plan,
    )
    return [_hit(row, prepared) for row in store.search(prepared, filters, limit, offset)]


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


def search_choices(store: Store) -> SearchChoices:
    """The filters a search form can offer for what is stored."""
    stored = store.documents()
    sections: dict[tuple[int, int], str] = {}
    uses: dict[str, int] = {}
    for doc in stored:
        for row in store.sections(doc.id):
            sections[(row.chapter_number, row.number)] = row.full_label
        for use in store.ministry_use(doc.id):
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


# -- briefings on the dashboard: a deck's slides and blocks, its targets ----------------------


@dataclass(frozen=True, slots=True)
class BriefingView:
    """A briefing (slide deck) as the dashboard shows it: its slides with their blocks, in
    reading order, the warnings of each block's lines, and its numeric targets."""

    document: DocumentRow
    slides: list[Slide]
    warnings: list[WarningRow]
    targets: list[TargetView]

    def block_warnings(self, block: Block) -> list[WarningRow]:
        """The warnings reported on the lines of one block (garbling, repairs, merged cells)."""
        span = block.span
        return [w for w in self.warnings if span.first_line <= w.line <= span.last_line]


def _require_briefing(store: Store, document: str) -> DocumentRow:
    """The briefing named by ``document``; a follow-up report is not one (``UnknownId``)."""
    document_id = resolve_document(store, document)
    if document_id is None:  # pragma: no cover - only a None reference resolves to None
        raise QueryError("a briefing needs a document")
    row = store.document(document_id)
    if row.kind is not DocumentKind.SLIDES:
        raise UnknownId(f"{row.source_name!r} is not a briefing (slide deck)")
    return row


def briefing(store: Store, document: str) -> BriefingView:
    """One briefing's slides and blocks (garbled ones included, flagged), its warnings and its
    numeric targets; a document that is not a briefing is ``UnknownId``."""
    row = _require_briefing(store, document)
    loaded = store.load_document(row.id)
    return BriefingView(row, loaded.slides, store.warnings(row.id), numeric_targets(store, row.id))


def briefing_targets(store: Store, document: str) -> list[TargetView]:
    """The numeric targets extracted from one briefing, in reading order."""
    return numeric_targets(store, _require_briefing(store, document).id)


# --- what presenters see of the layers below -------------------------------------------------
# Presenters (cli, web, exports) import only this module and ``stiplan.model``
# (tests/unit/test_layers.py): the view types, result types and errors they use from the store
# and the analyses are re-exported here (``X as X``: an explicit re-export for mypy --strict).
# Each is imported here only, not at the top (mypy keeps a name's first import), so this list
# is the whole of what presenters see from below; the functions above use them as well.
# The query layer's errors are ``QueryError`` (``UnknownId``), ``StoreError`` (``NotFound``),
# ``IngestError`` and ``SearchQueryError``.

from stiplan.analysis.editions import ChapterDiff as ChapterDiff  # noqa: E402
from stiplan.analysis.editions import Difference as Difference  # noqa: E402
from stiplan.analysis.editions import EditionDiff as EditionDiff  # noqa: E402
from stiplan.analysis.editions import EditionInfo as EditionInfo  # noqa: E402
from stiplan.analysis.editions import IndicatorDiff as IndicatorDiff  # noqa: E402
from stiplan.analysis.editions import ObservationDiff as ObservationDiff  # noqa: E402
from stiplan.analysis.editions import Pair as Pair  # noqa: E402
from stiplan.analysis.editions import Ref as Ref  # noqa: E402
from stiplan.analysis.editions import ReportPart as ReportPart  # noqa: E402
from stiplan.analysis.editions import SectionCounts as SectionCounts  # noqa: E402
from stiplan.analysis.editions import SectionDiff as SectionDiff  # noqa: E402
from stiplan.analysis.editions import TargetDiff as TargetDiff  # noqa: E402
from stiplan.analysis.editions import Value as Value  # noqa: E402
from stiplan.analysis.editions import chapter_differences as chapter_differences  # noqa: E402
from stiplan.analysis.editions import differences as differences  # noqa: E402
from stiplan.analysis.editions import footnote_differences as footnote_differences  # noqa: E402
from stiplan.analysis.editions import matches as matches  # noqa: E402
from stiplan.analysis.editions import section_differences as section_differences  # noqa: E402
from stiplan.analysis.progress import Assessment as Assessment  # noqa: E402
from stiplan.analysis.progress import CommitmentStatus as CommitmentStatus  # noqa: E402
from stiplan.analysis.progress import Point as Point  # noqa: E402
from stiplan.analysis.progress import Status as Status  # noqa: E402
from stiplan.analysis.similarity import Segment as Segment  # noqa: E402
from stiplan.analysis.similarity import SegmentOp as SegmentOp  # noqa: E402
from stiplan.ingest import IngestError as IngestError  # noqa: E402
from stiplan.ingest import ReadOptions as ReadOptions  # noqa: E402
from stiplan.normalize.numbers import format_quantity as format_quantity  # noqa: E402
from stiplan.page_cache import PageImageCache as PageImageCache  # noqa: E402
from stiplan.search import SearchQueryError as SearchQueryError  # noqa: E402
from stiplan.store import ElementRow as ElementRow  # noqa: E402
from stiplan.store import InitiativeRow as InitiativeRow  # noqa: E402
from stiplan.store import NotFound as NotFound  # noqa: E402
from stiplan.store import SectionRow as SectionRow  # noqa: E402
from stiplan.store import SourceLine as SourceLine  # noqa: E402
from stiplan.store import Store as Store  # noqa: E402
from stiplan.store import StoreError as StoreError  # noqa: E402
from stiplan.store import WarningRow as WarningRow  # noqa: E402
