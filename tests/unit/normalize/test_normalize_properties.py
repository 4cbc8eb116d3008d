"""Property tests: format → parse round trips, and every parser's contract on any string.

The contract on arbitrary text is what keeps a reader alive on a garbled PDF: a parser returns
a value or raises its one typed error, and answers quickly (a slow call means a regex that
backtracks, which a long document would turn into a hang).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.model import Period, PeriodKind, Qualifier, Quantity
from stiplan.normalize.dates import (
    PeriodError,
    find_deadlines,
    format_period,
    parse_period,
)
from stiplan.normalize.numbers import (
    QuantityError,
    find_quantities,
    format_quantity,
    parse_quantity,
)
from stiplan.normalize.text import clean, clean_with_refs
from stiplan.normalize.values import read_target, split_name_value, split_observations

# Seconds per call: a guard against catastrophic backtracking, not a speed target (tests run on
# a loaded CI machine); the milliseconds a call really takes are measured by
# benchmarks/bench_normalize.py.
FAST = 0.5

years = st.integers(min_value=1900, max_value=2100)
months = st.integers(min_value=1, max_value=12)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def _last_day(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Any period of any kind, built from its meaning rather than from text."""
    kind = draw(st.sampled_from(list(PeriodKind)))
    y, m = draw(years), draw(months)
    start: date
    end: date
    match kind:
        case PeriodKind.DAY:
            start = end = draw(days)
        case PeriodKind.MONTH:
            start, end = date(y, m, 1), _last_day(y, m)
        case PeriodKind.END_OF_MONTH:
            start = end = _last_day(y, m)
        case PeriodKind.QUARTER:
            q = draw(st.integers(0, 3))
            start, end = date(y, 3 * q + 1, 1), _last_day(y, 3 * q + 3)
        case PeriodKind.HALF:
            h = draw(st.integers(0, 1))
            start, end = date(y, 6 * h + 1, 1), _last_day(y, 6 * h + 6)
        case PeriodKind.YEAR:
            start, end = date(y, 1, 1), date(y, 12, 31)
        case PeriodKind.FISCAL_YEAR:
            start, end = date(y, 4, 1), date(y + 1, 3, 31)
        case PeriodKind.FISCAL_HALF:
            h = draw(st.integers(0, 1))
            start = date(y, 4, 1) if h == 0 else date(y, 10, 1)
            end = date(y, 9, 30) if h == 0 else date(y + 1, 3, 31)
        case PeriodKind.FISCAL_QUARTER:
            q = draw(st.integers(0, 3))
            first = 4 + 3 * q
            fy = y + (first > 12)
            first = (first - 1) % 12 + 1
            start, end = date(fy, first, 1), _last_day(fy, first + 2)
        case PeriodKind.END_OF_YEAR:
            start = end = date(y, 12, 31)
        case PeriodKind.END_OF_FISCAL_YEAR:
            start = end = date(y + 1, 3, 31)
        case PeriodKind.RANGE | PeriodKind.AVERAGE:
            a, b = draw(days), draw(days)
            start, end = min(a, b), max(a, b)
    return Period(start, end, kind, "")


UNITS = ["", "円", "トン", "人", "件", "社", "歳", "USD", "%", "倍", "°C", "地方公共団体", "回"]
PERS = [None, "人", "年", "トン", "100年", "h"]


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    """Quantities as the model allows them: ranks carry ``of``, 倍 may carry a baseline."""
    scale = draw(st.sampled_from([0, 0, 3, 4, 6, 7, 8, 12]))
    mantissa = draw(
        st.decimals(
            min_value=Decimal("-99999"),
            max_value=Decimal("99999"),
            places=draw(st.integers(0, 4)),
            allow_nan=False,
            allow_infinity=False,
        )
    )
    value = mantissa * (Decimal(10) ** scale)
    if scale and value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    rank = draw(st.booleans())
    unit = "位" if rank else draw(st.sampled_from(UNITS))
    of = Decimal(draw(st.integers(1, 500))) if rank and draw(st.booleans()) else None
    baseline = None
    if unit == "倍" and draw(st.booleans()):
        y = draw(years)
        kind = draw(st.sampled_from([PeriodKind.YEAR, PeriodKind.FISCAL_YEAR]))
        start = date(y, 1, 1) if kind is PeriodKind.YEAR else date(y, 4, 1)
        end = date(y, 12, 31) if kind is PeriodKind.YEAR else date(y + 1, 3, 31)
        baseline = Period(start, end, kind, "")
    return Quantity(
        value=value,
        unit=unit,
        text="",
        qualifier=draw(st.none() | st.sampled_from(list(Qualifier))),
        scale=scale,
        provisional=draw(st.booleans()),
        of=of,
        per=None if rank else draw(st.sampled_from(PERS)),
        baseline=baseline,
    )


