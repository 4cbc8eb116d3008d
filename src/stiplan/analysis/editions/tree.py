"""Building the diff tree from the matches: the second half of ``compare``.

The tree mirrors the document (chapters → sections → subsections → initiatives → status items
and actions; indicators → observations; targets; prose; footnotes); every node says whether
it was kept, changed, added or removed, and each pair where it sits in its edition.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from stiplan.analysis.editions.matching import (
    D,
    E,
    Element,
    Heading,
    Matching,
    commitment_text,
    footnote_text,
    goal_text,
    item_text,
    name_of,
    observation_text,
    paragraph_text,
    title_text,
)
from stiplan.analysis.editions.parts import edition_info, same_part, section_label
from stiplan.analysis.editions.types import (
    Change,
    ChapterDiff,
    EditionDiff,
    FootnoteDiff,
    IndicatorDiff,
    InitiativeDiff,
    ItemDiff,
    MinistryChange,
    ObservationDiff,
    Pair,
    Ref,
    SectionCounts,
    SectionDiff,
    SubsectionDiff,
    TargetDiff,
    Value,
    change_of,
)
from stiplan.analysis.similarity import Segment, TextKeys, word_diff
from stiplan.model import (
    Chapter,
    Document,
    Footnote,
    Indicator,
    Initiative,
    MinistryRef,
    Observation,
    Quantity,
    Section,
    Subsection,
    Target,
    subsection_mark,
)


def compare(old: Document, new: Document) -> EditionDiff:
    """Match two editions element by element and say what changed (see the module docstring)."""
    comparison = _Tree(old, new)
    comparison.match_all()
    return comparison.build()


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
                sw = section_label(chapter, section)
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

    def items(self, parent: str, base: str, letter: str, items: Sequence[Element]) -> None:
        for index, item in enumerate(items, start=1):
            self.add(item.id, f"{base} {letter}{index}", parent)

    def indicators(self, parent: str, base: str, indicators: Sequence[Indicator]) -> None:
        for index, indicator in enumerate(indicators, start=1):
            where = f"{base} ind{index}"
            self.add(indicator.id, where, parent)
            self.items(indicator.id, where, "o", indicator.observations)

    def subsection(self, parent: str, base: str, subsection: Subsection) -> None:
        sw = f"{base}{subsection_mark(subsection.number)}"
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


def value_changed(old: Value, new: Value, keys: TextKeys | None = None) -> bool:
    """The value differs: exact numbers compared, or the text when a value could not be read.

    ``keys``: the comparison run's prepared texts (new ones when not given).
    """
    if old.quantity is not None and new.quantity is not None:
        return _quantity_key(old.quantity) != _quantity_key(new.quantity)
    if (old.quantity is None) != (new.quantity is None):
        return True
    return not (keys or TextKeys()).same(old.text, new.text)


def period_changed(old: Value, new: Value) -> bool:
    """The as-of (or target) period differs, in whichever calendar each was written."""
    if old.period is None or new.period is None:
        return (old.period is None) != (new.period is None)
    return (old.period.start, old.period.end) != (new.period.start, new.period.end)


def _reworded(old: str, new: str, keys: TextKeys) -> tuple[Segment, ...]:
    """A word-level diff when two texts differ beyond presentation, else nothing."""
    if keys.same(old, new):
        return ()
    return word_diff(old, new)


def _value_of(element: Observation | Target) -> Value:
    if isinstance(element, Target):
        return Value(element.value_text, element.quantity, element.period)
    return Value(element.text, element.quantity, element.period, element.label)


class _Tree(Matching):
    """The second half of one run of ``compare``: the diff tree built from the matches."""

    def __init__(self, old: Document, new: Document) -> None:
        super().__init__(old, new)
        self.old_places = _Places.of(old)
        self.new_places = _Places.of(new)

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
            same_part(self.old, self.new, self.keys),
            chapters,
            self.merged(self.old.footnotes, self.new.footnotes, self.footnote),
        )

    def heading_flags(self, old: Heading | None, new: Heading | None) -> tuple[bool, bool]:
        """(renumbered, retitled) of a matched heading."""
        if old is None or new is None:
            return False, False
        return old.number != new.number, not self.keys.same(old.title, new.title)

    def chapter(self, old: Chapter | None, new: Chapter | None) -> ChapterDiff:
        pair = self.pair(old, new, title_text)
        if old is None or new is None:
            return ChapterDiff(pair, change_of(pair, False))
        sections = self.merged(old.sections, new.sections, self.section)
        if not _level_covered(old, new):
            return ChapterDiff(pair, Change.UNCHANGED, sections=sections, covered=False)
        renumbered, retitled = self.heading_flags(old, new)
        return ChapterDiff(
            pair,
            change_of(pair, renumbered or retitled),
            renumbered,
            retitled,
            goals=self.merged(old.goals, new.goals, self.item_builder("goal", goal_text)),
            indicators=self.merged(
                old.indicators, new.indicators, self.indicator, self.old_indicators
            ),
            sections=sections,
        )

    def section(self, old: Section | None, new: Section | None) -> SectionDiff:
        pair = self.pair(old, new, title_text)
        renumbered, retitled = self.heading_flags(old, new)
        change = change_of(pair, renumbered or retitled)
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
                old.paragraphs, new.paragraphs, self.item_builder("paragraph", paragraph_text)
            ),
            goals=self.merged(old.goals, new.goals, self.item_builder("goal", goal_text)),
            targets=self.merged(old.targets, new.targets, self.target, self.old_targets),
            indicators=self.merged(
                old.indicators, new.indicators, self.indicator, self.old_indicators
            ),
            subsections=self.merged(old.subsections, new.subsections, self.subsection),
        )

    def subsection(self, old: Subsection | None, new: Subsection | None) -> SubsectionDiff:
        pair = self.pair(old, new, title_text)
        renumbered, retitled = self.heading_flags(old, new)
        paragraphs = self.merged(
            old.paragraphs if old else [],
            new.paragraphs if new else [],
            self.item_builder("paragraph", paragraph_text),
        )
        initiatives = self.merged(
            old.initiatives if old else [],
            new.initiatives if new else [],
            self.initiative,
            self.old_initiatives,
        )
        return SubsectionDiff(
            pair,
            change_of(pair, renumbered or retitled),
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
                return ItemDiff(kind, pair, change_of(pair, False))
            segments = _reworded(text(old), text(new), self.keys)
            ministries = ministry_change(_ministries(old), _ministries(new))
            changed = bool(segments) or ministries is not None
            return ItemDiff(kind, pair, change_of(pair, changed), segments, ministries)

        return build

    def initiative(self, old: Initiative | None, new: Initiative | None) -> InitiativeDiff:
        pair = self.pair(old, new, commitment_text)
        status = self.item_builder("status_item", item_text)
        action = self.item_builder("action", item_text)
        if old is None or new is None:
            only = old or new
            assert only is not None
            lone_status = tuple(status(*_side(s, old is None)) for s in only.status_items)
            lone_actions = tuple(action(*_side(a, old is None)) for a in only.actions)
            return InitiativeDiff(
                pair, change_of(pair, False), (), None, None, lone_status, lone_actions
            )
        commitment = _reworded(old.commitment, new.commitment, self.keys)
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
            pair, change_of(pair, changed), commitment, ministries, moved_from, items, actions
        )

    def indicator(self, old: Indicator | None, new: Indicator | None) -> IndicatorDiff:
        pair = self.pair(old, new, name_of)
        observations = self.merged(
            old.observations if old else [], new.observations if new else [], self.observation
        )
        renamed = old is not None and new is not None and not self.keys.same(old.name, new.name)
        changed = renamed or any(o.change is not Change.UNCHANGED for o in observations)
        return IndicatorDiff(pair, change_of(pair, changed), renamed, observations)

    def observation(self, old: Observation | None, new: Observation | None) -> ObservationDiff:
        pair = self.pair(old, new, observation_text)
        old_value = _value_of(old) if old else None
        new_value = _value_of(new) if new else None
        if old is None or new is None or old_value is None or new_value is None:
            return ObservationDiff(pair, change_of(pair, False), old_value, new_value)
        values = value_changed(old_value, new_value, self.keys)
        periods = period_changed(old_value, new_value)
        relabelled = not self.keys.same(old.label, new.label)
        change = change_of(pair, values or periods or relabelled)
        return ObservationDiff(pair, change, old_value, new_value, values, periods, relabelled)

    def target(self, old: Target | None, new: Target | None) -> TargetDiff:
        pair = self.pair(old, new, name_of)
        old_value = _value_of(old) if old else None
        new_value = _value_of(new) if new else None
        if old is None or new is None or old_value is None or new_value is None:
            return TargetDiff(pair, change_of(pair, False), old=old_value, new=new_value)
        renamed = not self.keys.same(old.name, new.name)
        values = value_changed(old_value, new_value, self.keys)
        periods = period_changed(old_value, new_value)
        change = change_of(pair, renamed or values or periods)
        return TargetDiff(pair, change, renamed, old_value, new_value, values, periods)

    def footnote(self, old: Footnote | None, new: Footnote | None) -> FootnoteDiff:
        pair = self.pair(old, new, footnote_text)
        segments = _reworded(old.text, new.text, self.keys) if old and new else ()
        with_section = None
        if old is not None and new is None:
            with_section = self.lone_section_of(old.cited_by, self.old, self.old_places)
        elif new is not None and old is None:
            with_section = self.lone_section_of(new.cited_by, self.new, self.new_places)
        return FootnoteDiff(
            pair,
            change_of(pair, bool(segments)),
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


def _ministries(element: object) -> list[MinistryRef]:
    found = getattr(element, "ministries", None)
    return list(found) if found else []
