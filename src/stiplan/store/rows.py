"""What the read functions return: small frozen dataclasses, never raw tuples.

They are the store's answer to the query layer. Each carries ids and spans so that a presenter
can always link a fact back to its element and its source lines.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from stiplan.model import (
    Deadline,
    DocumentKind,
    MinistryRef,
    Period,
    ProgrammeKind,
    Quantity,
    Span,
    chapter_label,
)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ``Store.ingest`` did: ``created`` is False when the same content was already stored."""

    document_id: str
    created: bool


@dataclass(frozen=True, slots=True)
class FileRow:
    """A document's kept original file (a PDF), without its bytes: ``sha256`` names them."""

    document_id: str
    media_type: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One stored document without its tree; ``ingested_at`` is an ISO 8601 UTC timestamp;
    ``plan`` the ordinal of its Basic Plan (None when unknown); ``title`` and ``date`` what the
    document states or ingest was given (``date`` None when neither said)."""

    id: str
    kind: DocumentKind
    source_name: str
    content_hash: str
    title: str
    edition: str
    ingested_at: str
    line_count: int
    plan: int | None = None
    date: datetime.date | None = None  # ``datetime.``: pydantic reads it in the class

    @property
    def name(self) -> str:
        """What people call the document: its title, else its file name (a store written
        before titles were read may hold an empty one)."""
        return self.title or self.source_name


@dataclass(frozen=True, slots=True)
class SectionRow:
    """A section with the sizes people look at first."""

    id: str
    document_id: str
    chapter_id: str
    chapter_number: int
    number: int
    title: str
    span: Span
    subsection_count: int
    initiative_count: int
    target_count: int
    indicator_count: int

    @property
    def label(self) -> str:
        """The section within its chapter, e.g. ``(2)`` (as ``model.Section.label``)."""
        return f"({self.number})"

    @property
    def full_label(self) -> str:
        """The section across the document, e.g. ``1.(2)``."""
        return f"{chapter_label(self.chapter_number)}{self.label}"


@dataclass(frozen=True, slots=True)
class MinistryMatch:
    """Where the ministry asked for appears on an initiative.

    ``on_initiative``: in the initiative's own tag; ``action_ids``: the actions that name it;
    ``lead``: underlined (lead) in at least one of those places.
    """

    code: str
    on_initiative: bool
    action_ids: tuple[str, ...]
    lead: bool


@dataclass(frozen=True, slots=True)
class InitiativeListing:
    """Initiatives as ``Store.initiatives`` lists them, and per initiative (document id, id)
    the ministry codes tagged on it or on one of its actions, each once, in tag order.

    Those codes are what the ministry filter matches, so counting a list per ministry needs
    them; they come from the one tag query the list runs anyway, instead of reading every
    action of the document again.
    """

    rows: list[InitiativeRow]
    codes: dict[tuple[str, str], tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class InitiativeRow:
    """An initiative with where it sits, its own ministries and, if filtered, the match."""

    id: str
    document_id: str
    chapter_number: int
    section_id: str
    section_number: int
    subsection_id: str
    subsection_number: int
    number: int
    commitment: str
    span: Span
    repeated: bool
    ministries: tuple[MinistryRef, ...]
    status_item_count: int
    action_count: int
    match: MinistryMatch | None = None

    @property
    def section_label(self) -> str:
        """The section as cited across the document, e.g. ``1.(2)``."""
        return f"{chapter_label(self.chapter_number)}({self.section_number})"

    @property
    def lead_codes(self) -> tuple[str, ...]:
        """The codes underlined (lead) in the initiative's own tag."""
        return tuple(ref.code for ref in self.ministries if ref.lead)


