"""Goal, target and indicator bullets → model elements, with every value's label and period."""

from __future__ import annotations

from dataclasses import replace

from stiplan.model import (
    Goal,
    Indicator,
    Observation,
    Qualifier,
    Span,
    Target,
)
from stiplan.normalize.dates import find_deadlines
from stiplan.normalize.values import (
    ObservationValue,
    join_cut_numbers,
    labels_each_value,
    read_target,
    split_observations,
)
from stiplan.normalize.values import split_name_value as split_label
from stiplan.readers.followup.resolver import Resolver
from stiplan.readers.followup.state import Block, RawBullet


def bullets_of(
    r: Resolver, parent: str, bullets: list[RawBullet], level: str
) -> tuple[list[Goal], list[Indicator], list[Target]]:
    goals: list[Goal] = []
    indicators: list[Indicator] = []
    targets: list[Target] = []
    for b in bullets:
        if b.block in (Block.GOAL, Block.OVERARCHING_GOAL):
            gid = f"{parent}.g{len(goals) + 1}"
            text, refs = r.text(gid, b.text, joiner="\n")
            goals.append(Goal(gid, level, text, b.text.span, refs))
        elif b.block is Block.TARGETS:
            targets.append(_target(r, f"{parent}.t{len(targets) + 1}", b))
        else:
            indicators.append(_indicator(r, f"{parent}.ind{len(indicators) + 1}", b))
    return goals, indicators, targets


def _target(r: Resolver, tid: str, b: RawBullet) -> Target:
    """A main target with its value read: quantity and target period where written."""
    text, refs = r.text(tid, b.text, joiner="\n")
    name, value = split_name_value(text)
    target = Target(tid, text, b.text.span, refs, name=name, value_text=value)
    value = "\n".join(line for line, _, _ in join_cut_numbers(value.split("\n")))
    if "\n" in value:
        # One bullet, several targets (``防災：…`` / ``スマートシティ：…``): none is "the" value.
        r.warn(
            "target_several_values",
            f"1つの主要指標に複数の目標値があり、個別には読み取っていません: {name[:30]}",
            b.text.span.first_line,
        )
    elif not value:
        # A milestone stated in words (``2021年度に…を構築``): its deadline is its period.
        deadlines = find_deadlines(name)
        target.period = deadlines[0].period if deadlines else None
    else:
        reading = read_target(value)
        target.quantity, target.period = reading.quantity, reading.period
        _warn_value(r, reading, b.text.span.first_line, target=True)
    return target


def _warn_value(r: Resolver, reading: ObservationValue, line: int, *, target: bool) -> None:
    """Say what of a value was not read whole: a quantity not read (even when its period was:
    a target of ``大幅に向上（2030年度）`` has no number to track), or a range stored as its
    lower bound."""
    quantity = reading.quantity
    if quantity is None:
        if target:
            what = "数値" if reading.period is not None else "数値・期間"
            r.warn(
                "target_value_unread", f"目標値を{what}として読めません: {reading.text[:40]}", line
            )
        else:
            r.warn("observation_value_unread", f"値を読めません: {reading.text[:40]}", line)
    elif quantity.qualifier is Qualifier.RANGE:
        r.warn(
            "value_range",
            f"範囲で書かれた値です。下限を値とし、範囲は原文のまま残しました: {quantity.text[:40]}",
            line,
        )


def _indicator(r: Resolver, iid: str, b: RawBullet) -> Indicator:
    """A reference indicator and its observations, one per value, each with its own line."""
    text, refs = r.text(iid, b.text, joiner="\n")
    name, value = split_name_value(text)
    indicator = Indicator(iid, text, b.text.span, refs, name=name, value_text=value)
    value_lines = value.split("\n") if value else []
    source_lines = [n for n, _ in b.text.pieces][-len(value_lines) :] if value_lines else []
    readings: list[tuple[ObservationValue, Span]] = []
    for line_text, first, last in join_cut_numbers(value_lines[: len(source_lines)]):
        found = _line_observations(line_text)
        span = Span(source_lines[first], source_lines[last])
        if not _dates_values_before(found, readings, span):
            readings.extend((reading, span) for reading in found)
    for reading, span in readings:
        oid = f"{iid}.o{len(indicator.observations) + 1}"
        indicator.observations.append(_observation(r, oid, reading, span))
    return indicator


def _dates_values_before(
    found: list[ObservationValue], readings: list[tuple[ObservationValue, Span]], line: Span
) -> bool:
    """A line that is only ``（令和5年度末）`` dates the undated values of the lines before it.

    Returns whether the line was such a date (and so holds no value of its own).
    """
    if len(found) != 1 or found[0].quantity is not None or found[0].label or not readings:
        return False
    period = found[0].period
    if period is None:
        return False
    for index, (reading, span) in enumerate(readings):
        if reading.period is None:
            readings[index] = (
                replace(reading, period=period),
                Span(span.first_line, line.last_line),
            )
    return True


def _line_observations(line_text: str) -> list[ObservationValue]:
    """A continuation line ``食料自給率：38%（…）`` labels its own values; a line
    ``北部：12件、南部：8件`` labels each value."""
    label, values = split_label(line_text)
    if not values or labels_each_value(line_text):
        return split_observations(line_text)
    return [
        ObservationValue(f"{label} {o.label}".strip(), o.text, o.quantity, o.period, o.note)
        for o in split_observations(values)
    ]


def _observation(r: Resolver, oid: str, reading: ObservationValue, span: Span) -> Observation:
    """One value; what cannot be read is kept as text and reported with its line."""
    line_no = span.first_line
    _warn_value(r, reading, line_no, target=False)
    if reading.quantity is not None and reading.period is None:
        r.warn("observation_period_unread", f"時点を読めません: {reading.text[:40]}", line_no)
    return Observation(oid, reading.text, span, reading.label, reading.quantity, reading.period)


def split_name_value(text: str) -> tuple[str, str]:
    """``name：value`` on the bullet's first line; further lines belong to the value.

    A bullet whose first line has no colon (a target stated in words, with its values on the
    continuation lines) keeps the first line as the name.
    """
    first, _, rest = text.partition("\n")
    name, value = split_label(first)
    return name, "\n".join(v for v in (value, rest.strip()) if v)
