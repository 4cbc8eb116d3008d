"""Chapters across editions: by title and number, or by their sections where a heading is missing.

A follow-up edition may print a whole chapter or only some of its sections. An excerpt that
starts at a section heading has no chapter heading at all: the reader gives it a chapter whose
number is 0 and whose title is empty (``model.Chapter.stated`` is False). Such a chapter can
only be recognised by what it holds, so two chapters agree when

- both are stated and their titles agree (bigram Dice ≥ ``CHAPTER_TITLE_MIN``; the number may
  differ, since a renumbered chapter with the same title is the same chapter) and, where both
  have sections of the same number, at least ``SECTION_AGREEMENT`` of those agree in title; or
- either is not stated and at least ``SECTION_AGREEMENT`` of its sections (and at least one)
  find a section of the other chapter with an agreeing title (``SECTION_TITLE_MIN``), whatever
  their numbers: renumbered sections with the same title still count.

``chapter_pairs`` pairs the chapters of two documents one to one, best agreement first, and
says for each pair how it was found (a ``Score`` with the title, number and sections
components). Pure: chapters in, pairs out.
"""

from __future__ import annotations

from collections.abc import Sequence

from stiplan.analysis.matching import Method, Pairing, Score
from stiplan.analysis.similarity import Candidate, TextKeys, assign, dice
from stiplan.model import Chapter, Section

CHAPTER_TITLE_MIN = 0.8  # two stated chapters are one when their titles agree this much
SECTION_AGREEMENT = 0.5  # … and at least half the sections both number alike agree in title
SECTION_TITLE_MIN = 0.6  # a section title agreeing with another's (renumbered or not)


def _title_score(a: str, b: str, keys: TextKeys) -> float:
    return dice(keys.of(a), keys.of(b))


def numbered_sections_agree(a: Chapter, b: Chapter, keys: TextKeys | None = None) -> bool:
    """Where both chapters have a section of the same number, half of those agree in title.

    ``keys`` are the prepared titles of the comparison run (new ones when not given).
    """
    keys = keys or TextKeys()
    titles_b = {s.number: s.title for s in b.sections}
    shared = [(s.title, titles_b[s.number]) for s in a.sections if s.number in titles_b]
    if not shared:
        return True
    agreeing = sum(1 for x, y in shared if _title_score(x, y, keys) >= SECTION_TITLE_MIN)
    return agreeing >= SECTION_AGREEMENT * len(shared)


def section_agreement(
    sections: Sequence[Section], others: Sequence[Section], keys: TextKeys | None = None
) -> float:
    """The share of ``sections`` whose title agrees with the title of some section in
    ``others`` (numbers aside); 0 when there is none."""
    if not sections or not others:
        return 0.0
    keys = keys or TextKeys()
    prepared = [keys.of(o.title) for o in others]
    found = sum(
        1
        for s in sections
        if max(dice(keys.of(s.title), key) for key in prepared) >= SECTION_TITLE_MIN
    )
    return found / len(sections)


def chapter_score(a: Chapter, b: Chapter, keys: TextKeys | None = None) -> Score | None:
    """How well two chapters agree (see the module docstring); None when they do not.

    ``keys`` are the prepared titles of the comparison run (new ones when not given).
    """
    keys = keys or TextKeys()
    number = 1.0 if a.stated and b.stated and a.number == b.number else 0.0
    if a.stated and b.stated:
        title = _title_score(a.title, b.title, keys)
        if title < CHAPTER_TITLE_MIN or not numbered_sections_agree(a, b, keys):
            return None
        value = 0.7 * title + 0.3 * number
        return Score(value, _method(a, b, keys), title, a.title, b.title, (("number", number),))
    unstated = a if not a.stated else b
    other = b if unstated is a else a
    sections = section_agreement(unstated.sections, other.sections, keys)
    if sections < SECTION_AGREEMENT:
        return None
    components = (("number", number), ("sections", sections))
    return Score(sections, Method.SIMILAR, 0.0, a.title, b.title, components)


def _method(a: Chapter, b: Chapter, keys: TextKeys) -> Method:
    return Method.EXACT if keys.same(a.title, b.title) else Method.SIMILAR


def chapter_pairs(
    old: Sequence[Chapter], new: Sequence[Chapter], keys: TextKeys | None = None
) -> list[Pairing]:
    """Pair the chapters of two documents one to one, best agreement first, then in order.

    Every chapter is scored against every other, each score reading the titles of its
    sections: ``keys`` (the comparison run's, else new ones) prepares each title once.
    """
    keys = keys or TextKeys()
    scores: dict[tuple[int, int], Score] = {}
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            score = chapter_score(a, b, keys)
            if score is not None:
                scores[(i, j)] = score
    candidates = [Candidate(s.value, abs(i - j), i, j) for (i, j), s in scores.items()]
    chosen = assign(candidates, set(), set())
    return [Pairing(c.old, c.new, scores[(c.old, c.new)]) for c in sorted(chosen, key=_order)]


def _order(c: Candidate) -> tuple[int, int]:
    return (c.new, c.old)
