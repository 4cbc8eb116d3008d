"""Domain types of stiplan: plain data, no I/O.

Every reader produces these, the store persists them and every presenter shows them. The names
follow the project glossary (``../shared/GLOSSARY.md``): a follow-up report ``Document`` holds
``Chapter``s → ``Section``s → goals, targets, indicators with their observations, prose and
``Subsection``s → ``Initiative``s → ``StatusItem``s and ``Action``s. Every element carries a
``Span`` so that any fact can be followed back to its source lines, and problems found while
reading are ``Warning``s (data, not log noise).

Slide decks (strategy briefings) are ``Document``s of kind ``SLIDES`` holding ``Slide``s of
``Block``s (titles, bullets, table rows, paragraphs, sources). What ``stiplan.extract``
finds in any document (named programmes, dated decisions, numeric targets, budgets,
organisations) is kept in ``Document.extractions``; each mention names the element or block it
was found in.

Value types (``Period``, ``Quantity``, ``MinistryRef``) are produced by ``stiplan.normalize``.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class DocumentKind(StrEnum):
    """What a file is, decided by ``stiplan.readers.detect``."""

    FOLLOWUP = "followup"
    SLIDES = "slides"


@dataclass(frozen=True, slots=True)
class Span:
    """Where an element came from: 1-based, inclusive line numbers of the decoded text.

    An element read from a PDF also has the ``page`` (1-based) its first line stands on and
    its ``box`` there (``x0, top, x1, bottom`` in points from the page's top-left); both stay
    ``None`` for text documents.
    """

    first_line: int
    last_line: int
    page: int | None = None
    box: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        if self.first_line < 1 or self.last_line < self.first_line:
            raise ValueError(f"invalid span {self.first_line}-{self.last_line}")

    def cover(self, other: Span) -> Span:
        """The smallest span containing both (rows continued across page breaks)."""
        return Span(min(self.first_line, other.first_line), max(self.last_line, other.last_line))


class PeriodKind(StrEnum):
    """How a period was written; decides how it is displayed and compared."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    FISCAL_YEAR = "fiscal_year"
    FISCAL_HALF = "fiscal_half"
    FISCAL_QUARTER = "fiscal_quarter"
    END_OF_YEAR = "end_of_year"
    END_OF_FISCAL_YEAR = "end_of_fiscal_year"
    END_OF_MONTH = "end_of_month"
    RANGE = "range"
    AVERAGE = "average"


@dataclass(frozen=True, slots=True)
class Period:
    """A stretch of time read from a date text; ``start``/``end`` are inclusive days."""

    start: date
    end: date
    kind: PeriodKind
    text: str


class DeadlineKind(StrEnum):
    """How firmly a commitment text binds its date."""

    BY = "by"  # 2025年度までに
    WITHIN = "within"  # 2021年中に, 2021年度内に
    TARGET = "target"  # 2023年度を目途に
    AROUND = "around"  # 2025年頃
    IN = "in"  # 2021年度に


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due date found in a commitment or action text."""

    period: Period
    kind: DeadlineKind
    text: str


class Qualifier(StrEnum):
    """The hedge or bound written next to a number.

    ``RANGE`` marks the lower bound of a range (``10～20件`` is stored as 10 件 with ``～``): the
    upper bound stays in the quantity's ``text`` and the reader warns ``value_range``, so no
    one bound is passed off as the value.
    """

    ABOUT = "約"
    AROUND = "程度"
    AT_LEAST = "以上"
    AT_MOST = "以下"
    BELOW = "未満"
    ABOVE = "超"
    RANGE = "～"


@dataclass(frozen=True, slots=True)
class Quantity:
    """An exact number with its unit; Japanese multipliers are folded into ``value``.

    ``1兆500億円`` is ``value=1050000000000, unit="円", scale=12``: ``scale`` remembers the
    multiplier as written so that displays can say 兆円 again. A rank ``38位／67か国`` has
    ``unit="位"`` and ``of=67``. A relative target ``2000年度の約2倍`` has ``unit="倍"`` and
    ``baseline`` set to the period it is relative to. A count the report states in words
    (``全都道府県``, see ``normalize.counts``) is ``derived``: ``text`` keeps the word.
    """

    value: Decimal
    unit: str
    text: str
    qualifier: Qualifier | None = None
    scale: int = 0
    provisional: bool = False
    of: Decimal | None = None
    per: str | None = None
    baseline: Period | None = None
    derived: bool = False


@dataclass(frozen=True, slots=True)
class MinistryRef:
    """One ministry named in a tag such as ``【文、<u>経</u>】``; underlined means lead."""

    code: str
    lead: bool = False
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Warning:
    """Something a reader or normaliser could not read with certainty, at a line."""

    code: str
    message: str
    line: int


@dataclass(slots=True)
class Footnote:
    """A footnote definition; ``cited_by`` is filled when the document is resolved."""

    id: str
    number: int
    text: str
    span: Span
    cited_by: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Paragraph:
    """A prose paragraph (あるべき姿とその実現に向けた方向性), rejoined across footnote blocks."""

    id: str
    text: str
    span: Span
    footnotes: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Goal:
    """A 大目標 (level ``chapter``) or 目標 (level ``section``) bullet."""

    id: str
    level: str
    text: str
    span: Span
    footnotes: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Target:
    """A main indicator (主要指標) bullet with its continuation lines."""

    id: str
    text: str
    span: Span
    footnotes: list[int] = field(default_factory=list)
    name: str = ""
    value_text: str = ""
    quantity: Quantity | None = None
    period: Period | None = None


@dataclass(slots=True)
class Observation:
    """One value of an indicator bullet: ``男性 72.57歳（令和4年）`` is one observation."""

    id: str
    text: str
    span: Span
    label: str = ""
    quantity: Quantity | None = None
    period: Period | None = None


@dataclass(slots=True)
class Indicator:
    """A reference indicator (参考指標/現状データ) bullet; its values are ``observations``."""

    id: str
    text: str
    span: Span
    footnotes: list[int] = field(default_factory=list)
    name: str = ""
    value_text: str = ""
    observations: list[Observation] = field(default_factory=list)


@dataclass(slots=True)
class StatusItem:
    """One 実施状況・現状分析 bullet of an initiative."""

    id: str
    text: str
    span: Span
    ministries: list[MinistryRef] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    repeated: bool = False


@dataclass(slots=True)
class Action:
    """One 今後の取組方針 bullet (a next step), with the ministries tagged on it."""

    id: str
    text: str
    span: Span
    ministries: list[MinistryRef] = field(default_factory=list)
    footnotes: list[int] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    repeated: bool = False


@dataclass(slots=True)
class Initiative:
    """A 基本計画における具体的な取組 row: the plan's commitment and this edition's follow-up."""

    id: str
    number: int
    commitment: str
    span: Span
    ministries: list[MinistryRef] = field(default_factory=list)
    repeated: bool = False
    footnotes: list[int] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    status_items: list[StatusItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass(slots=True)
class Subsection:
    """A ``①``… heading, any prose introducing it, and the initiatives table under it."""

    id: str
    number: int
    title: str
    span: Span
    initiatives: list[Initiative] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    """A ``（1）``… section of a chapter."""

    id: str
    number: int
    title: str
    span: Span
    paragraphs: list[Paragraph] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    subsections: list[Subsection] = field(default_factory=list)

    @property
    def label(self) -> str:
        """The section as people cite it within its chapter, e.g. ``(2)``."""
        return f"({self.number})"


@dataclass(slots=True)
class Chapter:
    """A ``1.``… chapter with its overarching goals (大目標) and chapter-level indicators.

    An excerpt edition that begins at a section heading prints no chapter heading: its
    sections hang under a chapter with number 0 and no title (``stated`` is False), which
    editions recognise by its sections (``analysis.chapters``).
    """

    id: str
    number: int
    title: str
    span: Span
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def stated(self) -> bool:
        """Whether the document prints this chapter's heading."""
        return self.number > 0 or bool(self.title)

    @property
    def label(self) -> str:
        """The chapter as people cite it (``2.``); empty when its heading is not printed."""
        return chapter_label(self.number)


# "(2)", "（2）", "1.(2)", "1．（2）": a section as people cite it.
_SECTION_LABEL = re.compile(
    r"^\s*(?:(?P<chapter>\d+)\s*[.．]\s*)?[(（]\s*(?P<section>\d+)\s*[)）]\s*$"
)


def parse_section_label(text: str) -> tuple[int | None, int] | None:
    """``"1.(2)"`` → ``(1, 2)``, ``"(2)"`` → ``(None, 2)``; anything else is not a label."""
    match = _SECTION_LABEL.match(text)
    if match is None:
        return None
    chapter = match["chapter"]
    return (None if chapter is None else int(chapter), int(match["section"]))


CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
"""The subsection marks of the reports, ① for subsection 1."""


def subsection_mark(number: int) -> str:
    """``②`` for subsection 2, as the reports mark it; ``[21]`` past ⑳, and ``[0]`` for the
    stand-in the reader makes where an excerpt does not print the heading."""
    return CIRCLED[number - 1] if 0 < number <= len(CIRCLED) else f"[{number}]"


def chapter_label(number: int) -> str:
    """``2.`` for chapter 2; empty for 0, the chapter of an excerpt that prints no heading."""
    return f"{number}." if number > 0 else ""


class BlockKind(StrEnum):
    """What a block of a slide is; decides how it is shown and what extraction reads in it."""

    TITLE = "title"
    BULLET = "bullet"
    TABLE_ROW = "table_row"
    PARAGRAPH = "paragraph"
    SOURCE = "source"


@dataclass(slots=True)
class Block:
    """One block of a slide: a title, a bullet (with its level), a table row, prose or a source.

    ``bold`` lists the phrases written in bold (``**…**``), in order. ``repaired`` says the text
    differs from the source lines by more than safe folding (vertical text joined, foreign
    letters read as kana); ``garbled`` says the text holds garbage that could not be repaired:
    such a block is kept for display with a warning, but never searched or extracted from.
    """

    id: str
    kind: BlockKind
    text: str
    span: Span
    level: int = 1
    cells: list[str] = field(default_factory=list)
    bold: list[str] = field(default_factory=list)
    repaired: bool = False
    garbled: bool = False


@dataclass(slots=True)
class Slide:
    """One slide (or page) of a briefing, with its title and blocks in reading order."""

    id: str
    number: int
    title: str
    span: Span
    blocks: list[Block] = field(default_factory=list)


class ProgrammeKind(StrEnum):
    """What sort of named policy instrument a mention is."""

    STRATEGY = "strategy"  # 「…戦略」, ビジョン
    PLAN = "plan"  # 「…計画」, 方針, パッケージ, プラン
    PROGRAMME = "programme"  # SIP, BRIDGE, K Program, ムーンショット, 制度, 事業, 基金


@dataclass(slots=True)
class Programme:
    """A named strategy, plan or programme mentioned in an element or block.

    ``name`` is the canonical name (aliases such as ``K Program`` → ``経済安全保障重要技術育成
    プログラム``); ``text`` is what the source wrote.
    """

    id: str
    name: str
    kind: ProgrammeKind
    text: str
    span: Span
    element_id: str


@dataclass(slots=True)
class Decision:
    """A dated decision or event: ``令和5年6月9日閣議決定`` of 「統合イノベーション戦略2023」.

    ``body`` is who decided (``閣議``, ``総合科学技術・イノベーション会議``…; empty when not
    written), ``what`` what was decided, ``action`` the verb as written (``決定``, ``策定``,
    ``改定``, ``施行``…); ``planned`` marks a decision announced as 予定.
    """

    id: str
    date: Period
    body: str
    what: str
    action: str
    text: str
    span: Span
    element_id: str
    planned: bool = False


@dataclass(slots=True)
class NumericTarget:
    """A numeric target of a briefing: ``2030年目標`` … ``利用者を1,000万人に``."""

    id: str
    subject: str
    quantity: Quantity
    period: Period | None
    text: str
    span: Span
    element_id: str


@dataclass(slots=True)
class Budget:
    """An amount of money put to a purpose: ``令和4年度補正予算（2,500億円）``.

    ``kind`` is how the money is voted as written (``当初予算``, ``補正予算``, ``概算要求``,
    ``基金``, ``予算``…); ``period`` the fiscal year when written.
    """

    id: str
    subject: str
    amount: Quantity
    period: Period | None
    kind: str
    text: str
    span: Span
    element_id: str


@dataclass(slots=True)
class Organisation:
    """A ministry, agency, council or institute named in a text (canonical ``name``)."""

    id: str
    name: str
    text: str
    span: Span
    element_id: str


@dataclass(slots=True)
class Extractions:
    """Everything ``stiplan.extract`` found in one document, in reading order."""

    programmes: list[Programme] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    targets: list[NumericTarget] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)

    def __len__(self) -> int:
        return (
            len(self.programmes)
            + len(self.decisions)
            + len(self.targets)
            + len(self.budgets)
            + len(self.organisations)
        )


