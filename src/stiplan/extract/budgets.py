"""Budgets: an amount in 円 in a clause about money, its fiscal year and what it is for."""

from __future__ import annotations

import re

from stiplan.extract.dates import find_dates
from stiplan.extract.programmes import find_programmes
from stiplan.extract.targets import quantities
from stiplan.extract.units import Text, TextUnit
from stiplan.model import Budget, Period, PeriodKind, Programme, Span

_MONEY_WORDS = (
    ("概算要求", "概算要求"),
    ("補正予算", "補正予算"),
    ("当初予算", "当初予算"),
    ("予算", "予算"),
    ("基金", "基金"),
    ("出資", "出資金"),
    ("ファンド", "ファンド"),
    ("計上", "予算"),
    ("措置", "予算"),
)
_CLAUSE_BREAK = "、。\n"


def find_budgets(unit: TextUnit, text: Text, programmes: list[Programme]) -> list[Budget]:
    """Amounts of money voted or set aside, with their fiscal year and purpose."""
    t = text.t
    if "円" not in t or not any(word in t for word, _ in _MONEY_WORDS):
        return []  # cheap test first: most units name no money
    out: list[Budget] = []
    for start, end, quantity in quantities(t):
        if quantity.unit != "円":
            continue
        clause_start = max(t.rfind(ch, 0, start) for ch in _CLAUSE_BREAK) + 1
        ends = [i for i in (t.find(ch, end) for ch in _CLAUSE_BREAK) if i >= 0]
        before, after = t[clause_start:start], t[end : min(ends or [len(t)])]
        if re.search(r"(?:^|[【（(])\s*うち[^】）)]*$", before) or "目標" in before:
            continue  # 【うち…枠 10.2億円】 is part of an amount; 支出目標（…億円） a target
        sentence = t[t.rfind("。", 0, start) + 1 : start]
        kind = _money_kind(before, last=True) or _money_kind(after, last=False)
        kind = kind or _money_kind(sentence, last=True)
        if kind is None:
            continue
        period = _fiscal_year_before(before)
        subject = _budget_subject(unit, programmes)
        if any((b.amount, b.subject, b.period) == (quantity, subject, period) for b in out):
            continue  # the same fund mentioned twice in one block
        out.append(Budget("", subject, quantity, period, kind, t, unit.span, unit.element_id))
    return out


def _money_kind(context: str, *, last: bool) -> str | None:
    """The money word (概算要求, 補正予算…) nearest the amount, as the budget's kind."""
    best: tuple[int, int, str] | None = None
    for word, kind in _MONEY_WORDS:
        pos = context.rfind(word) if last else context.find(word)
        if pos < 0:
            continue
        # Rank by where the word ends (before the amount) or starts (after it), then length:
        # 補正予算 wins over the 予算 inside it.
        rank = (pos + len(word), len(word)) if last else (-pos, len(word))
        if best is None or rank > best[:2]:
            best = (*rank, kind)
    return best[2] if best else None


def _fiscal_year_before(context: str) -> Period | None:
    """The last fiscal year written before an amount (``令和4年度補正予算額``)."""
    dates = [
        d
        for d in find_dates(Text.of(context, cleaned=True))
        if d.period.kind is PeriodKind.FISCAL_YEAR
    ]
    return dates[-1].period if dates else None


def _named(text: str) -> str:
    """The first programme a text names, or empty."""
    found = find_programmes(TextUnit("", text, Span(1, 1)), Text.of(text, cleaned=True))
    return found[0].name if found else ""


def _budget_subject(unit: TextUnit, programmes: list[Programme]) -> str:
    """What the money is for: a programme named here, in the slide's title, or in the nearest
    block above that names one; else the heading.

    The title comes before the blocks above because a slide about a programme often cites
    another one in passing (``拠点形成戦略に基づき…``) just above the budget line.
    """
    if programmes:
        return programmes[0].name
    for context in (unit.title, *unit.above):
        if context and (name := _named(context)):
            return name
    return unit.heading or unit.title
