"""Footnote markers: superscript numbers glued to text (``²⁴``, `` ⁸⁶ ``, ``^{34 35 36}``).

The reports cite footnotes with superscript digits that PDF conversion sometimes surrounds with
spaces or writes as ``^{…}``. Markers are taken out of the text and returned as numbers so that
no citation is lost and the text reads cleanly.
"""

from __future__ import annotations

import re

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# A unit such as m² or km³ is not a footnote: a lone ² or ³ right after "m".
_UNIT_POWER = re.compile(r"(?<=[mｍ])[²³](?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
# A footnote number has at most four digits (reports number a few hundred notes); a longer run
# of superscript digits is text, not a citation (and would not fit an int conversion anyway).
_MARKER = re.compile(
    r"[ \u3000]?(?:\^\{(?P<caret>[0-9 ,]+)\}"
    r"|(?<![⁰¹²³⁴⁵⁶⁷⁸⁹])(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])[⁾)]?)[ \u3000]?"
)
MAX_FOOTNOTE_DIGITS = 4
_CARET_SEPARATOR = re.compile(r"[ ,]+")
_PROTECTED_POWER = re.compile("\x00([23])")
# What extract_footnote_refs acts on: superscript digits, ^{…} markers, and the NUL with
# which it protects unit powers (m²) while it works.
_MAY_HOLD_MARKERS = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹^\x00]")
_DEFINITION = re.compile(
    r"^(?:(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})|\^\{(?P<caret>\d{1,4})\})[⁾)]?[ \u3000]+(?P<text>\S.*)$"
)


# Annotation marks point at a note written under a table or figure (``※``, ``※1``, ``※２``,
# ``注1``, ``（注3）``): they are not numbered footnotes of the document, and not values. ``注``
# is a mark only where no letter is glued before it (``受注1,200件`` is an order count).
_ANNOTATION_MARK = re.compile(
    r"[ \u3000]?(?:※+[0-9０-９]{0,3}|[（(]注[0-9０-９]{0,3}[）)]|(?<!\w)注[0-9０-９]{1,3})"
)


def superscript_to_int(marker: str) -> int:
    """``²⁴`` → 24."""
    return int(marker.translate(_TO_ASCII))


def _is_japanese(char: str) -> bool:
    return bool(char) and ord(char) >= 0x3000


def _join(left: str, right: str, spaced: bool) -> str:
    """What replaces a marker: a space where one stood beside it and the neighbours are not
    both Japanese (``額¹¹ 54.7兆円`` keeps label and value apart; ``経営 ⁸⁶ に`` closes up)."""
    if not spaced or not left or not right or left[-1].isspace() or right[0].isspace():
        return ""
    if _is_japanese(left[-1]) and _is_japanese(right[0]):
        return ""
    return " "


def extract_footnote_refs(text: str) -> tuple[str, list[int]]:
    """Remove footnote markers from ``text``; return the text and the cited numbers in order."""
    if _MAY_HOLD_MARKERS.search(text) is None:  # most texts: nothing to take out or restore
        return text, []
    protected = _UNIT_POWER.sub(lambda m: "\x00" + str(SUPERSCRIPT_DIGITS.index(m.group())), text)
    refs: list[int] = []
    out: list[str] = []
    pos = 0
    for m in _MARKER.finditer(protected):
        if m.group("caret"):
            numbers = _CARET_SEPARATOR.split(m.group("caret").strip())
            refs.extend(int(n) for n in numbers if 0 < len(n) <= MAX_FOOTNOTE_DIGITS)
        else:
            refs.append(superscript_to_int(m.group("sup")))
        left = protected[pos : m.start()]
        out.append(left)
        out.append(_join(left, protected[m.end() :], spaced=m.group().strip() != m.group()))
        pos = m.end()
    out.append(protected[pos:])
    result = "".join(out)
    result = _PROTECTED_POWER.sub(lambda m: SUPERSCRIPT_DIGITS[int(m.group(1))], result)
    return result, refs


def without_marks(text: str) -> str:
    """``text`` without footnote markers (``¹``, ``^{2}``) and annotation marks (``※1``, ``注2``).

    For reading the numbers of a text: a mark glued to a value (``789件※1``) would otherwise be
    read as a number. The caller keeps the text as written for display and tracing.
    """
    text, _ = extract_footnote_refs(text)
    if "※" not in text and "注" not in text:
        return text
    return _ANNOTATION_MARK.sub("", text)


# ``（再掲）`` marks an item repeated from another section; written also ``(再掲)``, ``【再掲】``,
# ``［再掲］`` or with spaces inside by other producers.
_REPEATED_MARK = re.compile(r"[（(［\[【〔]\s*再掲\s*[）)］\]】〕]")


def without_repeated_mark(text: str) -> tuple[str, bool]:
    """``text`` without its ``（再掲）`` marks, and whether it had one."""
    if "再掲" not in text:
        return text, False
    bare, found = _REPEATED_MARK.subn("", text)
    return (bare.strip() if found else text), found > 0


def match_footnote_definition(line: str) -> tuple[int, str] | None:
    """A line that defines a footnote (``⁷ 内閣府調べ``, ``⁴⁹⁾ …``) → (number, text)."""
    m = _DEFINITION.match(line)
    if m is None:
        return None
    number = superscript_to_int(m.group("sup")) if m.group("sup") else int(m.group("caret"))
    return number, m.group("text").strip()
