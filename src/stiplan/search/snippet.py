"""Snippets: the part of a hit's text around what was found, with the found words marked.

A snippet is data, not markup: a tuple of segments, each plain text with a flag saying whether
it was matched. Presenters turn it into their own form (rich styles, ``<mark>`` after HTML
escaping, ``[…]`` in plain text); nothing here produces HTML.

The found words are computed, not guessed: the hit's text is cut by the same tokenizer as the
index, and every place where a pattern of the query matches (its words among the words, or its
parts among the parts, next to each other, the last as a prefix if asked) is marked. So the
marks land on the surface actually written (``コンピュータ`` for a query ``コンピューター``,
``A I`` cleaned to ``AI``) and on parts inside compounds (``科学`` in ``文部科学省``). The
analyses of recent hit texts are kept (``analysed``), so a hit shown again is not tokenised
again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from stiplan.search.query import Pattern, SearchQuery
from stiplan.search.tokenize import Analysis, Token, analyse

DEFAULT_WIDTH = 120
"""Characters of text a snippet shows at most (plus the ellipses)."""

_LEAD = 24  # characters shown before the first match of the chosen window
ELLIPSIS = "…"
KEPT_ANALYSES = 1024
"""Hit texts whose analysis is kept for later snippets (a few tens of kilobytes each)."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of snippet text; ``highlighted`` when it is a word the query found."""

    text: str
    highlighted: bool = False


@dataclass(frozen=True, slots=True)
class Snippet:
    """A hit's text around the matches, as segments (escape each one when rendering)."""

    segments: tuple[Segment, ...]

    @property
    def text(self) -> str:
        """The snippet as plain text, without marks."""
        return "".join(s.text for s in self.segments)

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet as text with ``before``/``after`` around each highlighted segment."""
        return "".join(
            f"{before}{s.text}{after}" if s.highlighted else s.text for s in self.segments
        )


def _starts(tokens: Sequence[Token], terms: Sequence[str], prefix: bool) -> list[tuple[int, int]]:
    """Character ranges where ``terms`` occur as consecutive tokens (the last as a prefix)."""
    found: list[tuple[int, int]] = []
    n = len(terms)
    if n == 0:
        return found
    first, last = terms[0], terms[-1]
    for i in range(len(tokens) - n + 1):
        if n == 1:
            term = tokens[i].term
            if term == first or (prefix and term.startswith(first)):
                found.append((tokens[i].start, tokens[i].end))
            continue
        if tokens[i].term != first or any(tokens[i + k].term != terms[k] for k in range(1, n - 1)):
            continue
        end = tokens[i + n - 1]
        if end.term == last or (prefix and end.term.startswith(last)):
            found.append((tokens[i].start, end.end))
    return found


def match_ranges(analysis: Analysis, patterns: Sequence[Pattern]) -> list[tuple[int, int]]:
    """Merged, sorted character ranges of ``analysis.text`` matched by any pattern."""
    ranges: list[tuple[int, int]] = []
    for pattern in patterns:
        ranges += _starts(analysis.words, pattern.words, pattern.prefix)
        ranges += _starts(analysis.parts, pattern.parts, pattern.prefix)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _window(length: int, ranges: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """The ``width`` characters that hold the most matches, starting a little before one."""
    if length <= width:
        return 0, length
    best = (0, min(width, length))
    best_count = -1
    for anchor, _ in ranges or [(0, 0)]:
        start = max(0, min(anchor - _LEAD, length - width))
        end = start + width
        count = sum(1 for s, e in ranges if s >= start and e <= end)
        if count > best_count:
            best, best_count = (start, end), count
    return best


def build_snippet(
    analysis: Analysis, patterns: Sequence[Pattern], width: int = DEFAULT_WIDTH
) -> Snippet:
    """The snippet of an analysed text: the best window, matches highlighted, cuts marked."""
    text = analysis.text
    ranges = match_ranges(analysis, patterns)
    start, end = _window(len(text), ranges, width)
    segments: list[Segment] = []
    if start > 0:
        segments.append(Segment(ELLIPSIS))
    position = start
    for s, e in ranges:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        if s > position:
            segments.append(Segment(text[position:s]))
        segments.append(Segment(text[s:e], highlighted=True))
        position = e
    if position < end:
        segments.append(Segment(text[position:end]))
    if end < len(text):
        segments.append(Segment(ELLIPSIS))
    return Snippet(tuple(segments))


def snippet(text: str, query: SearchQuery, width: int = DEFAULT_WIDTH) -> Snippet:
    """The snippet of a hit's text for a query (its exclusions are never highlighted)."""
    return build_snippet(analysed(text), query.positive_patterns(), width)


@lru_cache(maxsize=KEPT_ANALYSES)
def analysed(text: str) -> Analysis:
    """``analyse(text)``, kept for the most recent hit texts.

    Tokenising a hit's text again was a fifth of a search; the same units come back page after
    page and query after query (a report's common paragraphs), and an analysis depends on the
    text alone (and the analyser, fixed for the process), so a hit seen before reuses its
    tokens. An ``Analysis`` is immutable, so sharing it between threads is safe.
    """
    return analyse(text)
