"""The follow-up report reader: decoded text → ``Document`` tree with spans and warnings.

Built like markdown-it's block parser: a shared ``State`` and an ordered list of small named
rules ``rule(state, line_no, line) -> bool``; the first rule that accepts a line consumes it.
Rules only collect raw pieces (with their line numbers) into builders; ``_finish`` then
resolves them in later passes: footnote markers, ministry tags, table cells, ids, spans and
the links between footnotes and the elements that cite them.

The format and its traps are described in ``docs/followup-format.md``. The reader is a pure
function: no database, no printing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from stiplan.model import (
    Action,
    Chapter,
    Document,
    DocumentKind,
    Footnote,
    Goal,
    Indicator,
    Initiative,
    Observation,
    Paragraph,
    Section,
    Span,
    StatusItem,
    Subsection,
    Target,
    Warning,
    latest_as_of,
)
from stiplan.normalize.dates import find_deadlines
from stiplan.normalize.markers import extract_footnote_refs, match_footnote_definition
from stiplan.normalize.text import clean
from stiplan.normalize.values import (
    ObservationValue,
    labels_each_value,
    read_target,
    split_observations,
)
from stiplan.normalize.values import split_name_value as split_label
from stiplan.readers.cells import (
    CellItem,
    Fragment,
    document_codes,
    read_commitment,
    read_items,
)
from stiplan.readers.truncation import end_warning

TABLE_HEADER = ("基本計画における具体的な取組", "実施状況・現状分析", "今後の取組方針")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TERMINATORS = ("。", "．", "！", "？", "」", "』")

_CHAPTER = re.compile(r"^(\d{1,3})\.\s*(\S.{0,78})$")
_SECTION = re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*(\S.{0,98})$")
_SUBSECTION = re.compile(rf"^([{CIRCLED}])\s*(\S.*)$")
_BULLET = re.compile(r"^(?:-\s*・|-\s+|・)\s*(.*)$")
_SEPARATOR = re.compile(r"^[\s\-－―—|]+$")
_BLOCK_HEADING = re.compile(r"^【([^】]+)】(.*)$")


class Block(StrEnum):
    """The kind of content a block heading announces."""

    OVERARCHING_GOAL = "overarching_goal"
    DIRECTION = "direction"
    GOAL = "goal"
    TARGETS = "targets"
    INDICATORS = "indicators"


def _block_of(heading: str, rest: str) -> Block | None:
    """``【…】（…）`` heading text → the block it opens, or None when unknown."""
    if heading == "大目標":
        return Block.OVERARCHING_GOAL
    if heading.startswith("あるべき姿"):
        return Block.DIRECTION
    if heading == "目標":
        return Block.GOAL
    if "主要指標" in rest or "数値目標" in heading:
        return Block.TARGETS
    if "参考指標" in rest or heading == "現状データ":
        return Block.INDICATORS
    return None


@dataclass(slots=True)
class _Text:
    """Raw text collected from one or more lines, with the lines it came from."""

    pieces: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line_no: int, text: str) -> None:
        self.pieces.append((line_no, text))

    @property
    def span(self) -> Span:
        lines = [n for n, _ in self.pieces]
        return Span(min(lines), max(lines))


@dataclass(slots=True)
class _Bullet:
    block: Block
    text: _Text


@dataclass(slots=True)
class _Paragraph:
    text: _Text

    def is_cut(self) -> bool:
        """A paragraph that does not end a sentence was cut by a page break."""
        return not self.text.pieces[-1][1].rstrip().endswith(_TERMINATORS)


@dataclass(slots=True)
class _Row:
    cells: tuple[list[Fragment], list[Fragment], list[Fragment]]
    first_line: int
    last_line: int


@dataclass(slots=True)
class _Subsection:
    number: int
    title: str
    line: int
    rows: list[_Row] = field(default_factory=list)
    paragraphs: list[_Paragraph] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class _Section:
    number: int
    title: str
    line: int
    bullets: list[_Bullet] = field(default_factory=list)
    paragraphs: list[_Paragraph] = field(default_factory=list)
    subsections: list[_Subsection] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class _Chapter:
    number: int
    title: str
    line: int
    refs: list[int] = field(default_factory=list)
    bullets: list[_Bullet] = field(default_factory=list)
    sections: list[_Section] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class _Footnote:
    number: int
    text: _Text


@dataclass(slots=True)
class State:
    """What the rules share while walking the lines once, top to bottom."""

    lines: list[str]
    warnings: list[Warning] = field(default_factory=list)
    chapters: list[_Chapter] = field(default_factory=list)
    footnotes: list[_Footnote] = field(default_factory=list)
    block: Block | None = None
    in_table: bool = False
    in_footnotes: bool = False
    last_bullet: _Bullet | None = None

    def warn(self, code: str, message: str, line: int) -> None:
        self.warnings.append(Warning(code, message, line))

    @property
    def chapter(self) -> _Chapter | None:
        return self.chapters[-1] if self.chapters else None

    @property
    def section(self) -> _Section | None:
        chapter = self.chapter
        return chapter.sections[-1] if chapter and chapter.sections else None

    @property
    def subsection(self) -> _Subsection | None:
        section = self.section
        return section.subsections[-1] if section and section.subsections else None

    def leave_footnotes(self) -> None:
        self.in_footnotes = False


Rule = Callable[[State, int, str], bool]


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
    footnote = _Footnote(number, _Text())
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
    cells = [c.strip() for c in line.split("\t")]
    if tuple(cells[:3]) != TABLE_HEADER:
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
        subsection.rows.append(_Row(([], [], []), line_no, line_no))
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
    m = _CHAPTER.match(line.strip())
    if m is None or line.rstrip().endswith(_TERMINATORS):
        return False
    _close_headings(state, line_no, levels=3)
    state.chapters.append(_Chapter(int(m.group(1)), _heading_title(m.group(2)), line_no))
    return True


def section_heading(state: State, line_no: int, line: str) -> bool:
    """``（1）…`` or ``(2) …``: a section of the current chapter."""
    m = _SECTION.match(line.strip())
    if m is None or line.rstrip().endswith(_TERMINATORS):
        return False
    if state.chapter is None:
        state.warn(
            "section_without_chapter",
            "章の見出し（1. …）がないまま節が始まります。章の一部の抜粋として読みます",
            line_no,
        )
        state.chapters.append(_Chapter(0, "", line_no))
    _close_headings(state, line_no, levels=2)
    assert state.chapter is not None
    state.chapter.sections.append(_Section(int(m.group(1)), _heading_title(m.group(2)), line_no))
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
    state.section.subsections.append(_Subsection(number, _heading_title(m.group(2)), line_no))
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
    m = _BLOCK_HEADING.match(line.strip())
    if m is None:
        return False
    heading, _ = extract_footnote_refs(m.group(1))
    rest, refs = extract_footnote_refs(m.group(2))
    block = _block_of(heading.strip(), rest)
    if block is None:
        return False
    state.leave_footnotes()
    state.in_table = False
    state.block = block
    state.last_bullet = None
    if state.chapter is None:
        state.warn("block_without_chapter", f"章より前に【{heading}】があります", line_no)
        state.chapters.append(_Chapter(0, "", line_no))
    assert state.chapter is not None
    state.chapter.refs.extend(refs)
    return True


def bullet(state: State, line_no: int, line: str) -> bool:
    """``- ・ …``: a goal, target or indicator bullet of the open block."""
    m = _BULLET.match(line.strip())
    if m is None or state.block in (None, Block.DIRECTION):
        return False
    state.leave_footnotes()
    item = _Bullet(state.block, _Text())
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
    text = _Text()
    text.add(line_no, line.strip())
    state.section.paragraphs.append(_Paragraph(text))
    return True


def subsection_prose(state: State, line_no: int, line: str) -> bool:
    """Prose between a subsection heading and its table introduces the subsection."""
    subsection = state.subsection
    if subsection is None or subsection.rows or state.in_table or state.block is not None:
        return False
    state.leave_footnotes()
    text = _Text()
    text.add(line_no, line.strip())
    subsection.paragraphs.append(_Paragraph(text))
    return True


def bullet_continuation(state: State, line_no: int, line: str) -> bool:
    """``防災：全都道府県⁷`` under a target bullet: more of the same bullet."""
    if state.last_bullet is None or state.in_table:
        return False
    state.last_bullet.text.add(line_no, line.strip())
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
    skipped,
)


# --- the reader ----------------------------------------------------------------------------


def content_hash(text: str) -> str:
    """The identity of a document's content: the same text in any encoding is one document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_followup(text: str, source_name: str) -> Document:
    """Read a decoded follow-up report into a ``Document`` (never raises on odd content)."""
    lines = text.split("\n")
    state = State(lines)
    for line_no, line in enumerate(lines, start=1):
        for rule in RULES:
            if rule(state, line_no, line):
                break
    cut = end_warning(lines, state.in_table)
    if cut is not None:
        state.warnings.append(cut)
    digest = content_hash(text)
    return _finish(state, digest, source_name)


