"""Flat views of a diff tree: every difference (for reports) and every match (for tests)."""

from __future__ import annotations

from collections.abc import Iterator

from stiplan.analysis.editions.types import (
    Change,
    ChapterDiff,
    Difference,
    EditionDiff,
    FootnoteDiff,
    IndicatorDiff,
    InitiativeDiff,
    ItemDiff,
    Match,
    Pair,
    SectionDiff,
    TargetDiff,
    Value,
)


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
