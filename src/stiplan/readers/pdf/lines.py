"""Characters of a PDF page → text lines, with superscripts and underlines read from geometry.

pdfplumber gives each character its glyph, font size and box (``x0``, ``x1``, ``top``,
``bottom``, measured from the page's top). A line is the characters whose vertical bands
overlap; reading order within it is left to right. Three named rules then turn geometry into
the marks the text conversion uses:

* ``superscripts``: a character smaller than the line's body type (the size most of its
  characters have) and raised above the body baseline is a superscript; digits and
  parentheses become ``¹²³⁾`` so that ``2025年)`` + raised ``102`` reads ``2025年)¹⁰²``;
* ``spaces``: a gap wider than a quarter of the type size between two glyphs is a space
  (renderers that position glyphs instead of drawing spaces);
* ``underlines``: a thin horizontal segment just under the glyphs' bottoms marks them
  underlined (lead ministries); segments as wide as a cell are borders, not underlines.

Pure functions over plain dicts: no I/O.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from stiplan.normalize.markers import SUPERSCRIPT_DIGITS

Char = dict[str, Any]
Box = tuple[float, float, float, float]

_TO_SUPERSCRIPT = str.maketrans("0123456789()", SUPERSCRIPT_DIGITS + "⁽⁾")
_TO_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SUPERSCRIPT_SHRINK = 0.85  # a superscript is at most this share of the body size
SUPERSCRIPT_RAISE = 0.15  # and its bottom at least this share of the body size higher
SPACE_GAP = 0.25  # a gap of this share of the type size reads as a space
UNDERLINE_MAX_HEIGHT = 1.6  # points: thicker segments are boxes, not underlines
_OPEN_LINES = 4  # how many recent lines a character may still join
_ITEM_START = re.compile(
    r"^(?:<u>)?(?:[・○◯●■□◆◇★☆✓✔➢➤▶►※－—\-]|[⁰¹²³⁴⁵⁶⁷⁸⁹]|【|[①-⑳]|[（(]\d{1,2}[）)]|\d{1,3}\.\s)"
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal rule: an underline candidate (or a border to be told apart)."""

    x0: float
    x1: float
    top: float


@dataclass(slots=True)
class TextLine:
    """One visual line: its characters and, once read, its text and box."""

    chars: list[Char] = field(default_factory=list)
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    text: str = ""

    @property
    def x0(self) -> float:
        return min(float(c["x0"]) for c in self.chars)

    @property
    def x1(self) -> float:
        return max(float(c["x1"]) for c in self.chars)

    @property
    def box(self) -> Box:
        tops = [float(c["top"]) for c in self.chars]
        bottoms = [float(c["bottom"]) for c in self.chars]
        return (round(self.x0, 1), round(min(tops), 1), round(self.x1, 1), round(max(bottoms), 1))


def _overlap(a_top: float, a_bottom: float, b_top: float, b_bottom: float) -> float:
    return min(a_bottom, b_bottom) - max(a_top, b_top)


def group_lines(chars: Iterable[Char]) -> list[TextLine]:
    """Characters → lines: a character joins a recent line its band overlaps by half."""
    lines: list[TextLine] = []
    for char in sorted(chars, key=lambda c: (float(c["top"]), float(c["x0"]))):
        top, bottom, size = float(char["top"]), float(char["bottom"]), float(char["size"])
        height = max(bottom - top, 0.1)
        home = None
        for line in reversed(lines[-_OPEN_LINES:]):
            if _overlap(top, bottom, line.top, line.bottom) >= 0.5 * min(height, line.size):
                home = line
                break
        if home is None:
            lines.append(TextLine([char], top, bottom, size))
            continue
        home.chars.append(char)
        if size > home.size * 1.05:  # the body type sets the band, not a superscript
            home.top, home.bottom, home.size = top, bottom, size
        elif size >= home.size * 0.95:
            home.top, home.bottom = min(home.top, top), max(home.bottom, bottom)
    for line in lines:
        line.chars.sort(key=lambda c: float(c["x0"]))
    return lines


def body_size(chars: Sequence[Char]) -> float:
    """The type size most of a line's visible characters have."""
    sizes = Counter(round(float(c["size"]), 1) for c in chars if str(c["text"]).strip())
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _is_superscript(char: Char, size: float, baseline: float) -> bool:
    return (
        float(char["size"]) < size * SUPERSCRIPT_SHRINK
        and float(char["bottom"]) < baseline - size * SUPERSCRIPT_RAISE
    )


