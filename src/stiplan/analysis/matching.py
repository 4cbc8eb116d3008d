"""One matching procedure for every element kind: scored candidates, then a greedy assignment.

Each kind (sections, initiatives, indicators, footnotes…) is matched the same way and differs
only in its ``Scoring``: which text is compared, what else counts (number, ministries, position,
units, citations) and with which weights, and the thresholds a pair must pass. The result keeps
every component of every chosen pair's score, so a person can check why two elements were
taken for one.

Pairs are found in two rounds. Texts whose comparable forms are equal pair up first (a hash
lookup); only elements without such a twin are compared bigram by bigram, which keeps 500
against 500 fast. Elements an equal twin could not take (it went to a better-placed copy, as
with ``（再掲）`` items) get a second, fuzzy round among what is left.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from stiplan.analysis.similarity import BitKeys, Candidate, TextKey, assign, dice, dice_bits


class Method(StrEnum):
    """How a pair was found."""

    EXACT = "exact"  # the comparable texts are equal
    SIMILAR = "similar"  # the score passed the kind's thresholds
    SLOT = "slot"  # left over in the same place on both sides, rewritten (status, actions)


@dataclass(frozen=True, slots=True)
class Score:
    """Why two elements were matched: the combined score and every input to it.

    ``text`` is the bigram Dice of ``old_key`` and ``new_key`` (the comparable forms). The other
    components are set where the kind uses them (see ``docs/editions.md``): ``number`` (same
    heading number), ``ministries`` (Jaccard of codes), ``position`` (same place), ``units``
    (Jaccard of units), ``citations`` (agreement of the citing elements).
    """

    value: float
    method: Method
    text: float
    old_key: str
    new_key: str
    components: tuple[tuple[str, float], ...] = ()

    def component(self, name: str) -> float | None:
        """One named component, or None when the kind does not use it."""
        return dict(self.components).get(name)


Component = Callable[[int, int], float]


def distance(i: int, j: int) -> float:
    """The default tie-breaker: how far apart two indices are."""
    return abs(i - j)


@dataclass(frozen=True, slots=True)
class Scoring:
    """How one element kind is scored: weights, extra components and thresholds.

    score = ``text_weight`` × text + Σ weight × component. A pair is a candidate when its text
    similarity reaches ``min_text`` and its score reaches ``min_score``. ``tie`` orders equal
    scores (smaller first), usually a distance in position.
    """

    text_weight: float
    min_text: float
    min_score: float = 0.0
    components: tuple[tuple[str, float, Component], ...] = ()
    tie: Component = distance


@dataclass(frozen=True, slots=True)
class Pairing:
    """A chosen pair: indices into the old and the new list, and its score."""

    old: int
    new: int
    score: Score


def match(old: Sequence[TextKey], new: Sequence[TextKey], scoring: Scoring) -> list[Pairing]:
    """Pair old and new elements one to one; unpaired ones are added or removed."""
    taken_old: set[int] = set()
    taken_new: set[int] = set()
    twins = _exact_pairs(old, new)
    with_twin_old = {i for i, _ in twins}
    with_twin_new = {j for _, j in twins}
    free_old = [i for i in range(len(old)) if i not in with_twin_old]
    free_new = [j for j in range(len(new)) if j not in with_twin_new]
    candidates = [_candidate(i, j, 1.0, scoring) for i, j in twins]
    candidates += _fuzzy(old, new, free_old, free_new, scoring)
    chosen = assign([c for c in candidates if c is not None], taken_old, taken_new)
    left_old = [i for i in range(len(old)) if i not in taken_old]
    left_new = [j for j in range(len(new)) if j not in taken_new]
    if (set(left_old) & with_twin_old) or (set(left_new) & with_twin_new):
        chosen += assign(_fuzzy(old, new, left_old, left_new, scoring), taken_old, taken_new)
    return [_pairing(c, old, new, scoring) for c in sorted(chosen, key=lambda c: (c.new, c.old))]


def slot_pairs(
    old: Sequence[TextKey],
    new: Sequence[TextKey],
    taken: Sequence[Pairing],
    min_text: float,
) -> list[Pairing]:
    """Items left over at the same place on both sides, sharing ``min_text`` of their bigrams.

    A status item rewritten from one year to the next (new figures, new wording, same subject)
    keeps its place in the cell; this pairs such items, which text alone would leave apart.
    """
    taken_old = {p.old for p in taken}
    taken_new = {p.new for p in taken}
    found: list[Pairing] = []
    for index in range(min(len(old), len(new))):
        if index in taken_old or index in taken_new:
            continue
        text = dice(old[index], new[index])
        if text >= min_text:
            score = Score(text, Method.SLOT, text, old[index].text, new[index].text)
            found.append(Pairing(index, index, score))
    return found


def _exact_pairs(old: Sequence[TextKey], new: Sequence[TextKey]) -> list[tuple[int, int]]:
    by_text: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(new):
        by_text[key.text].append(j)
    return [(i, j) for i, key in enumerate(old) for j in by_text.get(key.text, ())]


def _fuzzy(
    old: Sequence[TextKey],
    new: Sequence[TextKey],
    old_index: list[int],
    new_index: list[int],
    scoring: Scoring,
) -> list[Candidate]:
    """Candidates among the given elements, compared bigram by bigram (bit masks)."""
    if not old_index or not new_index:
        return []
    bits = BitKeys()
    new_masks = [(j, bits.mask(new[j]), len(new[j].grams)) for j in new_index]
    found: list[Candidate] = []
    for i in old_index:
        mask, size = bits.mask(old[i]), len(old[i].grams)
        for j, other, other_size in new_masks:
            text = dice_bits(mask, size, other, other_size)
            if text >= scoring.min_text:
                candidate = _candidate(i, j, text, scoring)
                if candidate is not None:
                    found.append(candidate)
    return found


def _candidate(i: int, j: int, text: float, scoring: Scoring) -> Candidate | None:
    if text < scoring.min_text:
        return None
    score = scoring.text_weight * text + sum(w * f(i, j) for _, w, f in scoring.components)
    if score < scoring.min_score:
        return None
    return Candidate(score, scoring.tie(i, j), i, j)


def _pairing(
    c: Candidate, old: Sequence[TextKey], new: Sequence[TextKey], scoring: Scoring
) -> Pairing:
    """The chosen pair with every component of its score written out."""
    a, b = old[c.old], new[c.new]
    text = dice(a, b)
    method = Method.EXACT if a.text == b.text else Method.SIMILAR
    components = tuple((name, f(c.old, c.new)) for name, _, f in scoring.components)
    return Pairing(c.old, c.new, Score(c.score, method, text, a.text, b.text, components))
