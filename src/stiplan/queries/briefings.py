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
from stiplan.store import DocumentRow, Found, StoreInterface, WarningRow


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
    """Programmes named in the store (or in one document), with their links to follow-ups.

    Ordered by how many documents name them, then by name. ``linked_only`` keeps the
    programmes that at least one follow-up element mentions. Linking reads every stored
    follow-up report; a ``memo`` kept between calls (the web app's) keeps the links for as
    long as the same reports and names are stored.
    """
    found = store.programmes(resolve_document(store, document))
    by_name: dict[str, list[Found[Programme]]] = {}
    for f in found:
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
        raise QueryError("a briefing needs a document")
    row = store.document(document_id)
    if row.kind is not DocumentKind.SLIDES:
        raise UnknownId(f"{row.source_name!r} is not a briefing (slide deck)")
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


@dataclass(frozen=True, slots=True)
class ProgrammesPage:
    """The programmes page: the programmes named (``programmes``) and the documents it can
    be narrowed to."""

    documents: list[DocumentRow]
    rows: list[ProgrammeView]


def programmes_page(
    store: StoreInterface,
    document: str | None = None,
    linked_only: bool = False,
    memo: EditionMemo | None = None,
) -> ProgrammesPage:
    """Programmes named in the store (or in one document) with their links, as ``programmes``,
    and the stored documents to choose from."""
    return ProgrammesPage(store.documents(), programmes(store, document, linked_only, memo))


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """The timeline page: the dated decisions (``timeline``) and the documents it can be
    narrowed to."""

    documents: list[DocumentRow]
    rows: list[DecisionView]


def timeline_page(
    store: StoreInterface,
    document: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> TimelinePage:
    """Dated decisions across all documents (or one), oldest first, as ``timeline``, and the
    stored documents to choose from."""
    return TimelinePage(store.documents(), timeline(store, document, since, until))
