"""PDF bytes → layout lines in the text conversion's format, each with its page and box.

Pages are opened one at a time with pdfplumber and closed when read, so memory is bounded by
a page, not by the file. Per page: ruled tables are read cell by cell (``tables``), the other
characters become body lines (``lines``), and both are put in reading order (top to bottom).
Then, over all pages, named rules in order:

1. ``drop_running_text``: a line at the top or bottom edge whose text (digits masked)
   recurs on other pages, or that is only a page number, is a running header or footer;
   never a line of report structure (``readers.followup.opens_element``: a heading, block
   heading, bullet, footnote or the table header may open two pages). Each text dropped is
   a ``pdf_running_text`` warning naming it and its pages;
2. ``drop_repeated_headers``: a table's first row equal to an earlier table's first row is
   the header repeated on a new page;
3. ``join_wraps``: a body line that ran to the right edge and is followed by a line of the
   same type size that opens nothing of its own (bullet, heading, footnote…) is one line
   wrapped by the page; it is rejoined, also across a page break. A whole block heading
   (``【目標】``) is never continued: in a short document it may be the widest line;
4. blank lines where the page leaves a gap, two at each page break, and one between a table
   and the text above or below it (the text conversions set tables apart so: a slide's
   heading directly above its table is still a heading).

A row cut by a page break comes out as a second row whose first cell is empty or does not
start with ``○``: the text reader merges it with the row above, as in the text conversion.
Nothing here interprets the content beyond asking the follow-up reader which lines are its
structure (rules 1 and 3; the dependency points one way): ``read_followup`` /
``read_slides`` read the lines next.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from stiplan.model import Warning
from stiplan.readers.followup import is_whole_block_heading, opens_element
from stiplan.readers.pdf.lines import (
    Box,
    TextLine,
    group_lines,
    horizontal_segments,
    join_wrapped,
    line_text,
    starts_item,
)
from stiplan.readers.pdf.tables import inside, read_tables

PDF_MAGIC = b"%PDF-"
EDGE_BAND = 0.07  # share of the page height at the top and bottom where running text stands
GAP_BLANK = 1.0  # a gap of this many type sizes between two lines is a blank line
SIZE_TOLERANCE = 0.1
FULL_SLACK = 2.0  # a line ending within this many characters of the right edge was wrapped
_PAGE_NUMBER = re.compile(r"^[-–—‐\s(（]*\d{1,4}[-–—‐\s)）]*$|^\d{1,4}\s*/\s*\d{1,4}$")

Progress = Callable[[int, int], None]


class PdfError(ValueError):
    """A PDF that cannot be read; ``page`` is the 1-based page at fault, when one is."""

    def __init__(self, message: str, page: int | None = None) -> None:
        super().__init__(message)
        self.page = page


@dataclass(frozen=True, slots=True)
class LayoutLine:
    """One line of the layout text with where it stands: page (1-based) and box in points
    from the page's top-left (``x0, top, x1, bottom``); blank lines have no box."""

    text: str
    page: int
    box: Box | None = None


@dataclass(frozen=True, slots=True)
class RunningText:
    """A line dropped as a running header, footer or page number: its text where first seen
    and every page it was dropped from (one per text, digits masked: ``- 3 -`` is ``- # -``)."""

    text: str
    pages: tuple[int, ...]


@dataclass(slots=True)
class PdfText:
    """The layout lines of a PDF, what could not be read (pages without text) and what was
    dropped as running text (also in ``warnings``, as ``pdf_running_text``)."""

    lines: list[LayoutLine]
    pages: int
    warnings: list[Warning] = field(default_factory=list)
    empty_pages: list[int] = field(default_factory=list)
    running: list[RunningText] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(slots=True)
class _Item:
    """A body line or a table row on one page, before the cross-page rules."""

    text: str
    page: int
    boxes: list[Box]
    size: float
    row: bool
    page_height: float
    page_width: float
    table: int = -1  # the table a row belongs to (per page), -1 for body lines
    first_row: bool = False

    @property
    def top(self) -> float:
        return self.boxes[0][1]

    @property
    def bottom(self) -> float:
        return self.boxes[-1][3]


def is_pdf(data: bytes) -> bool:
    """A PDF starts with ``%PDF-`` (some writers put a few bytes before it)."""
    return PDF_MAGIC in data[:1024]


