"""Render the project's text samples to PDF, two independent ways, for tests and benchmarks.

The PDF reader must read a published report the way the text reader reads its text
conversion. The project has no published PDF of its own samples, so it makes them:

* ``render_reportlab`` draws the pages directly with reportlab: text in a Japanese TrueType
  font, initiative tables with ruling lines, lead ministries underlined with thin filled
  rectangles, footnote references as smaller raised digits, a running header and page
  numbers, rows cut by page breaks with the header row repeated;
* ``render_chromium`` writes the same sample as HTML (bordered tables, ``<u>``, ``<sup>``) and
  has Debian's headless Chromium print it: a renderer the reader was not written against.

``Layout`` holds what a test may perturb (page size, column widths, type size). Both read
the sample with ``parse_sample`` so that they draw the same content. Run as a script to
regenerate the committed demo PDF: ``python -m tests.pdfgen samples/followup_2025.txt
samples/followup_2025.pdf``.
"""

from __future__ import annotations

import functools
import html
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stiplan.normalize.markers import match_footnote_definition
from stiplan.readers.cells import Fragment, cell_stream
from stiplan.readers.followup import TABLE_HEADER

FONT_PATH = Path("/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf")
# Symbols the Japanese font lacks (➢ of the slide decks) are drawn in this one, as a word
# processor falls back on another font; a character neither has is drawn as its NFKC form
# (the Kangxi radicals of a broken PDF font: ⽂ as 文) or, failing that, not at all
# (``undrawable`` names them, so a test can leave out what the renderer could not draw).
FALLBACK_FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FALLBACK_FONT = "DejaVuSans"
CHROMIUM = Path("/usr/bin/chromium")
FONT = "IPAGothic"
RUNNING_HEADER = "科学技術・イノベーション基本計画 フォローアップ（試作版）"

_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹⁾"
_SUP_TO_ASCII = str.maketrans(_SUP, "0123456789)")
_SUB = "₀₁₂₃₄₅₆₇₈₉"
_INLINE = re.compile(r"(\^\{[0-9 ,]+\}|[" + _SUP + r"]+|[" + _SUB + r"]+|</?u>)")
_SEPARATOR = re.compile(r"^[\s\-－―—|]+$")


@dataclass(frozen=True)
class Run:
    """A piece of text drawn one way: plain, raised (superscript) or underlined."""

    text: str
    sup: bool = False
    underline: bool = False
    sub: bool = False


@dataclass
class Line:
    """A body line of the sample (it may wrap); ``small`` for footnote definitions."""

    runs: list[Run]
    small: bool = False
    gap_before: int = 0


@dataclass
class Table:
    """An initiatives table: header cells and rows of cells of paragraphs of runs; or, with
    ``plain``, a slide's table: tab-separated lines drawn as ruled rows, with no header."""

    header: list[str]
    rows: list[list[list[list[Run]]]] = field(default_factory=list)
    gap_before: int = 0
    plain: bool = False


@dataclass(frozen=True)
class Layout:
    """What the renderer may vary without changing the content."""

    page_width: float = 595.0
    page_height: float = 842.0
    margin: float = 48.0
    body_size: float = 10.5
    cell_size: float = 9.0
    columns: tuple[float, float, float] = (0.36, 0.32, 0.32)
    page_breaks: bool = False  # a run of 2+ blank lines starts a new page (slide decks)
    blank_pages: tuple[int, ...] = ()  # pages drawn with a shape only (no text layer)


def runs_of(text: str) -> list[Run]:
    """Text with superscript digits, ``^{…}`` and ``<u>`` → runs (``**`` bold marks dropped)."""
    runs: list[Run] = []
    underline = False
    for part in _INLINE.split(text.replace("**", "")):
        if not part:
            continue
        if part in ("<u>", "</u>"):
            underline = part == "<u>"
        elif part.startswith("^{"):
            runs.append(Run(part[2:-1].strip(), sup=True))
        elif part[0] in _SUB:
            runs.append(Run(part.translate(str.maketrans(_SUB, "0123456789")), sub=True))
        elif part[0] in _SUP:
            runs.append(Run(part.translate(_SUP_TO_ASCII), sup=True))
        else:
            runs.append(Run(part, underline=underline))
    return runs


