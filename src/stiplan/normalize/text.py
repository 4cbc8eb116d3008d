"""Text clean-up for indexing and display: safe width folding and PDF spacing repair.

The reports reach us as text converted from PDF. The conversion leaves three kinds of noise
that hurt search and display, and this module removes exactly those:

* compatibility code points whose meaning is the ordinary character (Kangxi radicals such as
  ``⽂`` for ``文``, full-width Latin letters and digits, half-width katakana, ``℃``);
* spaces between the letters of a Latin abbreviation (``S I P 4 D`` → ``SIP4D``);
* spaces between Japanese text and a Latin or numeric token (``令和 9 年度末`` → ``令和9年度末``).

Everything whose meaning would change under NFKC is kept as written: superscript and subscript
digits (``CO₂``, ``m²`` and the footnote markers ``²⁴``), circled numbers (``①``), squared
units (``㎡``), Roman numerals (``Ⅱ``) and Japanese punctuation (``（``, ``：``, ``～``, ``／``),
which the readers split on. Callers that need footnote numbers take the markers out first
(``clean_with_refs``); ``clean`` leaves them in the text.
"""

from __future__ import annotations

import re
import unicodedata

from stiplan.normalize.markers import extract_footnote_refs

# Full-width Latin letters and digits plus the symbols that live inside Latin tokens.
_WIDE_KEEP = frozenset("（）［］｛｝「」：；，．！？～／＼＂＇｀＜＞｜＾＿")
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _WIDE_KEEP}
# ．and ，between full-width digits are decimal point and thousands separator: folded in context.
_WIDE_DIGIT_PUNCT = re.compile(r"(?<=[0-9０-９])[．，](?=[0-9０-９])")
_SAFE_SINGLE = {"℃": "°C", "℉": "°F", "\u3000": " "}
_HALF_KATAKANA = re.compile(r"[\uff61-\uff9f]+")
_RADICAL_RANGES = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))
# Radicals whose NFKC form is not the ideograph Japanese text means: most of the CJK Radicals
# Supplement has no decomposition at all (``⺠`` stays ``⺠``), and a few Kangxi radicals
# decompose to the traditional form (``⿊`` → ``黑`` where Japanese writes ``黒``). Each entry is
# a glyph broken PDF fonts emit for the ordinary character (``国⺠``, ``⻑期``, ``関⻄``, ``⽬⿊``).
RADICAL_OVERRIDES = {
    "⺠": "民",
    "⻑": "長",
    "⻄": "西",
    "⻘": "青",
    "⻝": "食",
    "⻩": "黄",
    "⻭": "歯",
    "⻨": "麦",
    "⻲": "亀",
    "⿊": "黒",
    "⼾": "戸",
    "⾭": "青",
}

_SPACES = re.compile(r"\s+")
_NON_BLANK_RUN = re.compile(r"\S+")  # \s is exactly str.isspace() in a str pattern
_CARET_MARKER = re.compile(r"\^\{[^}]{0,200}\}")
_SCRIPT_DIGITS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹₀₁₂₃₄₅₆₇₈₉")
# Characters that may form a one-letter piece of a spaced-out abbreviation.
_JOINERS = frozenset("-.&%/+")


def _runs_of(table: dict[int, int] | dict[int, str]) -> re.Pattern[str]:
    """A pattern matching runs of the characters a translation table changes.

    ``str.translate`` looks every character of a text up in its table (a dict), which is slow
    on long Japanese text where few characters, if any, need folding; ``clean`` runs over every
    text unit ingested, much of it already clean. Finding the runs first and translating only
    them gives the same text several times faster.
    """
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(table)) + "]+")


_WIDTH_RUN = _runs_of(_WIDTH_TABLE)


def fold_width(text: str) -> str:
    """Full-width Latin letters, digits and Latin-token symbols → ASCII; nothing else.

    Japanese punctuation keeps its full width because readers split on it (``：``, ``（``).
    """
    text = _fold_digit_punct(text)
    return _WIDTH_RUN.sub(lambda m: m.group().translate(_WIDTH_TABLE), text)


def _fold_digit_punct(text: str) -> str:
    """``１，２３４`` ``３．５``: full-width ，．between digits are a separator and a point."""
    return _WIDE_DIGIT_PUNCT.sub(lambda m: "." if m.group() == "．" else ",", text)


