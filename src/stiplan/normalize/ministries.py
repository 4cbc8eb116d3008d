"""Ministry tags (``【IT、<u>科技</u>、文】``) → ``MinistryRef``s, and the ministry dictionary.

The dictionary lives in ``stiplan/data/ministries.toml`` with the official names, kinds,
successors and the source of each entry. Unknown codes are kept (nothing is dropped) and
reported; garbled tags are repaired only where the reading is certain.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from stiplan.model import MinistryRef, Warning

_SEPARATORS = re.compile(r"[、，,]")
_TAG_PIECES = re.compile(r"(</?u>|[、，,])", re.IGNORECASE)
_UNDERLINE = re.compile(r"</?u>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class MinistryInfo:
    """One entry of the ministry dictionary."""

    code: str
    name_ja: str
    name_en: str
    kind: str
    source: str
    successor: str | None = None
    since: date | None = None


@cache
def dictionary() -> dict[str, MinistryInfo]:
    """All known ministry codes, read once from the packaged TOML file."""
    raw = tomllib.loads(
        resources.files("stiplan.data").joinpath("ministries.toml").read_text(encoding="utf-8")
    )
    return {code: MinistryInfo(code=code, **entry) for code, entry in raw.items()}


def lookup(code: str) -> MinistryInfo | None:
    """The dictionary entry for ``code``, or None when the code is unknown."""
    return dictionary().get(code)


@lru_cache(maxsize=4096)
def _codes_with_underline(inner: str) -> tuple[tuple[str, bool], ...]:
    """Split tag content into (code, underlined) pairs, keeping underline state across tags.

    Cached: a report writes the same few dozen tags hundreds of times, and every bracket of a
    table cell is asked whether it is a tag.
    """
    parts: list[tuple[str, bool]] = []
    underlined = False
    current: list[str] = []
    current_lead = False
    for piece in _TAG_PIECES.split(inner):
        low = piece.lower()
        if low == "<u>":
            underlined = True
        elif low == "</u>":
            underlined = False
        elif _SEPARATORS.fullmatch(piece):
            parts.append(("".join(current).strip(), current_lead))
            current, current_lead = [], False
        elif piece.strip():
            current.append(piece)
            current_lead = current_lead or underlined
    parts.append(("".join(current).strip(), current_lead))
    return tuple((code, lead) for code, lead in parts if code)


@lru_cache(maxsize=4096)
def looks_like_tag(inner: str) -> bool:
    """True when ``【inner】`` names at least one known ministry or a fragment of one
    (``【<u>科</u>、<u>技</u>】``); ``【追補版】`` in a title does not. Cached, as the split is."""
    known = dictionary()
    return any(code in known or code in _UNCERTAIN for code, _ in _codes_with_underline(inner))


def parse_tag(inner: str, line: int) -> tuple[list[MinistryRef], list[Warning]]:
    """Read the content of one ministry tag (footnote markers already removed).

    ``科``, ``技`` written as two codes inside one tag is certainly 科技 split by the PDF and is
    joined (with a warning, so the repair is visible). A lone ``科`` could be 科技 or a slip and
    is kept as written and flagged. Unknown codes are kept and flagged.
    """
    pairs = _codes_with_underline(inner)
    refs: list[MinistryRef] = []
    warnings: list[Warning] = []
    i = 0
    while i < len(pairs):
        code, lead = pairs[i]
        if code == "科" and i + 1 < len(pairs) and pairs[i + 1][0] == "技":
            refs.append(MinistryRef("科技", lead or pairs[i + 1][1], raw="科、技"))
            warnings.append(
                Warning(
                    "ministry_tag_repaired",
                    f"「科、技」を「科技」と読み替えました: 【{_plain(inner)}】",
                    line,
                )
            )
            i += 2
            continue
        refs.append(MinistryRef(code, lead, raw=code))
        if code not in dictionary():
            kind = "ministry_code_uncertain" if code in _UNCERTAIN else "unknown_ministry_code"
            warnings.append(Warning(kind, f"不明な府省略称「{code}」: 【{_plain(inner)}】", line))
        i += 1
    return refs, warnings


# Fragments of known codes that PDF conversion leaves alone: flagged, never guessed.
_UNCERTAIN = frozenset({"科", "技"})


def _plain(inner: str) -> str:
    return _UNDERLINE.sub("", inner)
