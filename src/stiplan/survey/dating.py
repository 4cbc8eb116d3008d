"""The new edition's date: the day it is published, written where last year's text states its
date, at the same precision and in the same calendar (``令和7年6月`` → ``令和8年6月``).

Last year's head line would otherwise date the new edition a year back, on the dashboard and in
the exported text alike. A text whose head states no date gets one as its first line, so that
re-ingesting the exported text gives the same document with the same date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from stiplan.normalize.dates import era_year
from stiplan.readers.followup import opens_element
from stiplan.readers.followup.rules import HEAD_LINES
from stiplan.readers.heads import date_line

JST = timezone(timedelta(hours=9), "JST")  # the reports' calendar day (Japan has no DST)
NEW_DATE_LINE = "令和年月日"  # how a head that states no date is dated: a day, in 和暦


def today_in_japan() -> date:
    """The calendar day in Japan now: the day a report published now is dated."""
    return datetime.now(JST).date()


def dated(lines: list[str], day: date) -> list[str]:
    """``lines`` with the head's date line saying ``day`` (the first line, before the first
    heading, that is only a date), or with ``day`` as a new first line when none does."""
    for index, line in enumerate(lines[:HEAD_LINES]):
        if opens_element(line):
            break
        stated = date_line(line)
        if stated is not None:
            return [*lines[:index], date_text(day, stated), *lines[index + 1 :]]
    return [date_text(day, NEW_DATE_LINE), "", *lines]


def date_text(day: date, like: str) -> str:
    """``day`` as ``like`` writes a date: 和暦 or Gregorian year, down to the month or day."""
    year = era_year(day) if like.startswith(("令和", "平成")) else f"{day.year}年"
    if "日" in like:
        return f"{year}{day.month}月{day.day}日"
    return f"{year}{day.month}月" if "月" in like else year
