"""The layout of a ministry's survey workbook, shared by the writer (``workbook``) and the
reader (``validate``): which sheets, which rows in which order, which cells are locked and
what they hold, which cells the ministry fills in and what they start with.

Row keys are ``<initiative path>#st<n>`` (status item n), ``#a<n>`` (next step n) and the
observation's path; they never change between the workbook written and the one read back.
Each initiative offers last year's items plus ``SPARE_ROWS`` empty rows per kind; a kind with
no item last year starts with ``—`` (none).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass

from stiplan.survey.content import (
    NONE_TEXT,
    SPARE_ROWS,
    InitiativeRows,
    Item,
    ObservationRow,
    RoundContent,
)

INITIATIVES_SHEET = "取組"
INDICATORS_SHEET = "指標"
INSTRUCTIONS_SHEET = "記入要領"
SIGNATURE_SHEET = "署名"
STATUS_KIND = "実施状況"
ACTION_KIND = "今後の取組方針"
OWN = "回答"
REFERENCE = "参考（関係府省として）"

INITIATIVE_HEADERS = (
    "行ID",
    "節",
    "基本計画における具体的な取組",
    "取組の府省",
    "区分",
    "種別",
    "番号",
    "昨年度の記載",
    "昨年度の府省",
    "今年度の記載",
    "今年度の府省（*は主担当）",
)
INDICATOR_HEADERS = (
    "行ID",
    "節",
    "参考指標",
    "内訳",
    "単位",
    "昨年度の値",
    "昨年度の時点",
    "今年度の値（単位まで）",
    "今年度の時点",
)


EDITABLE_COLUMNS = ("text", "ministries")
"""Every sheet ends with two cells to fill in: text and ministries, or value and period."""


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One row: the locked cells (the key first), the starting values of the cells to fill
    in, and whether the ministry may fill them (False: a reference row, all locked)."""

    key: str
    locked: tuple[str, ...]
    start: tuple[str, ...]
    editable: bool


@dataclass(frozen=True, slots=True)
class SheetSpec:
    name: str
    headers: tuple[str, ...]
    rows: tuple[RowSpec, ...]

    @property
    def first_editable(self) -> int:
        """The 1-based column of the first cell to fill in (the last two columns)."""
        return len(self.headers) - len(EDITABLE_COLUMNS) + 1


@dataclass(frozen=True, slots=True)
class Layout:
    round_id: str
    ministry: str
    sheets: tuple[SheetSpec, ...]

    def digest(self) -> str:
        """SHA-256 of everything locked: the workbook's rows as the round made them."""
        body = [[s.name, s.headers, [[r.locked, r.editable] for r in s.rows]] for s in self.sheets]
        text = json.dumps([self.round_id, self.ministry, body], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signature(secret: str, round_id: str, ministry: str, digest: str) -> str:
    """The HMAC the hidden sheet carries: only the store's round secret can make it."""
    message = f"{round_id}\n{ministry}\n{digest}".encode()
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def _padded(items: tuple[Item, ...]) -> list[Item]:
    rows = list(items) or [Item(NONE_TEXT)]
    return rows + [Item("")] * SPARE_ROWS


def _kind_rows(
    rows: InitiativeRows, kind: str, code: str, items: tuple[Item, ...], own: bool
) -> list[RowSpec]:
    last = list(items)
    specs: list[RowSpec] = []
    for n, item in enumerate(_padded(items), start=1):
        before = last[n - 1] if n <= len(last) else Item("")
        locked = (
            f"{rows.path}#{code}{n}",
            rows.place,
            rows.commitment,
            rows.ministries,
            OWN if own else REFERENCE,
            kind,
            str(n),
            before.text,
            before.ministries,
        )
        specs.append(RowSpec(locked[0], locked, (item.text, item.ministries), own))
    return specs


def initiative_rows(rows: InitiativeRows, ministry: str) -> list[RowSpec]:
    own = rows.owner == ministry
    return [
        *_kind_rows(rows, STATUS_KIND, "st", rows.status, own),
        *_kind_rows(rows, ACTION_KIND, "a", rows.actions, own),
    ]


def observation_row(row: ObservationRow) -> RowSpec:
    locked = (row.path, row.place, row.indicator, row.label, row.unit, row.value, row.period)
    return RowSpec(row.path, locked, (row.value, row.period), True)


def layout_of(content: RoundContent, round_id: str, ministry: str) -> Layout:
    """The workbook of ``ministry`` in the round."""
    initiatives = [
        s for r in content.initiatives_of(ministry) for s in initiative_rows(r, ministry)
    ]
    indicators = [observation_row(o) for o in content.observations_of(ministry)]
    return Layout(
        round_id,
        ministry,
        (
            SheetSpec(INITIATIVES_SHEET, INITIATIVE_HEADERS, tuple(initiatives)),
            SheetSpec(INDICATORS_SHEET, INDICATOR_HEADERS, tuple(indicators)),
        ),
    )
