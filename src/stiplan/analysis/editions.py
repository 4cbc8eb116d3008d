"""Editions of a follow-up report: which documents belong together, and what changed between two.

Each year's follow-up report rewrites the status of every initiative and refreshes the data, and
no official document says what changed. ``report_parts`` groups read documents into report parts
(same chapter, sections that agree where both have them) and orders each part's editions by the
date of their data. ``compare`` matches two editions element by element and returns an
``EditionDiff``: a tree that mirrors the document (chapters → sections → subsections →
initiatives → status items and actions; indicators → observations; targets; prose; footnotes),
in which every node says whether it was kept, changed, added or removed, and every match
carries its ``Score`` with the texts and numbers it was computed from. ``differences`` and
``matches`` flatten the tree for reports and tests.

Matching rules, weights and thresholds are in ``docs/editions.md``; the text comparison is in
``stiplan.analysis.similarity`` and the assignment in ``stiplan.analysis.matching``. Everything
here is pure: documents in, data out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Protocol, TypeVar

from stiplan.analysis.chapters import chapter_pairs
from stiplan.analysis.matching import Pairing, Score, Scoring, match, slot_pairs
from stiplan.analysis.similarity import (
    Segment,
    TextKey,
    closeness,
    comparable,
    jaccard,
    word_diff,
)
from stiplan.model import (
    Action,
    Chapter,
    Document,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    MinistryRef,
    Observation,
    Paragraph,
    Period,
    Quantity,
    Section,
    Span,
    StatusItem,
    Subsection,
    Target,
    latest_as_of,
)
from stiplan.normalize.dates import format_period
from stiplan.normalize.numbers import format_quantity

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# --- thresholds and weights (docs/editions.md explains each) -------------------------------

HEADING_MIN_SCORE = 0.6  # chapters, sections, subsections: 0.7·title + 0.3·same number
INITIATIVE_MIN_TEXT = 0.5  # commitment texts sharing half their bigrams
ITEM_MIN_TEXT = 0.5  # status items, actions, paragraphs, goals
SLOT_MIN_TEXT = 0.2  # a status item or action rewritten in its place
NAME_MIN_TEXT = 0.6  # indicator and target names (short, so stricter)
LABEL_MIN_TEXT = 0.5  # observation labels within one indicator
FOOTNOTE_MIN_TEXT = 0.6  # footnote texts


# --- result types ----------------------------------------------------------------------------


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


def _change_of(pair: Pair, changed: bool) -> Change:
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


# --- flat views ------------------------------------------------------------------------------


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


# --- editions of a report part ---------------------------------------------------------------


def _all_indicators(document: Document) -> Iterator[Indicator]:
    for chapter in document.chapters:
        yield from chapter.indicators
        for section in chapter.sections:
            yield from section.indicators


def data_until(document: Document) -> date | None:
    """How far the document's data go: its data cut-off (``model.latest_as_of``, the rule the
    reader dates editions by), else the latest end of any observation period."""
    latest = latest_as_of(document.chapters)
    if latest is not None:
        return latest
    periods = [o.period for i in _all_indicators(document) for o in i.observations if o.period]
    return max((p.end for p in periods), default=None)


def _section_label(chapter: Chapter, section: Section) -> str:
    return f"{chapter.label}{section.label}"


def edition_info(document: Document) -> EditionInfo:
    """What lists of editions show about a document."""
    labels = tuple(_section_label(c, s) for c in document.chapters for s in c.sections)
    return EditionInfo(
        document.id,
        document.source_name,
        document.title,
        document.edition,
        data_until(document),
        labels,
    )


def same_part(a: Document, b: Document) -> bool:
    """Two documents are editions of one report part.

    Never across two known plans (``Document.plan``: plans number their chapters afresh).
    Within one, the chapters stand for the part (``analysis.chapters``): every chapter of one
    document agrees with a chapter of the other, by title (and the sections both number alike),
    or, for an excerpt that prints no chapter heading, by the titles of its sections. Editions
    may cover different sections, and one may be an excerpt of the other.
    """
    if a.plan is not None and b.plan is not None and a.plan != b.plan:
        return False  # plans number their chapters afresh: never editions across plans
    if not a.chapters or not b.chapters:
        return False
    paired = len(chapter_pairs(a.chapters, b.chapters))
    return paired == min(len(a.chapters), len(b.chapters))


def edition_order(info: EditionInfo) -> tuple[str, date, str, str]:
    """Oldest first: by edition year, then by the date of the data, then by name and id."""
    return (info.edition, info.data_until or date.min, info.source_name, info.document_id)


def _one_plan(document: Document, group: list[Document]) -> bool:
    """Whether adding ``document`` keeps the group within one known plan (a document of
    unknown plan must not bridge a 6th-plan and a 7th-plan edition)."""
    plans = {d.plan for d in [document, *group] if d.plan is not None}
    return len(plans) <= 1


def report_parts(documents: Sequence[Document]) -> list[ReportPart]:
    """Group documents into report parts, each with its editions ordered oldest first; parts
    are listed per plan (plan, then chapter numbers), editions never mix two known plans."""
    groups: list[list[Document]] = []
    for document in documents:
        home = next(
            (
                g
                for g in groups
                if any(same_part(document, d) for d in g) and _one_plan(document, g)
            ),
            None,
        )
        if home is None:
            groups.append([document])
        else:
            home.append(document)
    parts = []
    for group in groups:
        editions = sorted((edition_info(d) for d in group), key=edition_order)
        named = _naming_edition(group, editions)
        key = " / ".join(f"{c.number}. {c.title}" for c in named.chapters if c.stated)
        numbers = tuple(c.number for c in named.chapters if c.stated)
        key = key or named.title
        plan = next((d.plan for d in group if d.plan is not None), None)
        parts.append(ReportPart(key, numbers, tuple(editions), plan))
    return sorted(parts, key=lambda p: (p.plan is None, p.plan or 0, p.chapters, p.key))


def _naming_edition(group: Sequence[Document], editions: Sequence[EditionInfo]) -> Document:
    """The edition a part is named after: the latest that prints its chapter headings (an
    excerpt names no chapter), else the latest."""
    by_id = {d.id: d for d in group}
    ordered = [by_id[e.document_id] for e in reversed(editions)]
    return next((d for d in ordered if all(c.stated for c in d.chapters)), ordered[0])


# --- comparing two editions ------------------------------------------------------------------


def compare(old: Document, new: Document) -> EditionDiff:
    """Match two editions element by element and say what changed (see the module docstring)."""
    comparison = _Comparison(old, new)
    comparison.match_all()
    return comparison.build()


class _Element(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def span(self) -> Span: ...


class _Heading(_Element, Protocol):
    @property
    def number(self) -> int: ...

    @property
    def title(self) -> str: ...


E = TypeVar("E", bound=_Element)
H = TypeVar("H", bound=_Heading)
D = TypeVar("D")


def _circled(number: int) -> str:
    return CIRCLED[number - 1] if 1 <= number <= len(CIRCLED) else f"[{number}]"


@dataclass(slots=True)
class _Places:
    """Where each element of one document sits (``2.(1)①3 a2``) and its parent, by id."""

    where: dict[str, str] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Document) -> _Places:
        places = cls()
        for chapter in document.chapters:
            cw = chapter.label or "(章)"
            places.where[chapter.id] = cw
            places.items(chapter.id, cw, "g", chapter.goals)
            places.indicators(chapter.id, cw, chapter.indicators)
            for section in chapter.sections:
                sw = _section_label(chapter, section)
                places.add(section.id, sw, chapter.id)
                places.items(section.id, sw, "p", section.paragraphs)
                places.items(section.id, sw, "g", section.goals)
                places.items(section.id, sw, "t", section.targets)
                places.indicators(section.id, sw, section.indicators)
                for subsection in section.subsections:
                    places.subsection(section.id, sw, subsection)
        for footnote in document.footnotes:
            places.where[footnote.id] = f"fn{footnote.number}"
        return places

    def add(self, element_id: str, where: str, parent: str) -> None:
        self.where[element_id] = where
        self.parent[element_id] = parent

    def items(self, parent: str, base: str, letter: str, items: Sequence[_Element]) -> None:
        for index, item in enumerate(items, start=1):
            self.add(item.id, f"{base} {letter}{index}", parent)

    def indicators(self, parent: str, base: str, indicators: Sequence[Indicator]) -> None:
        for index, indicator in enumerate(indicators, start=1):
            where = f"{base} ind{index}"
            self.add(indicator.id, where, parent)
            self.items(indicator.id, where, "o", indicator.observations)

    def subsection(self, parent: str, base: str, subsection: Subsection) -> None:
        sw = f"{base}{_circled(subsection.number)}"
        self.add(subsection.id, sw, parent)
        self.items(subsection.id, sw, "p", subsection.paragraphs)
        for initiative in subsection.initiatives:
            iw = f"{sw}{initiative.number}"
            self.add(initiative.id, iw, subsection.id)
            self.items(initiative.id, iw, "st", initiative.status_items)
            self.items(initiative.id, iw, "a", initiative.actions)


def _counts(section: Section) -> SectionCounts:
    initiatives = [i for ss in section.subsections for i in ss.initiatives]
    return SectionCounts(
        subsections=len(section.subsections),
        initiatives=len(initiatives),
        status_items=sum(len(i.status_items) for i in initiatives),
        actions=sum(len(i.actions) for i in initiatives),
        targets=len(section.targets),
        indicators=len(section.indicators),
        observations=sum(len(i.observations) for i in section.indicators),
        paragraphs=len(section.paragraphs) + sum(len(ss.paragraphs) for ss in section.subsections),
        goals=len(section.goals),
    )


def ministry_change(
    old: Sequence[MinistryRef], new: Sequence[MinistryRef]
) -> MinistryChange | None:
    """What changed in a ministry tag (codes and lead flags), or None when nothing did."""
    old_codes, new_codes = {r.code for r in old}, {r.code for r in new}
    old_leads = {r.code for r in old if r.lead}
    new_leads = {r.code for r in new if r.lead}
    if old_codes == new_codes and old_leads == new_leads:
        return None
    return MinistryChange(
        tuple(old),
        tuple(new),
        added=tuple(sorted(new_codes - old_codes)),
        removed=tuple(sorted(old_codes - new_codes)),
        lead_gained=tuple(sorted(new_leads - old_leads)),
        lead_lost=tuple(sorted(old_leads - new_leads)),
    )


def _quantity_key(q: Quantity) -> tuple[object, ...]:
    baseline = (q.baseline.start, q.baseline.end) if q.baseline else None
    return (q.value, q.unit, q.qualifier, q.of, q.per, q.provisional, baseline)


def value_changed(old: Value, new: Value) -> bool:
    """The value differs: exact numbers compared, or the text when a value could not be read."""
    if old.quantity is not None and new.quantity is not None:
        return _quantity_key(old.quantity) != _quantity_key(new.quantity)
    if (old.quantity is None) != (new.quantity is None):
        return True
    return comparable(old.text) != comparable(new.text)


def period_changed(old: Value, new: Value) -> bool:
    """The as-of (or target) period differs, in whichever calendar each was written."""
    if old.period is None or new.period is None:
        return (old.period is None) != (new.period is None)
    return (old.period.start, old.period.end) != (new.period.start, new.period.end)


def _reworded(old: str, new: str) -> tuple[Segment, ...]:
    """A word-level diff when two texts differ beyond presentation, else nothing."""
    if comparable(old) == comparable(new):
        return ()
    return word_diff(old, new)


def _unit(quantity: Quantity | None) -> str:
    return quantity.unit if quantity else ""


def _units(observations: Sequence[Observation]) -> set[str]:
    return {_unit(o.quantity) for o in observations}


def _name(element: Indicator | Target) -> str:
    return element.name or element.text


def _value_of(element: Observation | Target) -> Value:
    if isinstance(element, Target):
        return Value(element.value_text, element.quantity, element.period)
    return Value(element.text, element.quantity, element.period, element.label)


class _Comparison:
    """One run of ``compare``: first every element is matched, then the tree is built.

    Matching fills ``by_old`` / ``by_new`` (element id → partner id and score); building walks
    both documents and asks those maps, so where a pair sits in the tree never decides whether
    it is a pair.
    """

    def __init__(self, old: Document, new: Document) -> None:
        self.old = old
        self.new = new
        self.old_places = _Places.of(old)
        self.new_places = _Places.of(new)
        self.by_old: dict[str, tuple[str, Score]] = {}
        self.by_new: dict[str, tuple[str, Score]] = {}
        self.old_initiatives: dict[str, Initiative] = {}
        self.old_indicators: dict[str, Indicator] = {}
        self.old_targets: dict[str, Target] = {}

    # -- matching ----------------------------------------------------------------------------

    def record(self, old: Sequence[E], new: Sequence[E], pairings: list[Pairing]) -> None:
        for p in pairings:
            self.by_old[old[p.old].id] = (new[p.new].id, p.score)
            self.by_new[new[p.new].id] = (old[p.old].id, p.score)

    def partner(self, element: _Element) -> str | None:
        found = self.by_old.get(element.id)
        return found[0] if found else None

    def same_place(self, old_parent: str, new_parent: str) -> bool:
        return self.partner_id(old_parent) == new_parent

    def partner_id(self, old_id: str) -> str | None:
        found = self.by_old.get(old_id)
        return found[0] if found else None

    def headings(self, old: Sequence[H], new: Sequence[H]) -> list[tuple[H, H]]:
        """Chapters, sections or subsections: 0.7·title + 0.3·same number ≥ 0.6."""

        def same_number(i: int, j: int) -> float:
            return 1.0 if old[i].number == new[j].number else 0.0

        scoring = Scoring(0.7, 0.0, HEADING_MIN_SCORE, (("number", 0.3, same_number),))
        keys = [TextKey.of(h.title) for h in old], [TextKey.of(h.title) for h in new]
        pairings = match(*keys, scoring)
        self.record(old, new, pairings)
        return [(old[p.old], new[p.new]) for p in pairings]

    def chapters(self) -> list[tuple[Chapter, Chapter]]:
        """Chapters by title and number, or by their sections (``analysis.chapters``)."""
        old, new = self.old.chapters, self.new.chapters
        pairings = chapter_pairs(old, new)
        self.record(old, new, pairings)
        return [(old[p.old], new[p.new]) for p in pairings]

    def items(
        self, old: Sequence[E], new: Sequence[E], texts: Callable[[E], str], slot: bool
    ) -> None:
        """Prose, goals, status items, actions: 0.8·text + 0.2·same place; then slots."""
        scoring = Scoring(0.8, ITEM_MIN_TEXT, components=(("position", 0.2, closeness),))
        keys = [TextKey.of(texts(e)) for e in old], [TextKey.of(texts(e)) for e in new]
        pairings = match(*keys, scoring)
        if slot:
            pairings += slot_pairs(*keys, pairings, SLOT_MIN_TEXT)
        self.record(old, new, pairings)

    def match_all(self) -> None:
        """Every kind, outside in: headings first, since their pairs place everything else."""
        matched_sections: list[tuple[Section, Section]] = []
        containers: list[tuple[Chapter | Section, Chapter | Section]] = []
        for co, cn in self.chapters():
            containers.append((co, cn))
            self.items(co.goals, cn.goals, _goal_text, slot=False)
            for so, sn in self.headings(co.sections, cn.sections):
                matched_sections.append((so, sn))
                self.items(so.paragraphs, sn.paragraphs, _paragraph_text, slot=False)
                self.items(so.goals, sn.goals, _goal_text, slot=False)
                for sso, ssn in self.headings(so.subsections, sn.subsections):
                    self.items(sso.paragraphs, ssn.paragraphs, _paragraph_text, slot=False)
        self.match_initiatives(matched_sections)
        self.match_indicators([*containers, *matched_sections])
        self.match_targets(matched_sections)
        self.match_footnotes()

    def match_initiatives(self, sections: list[tuple[Section, Section]]) -> None:
        """Commitment 0.8, ministries 0.1, position 0.1; the commitment must share half."""
        old = [(s, ss, i) for s, _ in sections for ss in s.subsections for i in ss.initiatives]
        new = [(s, ss, i) for _, s in sections for ss in s.subsections for i in ss.initiatives]
        self.old_initiatives = {i.id: i for _, _, i in old}

        def ministries(a: int, b: int) -> float:
            return jaccard(
                (r.code for r in old[a][2].ministries), (r.code for r in new[b][2].ministries)
            )

        def position(a: int, b: int) -> float:
            (so, sso, io), (sn, ssn, inew) = old[a], new[b]
            same_section = 0.25 if self.partner_id(so.id) == sn.id else 0.0
            same_subsection = 0.5 if self.partner_id(sso.id) == ssn.id else 0.0
            return same_section + same_subsection + 0.25 * closeness(io.number, inew.number)

        scoring = Scoring(
            0.8,
            INITIATIVE_MIN_TEXT,
            components=(("ministries", 0.1, ministries), ("position", 0.1, position)),
            tie=lambda a, b: 1 - position(a, b),
        )
        keys = (
            [TextKey.of(i.commitment) for _, _, i in old],
            [TextKey.of(i.commitment) for _, _, i in new],
        )
        pairings = match(*keys, scoring)
        self.record([i for _, _, i in old], [i for _, _, i in new], pairings)
        for p in pairings:
            io, inew = old[p.old][2], new[p.new][2]
            self.items(io.status_items, inew.status_items, _item_text, slot=True)
            self.items(io.actions, inew.actions, _item_text, slot=True)

    def match_indicators(
        self, containers: Sequence[tuple[Chapter | Section, Chapter | Section]]
    ) -> None:
        """Name 0.7, units 0.2, position 0.1; names must share 60 % of their bigrams."""
        old = [(c, k, i) for c, _ in containers for k, i in enumerate(c.indicators)]
        new = [(c, k, i) for _, c in containers for k, i in enumerate(c.indicators)]
        self.old_indicators = {i.id: i for _, _, i in old}

        def units(a: int, b: int) -> float:
            return jaccard(_units(old[a][2].observations), _units(new[b][2].observations))

        pairings = self.named(old, new, units)
        for p in pairings:
            io, inew = old[p.old][2], new[p.new][2]
            self.match_observations(io.observations, inew.observations)

    def match_targets(self, sections: Sequence[tuple[Section, Section]]) -> None:
        """As indicators: name, unit of the target value, position."""
        old = [(s, k, t) for s, _ in sections for k, t in enumerate(s.targets)]
        new = [(s, k, t) for _, s in sections for k, t in enumerate(s.targets)]
        self.old_targets = {t.id: t for _, _, t in old}

        def units(a: int, b: int) -> float:
            return 1.0 if _unit(old[a][2].quantity) == _unit(new[b][2].quantity) else 0.0

        self.named(old, new, units)

    def named(
        self,
        old: Sequence[tuple[_Element, int, Indicator | Target]],
        new: Sequence[tuple[_Element, int, Indicator | Target]],
        units: Callable[[int, int], float],
    ) -> list[Pairing]:
        def position(a: int, b: int) -> float:
            same = 0.5 if self.partner_id(old[a][0].id) == new[b][0].id else 0.0
            return same + 0.5 * closeness(old[a][1], new[b][1])

        scoring = Scoring(
            0.7,
            NAME_MIN_TEXT,
            components=(("units", 0.2, units), ("position", 0.1, position)),
            tie=lambda a, b: 1 - position(a, b),
        )
        keys = [TextKey.of(_name(e)) for _, _, e in old], [TextKey.of(_name(e)) for _, _, e in new]
        pairings = match(*keys, scoring)
        self.record([e for _, _, e in old], [e for _, _, e in new], pairings)
        return pairings

    def match_observations(self, old: Sequence[Observation], new: Sequence[Observation]) -> None:
        """Label 0.6, same unit 0.3, position 0.1; labels must share half their bigrams."""

        def unit(a: int, b: int) -> float:
            return 1.0 if _units([old[a]]) == _units([new[b]]) else 0.0

        scoring = Scoring(
            0.6,
            LABEL_MIN_TEXT,
            components=(("units", 0.3, unit), ("position", 0.1, closeness)),
        )
        keys = [TextKey.of(o.label) for o in old], [TextKey.of(o.label) for o in new]
        self.record(old, new, match(*keys, scoring))

    def match_footnotes(self) -> None:
        """Text 0.8, citations 0.2: identical notes (内閣府調べ) go where their citers went."""
        old, new = self.old.footnotes, self.new.footnotes

        def citations(a: int, b: int) -> float:
            mapped = [self.partner_id(c) or c for c in old[a].cited_by]
            return jaccard(mapped, new[b].cited_by)

        scoring = Scoring(
            0.8,
            FOOTNOTE_MIN_TEXT,
            components=(("citations", 0.2, citations),),
            tie=lambda a, b: abs(old[a].number - new[b].number),
        )
        keys = [TextKey.of(f.text) for f in old], [TextKey.of(f.text) for f in new]
        self.record(old, new, match(*keys, scoring))

    # -- building the tree -------------------------------------------------------------------

    def pair(self, old: E | None, new: E | None, text: Callable[[E], str]) -> Pair:
        """Both sides as ``Ref``s, with the score when they are a match."""
        old_ref = self.ref(self.old_places, old, text)
        new_ref = self.ref(self.new_places, new, text)
        score = self.by_new[new.id][1] if new is not None and old is not None else None
        return Pair(old_ref, new_ref, score)

    @staticmethod
    def ref(places: _Places, element: E | None, text: Callable[[E], str]) -> Ref | None:
        if element is None:
            return None
        return Ref(
            element.id, places.where.get(element.id, element.id), element.span, text(element)
        )

    def merged(
        self,
        old: Sequence[E],
        new: Sequence[E],
        build: Callable[[E | None, E | None], D],
        old_lookup: dict[str, E] | None = None,
    ) -> tuple[D, ...]:
        """Diffs of two lists in reading order: each new element (with its partner, wherever
        that was), and each unpaired old element just before the first new element whose
        partner came after it."""
        lookup: dict[str, E] = old_lookup if old_lookup is not None else {e.id: e for e in old}
        position = {e.id: k for k, e in enumerate(old)}
        unpaired = [e for e in old if e.id not in self.by_old]
        out: list[D] = []
        for element in new:
            partner = self.by_new.get(element.id)
            if partner is not None and partner[0] in position:
                while unpaired and position[unpaired[0].id] < position[partner[0]]:
                    out.append(build(unpaired.pop(0), None))
            out.append(build(lookup[partner[0]] if partner else None, element))
        out.extend(build(e, None) for e in unpaired)
        return tuple(out)

    def build(self) -> EditionDiff:
        chapters = self.merged(self.old.chapters, self.new.chapters, self.chapter)
        return EditionDiff(
            edition_info(self.old),
            edition_info(self.new),
            same_part(self.old, self.new),
            chapters,
            self.merged(self.old.footnotes, self.new.footnotes, self.footnote),
        )

    def heading_flags(self, old: _Heading | None, new: _Heading | None) -> tuple[bool, bool]:
        """(renumbered, retitled) of a matched heading."""
        if old is None or new is None:
            return False, False
        return old.number != new.number, comparable(old.title) != comparable(new.title)

    def chapter(self, old: Chapter | None, new: Chapter | None) -> ChapterDiff:
        pair = self.pair(old, new, _title)
        if old is None or new is None:
            return ChapterDiff(pair, _change_of(pair, False))
        sections = self.merged(old.sections, new.sections, self.section)
        if not _level_covered(old, new):
            return ChapterDiff(pair, Change.UNCHANGED, sections=sections, covered=False)
        renumbered, retitled = self.heading_flags(old, new)
        return ChapterDiff(
            pair,
            _change_of(pair, renumbered or retitled),
            renumbered,
            retitled,
            goals=self.merged(old.goals, new.goals, self.item_builder("goal", _goal_text)),
            indicators=self.merged(
                old.indicators, new.indicators, self.indicator, self.old_indicators
            ),
            sections=sections,
        )

    def section(self, old: Section | None, new: Section | None) -> SectionDiff:
        pair = self.pair(old, new, _title)
        renumbered, retitled = self.heading_flags(old, new)
        change = _change_of(pair, renumbered or retitled)
        counts = (_counts(old) if old else None, _counts(new) if new else None)
        if old is None or new is None:
            return SectionDiff(pair, change, *counts)
        return SectionDiff(
            pair,
            change,
            *counts,
            renumbered=renumbered,
            retitled=retitled,
            paragraphs=self.merged(
                old.paragraphs, new.paragraphs, self.item_builder("paragraph", _paragraph_text)
            ),
            goals=self.merged(old.goals, new.goals, self.item_builder("goal", _goal_text)),
            targets=self.merged(old.targets, new.targets, self.target, self.old_targets),
            indicators=self.merged(
                old.indicators, new.indicators, self.indicator, self.old_indicators
            ),
            subsections=self.merged(old.subsections, new.subsections, self.subsection),
        )

    def subsection(self, old: Subsection | None, new: Subsection | None) -> SubsectionDiff:
        pair = self.pair(old, new, _title)
        renumbered, retitled = self.heading_flags(old, new)
        paragraphs = self.merged(
            old.paragraphs if old else [],
            new.paragraphs if new else [],
            self.item_builder("paragraph", _paragraph_text),
        )
        initiatives = self.merged(
            old.initiatives if old else [],
            new.initiatives if new else [],
            self.initiative,
            self.old_initiatives,
        )
        return SubsectionDiff(
            pair,
            _change_of(pair, renumbered or retitled),
            renumbered,
            retitled,
            paragraphs,
            initiatives,
        )

    def item_builder(
        self, kind: str, text: Callable[[E], str]
    ) -> Callable[[E | None, E | None], ItemDiff]:
        def build(old: E | None, new: E | None) -> ItemDiff:
            pair = self.pair(old, new, text)
            if old is None or new is None:
                return ItemDiff(kind, pair, _change_of(pair, False))
            segments = _reworded(text(old), text(new))
            ministries = ministry_change(_ministries(old), _ministries(new))
            changed = bool(segments) or ministries is not None
            return ItemDiff(kind, pair, _change_of(pair, changed), segments, ministries)

        return build

    def initiative(self, old: Initiative | None, new: Initiative | None) -> InitiativeDiff:
        pair = self.pair(old, new, _commitment)
        status = self.item_builder("status_item", _item_text)
        action = self.item_builder("action", _item_text)
        if old is None or new is None:
            only = old or new
            assert only is not None
            lone_status = tuple(status(*_side(s, old is None)) for s in only.status_items)
            lone_actions = tuple(action(*_side(a, old is None)) for a in only.actions)
            return InitiativeDiff(
                pair, _change_of(pair, False), (), None, None, lone_status, lone_actions
            )
        commitment = _reworded(old.commitment, new.commitment)
        ministries = ministry_change(old.ministries, new.ministries)
        moved_from = None
        old_parent = self.old_places.parent.get(old.id, "")
        if self.partner_id(old_parent) != self.new_places.parent.get(new.id):
            moved_from = self.old_places.where.get(old_parent, old_parent)
        items = self.merged(old.status_items, new.status_items, status)
        actions = self.merged(old.actions, new.actions, action)
        changed = (
            bool(commitment)
            or ministries is not None
            or moved_from is not None
            or any(d.change is not Change.UNCHANGED for d in items + actions)
        )
        return InitiativeDiff(
            pair, _change_of(pair, changed), commitment, ministries, moved_from, items, actions
        )

    def indicator(self, old: Indicator | None, new: Indicator | None) -> IndicatorDiff:
        pair = self.pair(old, new, _name)
        observations = self.merged(
            old.observations if old else [], new.observations if new else [], self.observation
        )
        renamed = (
            old is not None and new is not None and comparable(old.name) != comparable(new.name)
        )
        changed = renamed or any(o.change is not Change.UNCHANGED for o in observations)
        return IndicatorDiff(pair, _change_of(pair, changed), renamed, observations)

    def observation(self, old: Observation | None, new: Observation | None) -> ObservationDiff:
        pair = self.pair(old, new, _observation_text)
        old_value = _value_of(old) if old else None
        new_value = _value_of(new) if new else None
        if old is None or new is None or old_value is None or new_value is None:
            return ObservationDiff(pair, _change_of(pair, False), old_value, new_value)
        values = value_changed(old_value, new_value)
        periods = period_changed(old_value, new_value)
        relabelled = comparable(old.label) != comparable(new.label)
        change = _change_of(pair, values or periods or relabelled)
        return ObservationDiff(pair, change, old_value, new_value, values, periods, relabelled)

    def target(self, old: Target | None, new: Target | None) -> TargetDiff:
        pair = self.pair(old, new, _name)
        old_value = _value_of(old) if old else None
        new_value = _value_of(new) if new else None
        if old is None or new is None or old_value is None or new_value is None:
            return TargetDiff(pair, _change_of(pair, False), old=old_value, new=new_value)
        renamed = comparable(old.name) != comparable(new.name)
        values = value_changed(old_value, new_value)
        periods = period_changed(old_value, new_value)
        change = _change_of(pair, renamed or values or periods)
        return TargetDiff(pair, change, renamed, old_value, new_value, values, periods)

    def footnote(self, old: Footnote | None, new: Footnote | None) -> FootnoteDiff:
        pair = self.pair(old, new, _footnote_text)
        segments = _reworded(old.text, new.text) if old and new else ()
        with_section = None
        if old is not None and new is None:
            with_section = self.lone_section_of(old.cited_by, self.old, self.old_places)
        elif new is not None and old is None:
            with_section = self.lone_section_of(new.cited_by, self.new, self.new_places)
        return FootnoteDiff(
            pair,
            _change_of(pair, bool(segments)),
            old.number if old else None,
            new.number if new else None,
            segments,
            with_section,
        )

    def lone_section_of(self, citers: list[str], document: Document, places: _Places) -> str | None:
        """The unmatched sections (or chapters) that hold every element citing a footnote;
        the chapter level that an excerpt does not print counts as one."""
        containers: list[Chapter | Section] = []
        uncovered: list[str] = []
        for chapter in document.chapters:
            containers += [chapter, *chapter.sections]
            if self.level_uncovered(chapter):
                uncovered.append(chapter.id)
        lone = [c.id for c in containers if c.id not in self.by_old and c.id not in self.by_new]
        holders: list[str] = []
        for citer in citers:
            holder = next((c for c in lone if citer == c or citer.startswith(c + ".")), None)
            holder = holder or next((u for u in uncovered if _at_chapter_level(citer, u)), None)
            if holder is None:
                return None
            if holder not in holders:
                holders.append(holder)
        return ", ".join(places.where[h] for h in holders) or None

    def level_uncovered(self, chapter: Chapter) -> bool:
        """A matched chapter whose partner is an excerpt printing no chapter level."""
        found = self.by_old.get(chapter.id) or self.by_new.get(chapter.id)
        if found is None:
            return False
        others = self.new.chapters if chapter.id in self.by_old else self.old.chapters
        partner = next((c for c in others if c.id == found[0]), None)
        return partner is not None and not _level_covered(chapter, partner)


def _at_chapter_level(element_id: str, chapter_id: str) -> bool:
    """The chapter itself, its overarching goals or its chapter-level indicators."""
    rest = element_id.removeprefix(chapter_id)
    return rest != element_id and (not rest or rest.startswith((".g", ".ind")))


def _level_covered(a: Chapter, b: Chapter) -> bool:
    """Whether both editions print a chapter's own level (heading, overarching goals and
    chapter-level indicators); an excerpt that starts at a section heading does not."""
    return all(c.stated or c.goals or c.indicators for c in (a, b))


def _side(element: E, is_new: bool) -> tuple[E | None, E | None]:
    return (None, element) if is_new else (element, None)


def _title(heading: Chapter | Section | Subsection) -> str:
    return heading.title


def _goal_text(goal: Goal) -> str:
    return goal.text


def _paragraph_text(paragraph: Paragraph) -> str:
    return paragraph.text


def _item_text(item: StatusItem | Action) -> str:
    return item.text


def _commitment(initiative: Initiative) -> str:
    return initiative.commitment


def _observation_text(observation: Observation) -> str:
    return observation.text


def _footnote_text(footnote: Footnote) -> str:
    return footnote.text


def _ministries(element: object) -> list[MinistryRef]:
    found = getattr(element, "ministries", None)
    return list(found) if found else []


# --- flat views --------------------------------------------------------------------------------


def matches(diff: EditionDiff) -> list[Match]:
    """Every matched pair in the diff, in tree order (headings, prose, rows, values, notes)."""
    found: list[Match] = []
    for kind, pair in _pairs(diff):
        if pair.old is not None and pair.new is not None and pair.score is not None:
            found.append(Match(kind, pair.old, pair.new, pair.score))
    return found


def _pairs(diff: EditionDiff) -> Iterator[tuple[str, Pair]]:
    for chapter in diff.chapters:
        yield "chapter", chapter.pair
        yield from (("goal", g.pair) for g in chapter.goals)
        for indicator in chapter.indicators:
            yield from _indicator_pairs(indicator)
        for section in chapter.sections:
            yield from _section_pairs(section)
    yield from (("footnote", f.pair) for f in diff.footnotes)


def _section_pairs(section: SectionDiff) -> Iterator[tuple[str, Pair]]:
    yield "section", section.pair
    yield from (("paragraph", p.pair) for p in section.paragraphs)
    yield from (("goal", g.pair) for g in section.goals)
    yield from (("target", t.pair) for t in section.targets)
    for indicator in section.indicators:
        yield from _indicator_pairs(indicator)
    for subsection in section.subsections:
        yield "subsection", subsection.pair
        yield from (("paragraph", p.pair) for p in subsection.paragraphs)
        for initiative in subsection.initiatives:
            yield "initiative", initiative.pair
            yield from ((i.kind, i.pair) for i in initiative.status_items + initiative.actions)


def _indicator_pairs(indicator: IndicatorDiff) -> Iterator[tuple[str, Pair]]:
    yield "indicator", indicator.pair
    yield from (("observation", o.pair) for o in indicator.observations)


def differences(diff: EditionDiff) -> list[Difference]:
    """Every difference, flat, in tree order.

    An added or removed element stands for everything in it: its children are not listed.
    Footnotes that an added or removed section accounts for are not listed either.
    """
    found: list[Difference] = []
    for chapter in diff.chapters:
        found += chapter_differences(chapter)
        for section in chapter.sections:
            found += section_differences(section)
    return found + footnote_differences(diff)


def chapter_differences(chapter: ChapterDiff) -> list[Difference]:
    """The chapter's own differences: heading, overarching goals, chapter-level indicators."""
    found = _heading_differences(
        "chapter", chapter.pair, chapter.change, chapter.renumbered, chapter.retitled
    )
    for goal in chapter.goals:
        found += _item_differences(goal)
    for indicator in chapter.indicators:
        found += _indicator_differences(indicator)
    return found


