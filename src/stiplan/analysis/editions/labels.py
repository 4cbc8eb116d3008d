"""Where each element of a diff sits, in the terms a person reads: its section (number and
title), its subsection, the indicator or initiative it belongs to and its position there.

A ``Ref``'s ``where`` (``2.(1) ind4 o1``) is a compact code for tests and traceability; a
report says ``2.(1) 研究力の強化 — 指標「…」 観測値1`` instead. ``places`` walks the diff tree
once and gives every ref (old and new side alike, by element id) its ``DiffPlace``: plain data in
no language, which the presenters put into words (``exports/diff_labels.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stiplan.analysis.editions.types import (
    ChapterDiff,
    Difference,
    EditionDiff,
    IndicatorDiff,
    InitiativeDiff,
    MinistryChange,
    Pair,
    Ref,
    SectionDiff,
    SubsectionDiff,
)


@dataclass(frozen=True, slots=True)
class Heading:
    """A chapter, section or subsection heading as numbered and titled in its edition."""

    where: str
    title: str


@dataclass(frozen=True, slots=True)
class DiffPlace:
    """Where one element sits, in one edition.

    ``kind`` is the element type (``observation``, ``status_item``…); ``heading`` the section
    holding it (the chapter for a chapter's own goals and indicators, None for a footnote);
    ``owner`` the name of the indicator of an observation or the commitment of the initiative
    of a status item or action, ``owner_number`` that initiative's number (``①-3``);
    ``number`` the element's position among its siblings (a footnote's number); ``name`` a
    target's or indicator's name, an observation's label, a subsection's title or an
    initiative's commitment; ``ministries`` what changed in the element's ministry tag.
    """

    kind: str
    heading: Heading | None
    subsection: Heading | None = None
    owner: str = ""
    owner_number: str = ""
    number: int | None = None
    name: str = ""
    ministries: MinistryChange | None = None


_TRAILING_NUMBER = re.compile(r"(\d+)$")


def _number(ref: Ref) -> int | None:
    """The position ``tree._Places`` wrote at the end of the place code (``o2`` → 2)."""
    found = _TRAILING_NUMBER.search(ref.where)
    return int(found.group(1)) if found else None


def initiative_number(initiative: Ref, section: Heading | None) -> str:
    """``①-3`` from ``2.(1)①3``: the subsection's circled number and the row's number."""
    local = initiative.where
    if section is not None and local.startswith(section.where):
        local = local[len(section.where) :]
    return re.sub(r"^(\D+)(\d+)$", r"\1-\2", local.strip())


Sides = tuple[Heading | None, Heading | None]


def _headings(pair: Pair) -> Sides:
    """Each side's heading (None where the heading is not in that edition)."""
    old = Heading(pair.old.where, pair.old.text) if pair.old else None
    new = Heading(pair.new.where, pair.new.text) if pair.new else None
    return (old, new)


def _either(sides: Sides, index: int) -> Heading | None:
    """The heading of side ``index``, else the other side's (an element whose heading is only
    in the other edition, such as a row moved into a new subsection, is placed under it)."""
    return sides[index] or sides[1 - index]


Texts = tuple[str, str]
_NO_TEXT: Texts = ("", "")
_NO_HEADING: Sides = (None, None)


def _sides(
    kind: str,
    heads: Sides,
    subs: Sides = _NO_HEADING,
    *,
    owner: Texts = _NO_TEXT,
    number: Texts = _NO_TEXT,
    name: Texts = _NO_TEXT,
    ministries: MinistryChange | None = None,
) -> tuple[DiffPlace, DiffPlace]:
    """A place per side (0 old, 1 new), each with that side's headings and texts."""

    def one(i: int) -> DiffPlace:
        return DiffPlace(
            kind,
            _either(heads, i),
            _either(subs, i),
            owner[i],
            number[i],
            None,
            name[i],
            ministries,
        )

    return (one(0), one(1))