def read_pdf(data: bytes, progress: Progress | None = None) -> PdfText:
    """Read every page of a PDF into layout lines; raise ``PdfError`` when it cannot be read."""
    items, pages, empty = _read_pages(data, progress)
    if pages and len(empty) == pages:
        raise PdfError(
            "PDFに文字のテキストがありません（画像だけのPDF）。OCRは行いません"
            " (no text layer: image-only PDF; OCR is not done)"
        )
    items, running = drop_running_text(items)
    items = drop_repeated_headers(items)
    items = join_wraps(items)
    lines = _with_blanks(items)
    warnings = [
        Warning(
            "pdf_page_without_text",
            f"{page}ページに読み取れる文字がありません（画像のみ、OCRは行いません）",
            _first_line_at_or_after(lines, page),
        )
        for page in empty
    ]
    warnings += [_running_warning(dropped, lines) for dropped in running]
    return PdfText(lines, pages, warnings, empty, running)


def _running_warning(dropped: RunningText, lines: list[LayoutLine]) -> Warning:
    """What was dropped as running text, where: the text stands in no layout line, so the
    warning names it and its pages and points at the first line of its first page."""
    return Warning(
        "pdf_running_text",
        f"{_page_ranges(dropped.pages)}ページの上端・下端で繰り返す行をヘッダー・フッター・"
        f"ページ番号として除きました: {dropped.text[:40]}",
        _first_line_at_or_after(lines, dropped.pages[0]),
    )


def _page_ranges(pages: tuple[int, ...]) -> str:
    """``(1, 2, 3, 5)`` → ``1–3, 5``."""
    runs: list[list[int]] = []
    for page in pages:
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _first_line_at_or_after(lines: list[LayoutLine], page: int) -> int:
    for number, line in enumerate(lines, start=1):
        if line.page >= page:
            return number
    return max(len(lines), 1)


def _read_pages(data: bytes, progress: Progress | None) -> tuple[list[_Item], int, list[int]]:
    import pdfplumber  # slow to import: only when a PDF is read

    items: list[_Item] = []
    empty: list[int] = []
    number = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            total = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                found = _read_page(page, number)
                page.close()
                if not found:
                    empty.append(number)
                items.extend(found)
                if progress is not None:
                    progress(number, total)
    except PdfError:
        raise
    except Exception as error:  # pdfminer raises many types on hostile input
        raise _explain(error, number or None) from error
    return items, number, empty


def _explain(error: Exception, page: int | None) -> PdfError:
    """pdfminer's exception → a message a user can act on."""
    causes = [error, error.__cause__, error.__context__, *getattr(error, "args", ())]
    names = " ".join(type(c).__name__ for c in causes if c is not None)
    if "Password" in names or "Encryption" in names or "Encrypt" in str(error):
        return PdfError(
            "暗号化されたPDFです（パスワードが必要）。解除してから取り込んでください"
            " (encrypted PDF: a password is needed)",
            page,
        )
    where = f"{page}ページ目で" if page else ""
    return PdfError(
        f"PDFが壊れているか途中で切れています（{where}読み取りに失敗: {type(error).__name__}）"
        f" (corrupt or truncated PDF: {error})"[:300],
        page,
    )


def _read_page(page: Any, number: int) -> list[_Item]:
    """One page → its body lines and table rows in reading order (top to bottom)."""
    chars = [c for c in page.chars if c.get("upright", True)]
    if not any(str(c["text"]).strip() for c in chars):
        return []
    height, width = float(page.height), float(page.width)
    segments = horizontal_segments([*page.rects, *page.lines])
    tables = read_tables(page, chars, segments) if segments else []
    free = [c for c in chars if not any(inside(c, t.box) for t in tables)]
    items = [
        _Item(line.text, number, [line.box], line.size, False, height, width)
        for line in _body_lines(free)
    ]
    for index, table in enumerate(tables):
        for row_no, row in enumerate(table.rows):
            text = "\t".join(row.cells)
            items.append(
                _Item(text, number, [row.box], 0.0, True, height, width, index, row_no == 0)
            )
    items.sort(key=lambda item: (item.top, item.boxes[0][0]))
    return items


def _body_lines(chars: list[dict[str, Any]]) -> list[TextLine]:
    lines = group_lines(chars)
    for line in lines:
        line.text = line_text(line)
    return [line for line in lines if line.text]


def drop_running_text(items: list[_Item]) -> tuple[list[_Item], list[RunningText]]:
    """Drop page headers, footers and page numbers (see the module's rule 1); return what is
    kept and what was dropped, one ``RunningText`` per text (digits masked), for the record."""
    several_pages = len({item.page for item in items}) > 1
    seen: Counter[str] = Counter()
    for page in {item.page for item in items}:
        seen.update({_masked(i.text) for i in items if i.page == page and _at_edge(i)})
    kept: list[_Item] = []
    dropped: dict[str, list[_Item]] = {}
    for item in items:
        if _is_running(item, several_pages and seen[_masked(item.text)] > 1):
            dropped.setdefault(_masked(item.text), []).append(item)
        else:
            kept.append(item)
    return kept, [
        RunningText(group[0].text, tuple(sorted({i.page for i in group})))
        for group in dropped.values()
    ]