def footnote_differences(diff: EditionDiff) -> list[Difference]:
    """Footnotes added, removed or reworded (not those a lone section accounts for)."""
    found: list[Difference] = []
    for footnote in diff.footnotes:
        if footnote.with_section is None:
            found += _footnote_differences(footnote)
    return found


def _lone(code: str, pair: Pair, change: Change) -> list[Difference]:
    """``…_added`` / ``…_removed`` for an unmatched element, nothing for a matched one."""
    if change is Change.ADDED:
        return [Difference(f"{code}_added", None, pair.new)]
    if change is Change.REMOVED:
        return [Difference(f"{code}_removed", pair.old, None)]
    return []


def _heading_differences(
    code: str, pair: Pair, change: Change, renumbered: bool, retitled: bool
) -> list[Difference]:
    found = _lone(code, pair, change)
    if renumbered:
        found.append(Difference(f"{code}_renumbered", pair.old, pair.new))
    if retitled and pair.old and pair.new:
        detail = f"{pair.old.text} → {pair.new.text}"
        found.append(Difference(f"{code}_retitled", pair.old, pair.new, detail))
    return found


def section_differences(section: SectionDiff) -> list[Difference]:
    """A section's differences, its subsections' and its initiatives' included."""
    found = _heading_differences(
        "section", section.pair, section.change, section.renumbered, section.retitled
    )
    for item in section.paragraphs + section.goals:
        found += _item_differences(item)
    for target in section.targets:
        found += _target_differences(target)
    for indicator in section.indicators:
        found += _indicator_differences(indicator)
    for subsection in section.subsections:
        found += _heading_differences(
            "subsection",
            subsection.pair,
            subsection.change,
            subsection.renumbered,
            subsection.retitled,
        )
        for paragraph in subsection.paragraphs:
            found += _item_differences(paragraph)
        for initiative in subsection.initiatives:
            found += _initiative_differences(initiative)
    return found


