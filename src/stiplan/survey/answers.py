"""What a ministry hands in (the content of a ``Revision``) and the checks every hand-in
passes, from a workbook or from the browser alike.

An ``Answer`` holds, for each initiative the ministry owns, this year's status items and next
steps (``Item``: text and ministries) and, for each indicator value it owns, this year's value
and as-of period. The checks use the project's normalisers (``parse_quantity`` for 万/億/兆,
``parse_period_with_note`` for 和暦, 年度…) and refuse what would not read back the same from
the report's text: line breaks, footnote markers, a trailing ministry tag in the text, a ``・``
that would split one item in two.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from stiplan.model import MinistryRef
from stiplan.normalize.dates import PeriodError, parse_period_with_note
from stiplan.normalize.ministries import lookup
from stiplan.normalize.numbers import QuantityError, parse_quantity
from stiplan.survey.content import LEAD_MARK, NONE_TEXT, Item
from stiplan.survey.messages import Message, message

MAX_TEXT = 2000
"""Characters a status item or next step may hold (the longest in the real reports is
about 600)."""
MAX_SHORT = 60
"""Characters of a value, a period or a ministry list."""
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MARKERS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]|\^\{")
_SPLITTING_BULLET = re.compile(r"\s・")
_TRAILING_TAG = re.compile(r"【[^【】]*】\s*$")
_SEPARATORS = re.compile(r"[、，,]")


@dataclass(frozen=True, slots=True)
class InitiativeAnswer:
    """This year's status items and next steps of one initiative."""

    status: tuple[Item, ...]
    actions: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class ObservationAnswer:
    """This year's value (with its unit, as written: ``4兆2,050億円``) and as-of period."""

    value: str
    period: str


@dataclass(frozen=True, slots=True)
class Answer:
    """One ministry's hand-in: its initiatives and indicator values, by element path."""

    initiatives: dict[str, InitiativeAnswer] = field(default_factory=dict)
    observations: dict[str, ObservationAnswer] = field(default_factory=dict)

    def to_json(self) -> str:
        """The stored form (``survey_revisions.content``)."""
        data = {
            "initiatives": {
                path: {
                    "status": [[i.text, i.ministries] for i in a.status],
                    "actions": [[i.text, i.ministries] for i in a.actions],
                }
                for path, a in self.initiatives.items()
            },
            "observations": {p: [o.value, o.period] for p, o in self.observations.items()},
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Answer:
        data = json.loads(text)
        initiatives = {
            path: InitiativeAnswer(
                tuple(Item(t, m) for t, m in a["status"]),
                tuple(Item(t, m) for t, m in a["actions"]),
            )
            for path, a in data["initiatives"].items()
        }
        observations = {p: ObservationAnswer(v, d) for p, (v, d) in data["observations"].items()}
        return cls(initiatives, observations)


class MinistriesError(ValueError):
    """A ministries cell that cannot be read; ``message`` says why."""

    def __init__(self, found: Message) -> None:
        super().__init__(found.text())
        self.message = found


def text_problem(text: str) -> Message | None:
    """Why an item's text cannot go into the report, or None."""
    if len(text) > MAX_TEXT:
        return message("text_too_long", limit=MAX_TEXT, length=len(text))
    if "\n" in text or "\r" in text:
        return message("text_newline")
    if _CONTROL.search(text):
        return message("text_control")
    if _MARKERS.search(text):
        return message("text_marker")
    if _SPLITTING_BULLET.search(text):
        return message("text_bullet")
    if text != NONE_TEXT and _TRAILING_TAG.search(text):
        return message("text_tag")
    return None


def parse_ministries(text: str) -> list[MinistryRef]:
    """``*文、経`` → 文 (lead), 経. Raises ``MinistriesError`` naming an unknown code."""
    if len(text) > MAX_SHORT:
        raise MinistriesError(message("ministries_too_long", limit=MAX_SHORT))
    refs: list[MinistryRef] = []
    for piece in _SEPARATORS.split(text):
        code = piece.strip()
        lead = code.startswith(LEAD_MARK)
        code = code.removeprefix(LEAD_MARK).strip()
        if not code:
            continue
        if lookup(code) is None:
            raise MinistriesError(message("ministry_unknown", code=code))
        refs.append(MinistryRef(code, lead, code))
    return refs


def value_problem(value: str, unit: str) -> Message | None:
    """Why a value cannot be this year's value of an indicator whose unit was ``unit`` (it
    must read as one quantity, in that unit), or None."""
    if not value:
        return message("value_missing")
    if len(value) > MAX_SHORT or _CONTROL.search(value):
        return message("value_form", limit=MAX_SHORT)
    try:
        quantity = parse_quantity(value)
    except QuantityError:
        return message("value_unread", value=value)
    if unit and quantity.unit != unit:
        return message("value_unit", unit=unit, found=quantity.unit)
    return None


def period_problem(period: str) -> Message | None:
    """Why a text cannot be an as-of period (和暦, 西暦, 年度, 年度末…), or None."""
    if not period:
        return message("period_missing")
    if len(period) > MAX_SHORT or _CONTROL.search(period) or "（" in period or "）" in period:
        return message("period_form", limit=MAX_SHORT)
    try:
        parse_period_with_note(period)
    except PeriodError:
        return message("period_unread", period=period)
    return None
