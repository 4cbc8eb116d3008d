"""The curated names extraction looks for: programmes and organisations, with their aliases.

The lists live in ``stiplan/data/programmes.toml`` and ``stiplan/data/organisations.toml``.
Names are matched on a *key* form of the text (``stiplan.normalize.text.compact``: widths and
radicals folded, whitespace removed), longest alias first, so that ``SIP4D`` is found before
``SIP`` and ``ムーンショット型研究開発制度`` before ``ムーンショット``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from stiplan.model import ProgrammeKind
from stiplan.normalize.text import clean, compact

# After a programme's name, these make it part of another name: バイオ戦略有識者会議 is a body,
# ITER機構 an organisation, みどりの食料システム戦略本部 the body that decided the strategy.
_PART_OF_BODY = re.compile(r"(?:推進会議|会議|本部|チーム|有識者|機構|事務局|委員会|室)")


@dataclass(frozen=True, slots=True)
class Entry:
    """One alias of a curated name, in key form."""

    key: str
    name: str
    kind: ProgrammeKind | None  # None for organisations


@dataclass(frozen=True, slots=True)
class Hit:
    """A curated name found in a text: where (in the key form) and as what."""

    entry: Entry
    start: int
    end: int


def key(text: str) -> str:
    """The form names are compared in: cleaned, widths folded, no whitespace."""
    return compact(clean(text))[0]


def _load(file_name: str) -> dict[str, dict[str, object]]:
    raw = resources.files("stiplan.data").joinpath(file_name).read_text(encoding="utf-8")
    return tomllib.loads(raw)


def _entries(file_name: str, with_kind: bool) -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for name, data in _load(file_name).items():
        kind = ProgrammeKind(str(data["kind"])) if with_kind else None
        aliases = data.get("aliases", [])
        assert isinstance(aliases, list)
        for alias in [name, *aliases]:
            entries.append(Entry(key(str(alias)), name, kind))
    return tuple(sorted(entries, key=lambda e: -len(e.key)))


@cache
def programmes() -> tuple[Entry, ...]:
    """Every programme alias, longest first."""
    return _entries("programmes.toml", with_kind=True)


@cache
def organisations() -> tuple[Entry, ...]:
    """Every organisation alias, longest first."""
    return _entries("organisations.toml", with_kind=False)


@cache
def programme_by_key() -> dict[str, Entry]:
    """Alias key → entry, to give a name found in quotes its canonical spelling."""
    return {e.key: e for e in reversed(programmes())}


def aliases_of(name: str) -> list[str]:
    """The keys under which a programme is found: its own and, if curated, its aliases."""
    found = [e.key for e in programmes() if e.name == name]
    return found or [key(name)]


def _latin(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "-")


def stands_alone(s: str, start: int, end: int, alias: str) -> bool:
    """A Latin alias must not be glued to Latin letters, digits or hyphens (SIP in SIP4D)."""
    if _latin(alias[0]) and start > 0 and _latin(s[start - 1]):
        return False
    return not (_latin(alias[-1]) and end < len(s) and _latin(s[end]))


_COMPILED: dict[int, tuple[tuple[Entry, ...], re.Pattern[str], dict[str, Entry]]] = {}


def _compiled(entries: tuple[Entry, ...]) -> tuple[re.Pattern[str], dict[str, Entry]]:
    """One alternation of every alias, longest first, and the entry of each alias key.

    Kept by the identity of the (cached) entry tuple: hashing 150 entries per call would cost
    more than the search.
    """
    known = _COMPILED.get(id(entries))
    if known is not None and known[0] is entries:
        return known[1], known[2]
    by_key: dict[str, Entry] = {}
    for entry in entries:
        if entry.key:
            by_key.setdefault(entry.key, entry)
    ordered = sorted(by_key, key=lambda k: -len(k))
    pattern = re.compile("|".join(re.escape(k) for k in ordered))
    _COMPILED[id(entries)] = (entries, pattern, by_key)
    return pattern, by_key


def find(s: str, entries: tuple[Entry, ...], taken: list[tuple[int, int]]) -> list[Hit]:
    """Curated names in the key-form text ``s``, not overlapping ``taken`` nor each other.

    One pass of a single alternation (longest alias first at each position). ``taken`` is
    extended with every hit. A programme name followed by 会議, 本部… is part of a body's name
    and is skipped.
    """
    pattern, by_key = _compiled(entries)
    hits: list[Hit] = []
    pos = 0
    while (m := pattern.search(s, pos)) is not None:
        entry = by_key[m.group()]
        start, end = m.start(), m.end()
        free = all(end <= a or start >= b for a, b in taken)
        body = entry.kind is not None and _PART_OF_BODY.match(s, end) is not None
        if free and not body and stands_alone(s, start, end, entry.key):
            hits.append(Hit(entry, start, end))
            taken.append((start, end))
            pos = end
        else:
            pos = start + 1
    return hits