_ITEM_CODES = {
    "status_item": "status",
    "action": "action",
    "paragraph": "paragraph",
    "goal": "goal",
}


def _item_differences(item: ItemDiff) -> list[Difference]:
    code = _ITEM_CODES[item.kind]
    found = _lone(code, item.pair, item.change)
    if item.segments:
        found.append(
            Difference(f"{code}_reworded", item.pair.old, item.pair.new, segments=item.segments)
        )
    if item.ministries is not None:
        found.append(
            Difference(
                f"{code}_ministries_changed",
                item.pair.old,
                item.pair.new,
                item.ministries.summary(),
            )
        )
    return found


def _initiative_differences(initiative: InitiativeDiff) -> list[Difference]:
    pair = initiative.pair
    found = _lone("initiative", pair, initiative.change)
    if initiative.moved_from is not None:
        found.append(Difference("initiative_moved", pair.old, pair.new, initiative.moved_from))
    if initiative.commitment:
        found.append(
            Difference("commitment_reworded", pair.old, pair.new, segments=initiative.commitment)
        )
    if initiative.ministries is not None:
        found.append(
            Difference("ministries_changed", pair.old, pair.new, initiative.ministries.summary())
        )
    if pair.old is not None and pair.new is not None:
        for item in initiative.status_items + initiative.actions:
            found += _item_differences(item)
    return found