# --- resolving the collected pieces --------------------------------------------------------


@dataclass(slots=True)
class _Resolver:
    """Builds model elements with ids and records which element cites which footnote."""

    doc_id: str
    warnings: list[Warning]
    codes: frozenset[str] = frozenset()
    citations: dict[int, list[str]] = field(default_factory=dict)
    cite_lines: dict[int, int] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)

    def unique(self, element_id: str, line: int) -> str:
        """A heading number seen twice (``（1）`` … ``（1）``) must not merge two elements."""
        candidate, n = element_id, 1
        while candidate in self.taken:
            n += 1
            candidate = f"{element_id}-{n}"
        if n > 1:
            self.warnings.append(
                Warning(
                    "duplicate_heading_number", f"見出し番号が重複しています（{candidate}）", line
                )
            )
        self.taken.add(candidate)
        return candidate

    def cite(self, element_id: str, refs: list[int], line: int) -> list[int]:
        for number in refs:
            holders = self.citations.setdefault(number, [])
            if element_id not in holders:
                holders.append(element_id)
            self.cite_lines.setdefault(number, line)
        return refs

    def text(self, element_id: str, raw: _Text, joiner: str) -> tuple[str, list[int]]:
        joined = joiner.join(t for _, t in raw.pieces)
        plain, refs = extract_footnote_refs(joined)
        self.cite(element_id, refs, raw.span.first_line)
        return clean_lines(plain), refs

    def warn(self, code: str, message: str, line: int) -> None:
        self.warnings.append(Warning(code, message, line))


