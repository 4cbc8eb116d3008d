"""Date texts → ``Period``; commitment texts → ``Deadline``s.

The reports date every value and commitment in two calendars (令和6年度, 2025年), by fiscal
year (April–March), by year end, month end, half, quarter, and as ranges or averages over a
range. ``parse_period`` reads one such text into inclusive start/end days and the kind the
author wrote, so that a value "as of 令和6年度末" and a target "by 2025年度" can be compared.

The parser is a small recursive reader over the compact text (full-width digits folded,
spaces removed: PDF conversion writes ``令和 9 年度末``). Every regex is anchored at a position
and has no nested repetition, so no input can make it backtrack for long.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from stiplan.model import Deadline, DeadlineKind, Period, PeriodKind
from stiplan.normalize.text import compact


class PeriodError(ValueError):
    """The text is not a date form stiplan can read."""


ERA_OFFSETS: dict[str, int] = {
    "明治": 1867,
    "大正": 1911,
    "昭和": 1925,
    "平成": 1988,
    "令和": 2018,
}
MIN_YEAR = 1000
MAX_YEAR = 9998  # the fiscal year 9998 ends in 9999, the last year ``datetime.date`` knows

_TILDES = ("〜", "~", "∼")  # all read as ～


def _fold_tildes(text: str) -> str:
    """Every tilde as ～. Three ``str.replace`` rather than ``str.translate`` with a table,
    which looks every character up (this runs on every item the reader meets)."""
    for tilde in _TILDES:
        text = text.replace(tilde, "～")
    return text


_YEAR = re.compile(r"(明治|大正|昭和|平成|令和)?(元|\d{1,4})(年度|年)?")
_MONTH_ONLY = re.compile(r"(\d{1,2})月(末)?(?:(\d{1,2})日)?")
_DAY_ONLY = re.compile(r"(\d{1,2})日")
_MONTH_PART = re.compile(r"(\d{1,2})月(?:(末)|(\d{1,2})日)?")
_MONTH_SPAN = re.compile(r"(\d{1,2})～(\d{1,2})月期")
_QUARTER = re.compile(r"第([1-4一二三四])四半期")
_HALF = re.compile(r"(上半期|上期|下半期|下期)")
_RANGE_CONNECTOR = re.compile(r"～|から")
_RANGE_CLOSER = re.compile(r"までの間|まで|の間|にかけて")
_AS_OF = re.compile(r"時点|現在")
_NOTE_WORDS = re.compile(
    r"実績|設立|目標|見込み|見込|予定|推計|速報値|速報|暫定値|暫定|確定値|確定|調査|値"
)
_NOTE_SEPARATORS = "、，,。;；:："
_OPENERS = "（("
_CLOSERS = {"（": "）", "(": ")"}
_KANJI_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4}


@dataclass(frozen=True, slots=True)
class _Point:
    """One date expression before it becomes a Period (``bare``: a year written without 年)."""

    start: date
    end: date
    kind: PeriodKind
    year: int
    era: str | None
    bare: bool = False


def _compact(text: str) -> str:
    return _fold_tildes(compact(text)[0])


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise PeriodError(f"no such day: {year}-{month}-{day}") from exc


def _check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise PeriodError(f"no such month: {month}")
    return month


def _read_year(s: str, pos: int, era_hint: str | None) -> tuple[int, str | None, str, int] | None:
    """Year number, era, unit (年, 年度 or "" for a bare number) and end position."""
    m = _YEAR.match(s, pos)
    if m is None:
        return None
    era, num, unit = m.group(1), m.group(2), m.group(3) or ""
    if era is not None:
        if len(num) > 2:
            return None
        n = 1 if num == "元" else int(num)
        year = ERA_OFFSETS[era] + n
    elif num != "元" and len(num) == 4:
        n, year = int(num), int(num)
    elif num != "元" and era_hint is not None:
        n = int(num)
        year = ERA_OFFSETS[era_hint] + n
        era = era_hint
    else:
        return None
    if n < 1 or not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"year out of range: {m.group()}")
    return year, era, unit, m.end()


def _fiscal_point(s: str, pos: int, year: int, era: str | None) -> tuple[_Point, int]:
    """What follows ``N年度``: 末, a half, a quarter, or nothing (the whole fiscal year)."""
    if s.startswith("末", pos):
        day = date(year + 1, 3, 31)
        return _Point(day, day, PeriodKind.END_OF_FISCAL_YEAR, year, era), pos + 1
    if m := _HALF.match(s, pos):
        first = m.group(1).startswith("上")
        start = date(year, 4, 1) if first else date(year, 10, 1)
        end = date(year, 9, 30) if first else date(year + 1, 3, 31)
        return _Point(start, end, PeriodKind.FISCAL_HALF, year, era), m.end()
    if m := _QUARTER.match(s, pos):
        q = _quarter_number(m.group(1))
        month = 4 + 3 * (q - 1)
        y = year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        start = date(y, month, 1)
        end = _last_day(y, month + 2)
        return _Point(start, end, PeriodKind.FISCAL_QUARTER, year, era), m.end()
    start, end = date(year, 4, 1), date(year + 1, 3, 31)
    return _Point(start, end, PeriodKind.FISCAL_YEAR, year, era), pos


def _quarter_number(token: str) -> int:
    return _KANJI_QUARTER.get(token) or int(token)


def _calendar_point(s: str, pos: int, year: int, era: str | None) -> tuple[_Point, int]:
    """What follows ``N年``: 末, a half, a quarter, a month span, a month or day, or nothing."""
    if s.startswith("末", pos):
        day = date(year, 12, 31)
        return _Point(day, day, PeriodKind.END_OF_YEAR, year, era), pos + 1
    if m := _HALF.match(s, pos):
        first = m.group(1).startswith("上")
        start = date(year, 1, 1) if first else date(year, 7, 1)
        end = date(year, 6, 30) if first else date(year, 12, 31)
        return _Point(start, end, PeriodKind.HALF, year, era), m.end()
    if m := _QUARTER.match(s, pos):
        month = 1 + 3 * (_quarter_number(m.group(1)) - 1)
        start, end = date(year, month, 1), _last_day(year, month + 2)
        return _Point(start, end, PeriodKind.QUARTER, year, era), m.end()
    if m := _MONTH_SPAN.match(s, pos):
        first, last = _check_month(int(m.group(1))), _check_month(int(m.group(2)))
        if last < first:
            raise PeriodError(f"month span runs backwards: {m.group()}")
        aligned = last - first == 2 and first % 3 == 1
        kind = PeriodKind.QUARTER if aligned else PeriodKind.RANGE
        return _Point(date(year, first, 1), _last_day(year, last), kind, year, era), m.end()
    if m := _MONTH_PART.match(s, pos):
        return _month_point(year, era, m.group(1), m.group(2), m.group(3)), m.end()
    start, end = date(year, 1, 1), date(year, 12, 31)
    return _Point(start, end, PeriodKind.YEAR, year, era), pos


def _month_point(
    year: int, era: str | None, month_s: str, end_s: str | None, day_s: str | None
) -> _Point:
    month = _check_month(int(month_s))
    if end_s:
        day = _last_day(year, month)
        return _Point(day, day, PeriodKind.END_OF_MONTH, year, era)
    if day_s:
        day = _make_date(year, month, int(day_s))
        return _Point(day, day, PeriodKind.DAY, year, era)
    return _Point(date(year, month, 1), _last_day(year, month), PeriodKind.MONTH, year, era)


def _continuation_point(s: str, pos: int, left: _Point) -> tuple[_Point, int] | None:
    """The right side of a range written without its year (``令和6年4月～9月``)."""
    if m := _MONTH_ONLY.match(s, pos):
        year = left.end.year
        point = _month_point(year, left.era, m.group(1), m.group(2), m.group(3))
        if point.start < left.start:
            point = _month_point(year + 1, left.era, m.group(1), m.group(2), m.group(3))
        return point, m.end()
    if m := _DAY_ONLY.match(s, pos):
        day = _make_date(left.end.year, left.end.month, int(m.group(1)))
        return _Point(day, day, PeriodKind.DAY, left.year, left.era), m.end()
    return None


def _read_point(s: str, pos: int, left: _Point | None = None) -> tuple[_Point, int]:
    """One date expression at ``pos``; ``left`` is the start of a range being read."""
    if left is not None and (cont := _continuation_point(s, pos, left)) is not None:
        return cont
    year_info = _read_year(s, pos, left.era if left is not None else None)
    if year_info is None:
        raise PeriodError(f"no year at position {pos}: {s!r}")
    year, era, unit, pos = year_info
    if unit == "年度":
        return _fiscal_point(s, pos, year, era)
    if unit == "年":
        return _calendar_point(s, pos, year, era)
    start, end = date(year, 1, 1), date(year, 12, 31)
    return _Point(start, end, PeriodKind.YEAR, year, era, bare=True), pos


def _rebase_bare(left: _Point, right: _Point) -> _Point:
    """``2021～2025年度``: a bare left year takes the unit of the right side."""
    fiscal = right.kind in {
        PeriodKind.FISCAL_YEAR,
        PeriodKind.FISCAL_HALF,
        PeriodKind.FISCAL_QUARTER,
        PeriodKind.END_OF_FISCAL_YEAR,
    }
    if fiscal:
        start = date(left.year, 4, 1)
        return _Point(
            start, date(left.year + 1, 3, 31), PeriodKind.FISCAL_YEAR, left.year, left.era
        )
    return left


def _strip_enclosing(s: str) -> str:
    while len(s) >= 2 and s[0] in _OPENERS and s[-1] == _CLOSERS[s[0]]:
        s = s[1:-1]
    return s


def _read_note(rest: str) -> str:
    """What may follow a date: a separated or bracketed remark, or a known suffix word.

    Anything else (``2030年代``, ``2000年度比``) means the text is not just a period.
    """
    note: list[str] = []
    while rest:
        if rest[0] in _NOTE_SEPARATORS:
            note.append(rest[1:])
            break
        if rest[0] in _OPENERS:
            note.append(_strip_enclosing(rest) if rest[-1] in "）)" else rest[1:])
            break
        m = _NOTE_WORDS.match(rest)
        if m is None:
            raise PeriodError(f"unexpected text after the date: {rest!r}")
        note.append(m.group())
        rest = rest[m.end() :]
    return "、".join(n for n in note if n)


def _read_expression(s: str) -> tuple[PeriodKind, date, date, int]:
    """A point or a range (with its closing words) and the position after it."""
    left, pos = _read_point(s, 0)
    m = _RANGE_CONNECTOR.match(s, pos)
    if m is None:
        if left.bare:
            raise PeriodError(f"a number without 年 is not a period: {s!r}")
        return left.kind, left.start, left.end, pos
    right, pos = _read_point(s, m.end(), left)
    if right.bare:
        raise PeriodError(f"range end without 年: {s!r}")
    if left.bare:
        left = _rebase_bare(left, right)
    if right.end < left.start:
        raise PeriodError(f"range runs backwards: {s!r}")
    closer = _RANGE_CLOSER.match(s, pos)
    if m.group() == "から" and closer is None and pos < len(s) and s[pos] not in "、，,（(":
        raise PeriodError(f"unfinished から range: {s!r}")
    if closer is not None:
        pos = closer.end()
    return PeriodKind.RANGE, left.start, right.end, pos


def parse_period_with_note(text: str) -> tuple[Period, str]:
    """Like ``parse_period`` and also return the remark after the date (``暫定値``, ``設立``)."""
    raw = text.strip()
    s = _strip_enclosing(_compact(raw))
    if not s:
        raise PeriodError("empty date text")
    try:
        kind, start, end, pos = _read_expression(s)
    except PeriodError:
        raise
    except (ValueError, OverflowError) as exc:  # a day beyond datetime's range
        raise PeriodError(f"date out of range: {raw!r}") from exc
    if s.startswith("平均", pos):
        kind, pos = PeriodKind.AVERAGE, pos + 2
    if m := _AS_OF.match(s, pos):
        pos = m.end()
    note = _read_note(s[pos:])
    return Period(start=start, end=end, kind=kind, text=raw), note


def parse_period(text: str) -> Period:
    """Read one date text (和暦 or Gregorian, 年度, 末, 時点, ranges, averages) into a Period.

    A remark after the date (``、暫定値``, ``（速報値）``) is allowed and ignored here: whether a
    value is provisional belongs to its quantity. Raises ``PeriodError`` for anything else.
    """
    return parse_period_with_note(text)[0]


def read_period_at(s: str, pos: int) -> tuple[Period, int] | None:
    """A single date (no range) starting at ``pos`` of a compact text, and where it ends.

    For scanners (``find_deadlines``, quantities relative to a year) that meet dates inside
    longer text; ``s`` must already be compact (see ``stiplan.normalize.text.compact``).
    """
    try:
        point, end = _read_point(s, pos)
    except (ValueError, OverflowError):
        return None
    if point.bare:
        return None
    return Period(point.start, point.end, point.kind, s[pos:end]), end


_ERA_YEAR = re.compile(r"(明治|大正|昭和|平成|令和)\s*(元|[0-9０-９]{1,2})\s*(?=年)")


def gregorian_years(text: str) -> str:
    """Rewrite era years as Gregorian ones in running text: ``令和6年度末`` → ``2024年度末``.

    Two editions of a report date the same thing in different calendars (``令和5年3月31日`` one
    year, ``2024年3月31日`` the next), so texts are compared with their years written one way.
    Only the year is rewritten; the rest of the text is left exactly as it was.
    """

    def year(m: re.Match[str]) -> str:
        number = m.group(2)
        n = 1 if number == "元" else int(unicodedata.normalize("NFKC", number))
        return str(ERA_OFFSETS[m.group(1)] + n)

    return _ERA_YEAR.sub(year, text)


# --- formatting ---------------------------------------------------------------------------


def fiscal_year_of(day: date) -> int:
    """The Japanese fiscal year (April–March) a day falls in: 2026-03-31 is in FY2025."""
    return day.year if day.month >= 4 else day.year - 1


def _span_text(start: date, end: date) -> str:
    """The coarsest unit that states both ends exactly: years, fiscal years, months, days."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year}年～{end.year}年"
    if (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and end.year > start.year:
        return f"{start.year}年度～{end.year - 1}年度"
    if start.day == 1 and end == _last_day(end.year, end.month):
        return f"{start.year}年{start.month}月～{end.year}年{end.month}月"
    return f"{start.year}年{start.month}月{start.day}日～{end.year}年{end.month}月{end.day}日"


def format_period(p: Period) -> str:
    """Canonical Gregorian text for a period; ``parse_period`` reads it back equal."""
    s, e = p.start, p.end
    match p.kind:
        case PeriodKind.DAY:
            return f"{s.year}年{s.month}月{s.day}日"
        case PeriodKind.MONTH:
            return f"{s.year}年{s.month}月"
        case PeriodKind.END_OF_MONTH:
            return f"{s.year}年{s.month}月末"
        case PeriodKind.QUARTER:
            return f"{s.year}年第{(s.month - 1) // 3 + 1}四半期"
        case PeriodKind.HALF:
            return f"{s.year}年{'上半期' if s.month == 1 else '下半期'}"
        case PeriodKind.YEAR:
            return f"{s.year}年"
        case PeriodKind.FISCAL_YEAR:
            return f"{s.year}年度"
        case PeriodKind.FISCAL_HALF:
            return f"{fiscal_year_of(s)}年度{'上半期' if s.month == 4 else '下半期'}"
        case PeriodKind.FISCAL_QUARTER:
            return f"{fiscal_year_of(s)}年度第{(s.month - 4) % 12 // 3 + 1}四半期"
        case PeriodKind.END_OF_YEAR:
            return f"{s.year}年末"
        case PeriodKind.END_OF_FISCAL_YEAR:
            return f"{e.year - 1}年度末"
        case PeriodKind.RANGE:
            return _span_text(s, e)
        case PeriodKind.AVERAGE:
            return _span_text(s, e) + "平均"
    raise PeriodError(f"unknown period kind {p.kind!r}")  # pragma: no cover


ERA_STARTS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
    (date(1912, 7, 30), "大正"),
    (date(1868, 10, 23), "明治"),
)
"""The first day of each era, newest first (``ERA_OFFSETS`` gives their first year)."""


