"""The follow-up reader's line rules, tried in order on every line (``RULES``).

Each rule ``rule(state, line_no, line) -> bool`` accepts a line or passes; the first that
accepts consumes it. See ``docs/followup-format.md`` for the table of rules.
"""

from __future__ import annotations

import re

from stiplan.normalize.markers import extract_footnote_refs, match_footnote_definition
from stiplan.readers.cells import (
    Fragment,
)
from stiplan.readers.followup.state import (
    CIRCLED,
    TABLE_HEADER,
    TERMINATORS,
    Block,
    RawBullet,
    RawChapter,
    RawFootnote,
    RawParagraph,
    RawRow,
    RawSection,
    RawSubsection,
    RawText,
    Rule,
    State,
    block_of,
)

HEAD_LINES = 20  # a report's head (title, date, publisher) fits in its first lines

_CHAPTER = re.compile(r"^(\d{1,3})\.\s*(\S.{0,78})$")
_SECTION = re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(\S.{0,98})$")
_SUBSECTION = re.compile(rf"^([{CIRCLED}])\s*(\S.*)$")
_BULLET = re.compile(r"^(?:-\s*・|-\s+|・)\s*(.*)$")
_SEPARATOR = re.compile(r"^[\s\-－―—|]+$")
_BLOCK_HEADING = re.compile(r"^【([^】]+)】(.*)$")


_TAG_ONLY = re.compile(r"^\s*(?:[（(][^（()）]*[）)]\s*)?$")


# --- what a line is by its form alone -------------------------------------------------------


def opens_element(line: str) -> bool:
    """Whether ``line`` opens an element of a report by its form alone, wherever it stands:
    the table header, a chapter, section or subsection heading, a known block heading, a
    footnote definition or a bullet.

    For a layout stage that must not take structure for page furniture (``readers.pdf``: a
    ``【目標】`` that opens two pages is no running header). The rules below also ask where a
    line stands (a subsection needs a section, a bullet a block); this asks only what it is.
    """
    return (
        _is_table_header(line)
        or _heading_match(_CHAPTER, line) is not None
        or _heading_match(_SECTION, line) is not None
        or _SUBSECTION.match(line.strip()) is not None
        or _block_match(line) is not None
        or ("\t" not in line and match_footnote_definition(line.strip()) is not None)
        or _BULLET.match(line.strip()) is not None
    )


def is_whole_block_heading(line: str) -> bool:
    """A known block heading with nothing after it but its ``（参考指標）`` tag and footnote
    markers: complete on its line, so no following line continues it (a PDF's widest line
    may be such a heading, which geometry alone would take for a line wrapped at the edge)."""
    found = _block_match(line)
    return found is not None and _TAG_ONLY.match(found[2]) is not None


def _is_table_header(line: str) -> bool:
    return tuple(c.strip() for c in line.split("\t")[:3]) == TABLE_HEADER


def _heading_match(pattern: re.Pattern[str], line: str) -> re.Match[str] | None:
    """A chapter or section heading: ``pattern``, on a line that ends no sentence (a line
    ``1. …。`` is prose)."""
    if line.rstrip().endswith(TERMINATORS):
        return None
    return pattern.match(line.strip())


def _block_match(line: str) -> tuple[Block, str, str, list[int]] | None:
    """``【heading】rest`` of a known block → (block, heading, rest, footnote numbers)."""
    m = _BLOCK_HEADING.match(line.strip())
    if m is None:
        return None
    heading, _ = extract_footnote_refs(m.group(1))
    rest, refs = extract_footnote_refs(m.group(2))
    block = block_of(heading.strip(), rest)
    return None if block is None else (block, heading, rest, refs)


# --- rules ---------------------------------------------------------------------------------


def blank(state: State, line_no: int, line: str) -> bool:
    """Blank lines separate blocks; they change nothing."""
    return not line.strip()


def footnote_def(state: State, line_no: int, line: str) -> bool:
    """``⁷ 内閣府調べ`` at a page end: a footnote definition; it may interrupt anything."""
    found = match_footnote_definition(line.strip())
    if found is None or "\t" in line:
        return False
    number, text = found
    footnote = RawFootnote(number, RawText())
    footnote.text.add(line_no, text)
    state.footnotes.append(footnote)
    state.in_footnotes = True
    return True


