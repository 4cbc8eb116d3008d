"""The slide-deck reader: decoded briefing text → ``Document`` of slides and blocks, with spans.

Built like the follow-up reader (and markdown-it's block parser): the lines are first repaired
(``stiplan.readers.garble``: radicals, vertical text, foreign letters standing for kana), then a
shared ``State`` walks the repaired lines once and an ordered list of small named rules
``rule(state, line) -> bool`` is tried on each; the first rule that accepts a line consumes it.
The format and the rules are described in ``docs/slides.md``.

Slide boundaries come from the decks' own structure, which the PDF conversion keeps only in
part:

* a deck whose pages open with one space (``" １．…"``, ``" （参考） …"``) is *paged*: every
  such line starts a slide, and the slide's title is found inside it (a chapter divider, a
  ``（参考）`` heading, else its first heading);
* otherwise a slide starts at a chapter divider (``2.先端科学技術の戦略的な推進``, numbered in
  sequence) or at a heading that follows a gap of two or more blank lines.

Headings that do not start a slide are kept as ``title`` blocks of level 2, so no structure is
lost when a boundary is missed. The reader is a pure function: no database, no printing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from stiplan.model import Block, BlockKind, Document, DocumentKind, Slide, Span, Warning
from stiplan.normalize.text import clean
from stiplan.readers.followup import content_hash
from stiplan.readers.garble import RepairedLine, merged_cells, repair_lines
from stiplan.readers.heads import DATE_ONLY, day_alone, head_warnings
from stiplan.readers.truncation import end_warning

MAX_HEADING_CHARS = 50
MIN_PAGE_MARKS = 3
MIN_VERTICAL_BLOCKS = 3  # this many vertical labels on one slide: its table layout is lost

_PAGE_MARK = re.compile(r"^ (?=[^\s\-])")
_DIVIDER = re.compile(r"^([0-9０-９]{1,2})\s*[.．]\s*(\S.{0,48})$")
_BULLET = re.compile(
    r"^(?P<dash>-(?=\s|[・✓✔➢➤■□◆◇●○〇•▶►★☆▪◦→⇒➡])\s*)?"
    r"(?P<sym>[・✓✔➢➤■□◆◇●○〇•▶►★☆▪◦→⇒➡\ue000-\uf8ff]|[!！](?=\s))?\s*(?P<rest>.*)$"
)
_GROUP_SYMBOLS = frozenset("■□●◆◇★☆▶►")
_NUMBERED = re.compile(
    r"^(?:[①-⑳]|[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[.．)）](?![0-9０-９]))\s*\S"
)
_SOURCE = re.compile(r"^(?:[(（]\s*出典|出典|【出典】)")
_MADE_BY = re.compile(r"(?:を基に|をもとに|を元に)?(?:加工・)?作成$")
_NOTE = re.compile(r"^(?:※|\*|＊|注[)）]|[(（]注[)）])")
_URL = re.compile(r"^<?https?://\S+>?$")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_FURIGANA = re.compile(r"\^\{[\u3041-\u30ffー]+\}")
_TAG = re.compile(r"<[^<>]*>")
_LABEL_OPENERS = ("【", "<", "＜", "“", '"', "(", "（", "[", "［")
_CONTINUES = ("、", "・", "（", "(", "「", "～", "〜")
_KANA = re.compile("[\u3041-\u309f]$")
_WRAP_CHARS = 12  # a line this long that runs on was cut by the text box, not ended
# A line opening with a number, a date or a bracket starts an item of its own (``令和6年度
# 概算要求額 10.2億円`` under ``令和4年度補正予算額 75億円``), even under a long line.
_FRESH_START = re.compile(r"^(?:[0-9０-９]|令和|平成|【|\[)")


@dataclass(slots=True)
class _Line:
    """A repaired logical line as the rules see it: page mark removed, indentation measured."""

    first: int
    last: int
    text: str
    indent: int
    page_start: bool
    repaired: bool
    vertical: bool
    garbled: bool

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(slots=True)
class _Block:
    kind: BlockKind
    level: int
    pieces: list[tuple[int, int, str]]
    cells: list[str] = field(default_factory=list)
    repaired: bool = False
    garbled: bool = False
    vertical: bool = False
    divider: bool = False

    def add(self, line: _Line, text: str) -> None:
        self.pieces.append((line.first, line.last, text))
        self.repaired = self.repaired or line.repaired
        self.garbled = self.garbled or line.garbled
        self.vertical = self.vertical or line.vertical

    @property
    def raw(self) -> str:
        return _join([t for _, _, t in self.pieces])

    @property
    def span(self) -> Span:
        return Span(min(p[0] for p in self.pieces), max(p[1] for p in self.pieces))


@dataclass(slots=True)
class _Slide:
    first_line: int
    blocks: list[_Block] = field(default_factory=list)


@dataclass(slots=True)
class State:
    """What the rules share while walking the repaired lines once, top to bottom."""

    lines: list[_Line]
    paged: bool
    warnings: list[Warning] = field(default_factory=list)
    slides: list[_Slide] = field(default_factory=list)
    index: int = 0
    blanks: int = 0
    open: _Block | None = None
    group: bool = False
    divider: int = 0

    def warn(self, code: str, message: str, line: int) -> None:
        self.warnings.append(Warning(code, message, line))

    @property
    def slide(self) -> _Slide:
        if not self.slides:
            self.slides.append(_Slide(self.lines[self.index].first))
        return self.slides[-1]

    def new_slide(self, line: _Line) -> None:
        self.slides.append(_Slide(line.first))
        self.open = None
        self.group = False

    def emit(self, block: _Block, *, continuable: bool) -> None:
        self.slide.blocks.append(block)
        self.open = block if continuable else None

    def next_nonblank(self) -> _Line | None:
        for line in self.lines[self.index + 1 :]:
            if line.stripped:
                return line
        return None

    def blank_after(self) -> bool:
        following = self.lines[self.index + 1] if self.index + 1 < len(self.lines) else None
        return following is None or not following.stripped


Rule = Callable[[State, _Line], bool]


# --- rules ---------------------------------------------------------------------------------


def blank(state: State, line: _Line) -> bool:
    """Blank lines separate blocks; two or more in a row may separate slides."""
    if line.stripped:
        return False
    state.blanks += 1
    return True


def page_start(state: State, line: _Line) -> bool:
    """In a paged deck a line opening with one space starts a slide; the line is read on."""
    if line.page_start and state.slides and state.slide.blocks:
        state.new_slide(line)
    return False


def divider(state: State, line: _Line) -> bool:
    """``2.先端科学技術の戦略的な推進``: a chapter divider, numbered in sequence, standing alone."""
    m = _DIVIDER.match(line.stripped)
    if m is None or line.stripped.endswith("。") or "**" in line.stripped:
        return False
    number = int(clean(m.group(1)))
    standalone = (state.blanks or not state.slide.blocks) and state.blank_after()
    if number != state.divider + 1 or not standalone:
        return False
    state.divider = number
    if not state.paged and state.slides and state.slide.blocks:
        state.new_slide(line)
    block = _Block(BlockKind.TITLE, 1, [], divider=True)
    block.add(line, line.stripped)
    state.group = False
    state.emit(block, continuable=False)
    return True


def source(state: State, line: _Line) -> bool:
    """``出典：…`` or ``…を基に作成``: where a chart or a figure came from."""
    text = line.stripped
    if not (_SOURCE.match(text) or (_MADE_BY.search(text) and len(text) <= 80)):
        return False
    block = _Block(BlockKind.SOURCE, 1, [])
    block.add(line, text)
    state.emit(block, continuable=True)
    return True


def table_row(state: State, line: _Line) -> bool:
    """A tab-separated line: one row of a table, its cells cleaned of HTML."""
    if "\t" not in line.text:
        return False
    cells = [_cell(c) for c in line.text.strip("\n").split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    block = _Block(BlockKind.TABLE_ROW, 1, [], cells=cells)
    block.add(line, " | ".join(c for c in cells if c))
    state.group = False
    state.emit(block, continuable=False)
    return True


def _cell(text: str) -> str:
    """A table cell without its HTML (``<ul><li>``), list marks turned into ``・``."""
    plain = _TAG.sub(" ", text).replace("●", "・")
    return clean(plain).strip(" ・")


def bullet(state: State, line: _Line) -> bool:
    """``- ・ …``, ``✓ …``, ``■ …``…: a bullet; its level from indentation and open groups."""
    m = _BULLET.match(line.stripped)
    if m is None or not _is_bullet(line.stripped) or not m.group("rest").strip():
        return False
    sym = m.group("sym") or ""
    group = sym in _GROUP_SYMBOLS or (len(sym) == 1 and "\ue000" <= sym <= "\uf8ff")
    level = 1 + min(line.indent, 1) + (1 if state.group and not group else 0)
    if group:
        state.group = True
    block = _Block(BlockKind.BULLET, level, [])
    block.add(line, m.group("rest").strip())
    state.emit(block, continuable=True)
    return True


def numbered(state: State, line: _Line) -> bool:
    """``① …``, ``1. …`` in a list (not standing alone): a bullet of the list."""
    if _NUMBERED.match(line.stripped) is None or _is_heading(state, line):
        return False
    block = _Block(BlockKind.BULLET, 1 + min(line.indent, 1) + (1 if state.group else 0), [])
    block.add(line, line.stripped)
    state.emit(block, continuable=True)
    return True


def continuation(state: State, line: _Line) -> bool:
    """A line that runs on from the block above: the PDF cut it at the text box's edge.

    Directly below (no blank line) it always continues; after one blank line only when the
    block above clearly stops mid-phrase (a comma, an open bracket, or in a paged deck a kana).
    """
    block = state.open
    if block is None or line.vertical or block.vertical:
        return False
    if state.blanks == 1:
        tail = block.pieces[-1][2].rstrip()
        if not (tail.endswith(_CONTINUES) or (state.paged and _KANA.search(tail))):
            return False
        if block.kind is BlockKind.SOURCE:
            return False
    elif state.blanks > 1:
        return False
    block.add(line, line.stripped)
    return True


def heading(state: State, line: _Line) -> bool:
    """A short line standing alone (or over a list): a heading; after a gap, a new slide."""
    if not _is_heading(state, line):
        return False
    text = line.stripped
    opens_slide = (
        not state.paged
        and state.blanks >= 2
        and len(text) >= 4
        and not text.startswith(_LABEL_OPENERS)
        and state.slides
        and state.slide.blocks
    )
    if opens_slide:
        state.new_slide(line)
    block = _Block(BlockKind.TITLE, 2, [])
    block.add(line, text)
    state.group = False
    state.emit(block, continuable=False)
    return True


def _is_heading(state: State, line: _Line) -> bool:
    text = line.stripped
    if not 2 <= len(text) <= MAX_HEADING_CHARS or line.vertical or text.endswith("。"):
        return False
    if _NOTE.match(text) or _URL.match(text) or DATE_ONLY.match(clean(text)):
        return False
    after = state.next_nonblank()
    over_list = after is not None and after.first == line.last + 1 and _is_bullet(after.stripped)
    before_ok = state.blanks > 0 or not state.slide.blocks or state.open is None
    return before_ok and (state.blank_after() or over_list)


def _is_bullet(text: str) -> bool:
    m = _BULLET.match(text)
    return m is not None and bool(m.group("dash") or m.group("sym")) and bool(m.group("rest"))


def paragraph(state: State, line: _Line) -> bool:
    """Anything else is prose: one paragraph, continued by the lines directly below it."""
    block = _Block(BlockKind.PARAGRAPH, 1, [])
    block.add(line, line.stripped)
    state.group = False
    state.emit(block, continuable=True)
    return True


RULES: tuple[Rule, ...] = (
    blank,
    page_start,
    divider,
    source,
    table_row,
    bullet,
    numbered,
    continuation,
    heading,
    paragraph,
)


# --- the reader ----------------------------------------------------------------------------


def read_slides(text: str, source_name: str) -> Document:
    """Read a decoded slide deck into a ``Document`` (never raises on odd content)."""
    return read_slides_lines(text.split("\n"), content_hash(text), source_name)


def read_slides_lines(physical: list[str], digest: str, source_name: str) -> Document:
    """``read_slides`` of a text already cut into lines, with its ``content_hash`` (as
    ``read_followup_lines``)."""
    repaired, warnings = repair_lines(physical)
    warnings.extend(merged_cells(repaired))
    lines = _prepare(repaired)
    state = State(lines, paged=sum(1 for line in lines if line.page_start) >= MIN_PAGE_MARKS)
    if not state.paged:
        for line in lines:
            line.page_start = False
    for index, line in enumerate(lines):
        state.index = index
        for rule in RULES:
            if rule(state, line):
                break
        if line.stripped:
            state.blanks = 0
    state.warnings[:0] = warnings
    cut = end_warning(physical, in_table=False)
    if cut is not None:
        state.warnings.append(cut)
    return _finish(state, digest, source_name, physical)


def _prepare(repaired: list[RepairedLine]) -> list[_Line]:
    """Take the page mark off each line and measure the indentation that is left."""
    out: list[_Line] = []
    for r in repaired:
        text = r.text
        page = bool(_PAGE_MARK.match(text))
        if page:
            text = text[1:]
        indent = len(text) - len(text.lstrip(" \u3000"))
        out.append(
            _Line(r.first_line, r.last_line, text, indent, page, r.repaired, r.vertical, r.garbled)
        )
    return out


def _join(pieces: list[str]) -> str:
    """Rejoin lines the PDF cut: directly when the cut is mid-text, else with a space."""
    out = ""
    for piece in pieces:
        if not out:
            out = piece
            continue
        prev = out.rstrip()
        wrapped = len(prev.split("\n")[-1]) >= _WRAP_CHARS or prev.endswith(_CONTINUES)
        wrapped = (wrapped or bool(_KANA.search(prev))) and not _FRESH_START.match(piece)
        both_latin = (
            prev[-1:].isascii()
            and prev[-1:].isalnum()
            and piece[:1].isascii()
            and piece[:1].isalnum()
        )
        out = prev + (" " if both_latin or not wrapped else "") + piece
    return out


def _text_and_bold(raw: str) -> tuple[str, list[str]]:
    """The display text of a block and its bold phrases (``**…**`` markers removed)."""
    raw = _FURIGANA.sub("", raw)
    bold = [clean(m.group(1)) for m in _BOLD.finditer(raw)]
    return clean(raw.replace("**", "")), [b for b in bold if b]


def _finish(state: State, digest: str, source_name: str, physical: list[str]) -> Document:
    doc_id = digest[:12]
    slides = [_slide(state, doc_id, number, s) for number, s in enumerate(state.slides, start=1)]
    title = slides[0].title if slides else ""
    day = briefing_date(slides)
    edition = "" if day is None else str(day.year)
    if not slides:
        state.warn("no_slide", "スライドの内容が見つかりません", 1)
    elif not edition:
        state.warn(
            "edition_unknown", "資料の日付（版）が見つかりません（--date か --edition で指定）", 1
        )
    if slides:  # an empty deck has no_slide to say; a numbered divider is no cover
        state.warnings += head_warnings(_cover_title(title), date_stated=True)
    return Document(
        id=doc_id,
        kind=DocumentKind.SLIDES,
        source_name=source_name,
        content_hash=digest,
        title=title or source_name,
        edition=edition,
        date=day,
        lines=physical,
        warnings=sorted(state.warnings, key=lambda w: w.line),
        slides=slides,
    )


def _cover_title(title: str) -> bool:
    """Whether the first slide's title names the deck: a cover's title, not a chapter
    divider (``1．…``) of a deck whose cover was not converted."""
    return bool(title) and _DIVIDER.match(title) is None


def _slide(state: State, doc_id: str, number: int, raw: _Slide) -> Slide:
    """Build one slide: blocks with ids and clean text, the title picked, layout checked."""
    sid = f"{doc_id}:sl{number}"
    blocks: list[Block] = []
    for index, b in enumerate(raw.blocks, start=1):
        text, bold = _text_and_bold(b.raw)
        blocks.append(
            Block(
                id=f"{sid}.b{index}",
                kind=b.kind,
                text=text,
                span=b.span,
                level=b.level,
                cells=b.cells,
                bold=bold,
                repaired=b.repaired,
                garbled=b.garbled,
            )
        )
    title = _pick_title(state.paged, raw.blocks, blocks)
    vertical = [b for b in raw.blocks if b.vertical]
    if len(vertical) >= MIN_VERTICAL_BLOCKS:
        state.warn(
            "layout_lost",
            f"縦書きのラベル{len(vertical)}個を含む表・図の配置は復元できません。"
            "ラベルは個別のブロックとして残します",
            vertical[0].span.first_line,
        )
    first = raw.first_line
    last = max([b.span.last_line for b in blocks] + [first])
    return Slide(sid, number, title, Span(first, last), blocks)


def _pick_title(paged: bool, raw: list[_Block], blocks: list[Block]) -> str:
    """The slide's title: its divider, a （参考） heading, its first heading, else its first text.

    The block chosen becomes level 1; other headings stay level 2.
    """
    if not blocks:
        return ""
    candidates = [i for i, b in enumerate(raw) if b.divider]
    if paged:
        candidates += [
            i for i, b in enumerate(blocks) if b.kind is BlockKind.TITLE and "（参考）" in b.text
        ]
    candidates += [i for i, b in enumerate(blocks) if b.kind is BlockKind.TITLE]
    if not candidates:
        return blocks[0].text[:MAX_HEADING_CHARS]
    chosen = candidates[0]
    blocks[chosen].level = 1
    for i, b in enumerate(blocks):
        if i != chosen and b.kind is BlockKind.TITLE:
            b.level = 2
    return blocks[chosen].text


def briefing_date(slides: list[Slide]) -> date | None:
    """The briefing's date: a day standing alone on the first slide (``令和5年9月14日``).

    It dates the edition and, when no title names a plan, the plan the briefing belongs to.
    """
    for block in slides[0].blocks if slides else []:
        day = day_alone(block.text) if block.kind is BlockKind.PARAGRAPH else None
        if day is not None:
            return day
    return None