def _cell_paragraphs(fragments: list[str]) -> list[list[Run]]:
    """A cell's HTML fragments (one per source line) → paragraphs, joined as the reader joins."""
    stream = cell_stream([Fragment(i + 1, f) for i, f in enumerate(fragments) if f.strip()], [])
    paragraphs: list[list[Run]] = []
    current = ""
    for piece in [*stream, None]:
        if piece is None:
            if current.strip():
                paragraphs.append(runs_of(current.strip()))
            current = ""
        else:
            current += piece.text
    return paragraphs


def parse_sample(text: str) -> list[Line | Table]:
    """A text sample → what to draw: lines, gaps and tables (continuation rows merged)."""
    blocks: list[Line | Table] = []
    table: Table | None = None
    raw_rows: list[list[list[str]]] = []
    gap = 0
    held: list[Line] = []  # footnotes that the text conversion put inside a cut row

    def close_table() -> None:
        nonlocal table
        if table is not None:
            width = max(len(row) for row in raw_rows)
            padded = [row + [[]] * (width - len(row)) for row in raw_rows]
            table.rows = [[_cell_paragraphs(c) for c in row] for row in padded]
            blocks.append(table)
            blocks.extend(held)
            held.clear()
            raw_rows.clear()
        table = None

    for raw in text.split("\n"):
        line = raw.rstrip("\r")
        if not line.strip():
            gap += 1
            continue
        if "\t" in line and (table is None or table.plain) and not _SEPARATOR.match(line):
            if table is None and tuple(c.strip() for c in line.split("\t")[:3]) != TABLE_HEADER:
                table = Table([], gap_before=gap, plain=True)  # a slide's table
            if table is not None and table.plain:
                raw_rows.append([[c] if c.strip() else [] for c in line.split("\t")])
                gap = 0
                continue
        if "\t" in line:
            cells = [*line.split("\t"), "", ""][:3]
            if tuple(c.strip() for c in cells) == TABLE_HEADER:
                close_table()
                table = Table(list(TABLE_HEADER), gap_before=gap)
            elif _SEPARATOR.match(line) or table is None:
                pass
            elif cells[0].lstrip("<p> ").startswith("○") or not raw_rows:
                raw_rows.append([[c] for c in cells])
            else:
                for column, cell in enumerate(cells):
                    raw_rows[-1][column].append(cell)
            gap = 0
            continue
        is_note = match_footnote_definition(line.strip()) is not None
        body = re.sub(r"^-\s*(?=・)", "", line.strip())
        drawn = Line(runs_of(body), small=is_note, gap_before=gap)
        gap = 0
        if table is not None and (is_note or (held and not _starts_block(body))):
            held.append(drawn)
            continue
        close_table()
        blocks.append(drawn)
    close_table()
    return blocks


def _starts_block(text: str) -> bool:
    return bool(re.match(r"^(?:[①-⑳]|[（(]\d|\d+\.|【)", text))


# --- reportlab -----------------------------------------------------------------------------


