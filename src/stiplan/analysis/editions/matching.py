"""Matching two editions element by element: the first half of ``compare``.

Headings first (their pairs place everything else), then initiatives, indicators, targets and
footnotes, each kind with its own weights and thresholds (``docs/editions.md``); the text
comparison is ``analysis.similarity``, the assignment ``analysis.matching``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from stiplan.analysis.chapters import chapter_pairs
from stiplan.analysis.matching import Pairing, Score, Scoring, match, slot_pairs
from stiplan.analysis.similarity import TextKeys, closeness, jaccard
from stiplan.model import (
    Action,
    Chapter,
    Document,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    Observation,
    Paragraph,
    Quantity,
    Section,
    Span,
    StatusItem,
    Subsection,
    Target,
)

HEADING_MIN_SCORE = 0.6  # chapters, sections, subsections: 0.7·title + 0.3·same number
INITIATIVE_MIN_TEXT = 0.5  # commitment texts sharing half their bigrams
ITEM_MIN_TEXT = 0.5  # status items, actions, paragraphs, goals
SLOT_MIN_TEXT = 0.2  # a status item or action rewritten in its place
NAME_MIN_TEXT = 0.6  # indicator and target names (short, so stricter)
LABEL_MIN_TEXT = 0.5  # observation labels within one indicator
FOOTNOTE_MIN_TEXT = 0.6  # footnote texts


class Element(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def span(self) -> Span: ...


class Heading(Element, Protocol):
    @property
    def number(self) -> int: ...

    @property
    def title(self) -> str: ...


E = TypeVar("E", bound=Element)
H = TypeVar("H", bound=Heading)
D = TypeVar("D")


def unit_of(quantity: Quantity | None) -> str:
    return quantity.unit if quantity else ""


def units_of(observations: Sequence[Observation]) -> set[str]:
    return {unit_of(o.quantity) for o in observations}


def name_of(element: Indicator | Target) -> str:
    return element.name or element.text


class Matching:
    """The first half of one run of ``compare``: every element of two editions matched.

    Matching fills ``by_old`` / ``by_new`` (element id → partner id and score); building the
    tree (``tree.py``) walks both documents and asks those maps, so where a pair sits in the
    tree never decides whether it is a pair.
    """

    def __init__(self, old: Document, new: Document) -> None:
        self.old = old
        self.new = new
        self.by_old: dict[str, tuple[str, Score]] = {}
        self.by_new: dict[str, tuple[str, Score]] = {}
        self.old_initiatives: dict[str, Initiative] = {}
        self.old_indicators: dict[str, Indicator] = {}
        self.old_targets: dict[str, Target] = {}
        self.keys = TextKeys()  # every text folded and split into bigrams once per run

    def record(self, old: Sequence[E], new: Sequence[E], pairings: list[Pairing]) -> None:
        for p in pairings:
            self.by_old[old[p.old].id] = (new[p.new].id, p.score)
            self.by_new[new[p.new].id] = (old[p.old].id, p.score)

    def partner(self, element: Element) -> str | None:
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
        keys = [self.keys.of(h.title) for h in old], [self.keys.of(h.title) for h in new]
        pairings = match(*keys, scoring)
        self.record(old, new, pairings)
        return [(old[p.old], new[p.new]) for p in pairings]

    def chapters(self) -> list[tuple[Chapter, Chapter]]:
        """Chapters by title and number, or by their sections (``analysis.chapters``)."""
        old, new = self.old.chapters, self.new.chapters
        pairings = chapter_pairs(old, new, self.keys)
        self.record(old, new, pairings)
        return [(old[p.old], new[p.new]) for p in pairings]

    def items(
        self, old: Sequence[E], new: Sequence[E], texts: Callable[[E], str], slot: bool
    ) -> None:
        """Prose, goals, status items, actions: 0.8·text + 0.2·same place; then slots."""
        scoring = Scoring(0.8, ITEM_MIN_TEXT, components=(("position", 0.2, closeness),))
        keys = [self.keys.of(texts(e)) for e in old], [self.keys.of(texts(e)) for e in new]
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
            self.items(co.goals, cn.goals, goal_text, slot=False)
            for so, sn in self.headings(co.sections, cn.sections):
                matched_sections.append((so, sn))
                self.items(so.paragraphs, sn.paragraphs, paragraph_text, slot=False)
                self.items(so.goals, sn.goals, goal_text, slot=False)
                for sso, ssn in self.headings(so.subsections, sn.subsections):
                    self.items(sso.paragraphs, ssn.paragraphs, paragraph_text, slot=False)
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
            [self.keys.of(i.commitment) for _, _, i in old],
            [self.keys.of(i.commitment) for _, _, i in new],
        )
        pairings = match(*keys, scoring)
        self.record([i for _, _, i in old], [i for _, _, i in new], pairings)
        for p in pairings:
            io, inew = old[p.old][2], new[p.new][2]
            self.items(io.status_items, inew.status_items, item_text, slot=True)
            self.items(io.actions, inew.actions, item_text, slot=True)

    def match_indicators(
        self, containers: Sequence[tuple[Chapter | Section, Chapter | Section]]
    ) -> None:
        """Name 0.7, units 0.2, position 0.1; names must share 60 % of their bigrams."""
        old = [(c, k, i) for c, _ in containers for k, i in enumerate(c.indicators)]
        new = [(c, k, i) for _, c in containers for k, i in enumerate(c.indicators)]
        self.old_indicators = {i.id: i for _, _, i in old}

        def units(a: int, b: int) -> float:
            return jaccard(units_of(old[a][2].observations), units_of(new[b][2].observations))

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
            return 1.0 if unit_of(old[a][2].quantity) == unit_of(new[b][2].quantity) else 0.0

        self.named(old, new, units)

    def named(
        self,
        old: Sequence[tuple[Element, int, Indicator | Target]],
        new: Sequence[tuple[Element, int, Indicator | Target]],
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
        keys = (
            [self.keys.of(name_of(e)) for _, _, e in old],
            [self.keys.of(name_of(e)) for _, _, e in new],
        )
        pairings = match(*keys, scoring)
        self.record([e for _, _, e in old], [e for _, _, e in new], pairings)
        return pairings

    def match_observations(self, old: Sequence[Observation], new: Sequence[Observation]) -> None:
        """Label 0.6, same unit 0.3, position 0.1; labels must share half their bigrams."""

        def unit(a: int, b: int) -> float:
            return 1.0 if units_of([old[a]]) == units_of([new[b]]) else 0.0

        scoring = Scoring(
            0.6,
            LABEL_MIN_TEXT,
            components=(("units", 0.3, unit), ("position", 0.1, closeness)),
        )
        keys = [self.keys.of(o.label) for o in old], [self.keys.of(o.label) for o in new]
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
        keys = [self.keys.of(f.text) for f in old], [self.keys.of(f.text) for f in new]
        self.record(old, new, match(*keys, scoring))


def title_text(heading: Chapter | Section | Subsection) -> str:
    return heading.title


def goal_text(goal: Goal) -> str:
    return goal.text


def paragraph_text(paragraph: Paragraph) -> str:
    return paragraph.text


def item_text(item: StatusItem | Action) -> str:
    return item.text


def commitment_text(initiative: Initiative) -> str:
    return initiative.commitment


def observation_text(observation: Observation) -> str:
    return observation.text


def footnote_text(footnote: Footnote) -> str:
    return footnote.text
