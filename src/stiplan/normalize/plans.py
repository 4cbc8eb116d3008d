"""The STI Basic Plans a document can belong to, and how a text names one.

The list lives in ``stiplan/data/plans.toml`` (ordinal, Japanese and English name, first and
last fiscal year), like the ministry dictionary. A plan is identified everywhere by its ordinal
(``6`` for 第6期科学技術・イノベーション基本計画): an int is what the store keeps, what
``--plan`` and ``plan=`` take and what sorts in order.

Names are read with one pattern, ``第N期`` (Arabic or full-width digits, kanji numerals,
spaces from PDF extraction allowed) directly followed by ``基本計画``,
``科学技術基本計画`` or ``科学技術・イノベーション基本計画``. A bare ``第N期`` is not a plan:
universities' mid-term goals and many other things are numbered that way too.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Plan:
    """One STI Basic Plan: its ordinal (第N期), names and the fiscal years it covers."""

    ordinal: int
    name_ja: str
    name_en: str
    first_fiscal_year: int
    last_fiscal_year: int
    source: str = ""

    @property
    def label(self) -> str:
        """The short Japanese label lists show: ``第6期``."""
        return f"第{self.ordinal}期"

    def covers(self, fiscal_year: int) -> bool:
        """Whether the plan runs in this fiscal year."""
        return self.first_fiscal_year <= fiscal_year <= self.last_fiscal_year


class PlanError(ValueError):
    """A plan given by a user that is not one of the known plans (the message says which are)."""


@cache
def plans() -> tuple[Plan, ...]:
    """Every known plan, oldest first, read once from the packaged TOML file."""
    raw = tomllib.loads(
        resources.files("stiplan.data").joinpath("plans.toml").read_text(encoding="utf-8")
    )
    found = tuple(sorted((Plan(**entry) for entry in raw["plan"]), key=lambda p: p.ordinal))
    if len({p.ordinal for p in found}) != len(found):  # pragma: no cover - a data error
        raise ValueError("plans.toml: two plans share an ordinal")
    return found


def lookup(ordinal: int | None) -> Plan | None:
    """The plan with this ordinal, or None (unknown ordinal, or no plan)."""
    return next((p for p in plans() if p.ordinal == ordinal), None)


def plan_label(ordinal: int | None) -> str:
    """``第6期`` for a plan, empty for none: what tables print."""
    return "" if ordinal is None else f"第{ordinal}期"


def plan_covering(fiscal_years: Iterable[int]) -> Plan | None:
    """The one plan covering every given fiscal year, else None (none, or not all in one)."""
    years = set(fiscal_years)
    if not years:
        return None
    return next((p for p in plans() if all(p.covers(y) for y in years)), None)


_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMERAL = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_PLAN_NAME = re.compile(
    rf"第\s*(?P<n>{_NUMERAL})\s*期\s*(?:科\s*学\s*技\s*術\s*(?:[・･]?\s*イ\s*ノ\s*ベ\s*ー\s*シ\s*ョ\s*ン\s*)?)?"
    r"基\s*本\s*計\s*画"
)
_OPTION = re.compile(rf"^\s*(?:第\s*)?(?P<n>{_NUMERAL})\s*(?:期)?\s*$")


def kanji_number(text: str) -> int | None:
    """``六`` → 6, ``十二`` → 12, ``二十`` → 20; None for what is not a numeral up to 99."""
    if not text or any(ch not in _KANJI_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _KANJI_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def _number(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else kanji_number(text)


def plans_named(text: str) -> list[int]:
    """The ordinals of the plans a text names, in order of first mention, each once.

    Unknown ordinals (a 5th plan when the list starts at the 6th) are kept: a text naming
    only an unknown plan must not be taken to name none.
    """
    folded = unicodedata.normalize("NFKC", text)
    found: list[int] = []
    for match in _PLAN_NAME.finditer(folded):
        number = _number(match["n"])
        if number is not None and number not in found:
            found.append(number)
    return found


_STATED_BEFORE = re.compile(r"対象\s*(?:とする|は)?\s*[:：]?\s*$")
_STATED_AFTER = re.compile(r"^\s*(?:の|に係る|に関する)?\s*(?:フォローアップ|進捗)")


def plans_stated(text: str) -> list[int]:
    """The plans a text states it is about: named right after ``対象`` (``対象：第7期基本計画``)
    or right before ``フォローアップ`` / ``進捗`` (``第6期基本計画の進捗状況``).

    Stronger than a mere mention: a title may name two plans but follow up only one.
    """
    folded = unicodedata.normalize("NFKC", text)
    found: list[int] = []
    for match in _PLAN_NAME.finditer(folded):
        before, after = folded[: match.start()], folded[match.end() :]
        if not (_STATED_BEFORE.search(before) or _STATED_AFTER.match(after)):
            continue
        number = _number(match["n"])
        if number is not None and number not in found:
            found.append(number)
    return found


def parse_plan(text: str) -> int:
    """What a user gives as a plan (``7``, ``第7期``, ``第７期``, ``七``) → its ordinal.

    Raises ``PlanError`` for anything else, or for a plan not in the list.
    """
    match = _OPTION.match(unicodedata.normalize("NFKC", text))
    number = _number(match["n"]) if match else None
    if number is None or lookup(number) is None:
        known = "、".join(f"{p.ordinal}（{p.label}）" for p in plans())
        raise PlanError(f"基本計画 {text!r} は不明です（指定できるのは {known}）")
    return number