class _Pages:
    """A reportlab canvas with a cursor, a running header and page numbers."""

    def __init__(self, path: Path, layout: Layout) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfgen import canvas

        self.register_fonts()
        self.width = pdfmetrics.stringWidth
        self.layout = layout
        self.canvas = canvas.Canvas(str(path), pagesize=(layout.page_width, layout.page_height))
        self.page = 0
        self.y = 0.0
        self.new_page()

    @staticmethod
    def register_fonts() -> None:
        """Register the Japanese font and its fallback with reportlab (once)."""
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        if FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH)))
        if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(FALLBACK_FONT, str(FALLBACK_FONT_PATH)))

    @property
    def bottom(self) -> float:
        return self.layout.margin

    def new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        while self.page in self.layout.blank_pages:  # an image-like page: shapes, no text
            self.canvas.rect(100, 100, 300, 400, stroke=0, fill=1)
            self.canvas.showPage()
            self.page += 1
        c, lay = self.canvas, self.layout
        c.setFont(FONT, 7.5)
        c.drawString(lay.margin, lay.page_height - lay.margin / 2, RUNNING_HEADER)
        c.drawCentredString(lay.page_width / 2, lay.margin / 2.5, str(self.page))
        self.y = lay.page_height - lay.margin

    def run_width(self, run: Run, size: float) -> float:
        size = size * 0.6 if run.sup or run.sub else size
        return sum(float(self.width(text, font, size)) for font, text in font_segments(run.text))

    def draw_text(self, x: float, baseline: float, size: float, text: str) -> None:
        """Draw ``text`` piece by piece, each in the first font that has its glyphs."""
        for font, piece in font_segments(text):
            self.canvas.setFont(font, size)
            self.canvas.drawString(x, baseline, piece)
            x += float(self.width(piece, font, size))

    def wrap(self, runs: list[Run], size: float, width: float) -> list[list[Run]]:
        """Break runs into visual lines no wider than ``width`` (any character may break)."""
        lines: list[list[Run]] = [[]]
        used = 0.0
        for run in runs:
            for char in run.text:
                piece = Run(char, run.sup, run.underline, run.sub)
                w = self.run_width(piece, size)
                if used + w > width and lines[-1]:
                    if char == " ":
                        continue
                    lines.append([])
                    used = 0.0
                lines[-1].append(piece)
                used += w
        return [line for line in lines if line]

    def draw_runs(self, runs: list[Run], x: float, baseline: float, size: float) -> None:
        c = self.canvas
        for run in runs:
            w = self.run_width(run, size)
            if run.sup:
                self.draw_text(x, baseline + size * 0.38, size * 0.6, run.text)
            elif run.sub:
                self.draw_text(x, baseline - size * 0.2, size * 0.6, run.text)
            else:
                self.draw_text(x, baseline, size, run.text)
            if run.underline and run.text.strip():
                c.rect(x, baseline - size * 0.14, w, 0.5, stroke=0, fill=1)
            x += w


@functools.cache
def _glyphs(path: Path) -> frozenset[int]:
    from reportlab.pdfbase.ttfonts import TTFont

    return frozenset(TTFont(path.stem, str(path)).face.charToGlyph)


def _drawn_as(char: str) -> tuple[str, str] | None:
    """The font and text that draw ``char``: itself, else its NFKC form; None if neither can."""
    for candidate in dict.fromkeys((char, unicodedata.normalize("NFKC", char))):
        if all(ord(c) in _glyphs(FONT_PATH) for c in candidate):
            return FONT, candidate
        if all(ord(c) in _glyphs(FALLBACK_FONT_PATH) for c in candidate):
            return FALLBACK_FONT, candidate
    return None


def font_segments(text: str) -> list[tuple[str, str]]:
    """``text`` cut into (font, text) pieces the fonts can draw; undrawable characters left out."""
    pieces: list[tuple[str, str]] = []
    for char in text:
        drawn = _drawn_as(char) if not char.isspace() else (FONT, char)
        if drawn is None:
            continue
        if pieces and pieces[-1][0] == drawn[0]:
            pieces[-1] = (drawn[0], pieces[-1][1] + drawn[1])
        else:
            pieces.append(drawn)
    return pieces


def undrawable(text: str) -> set[str]:
    """Characters of ``text`` no font of the renderer can draw (they are left out)."""
    return {c for c in text if not c.isspace() and _drawn_as(c) is None}


def _draw_line(pages: _Pages, line: Line) -> None:
    lay = pages.layout
    size = lay.body_size * (0.75 if line.small else 1.0)
    lead = size * 1.55
    pages.y -= lead * 0.6 * min(line.gap_before, 2)
    indent = size if line.runs and line.runs[0].text.startswith("・") else 0.0
    width = lay.page_width - 2 * lay.margin
    for number, visual in enumerate(pages.wrap(line.runs, size, width - indent)):
        if pages.y - lead < pages.bottom:
            pages.new_page()
        pages.y -= lead
        x = lay.margin + (indent if number else 0.0)
        pages.draw_runs(visual, x, pages.y + size * 0.3, size)


def _cell_lines(pages: _Pages, paragraphs: list[list[Run]], width: float) -> list[list[Run]]:
    size = pages.layout.cell_size
    return [v for p in paragraphs for v in pages.wrap(p, size, width)]