class _Walk:
    """One walk of the tree, filling ``found`` with a place per ref id."""

    def __init__(self) -> None:
        self.found: dict[str, DiffPlace] = {}

    def add(self, pair: Pair, sides: tuple[DiffPlace, DiffPlace]) -> None:
        if pair.old is not None:
            self.found[pair.old.id] = _numbered(sides[0], pair.old)
        if pair.new is not None:
            self.found[pair.new.id] = _numbered(sides[1], pair.new)

    def chapter(self, chapter: ChapterDiff) -> None:
        heads = _headings(chapter.pair)
        self.add(chapter.pair, _sides("chapter", heads))
        for goal in chapter.goals:
            self.add(goal.pair, _sides("goal", heads, ministries=goal.ministries))
        for indicator in chapter.indicators:
            self.indicator(indicator, heads)
        for section in chapter.sections:
            self.section(section)

    def section(self, section: SectionDiff) -> None:
        heads = _headings(section.pair)
        self.add(section.pair, _sides("section", heads))
        for item in section.paragraphs + section.goals:
            self.add(item.pair, _sides(item.kind, heads, ministries=item.ministries))
        for target in section.targets:
            self.add(target.pair, _sides("target", heads, name=_texts(target.pair)))
        for indicator in section.indicators:
            self.indicator(indicator, heads)
        for subsection in section.subsections:
            self.subsection(subsection, heads)

    def indicator(self, indicator: IndicatorDiff, heads: Sides) -> None:
        names = _texts(indicator.pair)
        self.add(indicator.pair, _sides("indicator", heads, name=names))
        for o in indicator.observations:
            labels = (o.old.label if o.old else "", o.new.label if o.new else "")
            self.add(o.pair, _sides("observation", heads, owner=names, name=labels))

    def subsection(self, subsection: SubsectionDiff, heads: Sides) -> None:
        subs = _headings(subsection.pair)
        self.add(subsection.pair, _sides("subsection", heads, subs))
        for paragraph in subsection.paragraphs:
            self.add(paragraph.pair, _sides("paragraph", heads, subs))
        for initiative in subsection.initiatives:
            self.initiative(initiative, heads, subs)

    def initiative(self, initiative: InitiativeDiff, heads: Sides, subs: Sides) -> None:
        pair = initiative.pair
        names = _texts(pair)
        refs = (pair.old or pair.new, pair.new or pair.old)
        numbers = (
            initiative_number(refs[0], _either(heads, 0)) if refs[0] else "",
            initiative_number(refs[1], _either(heads, 1)) if refs[1] else "",
        )
        self.add(
            pair,
            _sides(
                "initiative",
                heads,
                subs,
                number=numbers,
                name=names,
                ministries=initiative.ministries,
            ),
        )
        for item in initiative.status_items + initiative.actions:
            self.add(
                item.pair,
                _sides(
                    item.kind, heads, subs, owner=names, number=numbers, ministries=item.ministries
                ),
            )


def _texts(pair: Pair) -> tuple[str, str]:
    old, new = pair.old or pair.new, pair.new or pair.old
    return (old.text if old else "", new.text if new else "")


def _numbered(place: DiffPlace, ref: Ref) -> DiffPlace:
    """The place with the ref's own position, for the kinds a position names."""
    if place.kind in ("chapter", "section", "subsection", "initiative", "target", "indicator"):
        return place
    return DiffPlace(
        place.kind,
        place.heading,
        place.subsection,
        place.owner,
        place.owner_number,
        _number(ref),
        place.name,
        place.ministries,
    )


def diff_places(diff: EditionDiff) -> dict[str, DiffPlace]:
    """The place of every element of both editions in the diff, by element id."""
    walk = _Walk()
    for chapter in diff.chapters:
        walk.chapter(chapter)
    for footnote in diff.footnotes:
        pair = footnote.pair
        if pair.old is not None:
            walk.found[pair.old.id] = DiffPlace("footnote", None, number=footnote.old_number)
        if pair.new is not None:
            walk.found[pair.new.id] = DiffPlace("footnote", None, number=footnote.new_number)
    return walk.found


def place_of(found: dict[str, DiffPlace], difference: Difference) -> DiffPlace | None:
    """Where a difference is: the new edition's place, else the old one's (as ``where``)."""
    ref = difference.new or difference.old
    return found.get(ref.id) if ref is not None else None
