"""Generated edition pairs: every changed value is in the diff JSON, typed, with both spans.

Two editions of one fictional report part are written in code from one plan of sections,
targets, indicators and values: in the new edition some values and as-of periods change, the
indicator rows of a section are reordered, and a section may be missing from either edition
(its heading and everything under it dropped). The test knows what each value was written as,
so it checks the JSON against the truth, not against the reader: the quantity's exact value,
unit, qualifier and provisional flag, the period's first and last day, the labels, and that
each side's span points at the line where the value is written.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.analysis.editions import compare
from stiplan.exports.diff_json import DifferenceJson, SideJson
from stiplan.exports.diff_report import diff_to_json
from stiplan.readers.followup import read_followup

CHAPTER = "2. 架空の章で試す研究の基盤"
SECTIONS = ("観測の仕組みを試す節", "目標の書き方を試す節", "並べ替えを試す節")
INDICATORS = (
    "架空の共同研究件数",
    "試験用の施設利用者数",
    "模擬の論文掲載率",
    "仮想の予算執行額",
    "想定の参加機関数",
    "例示の特許出願数",
    "見本の受講者総数",
    "空想の回答率",
    "架設の観測点数",
)
TARGETS = ("架空の達成度目標", "試験用の到達人数", "模擬の普及率目標")
LABELS = ("北部の件数", "南部の人数", "東部の割合", "西部の金額")
UNITS = ("件", "人", "機関", "億円", "%")
TARGET_HEADING = "【科学技術・イノベーション政策において目指す主要な数値目標】（主要指標）"
INDICATOR_HEADING = "【現状データ】（参考指標）"


# --- what a value is and how it is written ------------------------------------------------


@dataclass(frozen=True)
class Amount:
    """A number as the report writes it, and its exact value in base units."""

    written: str
    value: Decimal
    unit: str
    about: bool = False


@dataclass(frozen=True)
class AsOf:
    """An as-of period: ``kind`` ``fiscal`` (令和N年度), ``year`` (YYYY年) or ``month`` (令和N年M月末)."""

    kind: str
    year: int
    month: int = 1
    provisional: bool = False

    def written(self) -> str:
        era = self.year - 2018
        text = {
            "fiscal": f"令和{era}年度",
            "year": f"{self.year}年",
            "month": f"令和{era}年{self.month}月末",
        }[self.kind]
        return f"{text}、暫定値" if self.provisional else text

    def days(self) -> tuple[date, date]:
        if self.kind == "fiscal":
            return date(self.year, 4, 1), date(self.year + 1, 3, 31)
        if self.kind == "year":
            return date(self.year, 1, 1), date(self.year, 12, 31)
        last = date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return last, last


def amount_of(number: int, unit: str, about: bool) -> Amount:
    prefix = "約" if about else ""
    if unit == "%":
        value = Decimal(number % 1000) / 10
        return Amount(f"{prefix}{value}%", value, "%", about)
    if unit == "億円":
        return Amount(f"{prefix}{number:,}億円", Decimal(number) * 10**8, "円", about)
    if number >= 10_000 and number % 10_000:
        text = f"{number // 10_000}万{number % 10_000:,}"
    else:
        text = f"{number:,}"
    return Amount(f"{prefix}{text}{unit}", Decimal(number), unit, about)


@dataclass(frozen=True)
class Entry:
    """One value: old and new amount and period (equal when it did not change)."""

    label: str
    old: Amount
    new: Amount
    old_as_of: AsOf
    new_as_of: AsOf

    @property
    def changed(self) -> bool:
        return self.old != self.new or self.old_as_of.days() != self.new_as_of.days()


@dataclass(frozen=True)
class Row:
    """An indicator bullet (``name：label value（period）、…``) or, with ``target``, a target."""

    name: str
    entries: tuple[Entry, ...]
    target: bool = False

    def line(self, new: bool) -> str:
        parts = []
        for e in self.entries:
            amount, as_of = (e.new, e.new_as_of) if new else (e.old, e.old_as_of)
            label = f"{e.label} " if e.label else ""
            parts.append(f"{label}{amount.written}（{as_of.written()}）")
        return f"- ・ {self.name}：{'、'.join(parts)}"


@dataclass(frozen=True)
class Plan:
    """Sections of rows; ``old_sections`` / ``new_sections`` say which each edition covers."""

    sections: tuple[tuple[Row, ...], ...]
    order: tuple[tuple[int, ...], ...]  # the new edition's order of each section's rows
    old_sections: tuple[int, ...]
    new_sections: tuple[int, ...]

    def text(self, new: bool, chapter_heading: bool = True) -> str:
        lines = [CHAPTER, ""] if chapter_heading else []
        for k in self.new_sections if new else self.old_sections:
            rows = self.sections[k]
            if new:
                rows = tuple(rows[i] for i in self.order[k])
            lines += [f"（{k + 1}）{SECTIONS[k]}", ""]
            targets = [r for r in rows if r.target]
            indicators = [r for r in rows if not r.target]
            if targets:
                lines += [TARGET_HEADING, "", *(r.line(new) for r in targets), ""]
            if indicators:
                lines += [INDICATOR_HEADING, "", *(r.line(new) for r in indicators), ""]
        return "\n".join(lines) + "\n"

    def shared(self) -> list[Row]:
        both = set(self.old_sections) & set(self.new_sections)
        return [r for k in sorted(both) for r in self.sections[k]]


# --- strategies ----------------------------------------------------------------------------


@st.composite
def as_ofs(draw: st.DrawFn) -> tuple[AsOf, AsOf]:
    kind = draw(st.sampled_from(("fiscal", "year", "month")))
    old = AsOf(kind, draw(st.integers(2020, 2023)), draw(st.integers(1, 12)), draw(st.booleans()))
    moved = draw(st.booleans())
    return old, replace(old, year=old.year + 1) if moved else old


@st.composite
def entries(draw: st.DrawFn, label: str) -> Entry:
    unit = draw(st.sampled_from(UNITS))
    about = draw(st.booleans())
    number = draw(st.integers(1, 999_999))
    changed = draw(st.booleans())
    new_number = number + draw(st.integers(1, 5000)) if changed else number
    old_as_of, new_as_of = draw(as_ofs())
    old = amount_of(number, unit, about)
    new = amount_of(new_number, unit, about)
    return Entry(label, old, new, old_as_of, new_as_of)


@st.composite
def rows(draw: st.DrawFn, name: str, target: bool) -> Row:
    count = 1 if target else draw(st.integers(1, 3))
    if count == 1:
        labels: tuple[str, ...] = ("",)
    else:
        labels = tuple(draw(st.permutations(LABELS))[:count])
    return Row(name, tuple(draw(entries(label)) for label in labels), target)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    section_count = draw(st.integers(1, 3))
    names = iter(draw(st.permutations(INDICATORS)))
    sections = []
    for k in range(section_count):
        section: list[Row] = []
        if draw(st.booleans()):
            section.append(draw(rows(TARGETS[k], True)))
        section += [draw(rows(next(names), False)) for _ in range(draw(st.integers(1, 3)))]
        sections.append(tuple(section))
    order = tuple(tuple(draw(st.permutations(range(len(s))))) for s in sections)
    everything = tuple(range(section_count))
    dropped = draw(st.sampled_from((None, *everything))) if section_count > 1 else None
    old_sections = everything
    new_sections = everything
    if dropped is not None:
        if draw(st.booleans()):
            new_sections = tuple(k for k in everything if k != dropped)
        else:
            old_sections = tuple(k for k in everything if k != dropped)
    return Plan(tuple(sections), order, old_sections, new_sections)


# --- checks --------------------------------------------------------------------------------


def _diff(plan: Plan, chapter_heading: bool = True) -> tuple[dict[str, Any], list[str], list[str]]:
    old_text, new_text = plan.text(False), plan.text(True, chapter_heading)
    old = read_followup(old_text, "old.txt")
    new = read_followup(new_text, "new.txt")
    data = json.loads(diff_to_json(compare(old, new)))
    return data, old_text.splitlines(), new_text.splitlines()


def _check_side(side: SideJson, amount: Amount, as_of: AsOf, lines: list[str]) -> None:
    value = side["value"]
    assert value is not None and value["quantity"] is not None and value["period"] is not None
    quantity, period = value["quantity"], value["period"]
    assert Decimal(quantity["value"]) == amount.value
    assert quantity["unit"] == amount.unit
    assert quantity["qualifier"] == ("約" if amount.about else None)
    assert quantity["provisional"] is as_of.provisional
    start, end = as_of.days()
    assert (period["start"], period["end"]) == (start.isoformat(), end.isoformat())
    span = side["span"]
    assert amount.written in lines[span["first_line"] - 1]
    assert span["element_id"] == side["id"]
    assert span["element_id"].startswith(span["document_id"] + ":")


def _found(data: dict[str, Any], row: Row, entry: Entry) -> list[DifferenceJson]:
    kind = "target" if row.target else "indicator"
    code = "target_changed" if row.target else "observation_changed"
    return [
        d
        for d in data["differences"]
        if d["code"] == code
        and d["labels"].get(kind) == row.name
        and d["labels"].get("observation", "") == ("" if row.target else entry.label)
    ]


def check_every_changed_value(plan: Plan, chapter_heading: bool = True) -> None:
    data, old_lines, new_lines = _diff(plan, chapter_heading)
    for row in plan.shared():
        for entry in row.entries:
            found = _found(data, row, entry)
            if not entry.changed:
                assert found == [], (row.name, entry.label)
                continue
            assert len(found) == 1, (row.name, entry.label, data["summary"])
            (d,) = found
            assert d["old"] is not None and d["new"] is not None
            _check_side(d["old"], entry.old, entry.old_as_of, old_lines)
            _check_side(d["new"], entry.new, entry.new_as_of, new_lines)
            expected = [
                name
                for name, on in (
                    ("value", entry.old != entry.new),
                    ("period", entry.old_as_of.days() != entry.new_as_of.days()),
                )
                if on
            ]
            assert d["changed"] == expected


@settings(max_examples=25, deadline=None)
@given(plans())
def test_every_changed_value_is_reported_typed_with_both_spans(plan: Plan) -> None:
    check_every_changed_value(plan)


@settings(max_examples=10, deadline=None)
@given(plans().filter(lambda p: any(e.changed for r in p.shared() for e in r.entries)))
def test_an_edition_without_its_chapter_heading_still_reports_typed_values(plan: Plan) -> None:
    check_every_changed_value(plan, chapter_heading=False)
