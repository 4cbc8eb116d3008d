"""Text units: the pieces of a document extraction reads, each with the context around it.

A slide deck gives one unit per block (garbled blocks left out), with its slide's title, the
nearest heading and the blocks above it; a follow-up report one per prose paragraph, goal,
initiative, status item, action and footnote. ``Text`` is a unit's cleaned text with its key
form (no whitespace), which every rule matches on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stiplan.model import Block, BlockKind, Document, Period, Span
from stiplan.normalize.dates import PeriodError, parse_period
from stiplan.normalize.text import clean, compact


@dataclass(frozen=True, slots=True)
class TextUnit:
    """One piece of text to extract from, with the context around it.

    ``heading`` is the nearest heading above it (on a slide, or the section title), ``title``
    the slide's title, ``above`` the texts of the blocks above it on the same slide, nearest
    first; ``label_above`` the block just above when it is a short label (a dated label under it
    refers to it); ``target_year`` the year of a ``2030年目標`` heading the unit stands under.
    """

    element_id: str
    text: str
    span: Span
    source: bool = False
    heading: str = ""
    title: str = ""
    above: tuple[str, ...] = ()
    label_above: str = ""
    target_year: Period | None = None


_TARGET_HEADING = re.compile(r"((?:令和|平成)(?:\d{1,2}|元)年|\d{4}年)(?:度)?(?:の)?目標$")
_TARGET_REACH = 4  # a 2030年目標 heading governs this many blocks below it
_ABOVE = 12  # how many blocks above a unit are looked at for the programme it is about
_LABEL_CHARS = 60


def slide_units(document: Document) -> list[TextUnit]:
    """The blocks of a slide deck as text units (garbled blocks left out)."""
    units: list[TextUnit] = []
    for slide in document.slides:
        heading = ""
        above: list[str] = []
        label = ""
        target: tuple[Period, int] | None = None
        for index, block in enumerate(slide.blocks):
            year = _target_heading(block.text)
            if year is not None:
                target = (year, index)
            in_reach = target is not None and 0 < index - target[1] <= _TARGET_REACH
            if not block.garbled:
                units.append(
                    TextUnit(
                        element_id=block.id,
                        text=block.text,
                        span=block.span,
                        source=block.kind is BlockKind.SOURCE,
                        heading=heading,
                        title=slide.title,
                        above=tuple(reversed(above[-_ABOVE:])),
                        label_above=label,
                        target_year=target[0] if target and in_reach else None,
                    )
                )
            if block.kind is BlockKind.TITLE:
                heading = block.text
            above.append(block.text)
            label = block.text if _is_label(block) else ""
    return units


def _is_label(block: Block) -> bool:
    """A short paragraph or heading naming something (not a bracketed section label)."""
    return (
        block.kind in (BlockKind.PARAGRAPH, BlockKind.TITLE)
        and len(block.text) <= _LABEL_CHARS
        and not block.text.startswith(("【", "<", "＜", "［", "["))
    )


def _target_heading(text: str) -> Period | None:
    """``2030年目標`` → the year 2030; anything else → None."""
    m = _TARGET_HEADING.search(key_of(text))
    if m is None or len(key_of(text)) > 12:
        return None
    try:
        return parse_period(m.group(1))
    except PeriodError:
        return None


def followup_units(document: Document) -> list[TextUnit]:
    """The prose, goals, initiatives, status items, actions and footnotes of a follow-up."""
    units: list[TextUnit] = []
    for chapter in document.chapters:
        for goal in chapter.goals:
            units.append(TextUnit(goal.id, goal.text, goal.span, heading=chapter.title))
        for section in chapter.sections:
            heading = section.title
            for p in section.paragraphs:
                units.append(TextUnit(p.id, p.text, p.span, heading=heading))
            for g in section.goals:
                units.append(TextUnit(g.id, g.text, g.span, heading=heading))
            for sub in section.subsections:
                for p in sub.paragraphs:
                    units.append(TextUnit(p.id, p.text, p.span, heading=sub.title))
                for i in sub.initiatives:
                    units.append(TextUnit(i.id, i.commitment, i.span, heading=sub.title))
                    for st in i.status_items:
                        units.append(TextUnit(st.id, st.text, st.span, heading=sub.title))
                    for a in i.actions:
                        units.append(TextUnit(a.id, a.text, a.span, heading=sub.title))
    for footnote in document.footnotes:  # the reader keeps footnotes as written: clean here
        units.append(TextUnit(footnote.id, clean(footnote.text), footnote.span, source=True))
    return units


_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Text:
    """A unit's cleaned text ``t`` and its key form ``s`` (no whitespace) with the index map."""

    t: str
    s: str
    index: tuple[int, ...]

    @classmethod
    def of(cls, text: str, *, cleaned: bool = False) -> Text:
        if not cleaned:
            t = clean(text)
            s, index = compact(t)
            return cls(t, s, tuple(index))
        # A cleaned text is already folded: the key form only drops its whitespace, and the
        # index map is the runs between spaces (built from ranges, not character by character).
        kept: list[int] = []
        pos = 0
        for m in _SPACE.finditer(text):
            kept.extend(range(pos, m.start()))
            pos = m.end()
        kept.extend(range(pos, len(text)))
        return cls(text, _SPACE.sub("", text), tuple(kept))

    def orig(self, start: int, end: int) -> str:
        """The cleaned text behind ``s[start:end]`` (spaces and all)."""
        if start >= end:
            return ""
        return self.t[self.index[start] : self.index[end - 1] + 1]


def key_of(text: str) -> str:
    """The key form of a text that is already clean: its whitespace removed.

    Everything extraction looks at comes from cleaned texts, so ``catalogue.key`` (which
    cleans first) would only repeat work.
    """
    return _SPACE.sub("", text)
