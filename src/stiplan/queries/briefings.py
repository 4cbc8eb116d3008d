"""Briefings (slide decks) and what is read from them: named programmes with their links to
follow-up reports, the timeline of dated decisions, numeric targets, a deck's slides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stiplan.analysis.links import ProgrammeLink
from stiplan.model import (
    Block,
    DocumentKind,
    Period,
    Programme,
    ProgrammeKind,
    Quantity,
    Slide,
    Span,
)
from stiplan.queries.base import QueryError, UnknownId, resolve_document
from stiplan.queries.memo import EditionMemo
from stiplan.queries.paging import PER_PAGE, Paging, check_bounds, page_of, paging_of
from stiplan.store import (
    DecisionGroupRow,
    DocumentRow,
    Found,
    ProgrammeMentionRow,
    StoreInterface,
    WarningRow,
)


@dataclass(frozen=True, slots=True)
class MentionPlace:
    """Where something is named: the document, the element or block, the lines."""

    document_id: str
    source_name: str
    document_kind: DocumentKind
    element_id: str
    span: Span
    text: str
    document_title: str = ""


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
    store: StoreInterface,
    document: str | None = None,
    linked_only: bool = False,
    memo: EditionMemo | None = None,
) -> list[ProgrammeView]:
    """Programmes named in the store (or in one document), with their links to follow-ups;
    each place once (mentions on the same first line of one document are one place, as in
    ``Store.programme_mentions``).

    Ordered by how many documents name them, then by name. ``linked_only`` keeps the
    programmes that at least one follow-up element mentions. Linking reads every stored
    follow-up report; a ``memo`` kept between calls (the web app's) keeps the links for as
    long as the same reports and names are stored.
    """
    found = store.programmes(resolve_document(store, document))
    by_name: dict[str, list[Found[Programme]]] = {}
    seen: set[tuple[str, str, int]] = set()
    for f in found:  # each place once: a table row's initiative, status and action are one
        place = (f.item.name, f.document_id, f.item.span.first_line)
        if place not in seen:
            seen.add(place)
            by_name.setdefault(f.item.name, []).append(f)
    links: dict[str, list[ProgrammeLink]] = {}
    for link in (memo or EditionMemo()).links(store, tuple(by_name)):
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
                    f.document_title,
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
    document_title: str = ""


def timeline(
    store: StoreInterface,
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
            f.document_title,
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


def numeric_targets(store: StoreInterface, document: str) -> list[TargetView]:
    """The numeric targets of one document, in reading order (``stiplan targets``).

    For a briefing these are the extracted ``NumericTarget``s; for a follow-up report, the
    targets (主要指標) its reader read, so one command answers for either kind.
    """
    document_id = resolve_document(store, document)
    if document_id is None:
        raise QueryError(
            "数値目標の一覧には文書（--document）の指定が必要です"
            " / targets need a document (--document)"
        )
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


def _require_briefing(store: StoreInterface, document: str) -> DocumentRow:
    """The briefing named by ``document``; a follow-up report is not one (``UnknownId``)."""
    document_id = resolve_document(store, document)
    if document_id is None:  # pragma: no cover - only a None reference resolves to None
        raise QueryError("説明資料の文書を指定してください / a briefing needs a document")
    row = store.document(document_id)
    if row.kind is not DocumentKind.SLIDES:
        raise UnknownId(
            f"{row.source_name!r} は説明資料（スライド）ではありません"
            f" / {row.source_name!r} is not a briefing (slide deck)"
        )
    return row


def briefing(store: StoreInterface, document: str) -> BriefingView:
    """One briefing's slides and blocks (garbled ones included, flagged), its warnings and its
    numeric targets; a document that is not a briefing is ``UnknownId``."""
    row = _require_briefing(store, document)
    loaded = store.load_document(row.id)
    return BriefingView(row, loaded.slides, store.warnings(row.id), numeric_targets(store, row.id))


def briefing_targets(store: StoreInterface, document: str) -> list[TargetView]:
    """The numeric targets extracted from one briefing, in reading order."""
    return numeric_targets(store, _require_briefing(store, document).id)


TIMELINE_SOURCES = 5
"""Sources listed under one decision (newest edition first); ``source_count`` says how many."""


@dataclass(frozen=True, slots=True)
class ProgrammeList:
    """One page of programme mentions, one row per place a document names a programme
    (``Store.programme_mentions``), and where the page sits in the whole list."""

    paging: Paging
    rows: list[ProgrammeMentionRow]


@dataclass(frozen=True, slots=True)
class ProgrammesPage:
    """The programmes page: one page of mentions and the documents it can be narrowed to."""

    documents: list[DocumentRow]
    listing: ProgrammeList


def programme_list(
    store: StoreInterface,
    document: str | None = None,
    linked_only: bool = False,
    page: int = 1,
    per_page: int = PER_PAGE,
    memo: EditionMemo | None = None,
) -> ProgrammeList:
    """Page ``page`` of the places where documents name programmes (each place once,
    programmes named in most documents first); ``linked_only`` keeps the programmes that a
    follow-up report names too. Grouped and paged in the store; with a ``memo`` kept between
    calls (the web app's) the whole grouped list is kept per stored documents and a page is a
    slice of it, so a page's cost does not grow with the archive."""
    check_bounds(page, per_page)
    document_id = resolve_document(store, document)
    if memo is None:
        offset = (page - 1) * per_page
        found = store.programme_mentions(document_id, linked_only, offset, per_page)
        return ProgrammeList(paging_of(page, per_page, found.total), found.rows)
    return ProgrammeList(
        *page_of(memo.programme_places(store, document_id, linked_only), page, per_page)
    )


def programmes_page(
    store: StoreInterface,
    document: str | None = None,
    linked_only: bool = False,
    page: int = 1,
    per_page: int = PER_PAGE,
    memo: EditionMemo | None = None,
) -> ProgrammesPage:
    """``programme_list`` and the stored documents to choose from."""
    listing = programme_list(store, document, linked_only, page, per_page, memo)
    return ProgrammesPage(store.documents(), listing)


@dataclass(frozen=True, slots=True)
class TimelineList:
    """One page of the timeline: one row per decision across documents with its first
    sources (``Store.decision_groups``), and where the page sits in the whole list."""

    paging: Paging
    rows: list[DecisionGroupRow]


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """The timeline page: one page of decisions and the documents it can be narrowed to."""

    documents: list[DocumentRow]
    listing: TimelineList


def timeline_list(
    store: StoreInterface,
    document: str | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    memo: EditionMemo | None = None,
) -> TimelineList:
    """Page ``page`` of the decisions across all documents (or one), oldest first, each
    decision once however many documents state it (same date, what and verb), with up to
    ``TIMELINE_SOURCES`` of its sources; ``since``/``until`` keep the decisions whose date
    overlaps that stretch. Grouped and paged in the store, or sliced from the whole list a
    ``memo`` keeps (as ``programme_list``)."""
    check_bounds(page, per_page)
    document_id = resolve_document(store, document)
    if memo is None:
        offset = (page - 1) * per_page
        found = store.decision_groups(document_id, since, until, offset, per_page, TIMELINE_SOURCES)
        return TimelineList(paging_of(page, per_page, found.total), found.rows)
    return TimelineList(
        *page_of(memo.decision_groups(store, document_id, since, until), page, per_page)
    )


def timeline_page(
    store: StoreInterface,
    document: str | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
    memo: EditionMemo | None = None,
) -> TimelinePage:
    """``timeline_list`` and the stored documents to choose from."""
    listing = timeline_list(store, document, since, until, page, per_page, memo)
    return TimelinePage(store.documents(), listing)