def _draw_table(pages: _Pages, table: Table) -> None:
    lay = pages.layout
    size, pad = lay.cell_size, 4.0
    lead = size * 1.5
    total = lay.page_width - 2 * lay.margin
    shares = _plain_shares(table) if table.plain else lay.columns
    widths = [total * f / sum(shares) for f in shares]
    xs = [lay.margin + sum(widths[:i]) for i in range(len(widths) + 1)]
    header = [[Run(h)] for h in table.header]

    def draw_row(cells: list[list[list[Run]]]) -> None:
        height = max(len(c) for c in cells) * lead + 2 * pad
        top = pages.y
        for column, lines in enumerate(cells):
            for n, visual in enumerate(lines):
                baseline = top - pad - (n + 1) * lead + size * 0.3
                pages.draw_runs(visual, xs[column] + pad, baseline, size)
        c = pages.canvas
        c.setLineWidth(0.6)
        c.line(xs[0], top, xs[-1], top)
        c.line(xs[0], top - height, xs[-1], top - height)
        for x in xs:
            c.line(x, top, x, top - height)
        pages.y = top - height

    def draw_header() -> None:
        if header:
            draw_row([[h] for h in header])

    pages.y -= lay.body_size * 0.8 * min(table.gap_before, 2)
    if pages.y - 3 * lead - 4 * pad < pages.bottom:
        pages.new_page()
    draw_header()
    for row in table.rows:
        cells = [_cell_lines(pages, p, widths[i] - 2 * pad) for i, p in enumerate(row)]
        while any(cells):
            room = int((pages.y - pages.bottom - 2 * pad) // lead)
            if room < 1:
                pages.new_page()
                draw_header()
                continue
            draw_row([c[:room] for c in cells])
            cells = [c[room:] for c in cells]
            if any(cells):
                pages.new_page()
                draw_header()


def _plain_shares(table: Table) -> list[float]:
    """Column widths of a slide's table: in proportion to each column's longest text."""
    longest = [0] * len(table.rows[0])
    for row in table.rows:
        for column, cell in enumerate(row):
            chars = sum(len(r.text) for paragraph in cell for r in paragraph)
            longest[column] = max(longest[column], chars)
    return [max(n, 3) + 2.0 for n in longest]


def render_reportlab(text: str, path: Path, layout: Layout | None = None) -> Path:
    """Draw a text sample as a PDF at ``path`` with reportlab."""
    layout = layout or Layout()
    pages = _Pages(path, layout)
    for block in parse_sample(text):
        if isinstance(block, Table):
            _draw_table(pages, block)
        else:
            if layout.page_breaks and block.gap_before >= 2 and pages.y < _top(layout) - 1:
                pages.new_page()
            _draw_line(pages, block)
    pages.canvas.save()
    return path


def _top(layout: Layout) -> float:
    return layout.page_height - layout.margin


# --- reportlab platypus -------------------------------------------------------------------


def render_platypus(text: str, path: Path, layout: Layout | None = None) -> Path:
    """Lay a text sample out with reportlab's platypus (flowing paragraphs, ``Table`` with the
    header repeated on each page, page numbers ``- N -`` at the foot, no running header): a
    second layout engine beside the canvas of ``render_reportlab``, whose page tops and line
    breaks fall elsewhere. With ``layout.page_breaks`` a run of blank lines starts a page."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

    layout = layout or Layout()
    _Pages.register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=layout.body_size, wordWrap="CJK")
    body.leading = layout.body_size * 1.5
    styles = {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=11),
        "cell": ParagraphStyle("cell", parent=body, fontSize=layout.cell_size),
    }
    styles["cell"].leading = layout.cell_size * 1.45
    story: list[Any] = []
    for block in parse_sample(text):
        story += _platypus_flowables(block, layout, styles, bool(story))
    width = layout.page_width - 2 * layout.margin
    frame = Frame(layout.margin, layout.margin, width, layout.page_height - 2 * layout.margin)
    frame.leftPadding = frame.rightPadding = frame.topPadding = frame.bottomPadding = 0
    document = BaseDocTemplate(str(path), pagesize=(layout.page_width, layout.page_height))
    document.addPageTemplates([PageTemplate(frames=[frame], onPage=_platypus_page_number)])
    document.build(story or [Spacer(1, 1)])
    return path


def _platypus_flowables(
    block: Line | Table, layout: Layout, styles: dict[str, Any], started: bool
) -> list[Any]:
    from reportlab.platypus import PageBreak, Paragraph, Spacer
    from reportlab.platypus import Table as Grid

    out: list[Any] = []
    if layout.page_breaks and block.gap_before >= 2 and started:
        out.append(PageBreak())
    elif block.gap_before and started:
        out.append(Spacer(1, layout.body_size * 0.35))
    if isinstance(block, Line):
        style = styles["small" if block.small else "body"]
        return [*out, Paragraph(_html_runs(block.runs, platypus=True), style)]
    cell = styles["cell"]
    rows = [[Paragraph(html.escape(h), cell) for h in block.header]] if block.header else []
    for row in block.rows:
        rows.append([[Paragraph(_html_runs(p, platypus=True), cell) for p in c] or "" for c in row])
    width = layout.page_width - 2 * layout.margin
    shares = _plain_shares(block) if block.plain else list(layout.columns)
    grid = Grid(
        rows,
        colWidths=[width * f / sum(shares) for f in shares],
        repeatRows=1 if block.header else 0,
        style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("GRID", (0, 0), (-1, -1), 0.6, "black")],
    )
    return [*out, grid]


def _platypus_page_number(canvas: Any, document: Any) -> None:
    canvas.setFont(FONT, 8)
    canvas.drawCentredString(document.pagesize[0] / 2, 25, f"- {document.page} -")


# --- HTML printed by Chromium --------------------------------------------------------------

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'IPAGothic', sans-serif; font-size: 10.5pt; line-height: 1.5; }
div.l { margin: 0; } div.gap { height: 0.6em; } div.page { break-before: page; }
div.fn { font-size: 8pt; }
sup { font-size: 60%; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 0.5em 0; }
th, td { border: 0.75pt solid #000; vertical-align: top; padding: 3pt; font-weight: normal; }
td p { margin: 0; } td ul { list-style: none; margin: 0; padding: 0; } td li { margin: 0; }
"""


def _html_runs(runs: list[Run], platypus: bool = False) -> str:
    """Runs as HTML inline markup (platypus spells ``<sup>``/``<sub>`` ``<super>``/``<sub>``)."""
    sup = "super" if platypus else "sup"
    out = []
    for run in runs:
        text = html.escape(run.text)
        if run.sup:
            text = f"<{sup}>{text}</{sup}>"
        if run.sub:
            text = f"<sub>{text}</sub>"
        if run.underline:
            text = f"<u>{text}</u>"
        out.append(text)
    return "".join(out)


def sample_html(text: str, layout: Layout | None = None) -> str:
    """The sample as one HTML page: the same blocks ``render_reportlab`` draws."""
    layout = layout or Layout()
    body: list[str] = []
    for n, block in enumerate(parse_sample(text)):
        if layout.page_breaks and block.gap_before >= 2 and n:
            body.append('<div class="page"></div>')
        elif block.gap_before:
            body.append('<div class="gap"></div>')
        if isinstance(block, Table):
            head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
            rows = "".join(
                "<tr>"
                + "".join(
                    "<td>" + "".join(f"<p>{_html_runs(p)}</p>" for p in cell) + "</td>"
                    for cell in row
                )
                + "</tr>"
                for row in block.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        else:
            css = "l fn" if block.small else "l"
            body.append(f'<div class="{css}">{_html_runs(block.runs)}</div>')
    return (
        '<!doctype html><html lang="ja"><head><meta charset="utf-8"><style>'
        + _CSS
        + "</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )


def render_chromium(text: str, path: Path, layout: Layout | None = None) -> Path:
    """Print the sample's HTML to a PDF at ``path`` with Debian's headless Chromium."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is absent: the Chromium-printed PDFs are skipped")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "sample.html"
        page.write_text(sample_html(text, layout), encoding="utf-8")
        subprocess.run(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={tmp}/profile",
                "--no-pdf-header-footer",
                f"--print-to-pdf={path}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    if not path.exists():
        raise RuntimeError(f"Chromium printed nothing to {path}")
    return path


def chromium_available() -> bool:
    """Whether Debian's Chromium is installed (the second renderer's tests skip otherwise)."""
    return CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is not None


if __name__ == "__main__":
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    render_reportlab(source.read_text(encoding="utf-8"), target)
    print(target)