def clean_lines(text: str) -> str:
    """``clean`` each line (PDF spacing, Kangxi radicals) but keep the bullet's line breaks."""
    return "\n".join(clean(line) for line in text.strip().split("\n"))


def _finish(state: State, digest: str, source_name: str) -> Document:
    doc_id = digest[:12]
    last_line = max(len(state.lines), 1)
    resolver = _Resolver(doc_id, state.warnings, _codes_written(state))
    chapters = [_chapter(resolver, c, last_line) for c in state.chapters]
    footnotes = _footnotes(resolver, state.footnotes)
    title = _title(chapters) or source_name
    if not chapters:
        state.warn("no_chapter", "章（1. …）が見つかりません", 1)
    edition = guess_edition(chapters)
    if chapters and not edition:
        state.warn(
            "edition_unknown", "データの時点から版（年）を判定できません（--edition で指定）", 1
        )
    return Document(
        id=doc_id,
        kind=DocumentKind.FOLLOWUP,
        source_name=source_name,
        content_hash=digest,
        title=title,
        edition=edition,
        lines=state.lines,
        chapters=chapters,
        footnotes=footnotes,
        warnings=sorted(state.warnings, key=lambda w: w.line),
    )


def _title(chapters: list[Chapter]) -> str:
    """``2. 知の…`` after the first chapter; an excerpt that prints no chapter heading is
    named after its first section (``(2) オープン…``)."""
    if not chapters:
        return ""
    first = chapters[0]
    if first.stated:
        return f"{first.label} {first.title}"
    return next((f"{s.label} {s.title}" for s in first.sections), "")


def _codes_written(state: State) -> frozenset[str]:
    """Every known ministry code the report's tables write: what a truncated code may mean."""
    return document_codes(
        fragment
        for chapter in state.chapters
        for section in chapter.sections
        for subsection in section.subsections
        for row in subsection.rows
        for cell in row.cells
        for fragment in cell
    )


def guess_edition(chapters: list[Chapter]) -> str:
    """The report's edition: the year of its data cut-off (``model.latest_as_of``); empty
    when there is none, and ``stiplan ingest --edition`` then says it."""
    latest = latest_as_of(chapters)
    return str(latest.year) if latest else ""


def _end(builder_end: int, start: int, last_line: int) -> int:
    return max(builder_end if builder_end else last_line, start)


def _chapter(r: _Resolver, c: _Chapter, last_line: int) -> Chapter:
    cid = r.unique(f"{r.doc_id}:c{c.number}", c.line)
    chapter = Chapter(cid, c.number, c.title, Span(c.line, _end(c.end_line, c.line, last_line)))
    r.cite(cid, c.refs, c.line)
    chapter.goals, chapter.indicators = _bullets(r, cid, c.bullets, level="chapter")[:2]
    for s in c.sections:
        chapter.sections.append(_section(r, cid, s, chapter.span.last_line))
    return chapter


