"""Ruled tables of a PDF page → one tab-separated line per row, cells as HTML fragments.

pdfplumber's table finder (``lines`` strategy) gives each ruled table's cells from the ruling
lines and rectangles. Each cell is read on its own (``extract_text`` would mix the columns line
by line): its characters become lines (``lines.group_lines``), lines become paragraphs, and
paragraphs become ``<p>…</p>`` so that the text reader's cell rules apply unchanged.

* a line continues the paragraph above when that line was full (it reached the cell's right
  edge) and it does not start an item itself (``・``, ``○``…);
* a short horizontal segment inside the cell, just under glyphs, is an underline (``<u>``);
  a segment at least ``BORDER_SHARE`` of the cell's width is a border and is ignored.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from stiplan.readers.pdf.lines import (
    NOTE_MARKS,
    Box,
    Char,
    Segment,
    TextLine,
    body_size,
    group_lines,
    join_wrapped,
    line_text,
    starts_item,
)

TABLE_SETTINGS: dict[str, Any] = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
BORDER_SHARE = 0.6
SENTENCE_ENDS = ("。", "．", "】", "」", "）", ")")
FULL_SLACK = 1.8  # a line ending within this many characters of the edge was wrapped


@dataclass(slots=True)
class TableRow:
    """One row of a ruled table on one page: its cells' texts and its box."""

    cells: list[str]
    box: Box

    @property
    def top(self) -> float:
        return self.box[1]


@dataclass(slots=True)
class PageTable:
    """A ruled table on one page, read into rows."""

    box: Box
    rows: list[TableRow]


def read_tables(page: Any, chars: list[Char], segments: list[Segment]) -> list[PageTable]:
    """Every ruled table of ``page`` with two or more columns, read cell by cell."""
    tables: list[PageTable] = []
    for found in page.find_tables(TABLE_SETTINGS):
        rows = [
            _row(row, chars, segments)
            for row in found.rows
            if sum(c is not None for c in row.cells) >= 2
        ]
        rows = [r for r in rows if any(c.strip() for c in r.cells)]
        if rows:
            tables.append(PageTable(_box(found.bbox), rows))
    return tables


def _box(bbox: Sequence[float]) -> Box:
    x0, top, x1, bottom = (float(v) for v in bbox)
    return (round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1))


def inside(char: Char, box: Box) -> bool:
    """Whether a character's centre lies in ``box``."""
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _row(row: Any, chars: list[Char], segments: list[Segment]) -> TableRow:
    cells = [_box(c) for c in row.cells if c is not None]
    texts = [_cell_html(box, [c for c in chars if inside(c, box)], segments) for box in cells]
    return TableRow(texts, _box(row.bbox))


def _cell_html(box: Box, chars: list[Char], segments: list[Segment]) -> str:
    width = box[2] - box[0]
    underlines = [
        s
        for s in segments
        if s.x1 - s.x0 < BORDER_SHARE * width and box[0] <= s.x0 and s.x1 <= box[2]
        if box[1] < s.top < box[3]
    ]
    lines = group_lines(chars)
    region = body_size(chars)
    for line in lines:
        line.text = line_text(line, underlines, region)
    paragraphs = cell_paragraphs(lines, box[2])
    if len(paragraphs) == 1:  # as the text conversion writes a one-paragraph cell
        return paragraphs[0]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def cell_paragraphs(lines: list[TextLine], right: float) -> list[str]:
    """Lines of one cell → paragraphs (escaped HTML; ``<u>`` kept)."""
    paragraphs: list[str] = []
    previous: TextLine | None = None
    for line in lines:
        text = _escape(line.text)
        if not text:
            continue
        if previous is not None and _wrapped(previous, line, right):
            paragraphs[-1] = join_wrapped(paragraphs[-1], text)
        else:
            paragraphs.append(text)
        previous = line
    return paragraphs


def _wrapped(previous: TextLine, line: TextLine, right: float) -> bool:
    """``line`` continues ``previous`` unless it starts an item of its own, or ``previous``
    ended a sentence short of the edge. Renderers move a word or a character that may not
    start a line (``約`` / ``1,250人``) to the next one, so a line is not required to be full."""
    if line.text.strip(NOTE_MARKS + " ") == "":
        return True  # a superscript that wrapped alone
    if starts_item(line.text):
        return False
    full = previous.x1 >= right - FULL_SLACK * previous.size - 4.0
    return full or not previous.text.rstrip().endswith(SENTENCE_ENDS)


def _escape(text: str) -> str:
    """Escape the text but keep the ``<u>`` marks ``line_text`` put in."""
    return html.escape(text, quote=False).replace("&lt;u&gt;", "<u>").replace("&lt;/u&gt;", "</u>")
