"""Text comparison for matching elements across editions: comparable forms, scores, diffs.

Two editions of a follow-up report print the same commitment with small surface changes: a
footnote marker renumbered, brackets switched between full and half width, PDF spacing moved,
a year written ``令和6年`` one year and ``2024年`` the next. ``comparable`` folds all of those
away, so equal meaning gives equal strings. ``dice`` then scores how much two comparable texts
share (Sørensen–Dice over character bigrams: fast, deterministic and needing no tokeniser,
which matters for Japanese). ``assign`` turns scored candidate pairs into a one-to-one
matching, and ``word_diff`` shows what a reworded text changed, run by run.

Everything here is pure; the rules and thresholds are documented in ``docs/editions.md``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from stiplan.normalize.dates import gregorian_years
from stiplan.normalize.markers import extract_footnote_refs

_WHITESPACE = re.compile(r"\s+")


def comparable(text: str) -> str:
    """The form two texts are compared in: equal when they differ only in presentation.

    Footnote markers go first (they are renumbered between editions; NFKC would turn them into
    digits). NFKC then folds everything ``normalize.text.clean`` folds for display (Kangxi
    radicals, full-width Latin, half-width katakana) and more that display must keep but a
    comparison must not see: brackets and colons of either width become one form. Era years
    become Gregorian years, case is folded and every space is dropped, which also undoes any
    PDF spacing (``S I N E T``).
    """
    without_markers, _ = extract_footnote_refs(text)
    folded = unicodedata.normalize("NFKC", without_markers)
    return _WHITESPACE.sub("", gregorian_years(folded)).casefold()


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of a comparable text; a one-character text is its own bigram."""
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(map(str.__add__, text, text[1:]))  # pairs of neighbours, in C


@dataclass(frozen=True, slots=True)
class TextKey:
    """A text prepared once for many comparisons: its comparable form and bigram set."""

    text: str
    grams: frozenset[str]

    @classmethod
    def of(cls, text: str) -> TextKey:
        form = comparable(text)
        return cls(form, bigrams(form))


class TextKeys:
    """Texts prepared for one comparison run, each once: its comparable form and bigram set.

    One ``compare`` looks at the same text many times: a heading title when chapters are paired
    (once for every other chapter and again for the report-part check), every text when its kind
    is matched, and again when the tree asks whether a matched pair differs beyond presentation.
    Folding and splitting a text into bigrams is most of what a comparison costs, so a run keeps
    what it made here, keyed by the text itself. The run owns it, so it lives no longer than the
    documents it compares.
    """

    def __init__(self) -> None:
        self._forms: dict[str, str] = {}
        self._keys: dict[str, TextKey] = {}

    def form(self, text: str) -> str:
        """``comparable(text)``, folded once per text."""
        found = self._forms.get(text)
        if found is None:
            found = self._forms[text] = comparable(text)
        return found

    def of(self, text: str) -> TextKey:
        """``TextKey.of(text)``, prepared once per text."""
        found = self._keys.get(text)
        if found is None:
            form = self.form(text)
            found = self._keys[text] = TextKey(form, bigrams(form))
        return found

    def same(self, a: str, b: str) -> bool:
        """Whether two texts differ only in presentation (equal comparable forms)."""
        return a == b or self.form(a) == self.form(b)


def dice(a: TextKey, b: TextKey) -> float:
    """Share of bigrams two texts have in common (1.0 equal, 0.0 nothing shared or empty)."""
    if a.text == b.text:
        return 1.0
    if not a.grams or not b.grams:
        return 0.0
    return 2 * len(a.grams & b.grams) / (len(a.grams) + len(b.grams))