def _section(r: _Resolver, parent: str, s: _Section, last_line: int) -> Section:
    sid = r.unique(f"{parent}.s{s.number}", s.line)
    section = Section(sid, s.number, s.title, Span(s.line, _end(s.end_line, s.line, last_line)))
    for index, p in enumerate(s.paragraphs, start=1):
        pid = f"{sid}.p{index}"
        text, refs = r.text(pid, p.text, joiner="")
        section.paragraphs.append(Paragraph(pid, text, p.text.span, refs))
    section.goals, section.indicators, section.targets = _bullets(r, sid, s.bullets, "section")
    for ss in s.subsections:
        section.subsections.append(_subsection(r, sid, ss, section.span.last_line))
    return section


def _bullets(
    r: _Resolver, parent: str, bullets: list[_Bullet], level: str
) -> tuple[list[Goal], list[Indicator], list[Target]]:
    goals: list[Goal] = []
    indicators: list[Indicator] = []
    targets: list[Target] = []
    for b in bullets:
        if b.block in (Block.GOAL, Block.OVERARCHING_GOAL):
            gid = f"{parent}.g{len(goals) + 1}"
            text, refs = r.text(gid, b.text, joiner="\n")
            goals.append(Goal(gid, level, text, b.text.span, refs))
        elif b.block is Block.TARGETS:
            targets.append(_target(r, f"{parent}.t{len(targets) + 1}", b))
        else:
            indicators.append(_indicator(r, f"{parent}.ind{len(indicators) + 1}", b))
    return goals, indicators, targets


def _target(r: _Resolver, tid: str, b: _Bullet) -> Target:
    """A main target with its value read: quantity and target period where written."""
    text, refs = r.text(tid, b.text, joiner="\n")
    name, value = split_name_value(text)
    target = Target(tid, text, b.text.span, refs, name=name, value_text=value)
    if "\n" in value:
        # One bullet, several targets (``防災：…`` / ``スマートシティ：…``): none is "the" value.
        r.warn(
            "target_several_values",
            f"1つの主要指標に複数の目標値があり、個別には読み取っていません: {name[:30]}",
            b.text.span.first_line,
        )
    elif not value:
        # A milestone stated in words (``2021年度に…を構築``): its deadline is its period.
        deadlines = find_deadlines(name)
        target.period = deadlines[0].period if deadlines else None
    else:
        reading = read_target(value)
        target.quantity, target.period = reading.quantity, reading.period
        if reading.quantity is None and reading.period is None:
            r.warn(
                "target_value_unread",
                f"目標値を数値・期間として読めません: {value[:40]}",
                b.text.span.first_line,
            )
    return target


def _indicator(r: _Resolver, iid: str, b: _Bullet) -> Indicator:
    """A reference indicator and its observations, one per value, each with its own line."""
    text, refs = r.text(iid, b.text, joiner="\n")
    name, value = split_name_value(text)
    indicator = Indicator(iid, text, b.text.span, refs, name=name, value_text=value)
    value_lines = value.split("\n") if value else []
    source_lines = [n for n, _ in b.text.pieces][-len(value_lines) :] if value_lines else []
    readings: list[tuple[ObservationValue, Span]] = []
    for line_text, line_no in zip(value_lines, source_lines, strict=False):
        found = _line_observations(line_text)
        if not _dates_values_before(found, readings, line_no):
            readings.extend((reading, Span(line_no, line_no)) for reading in found)
    for reading, span in readings:
        oid = f"{iid}.o{len(indicator.observations) + 1}"
        indicator.observations.append(_observation(r, oid, reading, span))
    return indicator


def _dates_values_before(
    found: list[ObservationValue], readings: list[tuple[ObservationValue, Span]], line_no: int
) -> bool:
    """A line that is only ``（令和5年度末）`` dates the undated values of the lines before it.

    Returns whether the line was such a date (and so holds no value of its own).
    """
    if len(found) != 1 or found[0].quantity is not None or found[0].label or not readings:
        return False
    period = found[0].period
    if period is None:
        return False
    for index, (reading, span) in enumerate(readings):
        if reading.period is None:
            readings[index] = (replace(reading, period=period), Span(span.first_line, line_no))
    return True


def _line_observations(line_text: str) -> list[ObservationValue]:
    """A continuation line ``食料自給率：38%（…）`` labels its own values; a line
    ``北部：12件、南部：8件`` labels each value."""
    label, values = split_label(line_text)
    if not values or labels_each_value(line_text):
        return split_observations(line_text)
    return [
        ObservationValue(f"{label} {o.label}".strip(), o.text, o.quantity, o.period, o.note)
        for o in split_observations(values)
    ]


