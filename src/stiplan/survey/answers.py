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
from stiplan.survey.content import LEAD_MARK, NONE_TEXT, Item, ObservationRow

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


def text_problem(text: str) -> str | None:
    """Why an item's text cannot go into the report (Japanese, for the writer), or None."""
    if len(text) > MAX_TEXT:
        return f"{MAX_TEXT}字以内で記入してください（{len(text)}字）"
    if "\n" in text or "\r" in text:
        return "改行は使えません（項目を分けるときは次の行に記入してください）"
    if _CONTROL.search(text):
        return "制御文字は使えません"
    if _MARKERS.search(text):
        return "脚注記号（上付き数字）は使えません"
    if _SPLITTING_BULLET.search(text):
        return "文中の「・」の前に空白があると項目が分かれます（項目は行を分けてください）"
    if text != NONE_TEXT and _TRAILING_TAG.search(text):
        return "府省は府省の列に記入してください（文末の【…】は使えません）"
    return None


def parse_ministries(text: str) -> list[MinistryRef]:
    """``*文、経`` → 文 (lead), 経. Raises ``ValueError`` naming an unknown code."""
    if len(text) > MAX_SHORT:
        raise ValueError(f"{MAX_SHORT}字以内で記入してください")
    refs: list[MinistryRef] = []
    for piece in _SEPARATORS.split(text):
        code = piece.strip()
        lead = code.startswith(LEAD_MARK)
        code = code.removeprefix(LEAD_MARK).strip()
        if not code:
            continue
        if lookup(code) is None:
            raise ValueError(f"府省略称「{code}」は府省の一覧にありません（例: *文、経）")
        refs.append(MinistryRef(code, lead, code))
    return refs


def value_problem(value: str, row: ObservationRow) -> str | None:
    """Why a value cannot be this year's value of ``row`` (it must read as one quantity, in
    last year's unit), or None."""
    if not value:
        return "値を記入してください"
    if len(value) > MAX_SHORT or _CONTROL.search(value):
        return f"値は{MAX_SHORT}字以内、1行で記入してください"
    try:
        quantity = parse_quantity(value)
    except QuantityError:
        return f"値「{value}」を数量として読めません（例: 4兆2,050億円、23.0%）"
    if row.unit and quantity.unit != row.unit:
        return f"単位が昨年度（{row.unit}）と異なります: 「{quantity.unit}」"
    return None


def period_problem(period: str) -> str | None:
    """Why a text cannot be an as-of period (和暦, 西暦, 年度, 年度末…), or None."""
    if not period:
        return "時点を記入してください"
    if len(period) > MAX_SHORT or _CONTROL.search(period) or "（" in period or "）" in period:
        return f"時点は括弧なし、{MAX_SHORT}字以内で記入してください（例: 令和6年度）"
    try:
        parse_period_with_note(period)
    except PeriodError:
        return f"時点「{period}」を日付として読めません（例: 令和6年度、2025年3月末）"
    return None