def _same_period(a: Period | None, b: Period | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.start, a.end, a.kind) == (b.start, b.end, b.kind)


@given(periods())
def test_period_round_trips_through_its_canonical_text(p: Period) -> None:
    text = format_period(p)
    back = parse_period(text)
    assert (back.start, back.end, back.kind) == (p.start, p.end, p.kind), text


@given(quantities())
def test_quantity_round_trips_through_its_canonical_text(q: Quantity) -> None:
    text = format_quantity(q)
    back = parse_quantity(text)
    assert back.value == q.value, text
    assert (back.unit, back.qualifier, back.scale, back.provisional) == (
        q.unit,
        q.qualifier,
        q.scale,
        q.provisional,
    ), text
    assert (back.of, back.per) == (q.of, q.per), text
    assert _same_period(back.baseline, q.baseline), text


def _timed(fn: Callable[[str], Any], text: str) -> Any:
    began = time.perf_counter()
    try:
        return fn(text)
    finally:
        elapsed = time.perf_counter() - began
        assert elapsed < FAST, f"{fn.__name__} took {elapsed:.3f} s on {text!r}"


# Text that looks like the reports, so the parsers go deep instead of failing at once.
TOKENS = [
    *"0123456789０１２,，.．、（）()～〜/／:：%％ 約年度月日末期半上下第四",
    *"万億兆千割倍位当比の増減以上下未満超程暫定値時点までに中内目途頃か国",
    *["令和", "平成", "明治", "元", "年度", "から", "当たり", "四半期", "平均", "の間"],
]
report_like = st.lists(st.sampled_from(TOKENS), max_size=40).map("".join)
any_text = st.text(max_size=200) | report_like


@settings(max_examples=300)
@given(any_text)
def test_parse_period_returns_a_period_or_raises_period_error(text: str) -> None:
    try:
        result = _timed(parse_period, text)
    except PeriodError:
        return
    assert isinstance(result, Period)
    assert result.start <= result.end


@settings(max_examples=300)
@given(any_text)
def test_parse_quantity_returns_a_quantity_or_raises_quantity_error(text: str) -> None:
    try:
        result = _timed(parse_quantity, text)
    except QuantityError:
        return
    assert isinstance(result, Quantity)
    assert isinstance(result.value, Decimal)


@settings(max_examples=300)
@given(any_text)
def test_scanners_and_splitters_never_raise(text: str) -> None:
    for fn in (find_deadlines, find_quantities, split_observations):
        assert isinstance(_timed(fn, text), list)
    name, value = _timed(split_name_value, text)
    assert isinstance(name, str) and isinstance(value, str)
    assert _timed(read_target, text).text == text.strip()


@settings(max_examples=300)
@given(any_text)
def test_clean_is_idempotent_and_fast(text: str) -> None:
    once = _timed(clean, text)
    assert _timed(clean, once) == once
    cleaned, refs = _timed(clean_with_refs, text)
    assert isinstance(cleaned, str) and all(isinstance(r, int) for r in refs)


ADVERSARIAL = {
    "digits and letters": "1a" * 5000,
    "chained rates": "1当たり" * 3000,
    "nested brackets": "（" * 5000 + "）" * 5000,
    "repeated deadlines": "2021年度に" * 2000,
    "spaced letters": "A " * 10000,
    "comma digits": "1,2" * 5000,
    "kanji numerals": "一二三" * 3000,
    "era names": "令和" * 5000,
    "shares": "3割" * 5000,
    "open ranges": "2021年～" * 2000,
}
EVERY_FUNCTION: list[Callable[[str], object]] = [
    parse_period,
    parse_quantity,
    find_deadlines,
    find_quantities,
    split_observations,
    split_name_value,
    read_target,
    clean,
]


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_long_adversarial_input_takes_linear_time(name: str) -> None:
    """Ten thousand characters of a repeated pattern: well under a second per function."""
    text = ADVERSARIAL[name]
    for fn in EVERY_FUNCTION:
        began = time.perf_counter()
        with contextlib.suppress(PeriodError, QuantityError):
            fn(text)
        assert time.perf_counter() - began < 1.0, fn.__name__
