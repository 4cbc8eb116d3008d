"""What kind of quantity a unit measures, to decide how it may be drawn.

A chart of a count or an amount (件, 人, 社, 円…) must start its value axis at zero, or a
small change looks large; a share, ratio, rank or level (%, 倍, 円/トン, 位, 歳, °C) is read
against its neighbours, and an axis from zero would flatten it (a chart then marks its axis as
cut). The kind is read from the unit alone, never from an indicator's name: a currency is an
amount, a rate word or a unit per unit is a ratio (but a count per period, 回/年, is a count),
and every other unit (a counter such as 件 or 自治体, a mass such as トン, or no unit at all:
a bare count) is a count.
"""

from __future__ import annotations

from enum import StrEnum


class UnitKind(StrEnum):
    AMOUNT = "amount"  # money: 円, ドル (the multiplier 万/億/兆 is folded into the value)
    COUNT = "count"  # things counted or measured from zero: 件, 人, 社, トン, a bare number
    RATIO = "ratio"  # a share or rate: %, 割, ポイント, 倍, a unit per unit (円/トン)
    RANK = "rank"  # a place in a ranking: 位
    LEVEL = "level"  # a point on a scale whose zero is not the comparison: 歳, °C, 点, 指数


_CURRENCIES = ("円", "ドル", "ユーロ", "ポンド", "ウォン")
_RATIOS = frozenset({"%", "％", "割", "ポイント", "pt", "倍", "‰", "パーセント"})
_LEVELS = frozenset({"歳", "°C", "℃", "度", "点", "指数"})
_RANKS = frozenset({"位"})
ZERO_BASED = frozenset({UnitKind.AMOUNT, UnitKind.COUNT})


_PERIODS = frozenset({"年", "年度", "月", "週", "日", "時間"})


def unit_kind(unit: str) -> UnitKind:
    """The kind of ``unit`` as stored (``円``, ``円/トン``, ``回/年``, ``%``, ``件``, ``""``)."""
    text = unit.strip().replace("／", "/")
    if "/" in text:
        counted, per = text.split("/", 1)
        if per.lstrip("0123456789") in _PERIODS and unit_kind(counted) is UnitKind.COUNT:
            return UnitKind.COUNT  # a count per period (回/年) is still a count
        return UnitKind.RATIO
    if text in _RATIOS:
        return UnitKind.RATIO
    if text in _RANKS:
        return UnitKind.RANK
    if text in _LEVELS:
        return UnitKind.LEVEL
    if text.endswith(_CURRENCIES):
        return UnitKind.AMOUNT
    return UnitKind.COUNT


def zero_based(unit: str) -> bool:
    """Whether a value axis of ``unit`` must include zero: counts and amounts."""
    return unit_kind(unit) in ZERO_BASED