class BitKeys:
    """Bigram sets as integer bit masks, for scoring many pairs quickly.

    Matching 500 initiatives against 500 means 250,000 comparisons; ``(a & b).bit_count()`` on
    Python integers does one in a fraction of a microsecond, a frozenset intersection in several.
    The vocabulary is shared by all texts given to one instance.
    """

    def __init__(self) -> None:
        self._index: dict[str, int] = {}

    def mask(self, key: TextKey) -> int:
        """The bit mask of one text's bigrams."""
        mask = 0
        for gram in key.grams:
            bit = self._index.setdefault(gram, len(self._index))
            mask |= 1 << bit
        return mask


def dice_bits(a: int, size_a: int, b: int, size_b: int) -> float:
    """``dice`` on bit masks (``size`` is the number of bigrams, i.e. bits set)."""
    if not size_a or not size_b:
        return 0.0
    return 2 * (a & b).bit_count() / (size_a + size_b)


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    """Overlap of two sets of codes or units; two empty sets agree fully."""
    left, right = set(a), set(b)
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)


def closeness(a: int, b: int) -> float:
    """How near two ordinals are: 1.0 for the same place, ½ one apart, ⅓ two apart…"""
    return 1 / (1 + abs(a - b))


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible pair (``old``, ``new`` are indices) with its score and a tie-breaker.

    ``tie`` orders candidates of equal score: smaller first (a position distance).
    """

    score: float
    tie: float
    old: int
    new: int


def assign(
    candidates: Iterable[Candidate], taken_old: set[int], taken_new: set[int]
) -> list[Candidate]:
    """Greedy one-to-one matching: best score first, then the nearer position, then order.

    Greedy is what a person does with a list of likely pairs, it is deterministic and it runs
    in n·log n; with scores this separated (a rewording keeps most bigrams, an unrelated text
    shares few) it finds the same pairs as an optimal assignment. ``taken_*`` are filled in.
    """
    chosen: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.score, c.tie, c.old, c.new)):
        if c.old in taken_old or c.new in taken_new:
            continue
        taken_old.add(c.old)
        taken_new.add(c.new)
        chosen.append(c)
    return chosen


# --- word-level differences -----------------------------------------------------------------


class SegmentOp(StrEnum):
    """What happened to a run of text between the old and the new wording."""

    KEPT = "kept"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Segment:
    """One run of a word-level diff."""

    op: SegmentOp
    text: str


# Runs of one script are the "words" of Japanese text without a tokeniser: 研究開発 / を /
# 推進 / する; a number with its separators stays whole (1万3,900 → 1 / 万 / 3,900).
_RUN = re.compile(
    r"[0-9０-９][0-9０-９,.，．]*"
    r"|[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９]*"
    r"|[\u3041-\u309f]+"
    r"|[\u30a0-\u30ffー]+"
    r"|[\u3400-\u4dbf\u4e00-\u9fff々〆ヶ]+"
    r"|\s+"
    r"|.",
    re.DOTALL,
)


def runs(text: str) -> list[str]:
    """Split text into runs of one script (kanji, hiragana, katakana, Latin, digits)."""
    return _RUN.findall(text)


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The old and new wording as kept / removed / added runs, in reading order.

    A replaced stretch shows its removed runs before the added ones, as a reader expects.
    """
    a, b = runs(old), runs(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, SegmentOp.KEPT, "".join(a[i1:i2]))
            continue
        _append(segments, SegmentOp.REMOVED, "".join(a[i1:i2]))
        _append(segments, SegmentOp.ADDED, "".join(b[j1:j2]))
    return tuple(segments)


def _append(segments: list[Segment], op: SegmentOp, text: str) -> None:
    """Add a run, merging it into the previous segment of the same kind."""
    if not text:
        return
    if segments and segments[-1].op is op:
        segments[-1] = Segment(op, segments[-1].text + text)
    else:
        segments.append(Segment(op, text))


def side_text(segments: Sequence[Segment], op: SegmentOp) -> str:
    """One side of a diff back as text: ``REMOVED`` gives the old wording, ``ADDED`` the new."""
    return "".join(s.text for s in segments if s.op in (SegmentOp.KEPT, op))