def _at_edge(item: _Item) -> bool:
    """A body line in the top or bottom band of its page, where running text stands."""
    band = EDGE_BAND * item.page_height
    return not item.row and (item.top < band or item.bottom > item.page_height - band)


def _is_running(item: _Item, recurs: bool) -> bool:
    """A page number at an edge; or a line at an edge whose text recurs at other pages' edges,
    unless it is report structure (``opens_element``): a ``【目標】`` or ``① …`` that happens
    to open two pages is content, and losing it would file what follows under the wrong
    block without a word."""
    if not _at_edge(item):
        return False
    if _PAGE_NUMBER.match(item.text):
        return True
    return recurs and not opens_element(item.text)


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def drop_repeated_headers(items: list[_Item]) -> list[_Item]:
    """Drop a header row repeated on a new page (rule 2): the first row of a page that
    opens with a table, equal to an earlier table's first row, when the page before ended
    in a table. A new table under a new heading keeps its header."""
    headers: set[str] = set()
    kept: list[_Item] = []
    for item in items:
        if item.row and item.first_row:
            key = re.sub(r"\s+", "", item.text)
            previous = kept[-1] if kept else None
            opens_page = previous is not None and previous.page != item.page
            if key in headers and opens_page and previous is not None and previous.row:
                continue
            headers.add(key)
        kept.append(item)
    return kept


def join_wraps(items: list[_Item]) -> list[_Item]:
    """Rejoin body lines the page width wrapped (rule 3)."""
    right: dict[float, float] = {}
    for item in items:
        if not item.row:
            right[item.page_width] = max(right.get(item.page_width, 0.0), item.boxes[-1][2])
    out: list[_Item] = []
    for item in items:
        previous = out[-1] if out else None
        if previous is not None and _continues(previous, item, right[item.page_width]):
            previous.text = join_wrapped(previous.text, item.text)
            previous.boxes.append(item.boxes[0])
            continue
        out.append(item)
    return out


def _continues(previous: _Item, item: _Item, right: float) -> bool:
    if previous.row or item.row or starts_item(item.text) or opens_element(item.text):
        return False  # a heading (``２．…``, ``第3章 …``) opens its own line, edge or not
    if is_whole_block_heading(previous.text):  # complete, even when it is the widest line
        return False
    if abs(previous.size - item.size) > SIZE_TOLERANCE * previous.size:
        return False
    if previous.boxes[-1][2] < right - FULL_SLACK * previous.size:
        return False
    if item.page == previous.page:
        return item.top - previous.bottom < GAP_BLANK * previous.size
    return item.page == previous.page + 1


def _with_blanks(items: list[_Item]) -> list[LayoutLine]:
    """Layout lines with blank lines at gaps and page breaks (rule 4)."""
    lines: list[LayoutLine] = []
    previous: _Item | None = None
    for item in items:
        if previous is not None:
            if item.page != previous.page:
                lines += [LayoutLine("", item.page), LayoutLine("", item.page)]
            elif _gap(previous, item) or _table_edge(previous, item):
                lines.append(LayoutLine("", item.page))
        lines.append(LayoutLine(item.text, item.page, _union(item)))
        previous = item
    return lines


def _gap(previous: _Item, item: _Item) -> bool:
    """The page leaves a type size (at least 9 pt) between the two lines."""
    return item.top - previous.bottom > GAP_BLANK * max(previous.size, 9.0)


def _table_edge(previous: _Item, item: _Item) -> bool:
    """One is a table row and the other is not: a table stands apart from the text around
    it, as in the text conversions (a slide's heading directly above its table stays a
    heading)."""
    return previous.row != item.row


def _union(item: _Item) -> Box:
    """The box of a line on its first page (a line rejoined across pages keeps the first)."""
    boxes = [b for b, p in zip(item.boxes, _pages_of(item), strict=True) if p == item.page]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _pages_of(item: _Item) -> list[int]:
    """The page of each box: a box whose top is above the previous one's is on a new page."""
    pages, page = [], item.page
    for n, box in enumerate(item.boxes):
        if n and box[1] < item.boxes[n - 1][1]:
            page += 1
        pages.append(page)
    return pages
