"""Decide what kind of document a decoded text is: a follow-up report, a slide deck, or neither.

The decision is a sum of scored evidence, so that no single accident (a stray ``【目標】`` in a
slide, a ``<p>`` in a web page) decides alone. :func:`assess` returns the scores and the reasons
behind them; :func:`detect` turns them into a :class:`~stiplan.model.DocumentKind` or raises
:class:`UnknownFormatError`. The text is NFKC-normalised first (slide decks from PDFs with broken
fonts write ``⽂`` U+2F42 for ``文``) where domain terms are counted; structure is matched on the
raw lines with full- and half-width brackets folded. Only the first ``SCAN_LINES`` lines are
read.

Follow-up report evidence (``followup`` score):

* the table header ``基本計画における具体的な取組⇥実施状況・現状分析⇥今後の取組方針``, its three
  titles in any order: 10, and 1 for each further one (≤ 3);
* a block heading alone on its line, a footnote marker allowed after it (``【大目標】``,
  ``【目標】``, ``【現状データ】（参考指標）``, ``【あるべき姿とその実現に向けた方向性】``,
  ``【…数値目標】（主要指標）``, ``【主要指標】``, ``【参考指標】``): 3 per kind, 0.5 per repeat
  (≤ 3);
* a chapter line ``1. …`` together with section lines ``（1）…``/``(2)…``: 2, plus 1 per section
  (≤ 4);
* a subsection heading ``① …``: 0.5 each (≤ 3);
* a table row (two tabs or more, a cell opening with ``○``): 1 each (≤ 5);
* an indicator bullet ``- ・ name：value（令和N年…）``, or ``・ …`` as a PDF draws it: 0.5 each
  (≤ 3).

Slide deck evidence (``slides`` score):

* structure: markdown bold ``**…**`` (0.5 a line, ≤ 4), symbol bullets ``✓ ➢ ■ • ◆ ● ▶ □ `` and
  the private-use bullet PDFs emit (0.5 a line, ≤ 4), dash bullets ``- …`` not followed by ``・``
  (0.25 a line, ≤ 3), a date line such as ``令和5年9月14日`` (1 each, ≤ 2), ``出典`` source lines
  (0.5 each, ≤ 1.5), a majority of short lines (titles, labels: +2);
* domain: distinct STI-policy terms (``科学技術``, ``イノベーション``, ``基本計画``, ``SIP``,
  ``ムーンショット``…), 0.5 each, ≤ 4.

Penalties, subtracted from both: an HTML page (``<html``, ``<head``, ``<body``, ``<div``,
``<script``, ``<!doctype`` … outside tab-separated table rows: 4 per kind of tag), program code
(more than a fifth of the lines look like code: 10), a CSV/TSV table (at least four fifths of the
lines have the same number of commas or tabs: 10).

Decision: ``FOLLOWUP`` when its score reaches ``FOLLOWUP_THRESHOLD`` and is not below the slide
score; ``SLIDES`` when its score reaches ``SLIDES_THRESHOLD`` with at least ``MIN_DOMAIN_TERMS``
domain terms, some bullet or bold structure, and mostly Japanese text; otherwise unknown. A
random text, an HTML page, a CSV file or source code gathers too little evidence or too much
penalty, and is refused with a message saying what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from stiplan.model import DocumentKind
from stiplan.readers.followup.state import is_table_header, starts_initiative

SCAN_LINES = 5000
FOLLOWUP_THRESHOLD = 8.0
SLIDES_THRESHOLD = 5.0
MIN_DOMAIN_TERMS = 3
MIN_JAPANESE_SHARE = 0.3

BLOCK_HEADINGS = (
    "【大目標】",
    "【目標】",
    "【現状データ】（参考指標）",
    "【あるべき姿とその実現に向けた方向性】",
    "【科学技術・イノベーション政策において目指す主要な数値目標】（主要指標）",
    "【主要指標】",
    "【参考指標】",
)
DOMAIN_TERMS = (
    "科学技術",
    "イノベーション",
    "基本計画",
    "統合イノベーション戦略",
    "研究開発",
    "研究力",
    "研究者",
    "大学",
    "人材育成",
    "スタートアップ",
    "Society 5.0",
    "Society5.0",
    "SIP",
    "ムーンショット",
    "K Program",
    "BRIDGE",
    "CSTI",
    "総合科学技術・イノベーション会議",
    "内閣府",
    "文部科学省",
)

_FOLD = (("（", "("), ("）", ")"), ("：", ":"), ("\u3000", " "))
_BLANK_RUN = re.compile(r"\s+")
_JAPANESE_RUN = re.compile(r"[\u3001-\u30ff\u4e00-\u9fff]+")


def _fold(line: str) -> str:
    """Full-width brackets, colon and space as ASCII. A few ``str.replace`` rather than
    ``str.translate`` with a table, which looks every character up."""
    for wide, narrow in _FOLD:
        line = line.replace(wide, narrow)
    return line


_FOOTNOTE_TAIL = re.compile(r"(?:\s|[⁰¹²³⁴⁵⁶⁷⁸⁹]+[⁾)]?|\^\{[0-9 ,]+\})*$")
_CHAPTER = re.compile(r"^\d{1,2}\.\s*\S")
_SECTION = re.compile(r"^[(]\d{1,2}[)]\s*\S")
_SUBSECTION = re.compile(r"^[①-⑳]\s*\S")
_INDICATOR_HEAD = re.compile(r"(?:-\s*)?・\s*\S")  # a PDF draws ``- ・`` as ``・``
_AS_OF_WORD = re.compile(r"令和|平成|\d{4}年")
# A block heading with footnote markers is short; a longer 【 line is no heading, and the tail
# pattern would try every position of it (quadratic on a line of spaces).
_HEADING_MAX = 80
_BOLD = re.compile(r"\*\*[^*\n]+\*\*")
_SYMBOL_BULLET = re.compile(r"^\s*(?:-\s*)?[✓✔➢➤■□◆◇●○•▶►\uf06e\uf0d8\uf0fc\uf09f\uf0a7]")
_DASH_BULLET = re.compile(r"^\s*-\s+(?!・)\S")
_DATE_LINE = re.compile(
    r"^\s*(?:(?:令和|平成)(?:\d{1,2}|元)|\d{4})年\d{1,2}月(?:\d{1,2}日)?(?:\s*\(.\))?\s*$"
)
_SOURCE = re.compile(r"^\s*[(\[]?出典")
_HTML_TAGS = ("<!doctype", "<html", "<head", "<body", "<div", "<script", "<meta", "<span", "<a ")
_CODE_LINE = re.compile(
    r"^\s*(?:def |class |import |from \S+ import |function\b|var |let |const |#include|"
    r"public |private |return\b|if\s*\(|for\s*\(|\}|@\w+)|[;{]\s*$"
)


class UnknownFormatError(ValueError):
    """The text is neither a follow-up report nor a slide deck."""

    def __init__(self, source_name: str, message: str):
        super().__init__(f"{source_name}: {message}")
        self.source_name = source_name


@dataclass(frozen=True, slots=True)
class Assessment:
    """Scores of the evidence for each kind, and the reasons, for messages and tests."""

    followup: float
    slides: float
    domain_terms: int
    japanese_share: float
    structure: float
    reasons: tuple[str, ...] = field(default=())

    def kind(self) -> DocumentKind | None:
        """The kind the evidence supports, or None when it supports neither."""
        if self.followup >= FOLLOWUP_THRESHOLD and self.followup >= self.slides:
            return DocumentKind.FOLLOWUP
        if (
            self.slides >= SLIDES_THRESHOLD
            and self.domain_terms >= MIN_DOMAIN_TERMS
            and self.structure > 0
            and self.japanese_share >= MIN_JAPANESE_SHARE
        ):
            return DocumentKind.SLIDES
        return None


def detect(text: str, source_name: str) -> DocumentKind:
    """The kind of ``text`` (the decoded content of ``source_name``); see the module docstring.

    Raises :class:`UnknownFormatError` naming the file and what was expected.
    """
    assessment = assess(text)
    kind = assessment.kind()
    if kind is None:
        found = "; ".join(assessment.reasons) or "nothing recognisable"
        raise UnknownFormatError(
            source_name,
            "文書の種類を判定できません。フォローアップ（取組の表、【目標】【現状データ】などの見出し）"
            "でも、科学技術・イノベーション政策の説明資料でもありません"
            " / unknown document format: expected a follow-up report (フォローアップ: a table "
            "headed 基本計画における具体的な取組 / 実施状況・現状分析 / 今後の取組方針, headings "
            "such as 【目標】 and 【現状データ】（参考指標）) or an STI strategy slide deck "
            "(Japanese slide titles and bullets about 科学技術・イノベーション policy); "
            f"found: follow-up score {assessment.followup:g} (needs {FOLLOWUP_THRESHOLD:g}), "
            f"slide score {assessment.slides:g} (needs {SLIDES_THRESHOLD:g}) — {found}",
        )
    return kind


def assess(text: str) -> Assessment:
    """Score the evidence in ``text`` for each document kind."""
    lines = [_fold(line) for line in text.split("\n", SCAN_LINES)[:SCAN_LINES]]
    headings = {_fold(h) for h in BLOCK_HEADINGS}
    stripped = [line.strip() for line in lines]
    nonempty = [line for line in stripped if line]
    reasons: list[str] = []

    followup = _followup_score(lines, stripped, headings, reasons)
    structure, domain_terms, slides = _slides_score(lines, nonempty, reasons)
    penalty = _penalty(lines, nonempty, reasons)
    japanese = _japanese_share("".join(nonempty))
    if japanese < MIN_JAPANESE_SHARE:
        reasons.append(f"little Japanese text ({japanese:.0%} of characters)")
    return Assessment(
        followup=followup - penalty,
        slides=slides - penalty,
        domain_terms=domain_terms,
        japanese_share=japanese,
        structure=structure,
        reasons=tuple(reasons),
    )


def _is_indicator_line(line: str) -> bool:
    """``- ・ name: value（令和5年）``: a bullet whose text after a colon holds an as-of year
    (``- `` optional: the text conversion's list mark is not drawn in a PDF).

    A scan, not one pattern: ``.*:.*`` backtracks over every colon of a long line.
    """
    head = _INDICATOR_HEAD.match(line)
    if head is None:
        return False
    colon = line.find(":", head.end())
    return colon >= 0 and _AS_OF_WORD.search(line, colon + 1) is not None


def _opens_initiative_row(line: str) -> bool:
    """A table row with a ``○`` cell, whichever column the initiative stands in."""
    return any(starts_initiative(cell) for cell in line.split("\t"))


def _followup_score(
    lines: list[str], stripped: list[str], headings: set[str], reasons: list[str]
) -> float:
    score = 0.0
    headers = sum(1 for line in stripped if is_table_header(line))
    if headers:
        score += 10 + min(headers - 1, 3)
        reasons.append(f"{headers} follow-up table header(s)")
    kinds: set[str] = set()
    repeats = 0
    for line in stripped:
        if line.startswith("【") and len(line) <= _HEADING_MAX:
            bare = _FOOTNOTE_TAIL.sub("", line)
            if bare in headings:
                if bare in kinds:
                    repeats += 1
                kinds.add(bare)
    if kinds:
        score += 3 * len(kinds) + min(0.5 * repeats, 3)
        reasons.append(f"{len(kinds)} kind(s) of follow-up block heading")
    if any(_CHAPTER.match(line) for line in stripped):
        sections = sum(1 for line in stripped if _SECTION.match(line))
        if sections:
            score += 2 + min(sections, 4)
            reasons.append(f"a chapter line and {sections} section line(s)")
    subsections = sum(1 for line in stripped if _SUBSECTION.match(line))
    score += min(0.5 * subsections, 3)
    rows = sum(1 for line in lines if line.count("\t") >= 2 and _opens_initiative_row(line))
    if rows:
        score += min(rows, 5)
        reasons.append(f"{rows} initiative table row(s)")
    indicators = sum(1 for line in stripped if _is_indicator_line(line))
    score += min(0.5 * indicators, 3)
    return score


def _slides_score(
    lines: list[str], nonempty: list[str], reasons: list[str]
) -> tuple[float, int, float]:
    bold = sum(1 for line in nonempty if _BOLD.search(line))
    symbols = sum(1 for line in lines if _SYMBOL_BULLET.match(line))
    dashes = sum(1 for line in lines if _DASH_BULLET.match(line))
    dates = sum(1 for line in nonempty if _DATE_LINE.match(line))
    sources = sum(1 for line in nonempty if _SOURCE.match(line))
    structure = min(0.5 * bold, 4) + min(0.5 * symbols, 4) + min(0.25 * dashes, 3)
    score = structure + min(dates, 2) + min(0.5 * sources, 1.5)
    if nonempty and sum(1 for line in nonempty if len(line) <= 30) / len(nonempty) >= 0.4:
        score += 2
    normalised = unicodedata.normalize("NFKC", "\n".join(lines))
    domain_terms = sum(1 for term in DOMAIN_TERMS if term in normalised)
    score += min(0.5 * domain_terms, 4)
    if structure:
        reasons.append(
            f"slide structure: {bold} bold, {symbols} symbol bullet, {dashes} dash bullet line(s)"
        )
    reasons.append(f"{domain_terms} STI-policy term(s)")
    return structure, domain_terms, score


def _penalty(lines: list[str], nonempty: list[str], reasons: list[str]) -> float:
    penalty = 0.0
    outside_tables = "\n".join(line for line in lines if "\t" not in line).lower()
    tags = [tag for tag in _HTML_TAGS if tag in outside_tables]
    if tags:
        penalty += 4 * len(tags)
        reasons.append("HTML markup " + " ".join(f"{t.strip()}…" for t in tags))
    if nonempty:
        code = sum(1 for line in nonempty if _CODE_LINE.search(line))
        if code / len(nonempty) > 0.2:
            penalty += 10
            reasons.append(f"{code} line(s) that look like program code")
    if len(nonempty) >= 5:
        for sep in (",", "\t"):
            counts: dict[int, int] = {}
            for line in nonempty:
                counts[line.count(sep)] = counts.get(line.count(sep), 0) + 1
            width, most = max(counts.items(), key=lambda item: item[1])
            if width >= 1 and most / len(nonempty) >= 0.8:
                penalty += 10
                reasons.append(f"a {'CSV' if sep == ',' else 'TSV'} table ({width + 1} columns)")
    return penalty


def _japanese_share(text: str) -> float:
    """The share of kana, CJK ideographs and Japanese punctuation among non-blank characters.

    Counted by runs found with patterns rather than character by character: detection reads
    up to ``SCAN_LINES`` lines of every file. U+3000, the ideographic space, is a blank.
    """
    chars = len(text) - sum(map(len, _BLANK_RUN.findall(text)))
    if not chars:
        return 0.0
    japanese = sum(map(len, _JAPANESE_RUN.findall(text)))
    return japanese / chars