def separator_row(state: State, line_no: int, line: str) -> bool:
    """``--\\t---\\t--``: a page break inside a table; the table goes on."""
    if "\t" not in line or not _SEPARATOR.match(line):
        return False
    state.leave_footnotes()
    return True


def table_header(state: State, line_no: int, line: str) -> bool:
    """The three column titles open an initiatives table in the current subsection."""
    if not _is_table_header(line):
        return False
    state.leave_footnotes()
    state.in_table = True
    state.block = None
    if state.subsection is None:
        state.warn("table_outside_subsection", "小見出し（①…）のない表です", line_no)
    return True


def table_row(state: State, line_no: int, line: str) -> bool:
    """A tab-separated line: a new initiative (first cell starts with ○) or a continuation."""
    if "\t" not in line:
        return False
    state.leave_footnotes()
    cells = line.split("\t")
    if len(cells) > 3:
        state.warn("extra_table_cells", f"表の行に{len(cells)}列あります（3列を想定）", line_no)
        cells = [*cells[:2], " ".join(cells[2:])]
    cells += [""] * (3 - len(cells))
    subsection = state.subsection
    if subsection is None:
        state.warn("row_not_attached", "小見出しの外にある表の行を読み飛ばしました", line_no)
        return True
    if not state.in_table:
        state.warn("table_without_header", "見出し行のない表の行です", line_no)
        state.in_table = True
    fragments = [Fragment(line_no, cell) for cell in cells]
    if _starts_initiative(cells[0]):
        subsection.rows.append(RawRow(([], [], []), line_no, line_no))
    elif not subsection.rows:
        state.warn("row_not_attached", "取組（○）の前に続きの行があります", line_no)
        return True
    row = subsection.rows[-1]
    for column, fragment in enumerate(fragments):
        if fragment.html.strip():
            row.cells[column].append(fragment)
    row.last_line = line_no
    return True


def _starts_initiative(cell: str) -> bool:
    text = re.sub(r"^(?:\s|<[^<>]*>)*", "", cell)
    return text.startswith(("○", "◯"))


def chapter_heading(state: State, line_no: int, line: str) -> bool:
    """``1. 国民の安全と安心を…``: a chapter."""
    m = _heading_match(_CHAPTER, line)
    if m is None:
        return False
    _close_headings(state, line_no, levels=3)
    state.chapters.append(RawChapter(int(m.group(1)), _heading_title(m.group(2)), line_no))
    return True


def section_heading(state: State, line_no: int, line: str) -> bool:
    """``（1）…`` or ``(2) …``: a section of the current chapter."""
    m = _heading_match(_SECTION, line)
    if m is None:
        return False
    if state.chapter is None:
        state.warn(
            "section_without_chapter",
            "章の見出し（1. …）がないまま節が始まります。章の一部の抜粋として読みます",
            line_no,
        )
        state.chapters.append(RawChapter(0, "", line_no))
    _close_headings(state, line_no, levels=2)
    assert state.chapter is not None
    state.chapter.sections.append(RawSection(int(m.group(1)), _heading_title(m.group(2)), line_no))
    return True


def subsection_heading(state: State, line_no: int, line: str) -> bool:
    """``① …``: a subsection; its table follows."""
    m = _SUBSECTION.match(line.strip())
    if m is None:
        return False
    if state.section is None:
        state.warn("subsection_without_section", "節（（1）…）より前に小見出しがあります", line_no)
        return False
    _close_headings(state, line_no, levels=1)
    assert state.section is not None
    number = CIRCLED.index(m.group(1)) + 1
    state.section.subsections.append(RawSubsection(number, _heading_title(m.group(2)), line_no))
    return True


def _heading_title(text: str) -> str:
    title, _ = extract_footnote_refs(text.replace("**", ""))
    return title.strip()


def _close_headings(state: State, line_no: int, levels: int) -> None:
    """A new heading ends the table, the block and the footnote run of what came before."""
    state.leave_footnotes()
    state.in_table = False
    state.block = None
    state.last_bullet = None
    chapter = state.chapter
    if chapter is None:
        return
    section = state.section
    if section and section.subsections:
        section.subsections[-1].end_line = line_no - 1
    if levels >= 2 and section:
        section.end_line = line_no - 1
    if levels >= 3:
        chapter.end_line = line_no - 1