def _is_subscript(char: Char, size: float, baseline: float) -> bool:
    """Smaller and lowered: ``CO₂``."""
    return (
        float(char["size"]) < size * SUPERSCRIPT_SHRINK
        and float(char["bottom"]) > baseline + size * SUPERSCRIPT_RAISE * 0.5
    )


def underlined(chars: Sequence[Char], segments: Sequence[Segment]) -> set[int]:
    """Indexes of the characters a segment runs just under (within a third of their size)."""
    marked: set[int] = set()
    for index, char in enumerate(chars):
        size, bottom = float(char["size"]), float(char["bottom"])
        middle = (float(char["x0"]) + float(char["x1"])) / 2
        for seg in segments:
            if seg.x0 <= middle <= seg.x1 and -0.35 * size <= seg.top - bottom <= 0.35 * size:
                marked.add(index)
                break
    return marked


def line_text(
    line: TextLine, segments: Sequence[Segment] = (), region_size: float | None = None
) -> str:
    """The line as the text conversion writes it: superscripts, spaces and ``<u>`` marks.

    ``segments`` are the underline candidates of the line's region; with none, no ``<u>``.
    ``region_size`` is the body size of the region (a table cell): a line all in smaller
    type there is a superscript that wrapped onto a line of its own (``開始。`` / ``¹⁸``).
    """
    chars = line.chars
    size = body_size(chars) or line.size
    body = [float(c["bottom"]) for c in chars if abs(float(c["size"]) - size) < 0.15]
    baseline = sorted(body)[len(body) // 2] if body else line.bottom
    if region_size and size < region_size * SUPERSCRIPT_SHRINK:
        size, baseline = region_size, line.bottom + region_size
    marked = underlined(chars, segments) if segments else set()
    out: list[str] = []
    in_u = False
    previous: Char | None = None
    for index, char in enumerate(chars):
        text = str(char["text"])
        spaced = previous is not None and _gap(previous, char, size) and text != " "
        if spaced and out and not out[-1].endswith(" "):
            out.append(" ")
        is_u = index in marked and bool(text.strip())
        if is_u != in_u:
            out.append("<u>" if is_u else "</u>")
            in_u = is_u
        if _is_superscript(char, size, baseline):
            text = text.translate(_TO_SUPERSCRIPT)
        elif _is_subscript(char, size, baseline):
            text = text.translate(_TO_SUBSCRIPT)
        out.append(text)
        previous = char
    if in_u:
        out.append("</u>")
    return _space_after_note_number("".join(out).strip())


def _gap(left: Char, right: Char, size: float) -> bool:
    return str(left["text"]) != " " and float(right["x0"]) - float(left["x1"]) > SPACE_GAP * min(
        size, float(right["size"])
    )


NOTE_MARKS = SUPERSCRIPT_DIGITS + "⁾"


def _space_after_note_number(text: str) -> str:
    """``¹⁵大学…`` (a renderer that drew no space) → ``¹⁵ 大学…``: a footnote definition."""
    n = 0
    while n < len(text) and text[n] in NOTE_MARKS:
        n += 1
    if 0 < n < len(text) and text[0] in SUPERSCRIPT_DIGITS and not text[n].isspace():
        return text[:n] + " " + text[n:]
    return text


def horizontal_segments(objects: Iterable[dict[str, Any]]) -> list[Segment]:
    """Thin horizontal rectangles and lines of a page: rules, borders and underlines."""
    out: list[Segment] = []
    for obj in objects:
        x0, x1 = float(obj["x0"]), float(obj["x1"])
        top, bottom = float(obj["top"]), float(obj["bottom"])
        if bottom - top <= UNDERLINE_MAX_HEIGHT and x1 - x0 > 2 * (bottom - top):
            out.append(Segment(x0, x1, top))
    return out


def join_wrapped(left: str, right: str) -> str:
    """Rejoin a line the page width wrapped. Japanese text wraps anywhere, even inside a
    number (``20`` / ``25年度``), so nothing goes between; ``clean`` later folds what PDF
    spacing is left."""
    return left + right


def starts_item(text: str) -> bool:
    """Whether a line opens something of its own (a bullet, a heading, a footnote, a tag), so
    that it never continues the line above even when that one ran to the edge."""
    return _ITEM_START.match(text) is not None