@dataclass(slots=True)
class Document:
    """One ingested file: its identity, its tree and what could not be read.

    A follow-up report fills ``chapters`` and ``footnotes``; a slide deck fills ``slides``.
    ``extractions`` holds the mentions found in either. ``plan`` is the ordinal of the STI
    Basic Plan the document belongs to (6 for 第6期), None when it could not be determined
    (``stiplan.extract.plans`` decides it; ``docs/model.md`` gives the rule).

    ``title`` and ``date`` are what the document states on its cover or head lines (a
    briefing's 「…」について and 令和5年9月14日), or what ``stiplan ingest --title/--date``
    gave; without either the title is read from the first heading and ``date`` is None, each
    with a warning (``title_unknown``, ``date_unknown``).
    """

    id: str
    kind: DocumentKind
    source_name: str
    content_hash: str
    title: str
    lines: list[str]
    edition: str = ""
    chapters: list[Chapter] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    slides: list[Slide] = field(default_factory=list)
    extractions: Extractions = field(default_factory=Extractions)
    plan: int | None = None
    date: datetime.date | None = None  # ``datetime.``: pydantic reads it in the class


@dataclass(frozen=True, slots=True)
class SourceFile:
    """The original bytes of a document read from a file that is not text (a PDF), kept with
    the document so that its pages can be shown (``docs/pdf.md``).

    ``media_type`` is the file's MIME type (``application/pdf``); ``sha256`` (hex) identifies
    the bytes themselves, where a document id identifies only the text read from them.
    """

    media_type: str
    data: bytes = field(repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


_AS_OF_KINDS = frozenset(
    {PeriodKind.DAY, PeriodKind.MONTH, PeriodKind.END_OF_MONTH, PeriodKind.END_OF_FISCAL_YEAR}
)


def latest_as_of(chapters: list[Chapter]) -> date | None:
    """The latest day- or month-precise as-of date among the observations: the data cut-off.

    A bare year can be a projection (an indicator for 令和22年); an as-of date is when the data
    was taken, so only those count.
    """
    return max(
        (
            o.period.end
            for chapter in chapters
            for indicator in chapter.indicators
            + [i for s in chapter.sections for i in s.indicators]
            for o in indicator.observations
            if o.period is not None and o.period.kind in _AS_OF_KINDS
        ),
        default=None,
    )
