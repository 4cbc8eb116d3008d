"""The result types of comparing editions: the diff tree's nodes, report parts, flat views.

Frozen data, built by ``tree.py`` (the diff), ``parts.py`` (report parts and editions) and
``views.py`` (``Difference``, ``Match``); exports render them (``docs/editions.md``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from stiplan.analysis.matching import Score
from stiplan.analysis.similarity import Segment
from stiplan.model import (
    MinistryRef,
    Period,
    Quantity,
    Span,
)
from stiplan.normalize.dates import format_period
from stiplan.normalize.numbers import format_quantity


class Change(StrEnum):
    """What happened to an element between the old and the new edition."""

    UNCHANGED = "unchanged"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Ref:
    """One side of a pair: the element, where it sits (``2.(1)①3``), its lines and text."""

    id: str
    where: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Pair:
    """An element in the old and/or the new edition; ``score`` says why they are one."""

    old: Ref | None
    new: Ref | None
    score: Score | None = None


def change_of(pair: Pair, changed: bool) -> Change:
    if pair.old is None:
        return Change.ADDED
    if pair.new is None:
        return Change.REMOVED
    return Change.CHANGED if changed else Change.UNCHANGED


@dataclass(frozen=True, slots=True)
class MinistryChange:
    """Ministries named on an element before and after, and what moved between them."""

    old: tuple[MinistryRef, ...]
    new: tuple[MinistryRef, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    lead_gained: tuple[str, ...]
    lead_lost: tuple[str, ...]

    def summary(self) -> str:
        """``+外 −経; lead +経 −文`` for reports."""
        parts = [f"+{c}" for c in self.added] + [f"−{c}" for c in self.removed]
        leads = [f"+{c}" for c in self.lead_gained] + [f"−{c}" for c in self.lead_lost]
        text = " ".join(parts)
        if leads:
            text = f"{text}; lead {' '.join(leads)}".lstrip("; ")
        return text


@dataclass(frozen=True, slots=True)
class ItemDiff:
    """A paragraph, goal, status item or action: kept, reworded, added or removed."""

    kind: str
    pair: Pair
    change: Change
    segments: tuple[Segment, ...] = ()
    ministries: MinistryChange | None = None

    @property
    def reworded(self) -> bool:
        return bool(self.segments)


@dataclass(frozen=True, slots=True)
class InitiativeDiff:
    """An initiative row; CHANGED when anything in the row changed.

    ``commitment`` is the word-level diff when the commitment text was reworded (beyond the
    presentation that ``comparable`` folds away), ``moved_from`` the old subsection when the
    row now sits in a subsection that is not the old one's counterpart.
    """

    pair: Pair
    change: Change
    commitment: tuple[Segment, ...] = ()
    ministries: MinistryChange | None = None
    moved_from: str | None = None
    status_items: tuple[ItemDiff, ...] = ()
    actions: tuple[ItemDiff, ...] = ()


@dataclass(frozen=True, slots=True)
class Value:
    """A value as written, with what was read from it; ``label`` is an observation's label
    (``男性``, empty for a target, whose name is its ``Ref`` text)."""

    text: str
    quantity: Quantity | None
    period: Period | None
    label: str = ""

    def describe(self) -> str:
        """The canonical value and as-of period (``12位／60 @ 2023年``)."""
        amount = format_quantity(self.quantity) if self.quantity else self.text
        return f"{amount} @ {format_period(self.period)}" if self.period else amount


@dataclass(frozen=True, slots=True)
class ObservationDiff:
    """One value of an indicator: old value → new value, each with its as-of period."""

    pair: Pair
    change: Change
    old: Value | None = None
    new: Value | None = None
    value_changed: bool = False
    period_changed: bool = False
    relabelled: bool = False


@dataclass(frozen=True, slots=True)
class IndicatorDiff:
    """A reference indicator (参考指標) matched by name and units, with its observations."""

    pair: Pair
    change: Change
    renamed: bool = False
    observations: tuple[ObservationDiff, ...] = ()


@dataclass(frozen=True, slots=True)
class TargetDiff:
    """A main indicator (主要指標): its target value and target period before and after."""

    pair: Pair
    change: Change
    renamed: bool = False
    old: Value | None = None
    new: Value | None = None
    value_changed: bool = False
    period_changed: bool = False


@dataclass(frozen=True, slots=True)
class SectionCounts:
    """The sizes of a section in one edition."""

    subsections: int
    initiatives: int
    status_items: int
    actions: int
    targets: int
    indicators: int
    observations: int
    paragraphs: int
    goals: int


@dataclass(frozen=True, slots=True)
class SubsectionDiff:
    """A subsection; its own change is its heading (number, title)."""

    pair: Pair
    change: Change
    renumbered: bool = False
    retitled: bool = False
    paragraphs: tuple[ItemDiff, ...] = ()
    initiatives: tuple[InitiativeDiff, ...] = ()


@dataclass(frozen=True, slots=True)
class SectionDiff:
    """A section with its counts in both editions.

    An added or removed section (an edition covering other sections) stands for everything in
    it: its elements are counted here, not listed one by one.
    """

    pair: Pair
    change: Change
    old_counts: SectionCounts | None
    new_counts: SectionCounts | None
    renumbered: bool = False
    retitled: bool = False
    paragraphs: tuple[ItemDiff, ...] = ()
    goals: tuple[ItemDiff, ...] = ()
    targets: tuple[TargetDiff, ...] = ()
    indicators: tuple[IndicatorDiff, ...] = ()
    subsections: tuple[SubsectionDiff, ...] = ()


@dataclass(frozen=True, slots=True)
class ChapterDiff:
    """A chapter with its overarching goals, chapter-level indicators and sections.

    ``covered`` is False when one edition is an excerpt that prints no chapter heading: the
    chapter's own level (heading, overarching goals, chapter indicators) is then not compared,
    only the sections.
    """

    pair: Pair
    change: Change
    renumbered: bool = False
    retitled: bool = False
    goals: tuple[ItemDiff, ...] = ()
    indicators: tuple[IndicatorDiff, ...] = ()
    sections: tuple[SectionDiff, ...] = ()
    covered: bool = True


@dataclass(frozen=True, slots=True)
class FootnoteDiff:
    """A footnote matched by content (numbers change between editions; that is no change).

    ``with_section`` names the added or removed section that accounts for an unmatched
    footnote cited only from inside it.
    """

    pair: Pair
    change: Change
    old_number: int | None
    new_number: int | None
    segments: tuple[Segment, ...] = ()
    with_section: str | None = None


@dataclass(frozen=True, slots=True)
class EditionInfo:
    """One edition of a report part: the document, its edition year and how far its data go."""

    document_id: str
    source_name: str
    title: str
    edition: str
    data_until: date | None
    sections: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EditionDiff:
    """Everything that changed between two editions, as a tree mirroring the document.

    ``same_part`` is False when the two documents are not editions of one report part (the
    diff is still computed; nearly everything will then be added or removed).
    """

    old: EditionInfo
    new: EditionInfo
    same_part: bool
    chapters: tuple[ChapterDiff, ...]
    footnotes: tuple[FootnoteDiff, ...]


@dataclass(frozen=True, slots=True)
class ReportPart:
    """Documents that are editions of one report part, oldest data first; ``plan`` is the
    Basic Plan of its editions (None when none of them has a known plan)."""

    key: str
    chapters: tuple[int, ...]
    editions: tuple[EditionInfo, ...]
    plan: int | None = None


@dataclass(frozen=True, slots=True)
class Difference:
    """One difference, flat: a code (``observation_changed``…), both sides and a summary."""

    code: str
    old: Ref | None
    new: Ref | None
    detail: str = ""
    segments: tuple[Segment, ...] = ()

    @property
    def where(self) -> str:
        """Where to look: the new edition's place, else the old one's."""
        ref = self.new or self.old
        return ref.where if ref else ""


@dataclass(frozen=True, slots=True)
class Match:
    """One matched pair of elements, flat: the kind, both sides and the score."""

    kind: str
    old: Ref
    new: Ref
    score: Score
