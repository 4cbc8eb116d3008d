"""Ministry tags (``【IT、<u>科技</u>、文】``) → ``MinistryRef``s, and the ministry dictionary.

The dictionary lives in ``stiplan/data/ministries.toml`` with the official names, kinds,
successors and the source of each entry. Unknown codes are kept (nothing is dropped) and
reported; garbled tags are repaired only where the reading is certain.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib import resources

from stiplan.model import MinistryRef, Warning

_SEPARATORS = re.compile(r"[、，,]")
_TAG_PIECES = re.compile(r"(</?u>|[、，,])", re.IGNORECASE)
# A middle dot or a space between codes (``【文・経】``, ``【文　経】``) separates them only when
# every piece it leaves is a known code: ``【国・地方】`` in a sentence is no tag.
_SOFT_SEPARATORS = re.compile(r"[・･\s]+")
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
    for piece in _TAG_PIECES.split(_soft_separated(inner)):
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


def _soft_separated(inner: str) -> str:
    """``文・<u>経</u>`` → ``文、<u>経</u>`` when every piece is a known code, else unchanged."""
    plain = _UNDERLINE.sub("", inner)
    if not _SOFT_SEPARATORS.search(plain.strip()):
        return inner
    known = dictionary()
    pieces = _SEPARATORS.split(_SOFT_SEPARATORS.sub("、", plain))
    if not all(piece in known for piece in pieces if piece):
        return inner
    return _SOFT_SEPARATORS.sub("、", inner)


@lru_cache(maxsize=4096)
def looks_like_tag(inner: str) -> bool:
    """True when ``【inner】`` names at least one known ministry or a fragment of one
    (``【<u>科</u>、<u>技</u>】``); ``【追補版】`` in a title does not. Cached, as the split is."""
    known = dictionary()
    return any(code in known or is_fragment(code) for code, _ in _codes_with_underline(inner))


def parse_tag(
    inner: str, line: int, document_codes: frozenset[str] = frozenset()
) -> tuple[list[MinistryRef], list[Warning]]:
    """Read the content of one ministry tag (footnote markers already removed).

    Repairs are made only where the reading is certain, each with a warning so that it is
    visible: two unknown pieces whose join is a known code (``科``, ``技`` → 科技, split by the
    PDF) are joined; a lone unknown code that begins exactly one known code the same document
    uses (``document_codes``) is read as that code (``科`` where the report writes 科技). An
    unknown code that begins several such codes stays as written and is flagged ambiguous.
    Other unknown codes are kept and flagged.
    """
    pairs = _codes_with_underline(inner)
    refs: list[MinistryRef] = []
    warnings: list[Warning] = []
    i = 0
    while i < len(pairs):
        code, lead = pairs[i]
        if i + 1 < len(pairs) and _joins_to_known(code, pairs[i + 1][0]):
            joined = code + pairs[i + 1][0]
            refs.append(
                MinistryRef(joined, lead or pairs[i + 1][1], raw=f"{code}、{pairs[i + 1][0]}")
            )
            message = f"「{code}、{pairs[i + 1][0]}」を「{joined}」と読み替えました"
            warnings.append(
                Warning("ministry_tag_repaired", f"{message}: 【{_plain(inner)}】", line)
            )
            i += 2
            continue
        ref, warning = _read_code(code, lead, inner, line, document_codes)
        refs.append(ref)
        if warning is not None:
            warnings.append(warning)
        i += 1
    return refs, warnings


def _joins_to_known(first: str, second: str) -> bool:
    known = dictionary()
    return first not in known and second not in known and first + second in known


def _read_code(
    code: str, lead: bool, inner: str, line: int, document_codes: frozenset[str]
) -> tuple[MinistryRef, Warning | None]:
    """One code of a tag: as written, repaired from a truncation, or flagged."""
    if code in dictionary():
        return MinistryRef(code, lead, raw=code), None
    tag = f"【{_plain(inner)}】"
    completions = sorted(c for c in document_codes if c != code and c.startswith(code))
    if len(completions) == 1:
        message = f"「{code}」を文書中の「{completions[0]}」の欠けと見て読み替えました: {tag}"
        return MinistryRef(completions[0], lead, raw=code), Warning(
            "ministry_code_repaired", message, line
        )
    if len(completions) > 1:
        choices = "・".join(f"「{c}」" for c in completions)
        message = f"「{code}」は文書中の{choices}のどれの欠けか決められません: {tag}"
        return MinistryRef(code, lead, raw=code), Warning("ministry_code_ambiguous", message, line)
    kind = "ministry_code_uncertain" if is_fragment(code) else "unknown_ministry_code"
    return MinistryRef(code, lead, raw=code), Warning(
        kind, f"不明な府省略称「{code}」: {tag}", line
    )


def is_fragment(code: str) -> bool:
    """An unknown code that is part of a known one (``科`` of 科技): a PDF cut, not a name."""
    return code not in dictionary() and any(code in known for known in _multi_char_codes())


@cache
def _multi_char_codes() -> tuple[str, ...]:
    return tuple(code for code in dictionary() if len(code) > 1)


def known_codes_in(tag_inners: Iterable[str]) -> frozenset[str]:
    """The known codes a document writes in its tags: what a truncated code may stand for."""
    known = dictionary()
    return frozenset(
        code for inner in tag_inners for code, _ in _codes_with_underline(inner) if code in known
    )


def _plain(inner: str) -> str:
    return _UNDERLINE.sub("", inner)
