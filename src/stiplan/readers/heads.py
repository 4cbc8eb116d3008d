"""A document's title and date as its head lines state them (``docs/model.md``, "Titles and dates").

Both readers use these rules, by the format's own markers and never by a document's words:

* a *date line* is a line that holds a day and nothing else (``令和5年9月14日``,
  ``2025年6月1日``, optionally with a weekday ``（木）`` or ``現在``/``時点``), read by
  ``stiplan.normalize.dates`` in either calendar;
* the *title* of a follow-up report is the first paragraph of its head lines (the lines before
  its first chapter or section heading) that is not a date line: consecutive lines are one
  title (a title broken over two lines), a blank line ends it. A slide deck's title is its
  cover slide's title (``stiplan.readers.slides``) and its date the first date line of the
  cover.

Pure functions: no I/O; what is not stated is ``None`` or empty, and the reader that calls them
says so with a warning (``title_unknown``, ``date_unknown``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from stiplan.model import PeriodKind, Warning
from stiplan.normalize.dates import PeriodError, parse_period
from stiplan.normalize.text import clean

MAX_TITLE_CHARS = 120
MAX_TITLE_LINES = 3

DATE_ONLY = re.compile(
    r"^(?:(?:令和|平成)(?:\d{1,2}|元)|\d{4})年(?:\d{1,2}月(?:\d{1,2}日)?)?"
    r"(?:\s*[(（].[)）])?(?:現在|時点)?$"
)
"""A line that is a date and nothing else: a year, a month or a day, 和暦 or Gregorian."""

TITLE_UNKNOWN = "title_unknown"
DATE_UNKNOWN = "date_unknown"


@dataclass(frozen=True, slots=True)
class Head:
    """What the head lines state: the title (empty when none) and the day (None when none)."""

    title: str
    date: date | None


def date_line(text: str) -> str | None:
    """The date a line states and nothing else (``**令和5年9月14日**`` → ``令和5年9月14日``), as
    cleaned text; None for any other line."""
    text = clean(text.replace("**", "")).strip()
    return text if text and DATE_ONLY.match(text) else None


def day_alone(text: str) -> date | None:
    """The day a date line states (``令和5年9月14日`` → 2023-09-14); None for any other line,
    and for a date line that names only a year or a month."""
    stated = date_line(text)
    if stated is None:
        return None
    try:
        period = parse_period(stated)
    except PeriodError:
        return None
    return period.start if period.kind is PeriodKind.DAY else None


def read_head(lines: Sequence[tuple[int, str]]) -> Head:
    """The title and date stated by head lines given as ``(line number, text)``, in order."""
    day: date | None = None
    paragraphs: list[list[str]] = []
    previous = -1
    for line_no, raw in lines:
        text = clean(raw.replace("**", "")).strip()
        if not text:
            previous = -1
            continue
        if date_line(text) is not None:
            day = day or day_alone(text)
            previous = -1
            continue
        if line_no == previous + 1 and paragraphs:
            paragraphs[-1].append(text)
        else:
            paragraphs.append([text])
        previous = line_no
    title = _join(paragraphs[0][:MAX_TITLE_LINES]) if paragraphs else ""
    return Head(title[:MAX_TITLE_CHARS], day)


def _join(lines: list[str]) -> str:
    """A title broken over lines, joined: Japanese runs on, Latin words keep a space."""
    out = ""
    for line in lines:
        latin = out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii()
        out += (" " if latin and line[:1].isalnum() else "") + line
    return out


def head_warnings(title_stated: bool, date_stated: bool) -> list[Warning]:
    """The warnings of a document whose head states no title or no date (line 1).

    A slide deck without a date already says so with ``edition_unknown`` (its edition is
    its date's year), so its reader passes ``date_stated=True`` rather than say it twice.
    """
    found: list[Warning] = []
    if not title_stated:
        found.append(
            Warning(
                TITLE_UNKNOWN,
                "文書の表題が見つかりません。最初の見出しを表題とします（--title で指定）",
                1,
            )
        )
    if not date_stated:
        found.append(Warning(DATE_UNKNOWN, "文書の日付が見つかりません（--date で指定）", 1))
    return found
