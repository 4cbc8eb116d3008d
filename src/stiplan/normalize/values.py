"""Indicator bullets → labelled values: ``name：男性 72.57歳（令和4年）、女性 75.45歳（令和4年）``.

A reference-indicator bullet packs several observations into one line: a label, a quantity,
bracketed remarks (``（CO₂換算）``, ``（カロリーベース）``) and an as-of date that may be shared by
all values before it (``38%（カロリーベース）、61%（生産額ベース）（令和5年度）``). This module
splits such a line into ``ObservationValue``s and reads main-target values the same way.

The split functions never raise: what cannot be read is returned with ``quantity`` or
``period`` set to None, so a reader can keep the text and warn.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, replace

from stiplan.model import Period, Quantity
from stiplan.normalize.counts import derived_count, split_derived
from stiplan.normalize.dates import PeriodError, find_deadlines, parse_period_with_note
from stiplan.normalize.markers import without_marks
from stiplan.normalize.numbers import (
    MULTIPLIERS,
    QuantityError,
    parse_quantity,
    range_quantity,
)

_OPEN = "（(「『【［["
_CLOSE = "）)」』】］]"
# Brackets that may close a trailing group: a remark or an as-of period, written （…） or 【…】.
_GROUP_CLOSE = "）)】］]"
_COLONS = "：:"
_PART_SEPARATORS = "、，,"
_BULLET = re.compile(r"^\s*(?:[-*]\s*)?[・･]?\s*")
_DEADLINE_PREFIX = re.compile(r"(までに|を目途に|目途に|を目途として)[、，,]?")
_PAIR_SLASH = re.compile(r"[／/](?=\s*[0-9０-９約])")
_PROVISIONAL_WORDS = ("暫定", "速報")
_VALUE_START = frozenset("0123456789０１２３４５６７８９約▲△−")
# ``-`` and ``－`` are also bullets, range dashes and hyphens (``e-CSTI``): a sign only when a
# digit follows directly (what may stand before any value start is checked for all of them).
_DASH_SIGNS = frozenset("-－")
_MAX_DEPTH = 1
# A number a line break cut: ``91万2,`` | ``300人`` or ``91万`` | ``2,300人``.
_CUT_AT_END = re.compile(r"[0-9０-９](?:(?P<comma>[,，])|(?P<mult>兆|億|万))\s*$")
_THOUSANDS_GROUPS = re.compile(r"\s*[0-9０-９]{3}(?:[,，][0-9０-９]{3})*(?![0-9０-９])")
_HEAD_AMOUNT = re.compile(
    r"\s*(?P<digits>[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})*|[0-9０-９]+)(?![0-9０-９,，])"
    r"(?P<mult>兆|億|千万|百万|万|千)?"
)
# A label holds a few numbers at most (``人口100万人当たりの…``); beyond that a text is prose and
# trying every digit as the start of the value would only cost time.
_MAX_VALUE_STARTS = 16
# ``2,936億円／1,814件`` pairs two values (three at most); a longer chain is not one value.
_MAX_PAIR = 3
# A value text is a line or two of a bullet. Far longer text is not a value, and reading it
# position by position would cost time on hostile input: it is returned unread.
MAX_VALUE_TEXT = 2_000


@dataclass(frozen=True, slots=True)
class ObservationValue:
    """One value read from an indicator or target text.

    ``label`` names what was measured inside the bullet (``男性``, ``名目GDP``; empty when the
    bullet has one unnamed value), ``text`` is the part of the value text it came from,
    ``note`` keeps bracketed remarks that are not dates (``カロリーベース``, ``CO₂換算``,
    ``暫定値``), joined with ``、``.
    """

    label: str
    text: str
    quantity: Quantity | None
    period: Period | None
    note: str = ""


# --- bracket-aware scanning ---------------------------------------------------------------


def _top_level_positions(text: str, chars: str) -> list[int]:
    """Indices of ``chars`` outside brackets; a comma between digits is a thousands separator."""
    depth = 0
    found: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch in chars and depth == 0:
            if (
                ch in ",，"
                and 0 < i < len(text) - 1
                and _digit(text[i - 1])
                and _digit(text[i + 1])
            ):
                continue
            found.append(i)
    return found


def _digit(ch: str) -> bool:
    return len(ch) == 1 and ch in "0123456789０１２３４５６７８９"


def _split_top(text: str, chars: str) -> list[str]:
    cuts = _top_level_positions(text, chars)
    parts: list[str] = []
    start = 0
    for cut in cuts:
        parts.append(text[start:cut])
        start = cut + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _trailing_groups(text: str) -> tuple[str, list[str]]:
    """``38%（カロリーベース）【令和5年度】`` → ("38%", ["カロリーベース", "令和5年度"]).

    Reports write an as-of period in round or lenticular brackets alike.
    """
    groups: list[str] = []
    core = text.rstrip()
    while core and core[-1] in _GROUP_CLOSE:
        depth = 0
        i = len(core) - 1
        while i >= 0:
            if core[i] in _CLOSE:
                depth += 1
            elif core[i] in _OPEN:
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        if i < 0:
            break
        groups.insert(0, core[i + 1 : -1].strip())
        core = core[:i].rstrip()
    return core, groups


# --- name and value -----------------------------------------------------------------------


def split_name_value(bullet_text: str) -> tuple[str, str]:
    """``name：value`` → (name, value), split at the first colon outside brackets.

    A leading bullet mark (``- ・``) is dropped. Without such a colon the whole text is the
    name and the value is empty. Colons of ``https://`` and ``10:30`` do not split.
    """
    text = _BULLET.sub("", bullet_text, count=1).strip()
    for i in _top_level_positions(text, _COLONS):
        if text[i] == ":" and (text.startswith("//", i + 1) or _between_digits(text, i)):
            continue
        return text[:i].strip(), text[i + 1 :].strip()
    return text, ""


def _between_digits(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and _digit(text[i - 1]) and _digit(text[i + 1])


# --- one part of a value text -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Part:
    label: str
    text: str
    quantities: tuple[Quantity, ...]
    period: Period | None
    notes: tuple[str, ...]
    nested: tuple[ObservationValue, ...] = ()


def _read_values(text: str) -> tuple[Quantity, ...] | None:
    """One quantity, a count stated in words (``全都道府県``, derived), a range ``10～20件``
    (its lower bound, qualifier ``RANGE``) or a pair ``2,936億円／1,814件``; None when
    unreadable."""
    try:
        return (parse_quantity(text),)
    except QuantityError:
        pass
    derived = derived_count(text)
    if derived is not None:
        return (derived,)
    with suppress(QuantityError):
        return (range_quantity(text),)
    pieces = _PAIR_SLASH.split(text)
    if not 2 <= len(pieces) <= _MAX_PAIR:
        return None
    try:
        return tuple(parse_quantity(p) for p in pieces)
    except QuantityError:
        return None


def _value_starts(core: str) -> list[int]:
    """Where a value may begin: a digit run (or 約, or a sign) not glued to a Latin name like
    ``S80``; a dash is a sign only directly before a digit (``前年度比 -3.2%``)."""
    starts: list[int] = []
    for i, ch in enumerate(core):
        if ch in _DASH_SIGNS:
            if i + 1 >= len(core) or not _digit(core[i + 1]):
                continue
        elif ch not in _VALUE_START:
            continue
        before = core[i - 1] if i > 0 else " "
        if _digit(before) or before in ".,，．約" or (before.isascii() and before.isalpha()):
            continue
        starts.append(i)
    return starts


def _label_and_values(core: str) -> tuple[str, tuple[Quantity, ...]]:
    """Split ``名目GDP 592.17兆円`` into label and quantities at the leftmost readable value;
    else a count stated in words at its end (``整備済み 全都道府県``)."""
    for i in _value_starts(core)[:_MAX_VALUE_STARTS]:
        values = _read_values(core[i:])
        if values is not None:
            return core[:i].strip(), values
    derived = split_derived(core)
    if derived is not None:
        return derived[0], (derived[1],)
    return core.strip(), ()


def _period_of(groups: list[str]) -> tuple[Period | None, list[str]]:
    """The last bracket group that is a date becomes the period; the others are notes."""
    period: Period | None = None
    notes: list[str] = []
    for group in reversed(groups):
        if period is None:
            try:
                period, remark = parse_period_with_note(group)
            except PeriodError:
                notes.insert(0, group)
                continue
            if remark:
                notes.insert(0, remark)
            continue
        notes.insert(0, group)
    return period, notes


def _read_part(text: str, depth: int) -> _Part:
    core, groups = _trailing_groups(without_marks(text))
    period, notes = _period_of(groups)
    named, value = split_name_value(core)
    if value:  # ``北部：12件``: the part names its own value
        label, quantities = _label_and_values(value)
        label = f"{named} {label}".strip()
    else:
        label, quantities = _label_and_values(core)
    nested: tuple[ObservationValue, ...] = ()
    if not quantities and depth < _MAX_DEPTH:
        nested, notes = _nested_values(label, notes, depth)
    return _Part(label, text, quantities, period, tuple(notes), nested)


def _nested_values(
    label: str, notes: list[str], depth: int
) -> tuple[tuple[ObservationValue, ...], list[str]]:
    """``関心度（男性 65.1%、女性 52.1%）``: values inside a bracket after a label."""
    for k, note in enumerate(notes):
        inner = _split(note, depth + 1)
        if any(v.quantity is not None for v in inner):
            labelled = tuple(
                replace(v, label=f"{label} {v.label}".strip() if v.label else label) for v in inner
            )
            return labelled, notes[:k] + notes[k + 1 :]
    return (), notes


def _mark_provisional(q: Quantity | None, notes: tuple[str, ...]) -> Quantity | None:
    if q is None or q.provisional:
        return q
    if any(word in note for note in notes for word in _PROVISIONAL_WORDS):
        return replace(q, provisional=True)
    return q


def _observations_of(part: _Part, period: Period | None) -> list[ObservationValue]:
    note = "、".join(part.notes)
    if part.nested:
        return [
            replace(v, period=v.period or period, text=part.text, note=v.note or note)
            for v in part.nested
        ]
    if not part.quantities:
        return [ObservationValue(part.label, part.text, None, period, note)]
    return [
        ObservationValue(part.label, part.text, _mark_provisional(q, part.notes), period, note)
        for q in part.quantities
    ]


def _split(value_text: str, depth: int) -> list[ObservationValue]:
    parts = [_read_part(p, depth) for p in _split_top(value_text, _PART_SEPARATORS)]
    observations: list[ObservationValue] = []
    for i, part in enumerate(parts):
        period = part.period or next((p.period for p in parts[i + 1 :] if p.period), None)
        observations.extend(_observations_of(part, period))
    return _labels_told_apart(observations)


def _labels_told_apart(observations: list[ObservationValue]) -> list[ObservationValue]:
    """``21%（国内）、9%（訪日）``: values sharing one label are told apart by their remark.

    Only where two or more values would otherwise carry the same label and their remarks
    differ; a lone value keeps its remark as a note (``12%（CO₂換算）`` is not a label).
    """
    by_label: dict[str, set[str]] = {}
    for o in observations:
        by_label.setdefault(o.label, set()).add(o.note)
    if all(len(notes) < 2 for notes in by_label.values()):
        return observations
    return [
        replace(o, label=f"{o.label}（{o.note}）" if o.label else o.note)
        if o.note and len(by_label[o.label]) > 1
        else o
        for o in observations
    ]


def labels_each_value(value_text: str) -> bool:
    """``北部：12件、南部：8件``: more than one part names its own value with a colon."""
    parts = _split_top(value_text, _PART_SEPARATORS)
    return sum(1 for p in parts if split_name_value(p)[1]) > 1


def split_observations(value_text: str) -> list[ObservationValue]:
    """Split a value part into observations, one per quantity.

    Parts are separated by ``、`` outside brackets. A part without its own date takes the date
    of the next part that has one (``水産物 3,901億円、林産物 621億円（令和5年）``). A pair
    ``2,936億円／1,814件`` gives two observations with the same label. A part may name its
    value with a colon (``北部：12件、南部：8件``). Values listed inside a
    bracket after a label (``関心度（男性 65.1%、女性 52.1%）``) are labelled ``関心度 男性``.
    Never raises.
    """
    if len(value_text) > MAX_VALUE_TEXT:
        return [ObservationValue("", value_text.strip()[:80], None, None, "")]
    try:
        return _split(value_text, 0)
    except (QuantityError, PeriodError, RecursionError):  # pragma: no cover - defensive
        return [ObservationValue("", value_text.strip(), None, None, "")]


# --- values cut by a line break -----------------------------------------------------------


def continues_number(line: str, next_line: str) -> bool:
    """Whether ``next_line`` goes on with a number that ``line`` ends in, cut by the PDF's line
    break: after a thousands comma (``63万4,`` | ``518人``) or after 万/億/兆 when the digits
    that follow fit below it (``63万`` | ``4,518人``, ``2兆`` | ``750億円``).

    Joined, the two pieces must read as one number: ``5万`` | ``12345件`` is not one.
    """
    cut = _CUT_AT_END.search(line)
    if cut is None:
        return False
    if cut.group("comma"):
        return _THOUSANDS_GROUPS.match(next_line) is not None
    head = _HEAD_AMOUNT.match(next_line)
    if head is None:
        return False
    scale = MULTIPLIERS[cut.group("mult")]
    below = MULTIPLIERS[head.group("mult")] if head.group("mult") else 0
    digits = head.group("digits").replace(",", "").replace("，", "")
    return below < scale and int(digits.translate(_WIDE_DIGITS)) < 10 ** (scale - below)


_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def join_cut_numbers(lines: list[str]) -> list[tuple[str, int, int]]:
    """Lines of a value text, with each number a line break cut joined again.

    Returns ``(text, first, last)``: the joined text and the indices of the first and last
    line it came from, so that every value keeps the lines it stands on.
    """
    joined: list[tuple[str, int, int]] = []
    for index, line in enumerate(lines):
        if joined and continues_number(joined[-1][0], line):
            text, first, _ = joined[-1]
            joined[-1] = (text.rstrip() + line.strip(), first, index)
        else:
            joined.append((line, index, index))
    return joined


# --- main targets -------------------------------------------------------------------------


def _strip_deadline_prefix(core: str) -> tuple[str, Period | None]:
    """``2025 年度までに、対 2018 年度比…`` → ("対 2018 年度比…", FY2025)."""
    m = _DEADLINE_PREFIX.search(core)
    if m is None:
        return core, None
    try:
        period, _ = parse_period_with_note(core[: m.start()])
    except PeriodError:
        return core, None
    return core[m.end() :].strip(), period


def _target_quantity(core: str) -> Quantity | None:
    """One quantity, a count stated in words or a range (its lower bound, ``RANGE``)."""
    with suppress(QuantityError):
        return parse_quantity(core)
    derived = derived_count(core)
    if derived is not None:
        return derived
    with suppress(QuantityError):
        return range_quantity(core)
    return None


def read_target(value_text: str) -> ObservationValue:
    """Read a main-target value: ``約49万円/トン（2025年度）``, ``実質ゼロ（2050年）``.

    ``period`` is the target period (the date in brackets, else a ``…までに`` prefix, else the
    first deadline in a milestone text such as ``2021年度に…構築``); ``quantity`` is None for
    qualitative targets (``全都道府県``). Never raises.
    """
    text = value_text.strip()
    if len(text) > MAX_VALUE_TEXT:
        return ObservationValue("", text[:80], None, None, "")
    try:
        core, groups = _trailing_groups(without_marks(text))
        period, notes = _period_of(groups)
        core, deadline_period = _strip_deadline_prefix(core)
        quantity = _mark_provisional(_target_quantity(core), tuple(notes))
        if period is None:
            period = deadline_period
        if period is None and quantity is None:
            deadlines = find_deadlines(core)
            period = deadlines[0].period if deadlines else None
        return ObservationValue("", text, quantity, period, "、".join(notes))
    except (QuantityError, PeriodError):  # pragma: no cover - defensive
        return ObservationValue("", text, None, None, "")
