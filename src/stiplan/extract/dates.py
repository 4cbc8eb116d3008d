"""Dates in a unit's text with their positions: what decisions, targets and budgets date by."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from stiplan.extract.units import Text
from stiplan.model import Period, PeriodKind
from stiplan.normalize.dates import PeriodError, parse_period, read_period_at

DATE_START = re.compile(
    r"(?:明治|大正|昭和|平成|令和)(?:元|\d{1,2})年|(?<![\d.,])\d{4}年"
    r"|(?<![A-Za-z])[HR](?:元|\d{1,2})年度|(?<=[(（])(?:19|20)\d\d\.\d{1,2}(?=[)）])"
)
_ABBREVIATED_ERA = {"H": "平成", "R": "令和"}


@dataclass(frozen=True, slots=True)
class FoundDate:
    period: Period
    start: int
    end: int


def find_dates(text: Text) -> list[FoundDate]:
    """Every single date in a unit's key form, with its position; ranges are read as two."""
    s = text.s
    found: list[FoundDate] = []
    if "年" not in s and "." not in s:
        return found  # every date form has 年, or is (2023.1)
    last_end = 0
    for m in DATE_START.finditer(s):
        if m.start() < last_end:
            continue
        read = _read_date(s, m)
        if read is None:
            continue
        period, end = read
        written = text.orig(m.start(), end)
        found.append(
            FoundDate(Period(period.start, period.end, period.kind, written), m.start(), end)
        )
        last_end = end
    return found


def _read_date(s: str, m: re.Match[str]) -> tuple[Period, int] | None:
    """One date at a match of ``DATE_START``: 和暦, Gregorian, ``R5年度`` or ``(2023.1)``."""
    token = m.group()
    if "." in token:
        year, month = (int(x) for x in token.split("."))
        if not 1 <= month <= 12:
            return None
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
        return Period(start, date.fromordinal(end), PeriodKind.MONTH, token), m.end()
    if token[0] in _ABBREVIATED_ERA:
        try:
            period = parse_period(_ABBREVIATED_ERA[token[0]] + token[1:])
        except PeriodError:
            return None
        return period, m.end()
    return read_period_at(s, m.start())