@dataclass(frozen=True, slots=True)
class ElementRow:
    """Any element: the common columns plus what its type carries.

    ``attrs`` holds the type-specific scalars (``level``, ``name``, ``value_text``, ``label``,
    ``repeated``); ``quantity``/``period``/``deadlines`` are set for targets, observations,
    initiatives and actions.
    """

    id: str
    document_id: str
    parent_id: str | None
    type: str
    ordinal: int
    number: int | None
    title: str | None
    text: str | None
    span: Span
    attrs: Mapping[str, Any] = field(hash=False)
    ministries: tuple[MinistryRef, ...] = ()
    footnotes: tuple[int, ...] = ()
    quantity: Quantity | None = None
    period: Period | None = None
    deadlines: tuple[Deadline, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceLine:
    """One line of a stored document's decoded text (1-based)."""

    document_id: str
    line_no: int
    text: str


@dataclass(frozen=True, slots=True)
class WarningRow:
    """A stored reader warning, with its document and its place in the document's list."""

    document_id: str
    position: int
    code: str
    message: str
    line: int


@dataclass(frozen=True, slots=True)
class Counts:
    """How many of each element type (and warnings) one document holds."""

    chapters: int
    sections: int
    subsections: int
    paragraphs: int
    goals: int
    targets: int
    indicators: int
    observations: int
    initiatives: int
    status_items: int
    actions: int
    footnotes: int
    warnings: int
    slides: int = 0
    blocks: int = 0
    programmes: int = 0
    decisions: int = 0
    numeric_targets: int = 0
    budgets: int = 0
    organisations: int = 0


M = TypeVar("M")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Found(Generic[M]):
    """A mention (programme, decision, target…) with the document it was found in."""

    document_id: str
    source_name: str
    document_kind: DocumentKind
    item: M
    document_title: str = ""  # the document's title, else its file name


@dataclass(frozen=True, slots=True)
class SearchRow:
    """A unit found by ``Store.search``: its element, where it sits, and its score.

    ``text`` is the element's text (or title) as stored; ``ministries`` are the tags that
    answer for the unit (its own, or its initiative's); ``section_label`` is e.g. ``1.(2)``.
    ``score`` is positive, higher is better (BM25 over the unit's words and parts);
    ``type_rank`` is the unit's place among the matches of its own type (1 = the best of its
    type), the round in which the interleaved ranking shows it (``docs/search.md``).
    ``heading`` is the title of the section (follow-up) or slide (briefing) the unit stands
    in, with ``slide_number`` for a slide; None for a unit above any section.
    """

    document_id: str
    source_name: str
    edition: str
    element_id: str
    type: str
    text: str
    span: Span
    section_id: str | None
    section_label: str | None
    ministries: tuple[MinistryRef, ...]
    score: float
    type_rank: int
    document_title: str = ""
    heading: str | None = None
    slide_number: int | None = None


@dataclass(frozen=True, slots=True)
class IndexStatus:
    """What the search index holds: documents and units, bytes on disk (if SQLite can say),
    and the stored documents that are missing or were indexed by another tokenizer."""

    documents: int
    units: int
    bytes: int | None
    stale_document_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MinistryUse:
    """How often one ministry code is tagged: on initiatives, actions and status items.

    ``*_lead`` counts the tags where the code is underlined (lead). A code tagged twice on one
    element counts twice, as it is written.
    """

    code: str
    initiatives: int = 0
    initiatives_lead: int = 0
    actions: int = 0
    actions_lead: int = 0
    status_items: int = 0
    status_items_lead: int = 0

    @property
    def total(self) -> int:
        """Every tag naming the code."""
        return self.initiatives + self.actions + self.status_items


@dataclass(frozen=True, slots=True)
class ProgrammeMentionRow:
    """One place where a document names a programme, each place once: mentions on the same
    lines of one document (a table row read as an initiative, its status and its action) are
    one row. ``place`` is the title of the slide or of the nearest titled element around it
    (section, subsection); ``named_in`` how many documents name the programme."""

    name: str
    kind: ProgrammeKind
    document_id: str
    source_name: str
    document_kind: DocumentKind
    document_title: str
    edition: str
    element_id: str
    element_type: str
    place: str
    span: Span
    text: str
    named_in: int


@dataclass(frozen=True, slots=True)
class DecisionSource:
    """One place a decision is stated: the document and the lines."""

    document_id: str
    source_name: str
    document_title: str
    edition: str
    element_id: str
    span: Span


@dataclass(frozen=True, slots=True)
class DecisionGroupRow:
    """One decision (same date, what and verb) with the places stating it, the first few of
    ``source_count`` in ``sources`` (newest edition first)."""

    date: Period
    body: str
    what: str
    action: str
    planned: bool
    source_count: int
    sources: list[DecisionSource]


@dataclass(frozen=True, slots=True)
class Slice(Generic[R]):
    """One page of a longer list: its rows and how many the whole list has."""

    total: int
    rows: list[R]