def block_heading(state: State, line_no: int, line: str) -> bool:
    """``【目標】``, ``【現状データ】（参考指標）``…: opens a block of the current section."""
    found = _block_match(line)
    if found is None:
        return False
    block, heading, _, refs = found
    state.leave_footnotes()
    state.in_table = False
    state.block = block
    state.last_bullet = None
    if state.chapter is None:
        state.warn("block_without_chapter", f"章より前に【{heading}】があります", line_no)
        state.chapters.append(RawChapter(0, "", line_no))
    assert state.chapter is not None
    state.chapter.refs.extend(refs)
    return True


def bullet(state: State, line_no: int, line: str) -> bool:
    """``- ・ …``: a goal, target or indicator bullet of the open block."""
    m = _BULLET.match(line.strip())
    if m is None or state.block in (None, Block.DIRECTION):
        return False
    state.leave_footnotes()
    item = RawBullet(state.block, RawText())
    item.text.add(line_no, m.group(1))
    container = state.section if state.section is not None else state.chapter
    if container is None:
        return False
    container.bullets.append(item)
    state.last_bullet = item
    return True


def resumed_paragraph(state: State, line_no: int, line: str) -> bool:
    """After a footnote block, prose cut mid-sentence by the page break resumes here."""
    if not state.in_footnotes or state.block is not Block.DIRECTION or state.section is None:
        return False
    paragraphs = state.section.paragraphs
    if not paragraphs or not paragraphs[-1].is_cut():
        return False
    paragraphs[-1].text.add(line_no, line.strip())
    state.leave_footnotes()
    return True


def footnote_continuation(state: State, line_no: int, line: str) -> bool:
    """A footnote's text that runs on over further lines (outside prose blocks)."""
    if not state.in_footnotes or not state.footnotes or state.block is Block.DIRECTION:
        return False
    state.footnotes[-1].text.add(line_no, line.strip())
    return True


def paragraph(state: State, line_no: int, line: str) -> bool:
    """A prose line of あるべき姿とその実現に向けた方向性: one paragraph."""
    if state.block is not Block.DIRECTION or state.section is None:
        return False
    state.leave_footnotes()
    text = RawText()
    text.add(line_no, line.strip())
    state.section.paragraphs.append(RawParagraph(text))
    return True


def subsection_prose(state: State, line_no: int, line: str) -> bool:
    """Prose between a subsection heading and its table introduces the subsection."""
    subsection = state.subsection
    if subsection is None or subsection.rows or state.in_table or state.block is not None:
        return False
    state.leave_footnotes()
    text = RawText()
    text.add(line_no, line.strip())
    subsection.paragraphs.append(RawParagraph(text))
    return True


def bullet_continuation(state: State, line_no: int, line: str) -> bool:
    """``防災：全都道府県⁷`` under a target bullet: more of the same bullet."""
    if state.last_bullet is None or state.in_table:
        return False
    state.last_bullet.text.add(line_no, line.strip())
    return True


def head_line(state: State, line_no: int, line: str) -> bool:
    """A line among the first ``HEAD_LINES`` before any chapter or section heading: the
    report's head, where its title and date stand (``readers.heads``)."""
    if state.chapters or state.footnotes or line_no > HEAD_LINES:
        return False
    state.head.append((line_no, line))
    return True


def skipped(state: State, line_no: int, line: str) -> bool:
    """Anything else is reported, never silently dropped."""
    state.warn(
        "line_skipped", f"どの要素にも属さない行を読み飛ばしました: {line.strip()[:40]}", line_no
    )
    return True


RULES: tuple[Rule, ...] = (
    blank,
    footnote_def,
    separator_row,
    table_header,
    table_row,
    chapter_heading,
    section_heading,
    subsection_heading,
    block_heading,
    bullet,
    resumed_paragraph,
    footnote_continuation,
    paragraph,
    subsection_prose,
    bullet_continuation,
    head_line,
    skipped,
)
