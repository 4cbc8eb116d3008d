"""The follow-up reader's line rules, tried in order on every line (``RULES``).

Each rule ``rule(state, line_no, line) -> bool`` accepts a line or passes; the first that
accepts consumes it. See ``docs/followup-format.md`` for the table of rules.
"""

from __future__ import annotations

import re

from stiplan.model import CIRCLED
from stiplan.normalize.markers import extract_footnote_refs, match_footnote_definition
from stiplan.readers.cells import (
    Fragment,
)
from stiplan.readers.followup.state import (
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
    ends_sentence,
    fit_cells,
    is_table_header,
    starts_initiative,
    table_columns,
)

HEAD_LINES = 20  # a report's head (title, date, publisher) fits in its first lines

# ``1. 題名``, ``２．題名``, ``第3章 題名``; never ``3.59%（…）``, a value wrapped onto its line.
_CHAPTER = re.compile(r"^(?:(\d{1,3})[.．](?:\s+|(?!\d))|第(\d{1,3})章\s*)(\S.{0,78})$")
_SECTION = re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(\S.{0,98})$")
_SUBSECTION = re.compile(rf"^([{CIRCLED}])\s*(\S.*)$")
_BULLET = re.compile(r"^(?:[-－]\s*・|[-－]\s+|・)\s*(.*)$")
_SEPARATOR = re.compile(r"^[\s\-－―—|]+$")
_BLOCK_HEADING = re.compile(r"^【([^】]+)】(.*)$")
# ``- 12 -``, ``－12－``, ``12/40``, ``13``: a page number left in the text by the conversion.
_PAGE_NUMBER = re.compile(r"^(?:[-－―—–]\s*\d{1,4}\s*[-－―—–]|\d{1,4}(?:\s*/\s*\d{1,4})?)$")
# A bullet whose text ends so (``…の件数：``, ``91万2,``) goes on on the next line.
_OPEN_ENDINGS = ("：", ":", "、", ",", "，", "（", "(")
# A line that is only an as-of date (``（令和6年3月末）``, ``(2024年度)``): it dates the values of
# the bullet above, even where a footnote or a page break stands between them.
_PERIOD_LINE = re.compile(r"^[（(][^（）()]{0,30}\d[^（）()]{0,30}[年月度][^（）()]{0,10}[）)]$")


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
        is_table_header(line)
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
    """The three column titles, in any order, open an initiatives table in the current
    subsection; its rows are read by the order the header gives."""
    cells = line.split("\t")
    columns = table_columns(cells)
    if columns is None:
        return False
    state.leave_footnotes()
    state.in_table = True
    state.columns, state.width = columns, len(cells)
    state.block = None
    others = [c.strip() for i, c in enumerate(cells) if i not in columns and c.strip()]
    if others:
        names = "、".join(f"「{name[:20]}」" for name in others)
        state.warn("table_extra_columns", f"表の列{names}は読みません", line_no)
    if state.subsection is None:
        state.warn("table_outside_subsection", "小見出し（①…）のない表です", line_no)
    return True


def table_row(state: State, line_no: int, line: str) -> bool:
    """A tab-separated line: a new initiative (first cell starts with ○) or a continuation."""
    if "\t" not in line:
        return False
    state.leave_footnotes()
    cells = _row_cells(state, line_no, line)
    subsection = state.subsection
    if subsection is None and starts_initiative(cells[0]):
        subsection = _stand_in_subsection(state, line_no)
    if subsection is None:
        state.warn("row_not_attached", "小見出しの外にある表の行を読み飛ばしました", line_no)
        return True
    if not state.in_table:
        state.warn("table_without_header", "見出し行のない表の行です", line_no)
        state.in_table = True
    fragments = [Fragment(line_no, cell) for cell in cells]
    if starts_initiative(cells[0]):
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


def _row_cells(state: State, line_no: int, line: str) -> list[str]:
    """The row's commitment, status and next-step cells, by the columns its header gave;
    cells beyond the header's width go into its last column, with a warning."""
    cells = line.split("\t")
    if len(cells) > state.width:
        message = f"表の行に{len(cells)}列あります（{state.width}列を想定）"
        state.warn("extra_table_cells", message, line_no)
    cells = fit_cells(cells, state.width)
    return [cells[column] for column in state.columns]


def page_number(state: State, line_no: int, line: str) -> bool:
    """``- 12 -`` or ``12/40`` between blocks: a page number, not content. Text the page
    break cut resumes after it (``resumed_text``). A bare number is one only where no bullet
    waits for its value (``91万2,`` then ``300人``)."""
    stripped = line.strip()
    if not _PAGE_NUMBER.match(stripped):
        return False
    if stripped.isdigit() and state.last_bullet is not None and _is_open(state.last_bullet.text):
        return False
    state.page_number_line = line_no
    return True