def _compatibility_table() -> dict[int, str]:
    """``str.translate`` table: radicals and compatibility ideographs → NFKC, safe singles.

    Built once at import: ``clean`` runs over every text unit the search index holds, and a
    table lookup in C is an order of magnitude faster than a per-character Python loop.
    """
    table = {ord(ch): replacement for ch, replacement in _SAFE_SINGLE.items()}
    for lo, hi in _RADICAL_RANGES:
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if folded != chr(cp):
                table[cp] = folded
    table.update({ord(ch): replacement for ch, replacement in RADICAL_OVERRIDES.items()})
    return table


_COMPATIBILITY_TABLE = _compatibility_table()
_COMPATIBILITY_RUN = _runs_of(_COMPATIBILITY_TABLE)


def fold_compatibility(text: str) -> str:
    """Map compatibility code points whose NFKC form means the same thing.

    Kangxi radicals and CJK compatibility ideographs become the ordinary ideograph (broken PDF
    fonts emit them; ``RADICAL_OVERRIDES`` where NFKC does not give the Japanese form),
    half-width katakana becomes full-width, ``℃`` becomes ``°C``.
    """
    text = _HALF_KATAKANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _COMPATIBILITY_RUN.sub(lambda m: m.group().translate(_COMPATIBILITY_TABLE), text)
    return fold_width(text)


def compact(text: str) -> tuple[str, list[int]]:
    """Fold widths and drop all whitespace, remembering each kept character's original index.

    Parsers of dates and numbers work on the compact form (PDF spacing such as ``2025 年度`` is
    then harmless) and use the index map to quote the original text they matched.
    """
    folded = fold_width(text.replace("℃", "\x00"))
    # Runs of non-blank characters are copied whole: a loop over every character was the
    # reader's slowest line (dates and quantities compact every item of every table).
    chars: list[str] = []
    index: list[int] = []
    for run in _NON_BLANK_RUN.finditer(folded):
        chars.append(run.group())
        index.extend(range(run.start(), run.end()))
    compacted = "".join(chars)
    if "\x00" not in compacted:
        return compacted, index
    # ℃ stood here: it becomes the two characters °C, both pointing at the ℃.
    expanded: list[str] = []
    expanded_index: list[int] = []
    for ch, i in zip(compacted, index, strict=True):
        expanded.append("°C" if ch == "\x00" else ch)
        expanded_index.extend((i, i) if ch == "\x00" else (i,))
    return "".join(expanded), expanded_index


def _is_latin(ch: str) -> bool:
    """ASCII visible characters and the script digits that belong to Latin tokens (CO₂)."""
    return (ch.isascii() and not ch.isspace()) or ch in _SCRIPT_DIGITS


def _is_japanese(ch: str) -> bool:
    return bool(ch) and not ch.isspace() and not _is_latin(ch)


def _latin_unit_len(piece: str, start: int) -> int:
    """Length of one ASCII character plus any script digits glued to it (``O₂``)."""
    end = start + 1
    while end < len(piece) and piece[end] in _SCRIPT_DIGITS:
        end += 1
    return end - start


def _lone_at_end(piece: str) -> bool:
    """The piece ends in a single Latin character not glued to other Latin letters/digits."""
    end = len(piece)
    while end > 0 and piece[end - 1] in _SCRIPT_DIGITS:
        end -= 1
    if end == 0:
        return False
    ch = piece[end - 1]
    if not (ch.isascii() and (ch.isalnum() or ch in _JOINERS)):
        return False
    before = piece[end - 2] if end >= 2 else ""
    return not (before.isascii() and before.isalnum())


def _lone_at_start(piece: str) -> bool:
    """The piece starts with a single Latin character not glued to other Latin letters/digits."""
    ch = piece[:1]
    if not (ch.isascii() and (ch.isalnum() or ch in _JOINERS)):
        return False
    after = piece[_latin_unit_len(piece, 0) :][:1]
    return not (after.isascii() and after.isalnum())


def _is_number_piece(piece: str) -> bool:
    return bool(piece) and piece[-1].isdigit() and all(c.isdigit() or c in ",." for c in piece)