def era_year(day: date) -> str:
    """The 和暦 year a day falls in (``令和5年``, ``令和元年``); empty before 明治.

    The era is decided by the day, not the year: 2019-04-30 is 平成31年, 2019-05-01 令和元年.
    """
    for start, era in ERA_STARTS:
        if day >= start:
            number = day.year - ERA_OFFSETS[era]
            return f"{era}{'元' if number == 1 else number}年"
    return ""


def format_day(day: date) -> str:
    """A day for people: Gregorian with its 和暦 year beside it, ``2023年9月14日（令和5年）``.

    ``parse_period`` reads the Gregorian part back, and the 和暦 year followed by the same month
    and day, to the same day.
    """
    gregorian = f"{day.year}年{day.month}月{day.day}日"
    era = era_year(day)
    return f"{gregorian}（{era}）" if era else gregorian


# --- deadlines ----------------------------------------------------------------------------

_YEAR_START = re.compile(r"(?:明治|大正|昭和|平成|令和)(?:元|\d{1,2})年|(?<![\d.,])\d{4}年")
_DEADLINE_MARKERS: tuple[tuple[re.Pattern[str], DeadlineKind], ...] = (
    (re.compile(r"までに|まで(?=[、。，,]|$)"), DeadlineKind.BY),
    (re.compile(r"[中内](?:に|(?=[、。，,]|$))"), DeadlineKind.WITHIN),
    (
        re.compile(r"を?(?:目途|めど|目処|メド)(?:として|に|と)?|を?目指|を目標に|に向け"),
        DeadlineKind.TARGET,
    ),
    (re.compile(r"頃|ごろ"), DeadlineKind.AROUND),
    (re.compile(r"に(?!かけ|比べ|対|関|よ|基|伴|係|つ)"), DeadlineKind.IN),
)


def _deadline_kind(s: str, pos: int) -> tuple[DeadlineKind, int] | None:
    for pattern, kind in _DEADLINE_MARKERS:
        if m := pattern.match(s, pos):
            return kind, m.end()
    return None


def find_deadlines(text: str) -> list[Deadline]:
    """Dates bound to a commitment word: までに (BY), 中に/内に (WITHIN), 目途 (TARGET), 頃
    (AROUND), a bare に (IN). ``2021年度から`` and ``2000年度比`` are not deadlines.

    Each Deadline quotes the original text it matched, spaces and all.
    """
    s, index = compact(text)
    s = _fold_tildes(s)
    found: list[Deadline] = []
    for m in _YEAR_START.finditer(s):
        read = read_period_at(s, m.start())
        if read is None:
            continue
        period, end = read
        marker = _deadline_kind(s, end)
        if marker is None:
            continue
        kind, marker_end = marker
        period_text = text[index[m.start()] : index[end - 1] + 1]
        quoted = text[index[m.start()] : index[marker_end - 1] + 1]
        period = Period(period.start, period.end, period.kind, period_text)
        found.append(Deadline(period=period, kind=kind, text=quoted))
    return found
