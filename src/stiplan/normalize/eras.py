"""Japanese era years (和暦) for a Gregorian year or fiscal year, for labels such as 令和5年度.

Reading goes the other way in ``normalize.dates`` (``ERA_OFFSETS``: 令和N = 2018 + N); this
module names the era in force on a day. Eras change mid-year: 平成 ended on 30 April 2019 and
令和 began on 1 May, so the calendar year 2019 is 平成31年 and 令和元年 at once. A fiscal year
(April–March) takes the era in force for most of it, as the government names it: FY2019 is
令和元年度 (from May) and FY1988 昭和63年度 (until January 1989); that is the era of its middle
day, 1 October.
"""

from __future__ import annotations

from datetime import date

from stiplan.normalize.dates import ERA_OFFSETS

# The first day of each era, newest first. Each era's year 1 is the Gregorian year it began in,
# which is what ``ERA_OFFSETS`` says (offset = first year - 1; a test checks they agree).
ERA_STARTS: tuple[tuple[str, date], ...] = (
    ("令和", date(2019, 5, 1)),
    ("平成", date(1989, 1, 8)),
    ("昭和", date(1926, 12, 25)),
    ("大正", date(1912, 7, 30)),
    ("明治", date(1868, 10, 23)),
)
FIRST_ERA_DAY = ERA_STARTS[-1][1]


def era_at(day: date) -> tuple[str, int] | None:
    """The era and its year number in force on ``day``; None before 明治."""
    for name, start in ERA_STARTS:
        if day >= start:
            return name, day.year - ERA_OFFSETS[name]
    return None


def era_year_text(name: str, number: int) -> str:
    """``令和5``, and ``令和元`` for an era's first year, as the reports write it."""
    return f"{name}{'元' if number == 1 else number}"


def calendar_year_eras(year: int) -> list[str]:
    """The era years a calendar year spans: ``['令和5']``, ``['平成31', '令和元']`` for 2019."""
    found = [era_at(date(year, 1, 1)), era_at(date(year, 12, 31))]
    texts = [era_year_text(*e) for e in found if e is not None]
    return list(dict.fromkeys(texts))


def fiscal_year_era(year: int) -> str | None:
    """The era year a fiscal year is named by (its middle day's): 2019 → ``令和元``."""
    found = era_at(date(year, 10, 1))
    return None if found is None else era_year_text(*found)


def wareki_label(year: int, fiscal: bool) -> str:
    """The 和暦 of a year tick: ``令和5年度`` for a fiscal year, ``平成31/令和元年`` for 2019;
    empty before 明治."""
    if fiscal:
        era = fiscal_year_era(year)
        return f"{era}年度" if era else ""
    eras = calendar_year_eras(year)
    return f"{'/'.join(eras)}年" if eras else ""