def _observation(r: _Resolver, oid: str, reading: ObservationValue, span: Span) -> Observation:
    """One value; what cannot be read is kept as text and reported with its line."""
    line_no = span.first_line
    if reading.quantity is None:
        r.warn("observation_value_unread", f"値を読めません: {reading.text[:40]}", line_no)
    elif reading.period is None:
        r.warn("observation_period_unread", f"時点を読めません: {reading.text[:40]}", line_no)
    return Observation(oid, reading.text, span, reading.label, reading.quantity, reading.period)


def split_name_value(text: str) -> tuple[str, str]:
    """``name：value`` on the bullet's first line; further lines belong to the value.

    A bullet whose first line has no colon (a target stated in words, with its values on the
    continuation lines) keeps the first line as the name.
    """
    first, _, rest = text.partition("\n")
    name, value = split_label(first)
    return name, "\n".join(v for v in (value, rest.strip()) if v)


def _subsection(r: _Resolver, parent: str, ss: _Subsection, last_line: int) -> Subsection:
    ssid = r.unique(f"{parent}.ss{ss.number}", ss.line)
    span = Span(ss.line, _end(ss.end_line, ss.line, last_line))
    subsection = Subsection(ssid, ss.number, ss.title, span)
    for index, p in enumerate(ss.paragraphs, start=1):
        pid = f"{ssid}.p{index}"
        text, refs = r.text(pid, p.text, joiner="")
        subsection.paragraphs.append(Paragraph(pid, text, p.text.span, refs))
    for index, row in enumerate(ss.rows, start=1):
        subsection.initiatives.append(_initiative(r, f"{ssid}.i{index}", index, row))
    return subsection


def _initiative(r: _Resolver, iid: str, number: int, row: _Row) -> Initiative:
    commitment = read_commitment(row.cells[0], r.warnings, r.codes)
    commitment.text = commitment.text.lstrip("○◯").strip()
    if not commitment.has_tag:
        r.warnings.append(
            Warning("missing_ministry_tag", "取組に府省タグ【…】がありません", commitment.last_line)
        )
    initiative = Initiative(
        id=iid,
        number=number,
        commitment=commitment.text,
        span=Span(row.first_line, row.last_line),
        ministries=commitment.ministries,
        repeated=commitment.repeated,
        footnotes=r.cite(iid, commitment.footnotes, commitment.first_line),
        deadlines=find_deadlines(commitment.text),
    )
    for index, item in enumerate(read_items(row.cells[1], r.warnings, r.codes), start=1):
        sid = f"{iid}.st{index}"
        initiative.status_items.append(
            StatusItem(
                sid, item.text, _span(item), item.ministries, _cite(r, sid, item), item.repeated
            )
        )
    for index, item in enumerate(read_items(row.cells[2], r.warnings, r.codes), start=1):
        aid = f"{iid}.a{index}"
        if not item.has_tag:
            r.warnings.append(
                Warning(
                    "action_without_ministries",
                    "府省タグのない今後の取組方針の項目です",
                    item.first_line,
                )
            )
        initiative.actions.append(
            Action(
                aid,
                item.text,
                _span(item),
                item.ministries,
                _cite(r, aid, item),
                find_deadlines(item.text),
                item.repeated,
            )
        )
    return initiative


def _span(item: CellItem) -> Span:
    return Span(item.first_line, max(item.first_line, item.last_line))


def _cite(r: _Resolver, element_id: str, item: CellItem) -> list[int]:
    return r.cite(element_id, item.footnotes, item.first_line)


def _footnotes(r: _Resolver, raw: list[_Footnote]) -> list[Footnote]:
    footnotes: list[Footnote] = []
    seen: set[int] = set()
    for f in raw:
        if f.number in seen:
            r.warnings.append(
                Warning(
                    "duplicate_footnote",
                    f"脚注{f.number}が重複して定義されています",
                    f.text.span.first_line,
                )
            )
            continue
        seen.add(f.number)
        text = "\n".join(t for _, t in f.text.pieces).strip()
        footnotes.append(
            Footnote(
                f"{r.doc_id}:fn{f.number}",
                f.number,
                text,
                f.text.span,
                r.citations.get(f.number, []),
            )
        )
    for footnote in footnotes:
        if not footnote.cited_by:
            r.warnings.append(
                Warning(
                    "footnote_uncited",
                    f"脚注{footnote.number}はどこからも引用されていません",
                    footnote.span.first_line,
                )
            )
    for number in sorted(set(r.citations) - seen):
        r.warnings.append(
            Warning(
                "footnote_undefined",
                f"脚注{number}が引用されていますが定義がありません",
                r.cite_lines[number],
            )
        )
    return footnotes