def _value_detail(old: Value | None, new: Value | None) -> str:
    if old is None or new is None:
        return ""
    return f"{old.describe()} → {new.describe()}"


def _indicator_differences(indicator: IndicatorDiff) -> list[Difference]:
    pair = indicator.pair
    found = _lone("indicator", pair, indicator.change)
    if indicator.renamed:
        found.append(Difference("indicator_renamed", pair.old, pair.new))
    if pair.old is None or pair.new is None:
        return found
    for o in indicator.observations:
        found += _lone("observation", o.pair, o.change)
        if o.value_changed or o.period_changed or o.relabelled:
            found.append(
                Difference(
                    "observation_changed", o.pair.old, o.pair.new, _value_detail(o.old, o.new)
                )
            )
    return found


def _target_differences(target: TargetDiff) -> list[Difference]:
    found = _lone("target", target.pair, target.change)
    if target.renamed:
        found.append(Difference("target_renamed", target.pair.old, target.pair.new))
    if target.value_changed or target.period_changed:
        detail = _value_detail(target.old, target.new)
        found.append(Difference("target_changed", target.pair.old, target.pair.new, detail))
    return found


def _footnote_differences(footnote: FootnoteDiff) -> list[Difference]:
    found = _lone("footnote", footnote.pair, footnote.change)
    if footnote.segments:
        found.append(
            Difference(
                "footnote_reworded",
                footnote.pair.old,
                footnote.pair.new,
                segments=footnote.segments,
            )
        )
    return found