def open_bullet(state: State, line_no: int, line: str) -> bool:
    """A bullet cut where its value must go on (``…の件数：``, ``91万2,``): the next line is
    more of it, even when it looks like a heading (``3.59%（…）``, ``①基礎研究 120件…``).
    Only a block heading or a section heading ends such a bullet."""
    bullet = state.last_bullet
    stripped = line.strip()
    if bullet is None or state.in_table or state.in_footnotes or not _is_open(bullet.text):
        return False
    if _BLOCK_HEADING.match(stripped) or _SECTION.match(stripped):
        return False
    bullet.text.add(line_no, stripped)
    return True


def _is_open(text: RawText) -> bool:
    return text.pieces[-1][1].rstrip().endswith(_OPEN_ENDINGS)


def chapter_heading(state: State, line_no: int, line: str) -> bool:
    """``1. 国民の安全と安心を…``: a chapter."""
    m = _heading_match(_CHAPTER, line)
    if m is None:
        return False
    _close_headings(state, line_no, levels=3)
    number = int(m.group(1) or m.group(2))
    state.chapters.append(RawChapter(number, _heading_title(m.group(3)), line_no))
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
        state.warn(
            "subsection_without_section",
            "節の見出し（（1）…）がないまま小見出しが始まります。節の一部の抜粋として読みます",
            line_no,
        )
        _stand_in_section(state, line_no)
    _close_headings(state, line_no, levels=1)
    assert state.section is not None
    number = CIRCLED.index(m.group(1)) + 1
    state.section.subsections.append(RawSubsection(number, _heading_title(m.group(2)), line_no))
    return True


def _stand_in_subsection(state: State, line_no: int) -> RawSubsection:
    """Initiatives before any ``①`` heading (an excerpt that starts inside a table, or a
    table straight under a section): kept under a subsection numbered 0, and warned."""
    state.warn(
        "rows_without_subsection",
        "小見出し（①…）がないまま取組の行が始まります。小見出しの一部の抜粋として読みます",
        line_no,
    )
    if state.section is None:
        _stand_in_section(state, line_no)
    assert state.section is not None
    subsection = RawSubsection(0, "", line_no)
    state.section.subsections.append(subsection)
    return subsection


def _stand_in_section(state: State, line_no: int) -> None:
    """An excerpt that starts below a heading: number 0 stands for the heading not given."""
    if state.chapter is None:
        state.chapters.append(RawChapter(0, "", line_no))
    assert state.chapter is not None
    state.chapter.sections.append(RawSection(0, "", line_no))


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
    if state.section is None and block in _SECTION_BLOCKS:
        state.warn(
            "block_without_section",
            f"節の見出し（（1）…）がないまま【{heading}】が始まります。節の一部の抜粋として読みます",
            line_no,
        )
        _stand_in_section(state, line_no)
    return True


# Blocks only a section holds (a chapter holds 【大目標】 and its 参考指標): before any section
# heading, as where an excerpt starts below one, they open a stand-in section.
_SECTION_BLOCKS = frozenset({Block.DIRECTION, Block.GOAL, Block.TARGETS})


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


def resumed_text(state: State, line_no: int, line: str) -> bool:
    """After the footnotes or the page number of a page break, text the break cut resumes:
    prose (of あるべき姿 or of a subsection) or a goal that does not end its sentence, a
    target or indicator left open (``…の件数：``)."""
    if not state.interrupted(line_no):
        return False
    text = _cut_text(state, line.strip())
    if text is None:
        return False
    text.add(line_no, line.strip())
    state.leave_footnotes()
    state.page_number_line = 0
    return True


def _cut_text(state: State, line: str) -> RawText | None:
    """The text last read, if a page break cut it (or, for a value bullet, if ``line`` is
    only the date of its values); None when it was whole."""
    if state.block is Block.DIRECTION or _in_subsection_prose(state):
        holder = state.section if state.block is Block.DIRECTION else state.subsection
        paragraphs = holder.paragraphs if holder is not None else []
        return paragraphs[-1].text if paragraphs and paragraphs[-1].is_cut() else None
    bullet = state.last_bullet
    if bullet is None or state.in_table:
        return None
    if bullet.block in (Block.GOAL, Block.OVERARCHING_GOAL):
        return None if ends_sentence(bullet.text) else bullet.text
    if _is_open(bullet.text) or _PERIOD_LINE.match(line):
        return bullet.text
    return None


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


def _in_subsection_prose(state: State) -> bool:
    """Between a subsection heading and its table, where prose introduces the subsection."""
    subsection = state.subsection
    return not (subsection is None or subsection.rows or state.in_table or state.block)


def subsection_prose(state: State, line_no: int, line: str) -> bool:
    """Prose between a subsection heading and its table introduces the subsection."""
    subsection = state.subsection
    if subsection is None or not _in_subsection_prose(state):
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
    if state.chapters or state.footnotes or line_no > HEAD_LINES or _BULLET.match(line.strip()):
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
    page_number,
    open_bullet,
    chapter_heading,
    section_heading,
    subsection_heading,
    block_heading,
    bullet,
    resumed_text,
    footnote_continuation,
    paragraph,
    subsection_prose,
    bullet_continuation,
    head_line,
    skipped,
)
