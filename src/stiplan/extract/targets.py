"""Numeric targets: a quantity in a unit that states a target, its subject and period."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from stiplan.extract.dates import find_dates
from stiplan.extract.units import Text, TextUnit, key_of
from stiplan.model import NumericTarget, Period, Qualifier, Quantity
from stiplan.normalize.numbers import find_quantities

_TARGET_WORDS = re.compile(r"目標|目指|引き上げ|倍増|倍に|\d+年間で|→")
_TIMES = re.compile(r"(\d+(?:\.\d+)?)倍(増|に)")
_ARROW = re.compile(r"([\d,]+(?:\.\d+)?)→([\d,]+(?:\.\d+)?)([^\d\s、。()（）]{1,4})")
_SCALE_WORD = "規模"
_MONEY_CHANGE = re.compile(r"^円(?:増額|減額|増|減)$")
# Units a target or a budget is counted in (a unit may go on: 人規模, 件以上 are cut first).
_UNITS = (
    "人",
    "円",
    "件",
    "社",
    "校",
    "名",
    "倍",
    "位",
    "%",
    "拠点",
    "都市",
    "課題",
    "機関",
    "大学",
    "者",
    "団体",
    "自治体",
    "か所",
    "カ所",
    "箇所",
    "か国",
    "トン",
    "t",
    "kW",
    "MW",
    "GW",
    "キロワット",
    "本",
    "台",
    "回",
    "時間",
    "編",
    "種",
    "ドル",
    "米ドル",
)
_SENTENCE_BREAKS = re.compile(r"。|\s?\|\s?|\s・\s?")
_QUOTE = re.compile(r"「[^「」]*」")
_DELIMITERS = "、。：:「」【】\n|"
_SUBJECT_NOISE = re.compile(r"(?:\d+年間で|年間|累積|累計|約|総額で|で|を|は|が|の|：|:|\s)+$")
_BY_DATE = re.compile(r"(?:まで(?:に)?|を目途|目標|に向け)")


def _tidy_quantity(q: Quantity) -> Quantity | None:
    """``50兆円規模`` → 50兆円 about (程度); ``800億円増額`` → 800億円; other units must be
    counts, money or shares (``_UNITS``): durations, ordinals and prose are not quantities here.
    """
    unit = q.unit
    qualifier = q.qualifier
    if unit.endswith(_SCALE_WORD):
        unit = unit[: -len(_SCALE_WORD)]
        qualifier = qualifier or Qualifier.AROUND
    if _MONEY_CHANGE.match(unit):
        unit = "円"
    if unit not in _UNITS:
        return None
    return replace(q, unit=unit, qualifier=qualifier)


def quantities(t: str) -> list[tuple[int, int, Quantity]]:
    """Quantities of a cleaned text with their positions; ``3倍増`` and ``A→B人`` included.

    An ordinal (``第3期``) is not a quantity; an arrow ``7,500→22,500人`` is its right side,
    positioned at its left side so that the subject is what comes before both.
    """
    found: list[tuple[int, int, Quantity]] = []
    pos = 0
    for q in find_quantities(t):
        start = t.find(q.text, pos)
        if start < 0:
            continue
        pos = start + len(q.text)
        tidy = _tidy_quantity(q)
        if tidy is not None and not t[:start].endswith("第"):
            found.append((start, pos, tidy))
    for m in _TIMES.finditer(t):
        value = Decimal(m.group(1))
        found = [f for f in found if f[1] <= m.start() or f[0] >= m.end()]
        found.append((m.start(), m.end(), Quantity(value, "倍", m.group())))
    for m in _ARROW.finditer(t):
        if m.group(3) not in _UNITS:
            continue
        value = Decimal(m.group(2).replace(",", ""))
        found = [f for f in found if f[1] <= m.start() or f[0] >= m.end()]
        found.append((m.start(), m.end(), Quantity(value, m.group(3), m.group())))
    return sorted(found, key=lambda f: f[0])


def _sentence_around(t: str, start: int, end: int) -> str:
    """The sentence (or table cell, or list item) a quantity stands in, quoted names removed."""
    bounds = [m.end() for m in _SENTENCE_BREAKS.finditer(t, 0, start)]
    begin = bounds[-1] if bounds else 0
    m = _SENTENCE_BREAKS.search(t, end)
    return _QUOTE.sub("", t[begin : m.start() if m else len(t)])


def find_targets(unit: TextUnit, text: Text) -> list[NumericTarget]:
    """Numeric targets stated in one unit (see the module docstring)."""
    t = text.t
    if unit.target_year is None and not _TARGET_WORDS.search(text.s):
        return []  # cheap test first: most units state no target
    period = _target_period(text) or unit.target_year
    out: list[NumericTarget] = []
    previous_end = 0
    for start, end, quantity in quantities(t):
        floor = previous_end
        previous_end = end
        stated = _TARGET_WORDS.search(key_of(_sentence_around(t, start, end)))
        if unit.target_year is None and stated is None:
            continue
        subject = _subject(t, start, floor)
        if not subject:
            continue
        when = period or _period_in(subject)
        out.append(NumericTarget("", subject, quantity, when, t, unit.span, unit.element_id))
    return out


def _subject(t: str, start: int, floor: int) -> str:
    """The phrase a quantity measures: back from the quantity to a delimiter or the last one.

    A quantity in brackets (``支出目標（1066.2億円）``) measures the phrase before the bracket.
    """
    if start > 0 and t[start - 1] in "（(":
        start -= 1
    begin = start
    while begin > floor and t[begin - 1] not in _DELIMITERS:
        begin -= 1
    subject = t[begin:start]
    subject = re.sub(r"^(?:に|を|で|、|\s)+", "", subject)
    subject = _SUBJECT_NOISE.sub("", subject).strip(" （(")
    return subject if len(subject) >= 2 else ""


def _target_period(text: Text) -> Period | None:
    """A date a target is bound to: ``2025年度まで``, ``2030年までに``, ``2030年目標``."""
    for d in find_dates(text):
        if _BY_DATE.match(text.s, d.end):
            return d.period
    return None


def _period_in(subject: str) -> Period | None:
    """A fiscal year written in the subject itself (``令和4年度の支出目標``)."""
    found = find_dates(Text.of(subject, cleaned=True))
    return found[0].period if found else None


# --- budgets -------------------------------------------------------------------------------
