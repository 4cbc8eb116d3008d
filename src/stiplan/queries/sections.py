"""The plan tree of one document: the overview, a section page, an initiative page and
filtered lists of sections and initiatives."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from stiplan.analysis.progress import Assessment, CommitmentStatus
from stiplan.queries.base import (
    QueryError,
    by_key,
    cited_footnotes,
    element_of_type,
    latest_document,
    plan_ids,
    require_latest,
    require_section,
    resolve_document,
    section_row,
)
from stiplan.queries.editions import InitiativeHistory, initiative_history
from stiplan.queries.memo import EditionMemo
from stiplan.queries.ministries import (
    MinistrySummary,
    ministries,
    ministry_info,
    resolve_ministry,
)
from stiplan.queries.paging import PageOutOfRange
from stiplan.queries.progress import status_counts
from stiplan.store import (
    Counts,
    DocumentRow,
    ElementRow,
    InitiativeRow,
    SectionRow,
    SourceLine,
    StoreInterface,
)


def sections(
    store: StoreInterface, document: str | None = None, plan: int | None = None
) -> list[SectionRow]:
    """Sections with their counts, of one document or all (of one plan if given)."""
    rows = store.sections(resolve_document(store, document))
    ids = plan_ids(store, plan)
    return rows if ids is None else [r for r in rows if r.document_id in ids]


def document_sections(
    store: StoreInterface, document: str | None = None, plan: int | None = None
) -> list[SectionRow]:
    """Sections of one document (latest by default, of ``plan`` if given); none when there is
    no such document."""
    shown = latest_document(store, document, plan)
    return [] if shown is None else store.sections(shown.id)


def initiatives(
    store: StoreInterface,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
    plan: int | None = None,
) -> list[InitiativeRow]:
    """Initiatives filtered by section label, ministry code (lead only if asked), document and
    Basic Plan."""
    if lead_only and ministry is None:
        raise QueryError(
            "--lead-only には --ministry が必要です（どの府省の主担当か）"
            " / --lead-only needs --ministry: lead of which ministry?"
        )
    code = None if ministry is None else resolve_ministry(ministry)
    document_id = resolve_document(store, document)
    rows = store.initiatives(section, code, lead_only, document_id)
    if not rows:
        require_section(store, section, document_id)
    ids = plan_ids(store, plan)
    return rows if ids is None else [r for r in rows if r.document_id in ids]


@dataclass(frozen=True, slots=True)
class ChapterView:
    """A chapter with its sections and their counts: one branch of the plan tree."""

    chapter: ElementRow
    sections: list[SectionRow]


@dataclass(frozen=True, slots=True)
class Overview:
    """The plan at a glance: the stored documents and the tree of the one shown, with how
    many targets of each section have each progress status (``statuses``: section id →
    ``(status, count)`` in the order of ``Status``)."""

    documents: list[DocumentRow]
    document: DocumentRow | None
    counts: Counts | None
    chapters: list[ChapterView]
    statuses: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def overview(
    store: StoreInterface, document: str | None = None, memo: EditionMemo | None = None
) -> Overview:
    """The plan tree of one document (latest by default) with counts and progress statuses per
    section (``memo`` keeps the progress between calls)."""
    shown = latest_document(store, document)
    if shown is None:
        return Overview(store.documents(), None, None, [])
    sections_of = by_key(store.sections(shown.id), lambda s: s.chapter_id)
    chapters = [
        ChapterView(chapter, sections_of.get(chapter.id, []))
        for chapter in store.elements("chapter", shown.id)
    ]
    statuses = status_counts((memo or EditionMemo()).progress(store, shown.id))
    return Overview(store.documents(), shown, store.counts(shown.id), chapters, statuses)


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
    """Everything a section page shows; ``initiatives`` are filtered by ministry and lead.

    ``choices`` are the ministries the filter offers (those tagged in the document);
    ``assessments`` the progress of the section's targets and ``commitments`` that of the
    dated commitments of the initiatives shown.
    """

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
    choices: list[MinistrySummary]
    assessments: list[Assessment]
    commitments: list[CommitmentStatus]


def section(
    store: StoreInterface,
    section_id: str,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
    memo: EditionMemo | None = None,
) -> SectionView:
    """A section's goals, targets, indicators and (filtered) initiatives table, with their
    progress (``memo`` keeps it between calls) and the ministries to filter by."""
    row = element_of_type(store, section_id, "section", document)
    if lead_only and ministry is None:
        raise QueryError(
            "lead_only には府省の指定が必要です（どの府省の主担当か）"
            " / lead_only needs a ministry: lead of which ministry?"
        )
    kids = by_key(store.children(row.id, row.document_id), lambda k: k.type)
    code = None if ministry is None else resolve_ministry(ministry)
    picked = store.initiatives(row.id, code, lead_only, row.document_id)
    by_subsection = by_key(picked, lambda i: i.subsection_id)
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
    sec = section_row(store, row.document_id, row.id)
    found = (memo or EditionMemo()).progress(store, row.document_id)
    shown_ids = {i.id for i in picked}
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
        footnotes=cited_footnotes(store, row.document_id, shown),
        choices=ministries(store, row.document_id),
        assessments=[a for a in found.assessments if a.section_id == row.id],
        commitments=[c for c in found.commitments if c.initiative_id in shown_ids],
    )


@dataclass(frozen=True, slots=True)
class InitiativeView:
    """An initiative: commitment, status items, actions, place, source lines and footnotes;
    its history across editions when asked for, and the progress of its dated commitment
    (``commitment``, None when it has no deadline to assess)."""

    document: DocumentRow
    initiative: ElementRow
    section: SectionRow
    subsection: ElementRow
    status_items: list[ElementRow]
    actions: list[ElementRow]
    source: list[SourceLine]
    footnotes: list[ElementRow]
    history: InitiativeHistory | None = None
    commitment: CommitmentStatus | None = None


def initiative(
    store: StoreInterface,
    initiative_id: str,
    document: str | None = None,
    with_history: bool = False,
    memo: EditionMemo | None = None,
) -> InitiativeView:
    """One initiative with everything under it, traced to its source lines.

    ``with_history`` adds the initiative in every stored edition of its report part
    (``initiative_history``); ``memo`` keeps loaded editions, diffs and progress between calls.
    """
    row = element_of_type(store, initiative_id, "initiative", document)
    doc_id = row.document_id
    memo = memo or EditionMemo()
    progress = memo.progress(store, doc_id)
    kids = by_key(store.children(row.id, doc_id), lambda k: k.type)
    subsection = store.element(row.parent_id or "", doc_id)
    status_items, actions = kids.get("status_item", []), kids.get("action", [])
    return InitiativeView(
        document=store.document(doc_id),
        initiative=row,
        section=section_row(store, doc_id, subsection.parent_id or ""),
        subsection=subsection,
        status_items=status_items,
        actions=actions,
        source=store.source_lines(doc_id, row.span.first_line, row.span.last_line),
        footnotes=cited_footnotes(store, doc_id, [row, *status_items, *actions]),
        history=initiative_history(store, row.id, doc_id, memo) if with_history else None,
        commitment=next((c for c in progress.commitments if c.initiative_id == row.id), None),
    )


@dataclass(frozen=True, slots=True)
class FacetCount:
    """How many of the initiatives that passed the filters carry one value (a ministry code,
    a section id), with its label (a ministry's official name, a section's ``1.(2)``)."""

    key: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class InitiativeList:
    """One page of a filtered initiatives list; ``total`` counts every row that passed.

    ``ministry`` is the code the ministry filter resolved to (an official name becomes its
    code); ``by_ministry`` and ``by_section`` count every row that passed (not only this page)
    per ministry tagged on the initiative or its actions and per section, most first.
    """

    document: DocumentRow
    total: int
    offset: int
    limit: int
    items: list[InitiativeRow]
    ministry: str | None = None
    by_ministry: list[FacetCount] = field(default_factory=list)
    by_section: list[FacetCount] = field(default_factory=list)


def initiative_list(
    store: StoreInterface,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
    offset: int = 0,
    limit: int | None = None,
    plan: int | None = None,
    memo: EditionMemo | None = None,
) -> InitiativeList:
    """Initiatives of one document (latest by default, of ``plan`` if given), filtered, one
    page of them; a ``memo`` kept between calls (the web app's) keeps the document's list
    under each filter, so that another page or the same page again reads nothing more."""
    if lead_only and ministry is None:
        raise QueryError(
            "lead_only には府省の指定が必要です（どの府省の主担当か）"
            " / lead_only needs a ministry: lead of which ministry?"
        )
    doc = require_latest(store, document, plan)
    code = None if ministry is None else resolve_ministry(ministry)
    listing = (memo or EditionMemo()).initiative_listing(store, doc.id, section, code, lead_only)
    rows = listing.rows
    if not rows:
        require_section(store, section, doc.id)
    if offset and offset >= len(rows):
        raise PageOutOfRange(
            f"表示位置{offset}は範囲外です（全{len(rows)}件）"
            f" / offset {offset} is past the end ({len(rows)} rows)"
        )
    end = None if limit is None else offset + limit
    return InitiativeList(
        doc,
        len(rows),
        offset,
        len(rows) if limit is None else limit,
        rows[offset:end],
        code,
        _ministry_counts(rows, listing.codes),
        _section_counts(rows),
    )


def _ministry_counts(
    rows: list[InitiativeRow], codes: dict[tuple[str, str], tuple[str, ...]]
) -> list[FacetCount]:
    """Per ministry: how many of ``rows`` name it on the initiative or on one of its actions
    (what the ministry filter matches, so a count is what filtering by that ministry among
    these rows gives). The codes come with the list (``Store.initiative_listing``): no read of
    the document's actions, no query per ministry."""
    counts: Counter[str] = Counter()
    for r in rows:
        counts.update(codes.get((r.document_id, r.id), ()))
    return [
        FacetCount(code, info.name_ja if (info := ministry_info(code)) else code, n)
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _section_counts(rows: list[InitiativeRow]) -> list[FacetCount]:
    """Per section: the rows under it, in document order."""
    counts: Counter[str] = Counter(r.section_id for r in rows)
    labels = {r.section_id: r.section_label for r in rows}
    return [FacetCount(key, labels[key], n) for key, n in counts.items()]
