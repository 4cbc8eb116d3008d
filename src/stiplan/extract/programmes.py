"""Programmes: named strategies, plans and programmes (rules in ``stiplan.extract``)."""

from __future__ import annotations

import re

from stiplan.extract import catalogue
from stiplan.extract.units import Text, TextUnit, key_of
from stiplan.model import Programme, ProgrammeKind
from stiplan.normalize.text import compact

SUFFIXES = "戦略|計画|プログラム|構想|ビジョン|プラン|パッケージ|方針|制度|事業|基金|プロジェクト"
_QUOTED = re.compile(
    r"「([^「」]{2,60}?(?:" + SUFFIXES + r"))((?:19|20)\d\d)?(?:[(（](?:案|仮称)[)）])?」"
)
_EDITION_NAME = re.compile(
    r"([A-Za-z゠-ヿ一-鿿・]{2,30}?(?:戦略|計画|方針))((?:19|20)\d\d)(?![\d年])"
)
# What every match of _EDITION_NAME holds. The name pattern tries up to 30 characters from
# every position of a text (a tenth of extraction's time); most texts have no such year.
_EDITION_HINT = re.compile(r"(?:戦略|計画|方針)(?:19|20)\d\d")
_MOONSHOT_GOAL = re.compile(r"ムーンショット目標(\d{1,2})(?!\d)")
_BARE_GOAL = re.compile(r"^目標\s*(\d{1,2})(?![\d年])")
_BASIC_PLAN = re.compile(r"第([0-9]{1,2})期(?:科学技術・イノベーション|科学技術)?基本計画")
_EDITION = re.compile(r"(?:19|20)\d\d(?![\d年.])")
_KIND_OF_SUFFIX = {
    "戦略": ProgrammeKind.STRATEGY,
    "ビジョン": ProgrammeKind.STRATEGY,
    "計画": ProgrammeKind.PLAN,
    "プラン": ProgrammeKind.PLAN,
    "パッケージ": ProgrammeKind.PLAN,
    "方針": ProgrammeKind.PLAN,
    "構想": ProgrammeKind.PLAN,
}


def _kind_of(name: str) -> ProgrammeKind:
    for suffix, kind in _KIND_OF_SUFFIX.items():
        if name.endswith(suffix):
            return kind
    return ProgrammeKind.PROGRAMME


def canonical(name: str) -> tuple[str, ProgrammeKind]:
    """A programme name as written → its canonical name and kind (curated or by suffix)."""
    k = key_of(name)
    year = ""
    if m := re.search(r"((?:19|20)\d\d)$", k):
        base = k[: m.start()]
        if base in catalogue.programme_by_key():
            k, year = base, m.group(1)
    entry = catalogue.programme_by_key().get(k)
    if entry is not None and entry.kind is not None:
        return entry.name + year, entry.kind
    edition = re.search(r"(?:19|20)\d\d$", k)
    return k + year, _kind_of(k[: edition.start()] if edition else k)


def find_programmes(unit: TextUnit, text: Text) -> list[Programme]:
    """Programme mentions of one unit, each name once, in order of appearance."""
    s = text.s
    taken: list[tuple[int, int]] = []
    raw: list[tuple[int, str, ProgrammeKind, str]] = []

    def add(start: int, end: int, name: str, kind: ProgrammeKind) -> None:
        taken.append((start, end))
        raw.append((start, name, kind, text.orig(start, end)))

    for m in _MOONSHOT_GOAL.finditer(s):
        add(m.start(), m.end(), f"ムーンショット目標{int(m.group(1))}", ProgrammeKind.PROGRAMME)
    # Matched on the cleaned text: in the key form 「目標 6 2050年」 would read as 目標62050.
    bare = _BARE_GOAL.match(text.t)
    if bare is not None and "ムーンショット" in unit.heading + unit.title + s:
        number = int(bare.group(1))
        end = len(compact(text.t[: bare.end()])[0])
        add(0, end, f"ムーンショット目標{number}", ProgrammeKind.PROGRAMME)
    for m in _BASIC_PLAN.finditer(s):
        n = int(m.group(1))
        name = f"第{n}期科学技術基本計画" if n <= 5 else f"第{n}期科学技術・イノベーション基本計画"
        add(m.start(), m.end(), name, ProgrammeKind.PLAN)
    for m in _QUOTED.finditer(s):
        if _free(taken, m.start(1), m.end()):
            name, kind = canonical(m.group(1) + (m.group(2) or ""))
            add(m.start(1), m.end(2) if m.group(2) else m.end(1), name, kind)
    for m in _EDITION_NAME.finditer(s) if _EDITION_HINT.search(s) else ():
        if _free(taken, m.start(), m.end()):
            name, kind = canonical(m.group(1) + m.group(2))
            add(m.start(), m.end(), name, kind)
    for hit in catalogue.find(s, catalogue.programmes(), taken):
        assert hit.entry.kind is not None
        end = hit.end
        year = _EDITION.match(s, end)
        name = hit.entry.name
        if year is not None:
            name, end = name + year.group(), year.end()
        raw.append((hit.start, name, hit.entry.kind, text.orig(hit.start, end)))
    seen: set[str] = set()
    out: list[Programme] = []
    for _, name, kind, written in sorted(raw, key=lambda r: r[0]):
        if name not in seen:
            seen.add(name)
            out.append(Programme("", name, kind, written, unit.span, unit.element_id))
    return out


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in taken)


# --- organisations -------------------------------------------------------------------------
