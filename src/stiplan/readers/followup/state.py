"""What the follow-up reader's line rules share: the builders they fill and the ``State``.

Rules only collect raw pieces (with their line numbers) into these builders; ``resolve``
turns them into model elements afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from stiplan.model import (
    Span,
    Warning,
)
from stiplan.normalize.markers import extract_footnote_refs
from stiplan.readers.cells import (
    Fragment,
)

TABLE_HEADER = ("基本計画における具体的な取組", "実施状況・現状分析", "今後の取組方針")
TERMINATORS = ("。", "．", "！", "？", "」", "』")


class Block(StrEnum):
    """The kind of content a block heading announces."""

    OVERARCHING_GOAL = "overarching_goal"
    DIRECTION = "direction"
    GOAL = "goal"
    TARGETS = "targets"
    INDICATORS = "indicators"


def block_of(heading: str, rest: str) -> Block | None:
    """``【…】（…）`` heading text → the block it opens, or None when unknown."""
    if heading == "大目標":
        return Block.OVERARCHING_GOAL
    if heading.startswith("あるべき姿"):
        return Block.DIRECTION
    if heading == "目標":
        return Block.GOAL
    if "主要指標" in rest or "数値目標" in heading or heading == "主要指標":
        return Block.TARGETS
    if "参考指標" in rest or heading in ("現状データ", "参考指標"):
        return Block.INDICATORS
    return None


def table_columns(cells: list[str]) -> tuple[int, int, int] | None:
    """Where each of ``TABLE_HEADER``'s columns stands in a header row, or None when the row
    is not the header. A report may order the three columns differently, space their titles
    or add columns of its own (``番号``, ``備考``), so the header is matched by name, not by
    position: each title once, anywhere in the row."""
    titles = ["".join(cell.split()) for cell in cells]
    if any(titles.count(title) != 1 for title in TABLE_HEADER):
        return None
    first, second, third = (titles.index(title) for title in TABLE_HEADER)
    return first, second, third


def is_table_header(line: str) -> bool:
    """Whether a tab-separated line is the initiatives table's header (``table_columns``)."""
    return "\t" in line and table_columns(line.split("\t")) is not None


def fit_cells(cells: list[str], width: int) -> list[str]:
    """A table line's cells as ``width`` columns: cells beyond the header's width join its
    last column, missing ones are empty."""
    fitted = [*cells[: width - 1], " ".join(cells[width - 1 :])]
    return fitted + [""] * (width - len(fitted))


_LEADING_MARKUP = re.compile(r"^(?:\s|<[^<>]*>)*")


def starts_initiative(cell: str) -> bool:
    """A commitment cell that opens an initiative: ``○`` (or ``◯``) after any markup."""
    return _LEADING_MARKUP.sub("", cell).startswith(("○", "◯"))


@dataclass(slots=True)
class RawText:
    """Raw text collected from one or more lines, with the lines it came from."""

    pieces: list[tuple[int, str]] = field(default_factory=list)

    def add(self, line_no: int, text: str) -> None:
        self.pieces.append((line_no, text))

    @property
    def span(self) -> Span:
        lines = [n for n, _ in self.pieces]
        return Span(min(lines), max(lines))


@dataclass(slots=True)
class RawBullet:
    block: Block
    text: RawText


@dataclass(slots=True)
class RawParagraph:
    text: RawText

    def is_cut(self) -> bool:
        """A paragraph that does not end a sentence was cut by a page break."""
        return not ends_sentence(self.text)


def ends_sentence(text: RawText) -> bool:
    """Whether the text's last line ends a sentence, footnote markers (``。³``) aside."""
    last, _ = extract_footnote_refs(text.pieces[-1][1])
    return last.rstrip().endswith(TERMINATORS)


@dataclass(slots=True)
class RawRow:
    cells: tuple[list[Fragment], list[Fragment], list[Fragment]]
    first_line: int
    last_line: int


@dataclass(slots=True)
class RawSubsection:
    number: int
    title: str
    line: int
    rows: list[RawRow] = field(default_factory=list)
    paragraphs: list[RawParagraph] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class RawSection:
    number: int
    title: str
    line: int
    bullets: list[RawBullet] = field(default_factory=list)
    paragraphs: list[RawParagraph] = field(default_factory=list)
    subsections: list[RawSubsection] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class RawChapter:
    number: int
    title: str
    line: int
    refs: list[int] = field(default_factory=list)
    bullets: list[RawBullet] = field(default_factory=list)
    sections: list[RawSection] = field(default_factory=list)
    end_line: int = 0


@dataclass(slots=True)
class RawFootnote:
    number: int
    text: RawText


@dataclass(slots=True)
class State:
    """What the rules share while walking the lines once, top to bottom."""

    lines: list[str]
    warnings: list[Warning] = field(default_factory=list)
    chapters: list[RawChapter] = field(default_factory=list)
    footnotes: list[RawFootnote] = field(default_factory=list)
    block: Block | None = None
    in_table: bool = False
    in_footnotes: bool = False
    last_bullet: RawBullet | None = None
    columns: tuple[int, int, int] = (0, 1, 2)  # where each TABLE_HEADER column stands
    width: int = 3  # how many columns the table's header has
    page_number_line: int = 0  # the last page number passed (``rules.page_number``)
    head: list[tuple[int, str]] = field(default_factory=list)  # lines before the first heading

    def warn(self, code: str, message: str, line: int) -> None:
        self.warnings.append(Warning(code, message, line))

    @property
    def chapter(self) -> RawChapter | None:
        return self.chapters[-1] if self.chapters else None

    @property
    def section(self) -> RawSection | None:
        chapter = self.chapter
        return chapter.sections[-1] if chapter and chapter.sections else None

    @property
    def subsection(self) -> RawSubsection | None:
        section = self.section
        return section.subsections[-1] if section and section.subsections else None

    def leave_footnotes(self) -> None:
        self.in_footnotes = False

    def interrupted(self, line_no: int) -> bool:
        """Footnotes or a page number (then only blank lines) stand between the text read
        before and line ``line_no``: where a page break cuts text, it resumes after them."""
        if self.in_footnotes:
            return True
        after = self.page_number_line
        if after <= 0:
            return False
        # back from the line before, to the first that is not blank: a step or two, where a
        # forward scan from a page number long passed would cost every line since
        before = line_no - 1
        while before > after and not self.lines[before - 1].strip():
            before -= 1
        return before == after


Rule = Callable[[State, int, str], bool]
