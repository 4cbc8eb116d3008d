"""Words that fix a count (``全都道府県`` = 47 prefectures) → a derived ``Quantity``.

A target or an observation is sometimes written as a word instead of a number: every
prefecture has reached something. The count such a word stands for is read from
``stiplan/data/fixed_counts.toml``, which lists only sets whose size is fixed by law or
definition, each with its basis. The quantity keeps the word as written in ``text`` and is
flagged ``derived``, so every display can say that the number was not printed in the report.
A word that is not in the table is never guessed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from stiplan.model import Quantity
from stiplan.normalize.text import compact


def _key(text: str) -> str:
    return compact(text.strip())[0]


@dataclass(frozen=True, slots=True)
class FixedCount:
    """One word of the table: the count it stands for and why that count is fixed."""

    word: str
    value: Decimal
    unit: str
    basis: str


@cache
def fixed_counts() -> dict[str, FixedCount]:
    """The table, keyed by the compacted word; read once from the packaged TOML file."""
    raw = tomllib.loads(
        resources.files("stiplan.data").joinpath("fixed_counts.toml").read_text(encoding="utf-8")
    )
    return {
        _key(word): FixedCount(word, Decimal(entry["value"]), entry["unit"], entry["basis"])
        for word, entry in raw.items()
    }


def split_derived(text: str) -> tuple[str, Quantity] | None:
    """``整備済み 全都道府県`` → ("整備済み", 47 都道府県 derived): a label, then such a word.

    The longest word of the table that ends the text wins; None when no word ends it.
    """
    key, index = compact(text)
    for word in sorted(fixed_counts(), key=len, reverse=True):
        if word and key.endswith(word):
            start = index[len(key) - len(word)]
            found = derived_count(text[start:])
            if found is not None:
                return text[:start].strip(), found
    return None


def derived_count(text: str) -> Quantity | None:
    """``全都道府県`` → 47 都道府県 (derived); None when the text is not exactly such a word."""
    found = fixed_counts().get(_key(text))
    if found is None:
        return None
    return Quantity(found.value, found.unit, text.strip(), derived=True)
