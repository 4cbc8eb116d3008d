"""Which STI Basic Plan a document belongs to: given, read from its title, else from its dates.

Editions are matched only within one plan (the 7th plan's chapter 1 is not an edition of the
6th plan's chapter 1), and every list can be filtered by plan, so each document needs one. The
rules are tried in order and the first that gives exactly one plan decides
(``docs/model.md``, "Plans"):

1. **given** at ingest (``stiplan ingest --plan 7``): always wins.
2. **the document's own words**, where a document says what it is, never a mention anywhere:

   a. a *statement* in its head lines: a plan named as what the document is about
      (``対象：第7期基本計画``, ``第6期基本計画フォローアップ``, ``…基本計画の進捗状況``);
   b. its *title*: the head lines naming exactly one plan;
   c. for a follow-up report only, its *headings* (chapters, sections, subsections) naming
      exactly one plan. A briefing's slide headings are not used: a 7th-plan briefing looks
      back at the 6th plan on its slides (``第6期基本計画の振り返り``).

   The head lines of a follow-up report are the lines before its first chapter or section; of
   a briefing, its title and the lines right under it on the first slide (a subtitle, the
   date), up to the next heading.
3. **its dates**, by the period the data are about, not the day it was published:

   - a follow-up report reports on the last fiscal year that had ended when its data were
     taken: a cut-off (``model.latest_as_of``) of 2026-04-30 means FY2025, so a report
     published in 2026 on the plan's last year belongs to the 6th plan;
   - a briefing speaks in the fiscal year of its date;
   - with only an edition year (``--edition``, or a store written before plans existed), the
     plan must cover every fiscal year that year can mean (FY Y−2 or Y−1 for a follow-up's
     data year, FY Y−1 or Y for a briefing's year), else it is not known.
4. **unknown**: no plan, and a warning ``plan_unknown``. Nothing further is guessed.

Several plans named at one step (a title naming both) is not an answer: the next step decides.
A plan named but not in ``data/plans.toml`` is not known either. Pure: documents in, plans out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from stiplan.model import BlockKind, Document, DocumentKind, Warning, latest_as_of
from stiplan.normalize.dates import fiscal_year_of
from stiplan.normalize.plans import Plan, lookup, plan_covering, plans_named, plans_stated
from stiplan.readers.slides import briefing_date

PLAN_UNKNOWN = "plan_unknown"
PLAN_UNKNOWN_MESSAGE = "基本計画（第何期か）を題名・日付から判定できません（--plan で指定）"
HEAD_LINES = 10
"""Non-blank lines before a follow-up report's first chapter that count as its head."""


class PlanRule(StrEnum):
    """Which rule decided a document's plan (for tests and explanations)."""

    GIVEN = "given"
    STATEMENT = "statement"
    TITLE = "title"
    HEADING = "heading"
    DATA_PERIOD = "data_period"
    BRIEFING_DATE = "briefing_date"
    EDITION_YEAR = "edition_year"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class PlanDecision:
    """A document's plan (an ordinal, None when unknown) and the rule that decided it."""

    plan: int | None
    rule: PlanRule


def decide_plan(document: Document, given: int | None = None) -> PlanDecision:
    """The plan of ``document`` by the rules of this module, in order."""
    if given is not None:
        return PlanDecision(given, PlanRule.GIVEN)
    head = head_lines(document)
    for rule, texts, find in (
        (PlanRule.STATEMENT, head, plans_stated),
        (PlanRule.TITLE, head, plans_named),
        (PlanRule.HEADING, heading_lines(document), plans_named),
    ):
        named = {n for text in texts for n in find(text)}
        if len(named) == 1 and lookup(next(iter(named))) is not None:
            return PlanDecision(named.pop(), rule)
    return _by_dates(document)


def assign_plan(document: Document, given: int | None = None) -> PlanDecision:
    """Set ``document.plan`` and keep its warnings in step: ``plan_unknown`` iff no plan."""
    decision = decide_plan(document, given)
    document.plan = decision.plan
    kept = [w for w in document.warnings if w.code != PLAN_UNKNOWN]
    if decision.plan is None:
        kept.append(Warning(PLAN_UNKNOWN, PLAN_UNKNOWN_MESSAGE, 1))
    document.warnings = sorted(kept, key=lambda w: w.line)
    return decision


def head_lines(document: Document) -> list[str]:
    """The lines where a document says what it is (see the module docstring)."""
    if document.kind is DocumentKind.SLIDES:
        return _briefing_head(document)
    starts = [c.span.first_line for c in document.chapters]
    starts += [s.span.first_line for c in document.chapters for s in c.sections]
    end = min(starts, default=len(document.lines) + 1)
    lines = [line for line in document.lines[: end - 1] if line.strip()]
    return lines[:HEAD_LINES]


def _briefing_head(document: Document) -> list[str]:
    cover = document.slides[0].title if document.slides else ""
    head = list(dict.fromkeys(t for t in (document.title, cover) if t))
    blocks = document.slides[0].blocks if document.slides else []
    at = next((i for i, b in enumerate(blocks) if b.text == cover), None)
    if at is None:
        return head
    for block in blocks[at + 1 :]:
        if block.kind is BlockKind.TITLE:
            break
        head.append(block.text)
    return head


def heading_lines(document: Document) -> list[str]:
    """A follow-up report's chapter, section and subsection titles; none for a briefing."""
    if document.kind is not DocumentKind.FOLLOWUP:
        return []
    titles: list[str] = []
    for chapter in document.chapters:
        titles.append(chapter.title)
        for section in chapter.sections:
            titles.append(section.title)
            titles += [s.title for s in section.subsections]
    return titles


def data_fiscal_year(cut_off: date) -> int:
    """The last fiscal year that had ended by a data cut-off: what a follow-up reports on.

    2026-03-31 closes FY2025 (→ 2025); 2026-04-30 is in FY2026, whose last ended year is 2025.
    """
    return fiscal_year_of(cut_off + timedelta(days=1)) - 1


def edition_fiscal_years(kind: DocumentKind, year: int) -> tuple[int, int]:
    """The fiscal years an edition year alone can mean (the module docstring, rule 3)."""
    return (year - 2, year - 1) if kind is DocumentKind.FOLLOWUP else (year - 1, year)


def _by_dates(document: Document) -> PlanDecision:
    if document.kind is DocumentKind.FOLLOWUP:
        cut_off = latest_as_of(document.chapters)
        if cut_off is not None:
            return _decision(plan_covering([data_fiscal_year(cut_off)]), PlanRule.DATA_PERIOD)
    else:
        day = document.date or briefing_date(document.slides)
        if day is not None:
            return _decision(plan_covering([fiscal_year_of(day)]), PlanRule.BRIEFING_DATE)
    year = document.edition.strip()
    if year.isascii() and year.isdigit():
        years = edition_fiscal_years(document.kind, int(year))
        return _decision(plan_covering(years), PlanRule.EDITION_YEAR)
    return PlanDecision(None, PlanRule.UNKNOWN)


def _decision(plan: Plan | None, rule: PlanRule) -> PlanDecision:
    if plan is None:
        return PlanDecision(None, PlanRule.UNKNOWN)
    return PlanDecision(plan.ordinal, rule)