def _drop_space(left: str, right: str, after_right: str | None) -> bool:
    """Decide whether the single space between two pieces is a PDF artefact.

    ``after_right`` is the piece following ``right`` (None at the end). A number glued to its
    unit after a Japanese label (``男性 72.57歳``, ``家計所得 31,709 USD``) keeps its space: in
    the reports that space separates a label from its value. A token with Japanese on both
    sides (``令和 9 年度末``, ``生成 AI の``) and any Latin word next to Japanese lose it.
    """
    if _lone_at_end(left) and _lone_at_start(right):
        return True
    last, first = left[-1], right[0]
    if _is_latin(last) and _is_japanese(first):
        return True
    if not (_is_japanese(last) and _is_latin(first)):
        return False
    if all(_is_latin(c) for c in right):
        if after_right is not None and _is_japanese(after_right[0]):
            return True
        return not _is_number_piece(right)
    return not first.isdigit()


def _join_pieces(pieces: list[str]) -> str:
    out = [pieces[0]]
    for i in range(1, len(pieces)):
        after = pieces[i + 1] if i + 1 < len(pieces) else None
        if not _drop_space(pieces[i - 1], pieces[i], after):
            out.append(" ")
        out.append(pieces[i])
    return "".join(out)


def _repair_spacing(text: str) -> str:
    """Apply the spacing rules outside ``^{…}`` footnote markers, which stay untouched."""
    parts: list[str] = []
    pos = 0
    for m in _CARET_MARKER.finditer(text):
        parts.append(_repair_plain(text[pos : m.start()]))
        parts.append(m.group())
        pos = m.end()
    parts.append(_repair_plain(text[pos:]))
    return "".join(parts)


def _repair_plain(text: str) -> str:
    pieces = text.split(" ")
    lead = " " if pieces and pieces[0] == "" and len(pieces) > 1 else ""
    trail = " " if len(pieces) > 1 and pieces[-1] == "" else ""
    words = [p for p in pieces if p]
    if not words:
        return text
    return lead + _join_pieces(words) + trail


# The characters any step of clean acts on: blanks, what the folds change, and the full-width
# ．，that become . , between digits. A text holding none is clean already, as are most units
# the index cleans (nine in ten in the corpus: the readers clean every line they keep).
_CLEAN_CHANGES = re.compile(
    r"[\s．，\uff61-\uff9f"
    + "".join(re.escape(chr(cp)) for cp in sorted({*_COMPATIBILITY_TABLE, *_WIDTH_TABLE}))
    + "]"
)


def clean(text: str) -> str:
    """Text for indexing and display: safe folding, PDF spacing repaired, whitespace collapsed.

    Footnote markers are left in place (superscripts are never folded); extract them first with
    ``stiplan.normalize.markers.extract_footnote_refs`` or use ``clean_with_refs``.
    """
    if _CLEAN_CHANGES.search(text) is None:
        return text  # nothing to fold, no blank to collapse or repair: every step is a no-op
    return _clean_all(text)


def _clean_all(text: str) -> str:
    """Every step of ``clean``, whatever the text holds."""
    folded = fold_compatibility(text)
    collapsed = _SPACES.sub(" ", folded).strip()
    if not collapsed:
        return ""
    # Joining spaced digits (``0 ，0``) can put a ，between digits only now: fold it too.
    return _fold_digit_punct(_repair_spacing(collapsed).strip())


def clean_with_refs(text: str) -> tuple[str, list[int]]:
    """Take the footnote markers out (keeping their numbers), then clean the rest."""
    without, refs = extract_footnote_refs(text)
    return clean(without), refs


def fresh_copy(text: str) -> str:
    """A new string equal to ``text``, to hand to C code that keeps a UTF-8 copy of a string
    inside the string itself (``sqlite3`` binding a parameter, SudachiPy tokenising).

    Given a document's own strings while the document stays in memory (as it does while it
    is stored), each would keep that copy — one and a half times its text for Japanese — as
    long as the document: 18 MB for a 10 MB report. Given a fresh copy, the UTF-8 goes with
    the copy. An ASCII string is its own UTF-8 and is returned as it is.
    """
    return text if text.isascii() else text.encode().decode()
