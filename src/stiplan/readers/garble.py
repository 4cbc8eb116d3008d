"""Repair what PDF conversion garbled in slide-deck text, and flag what cannot be repaired.

Briefings reach us as text extracted from PDFs whose fonts map glyphs to the wrong code points.
Three kinds of damage are certain enough to repair, and are repaired here before any reader
rule sees a line:

* **radicals and presentation forms**: ``⽂`` (KANGXI RADICAL SCRIPT) for ``文``, ``⺠`` for
  ``民``, ``︓`` (PRESENTATION FORM FOR VERTICAL COLON) for ``：``. NFKC maps most of them;
  ``stiplan.normalize.text.RADICAL_OVERRIDES`` the few it does not map to the Japanese form.
* **letters of other scripts standing for kana**: a broken font wrote ``भ`` (DEVANAGARI LETTER
  BHA) for ``の`` and ``؞`` (ARABIC TRIPLE DOT PUNCTUATION MARK) for ``・``. Only the letters in
  ``CERTAIN_LETTERS`` are mapped: each was seen in a context that admits one reading only (the
  names of two laws, see the table). They also agree with one constant shift of code points
  (U+0900 + 0x2741 is ``ぁ``), which is why a warning about any other such letter names the kana
  the shift would give, as a hint a person can check; it is never applied silently.
* **vertical text**: a label set vertically comes out one character per line (``内`` / ``閣`` /
  ``府``). A run of at least ``MIN_VERTICAL_RUN`` such lines is joined into one logical line.
  A run that ends inside a phrase (on a kana such as ``の``) continues in the next run after a
  single blank line: the next column of the same vertical text.

What is left is *garbage*: letters of scripts a Japanese policy document does not use, private
use code points other than a bullet glyph at the start of a line, replacement characters,
control characters and UTF-8 read as Latin-1 (``ã€``). A line holding garbage is marked
``garbled`` and reported with a ``garbled_text`` warning: it is kept for display but never
indexed or extracted from.

Repairs that change more than the look of a character are reported too (``vertical_text_joined``,
``letters_repaired``), so a reader of the store can see where the text shown is not the text
written. ``merged_cells`` reports table rows whose cell separators were lost (``北京、上海2中国``):
they cannot be split with certainty and are left as written.

Pure functions, no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from stiplan.model import Warning
from stiplan.normalize.text import RADICAL_OVERRIDES, clean

# Letter → kana, each certain from the corpus (briefing 003, a timeline set vertically):
#   国際卓越研究大学भ研究及ल研究成果भ活用भञीभ体制भ強化प関घॊ法律
#     = 国際卓越研究大学の研究及び研究成果の活用のための体制の強化に関する法律
#   国立研究開発法人科学技術振興機構法भ一部॑改正घॊ法律
#     = 国立研究開発法人科学技術振興機構法の一部を改正する法律
#   資金運用؞助成, 令和4年5月18日成立؞11月15日施行 = ・ between two items
CERTAIN_LETTERS: dict[str, str] = {
    "\u092d": "の",  # भ
    "\u0932": "び",  # ल
    "\u091e": "た",  # ञ
    "\u0940": "め",  # ी
    "\u092a": "に",  # प
    "\u0918": "す",  # घ
    "\u094a": "る",  # ॊ
    "\u0951": "を",  # ॑
    "\u061e": "・",  # ؞
}
_DEVANAGARI_SHIFT = 0x3041 - 0x0900  # the shift that explains every Devanagari letter above
_ARABIC_SHIFT = 0x30FB - 0x061E  # the shift that explains ؞ → ・

MIN_VERTICAL_RUN = 3

# Scripts a Japanese policy text does not use (Hebrew … Myanmar), private use, replacement.
_FOREIGN = re.compile("[\u0590-\u06ff\u0700-\u0dff\u0e00-\u0eff\u1000-\u109f]")
_PRIVATE = re.compile("[\ue000-\uf8ff]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
# UTF-8 lead byte of a Japanese character read as Latin-1/CP1252, then two continuation bytes.
_MOJIBAKE = re.compile(
    "[\u00e3-\u00e9\u00ef]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{2}"
)
_LEADING_PRIVATE = re.compile(r"^(\s*(?:-\s*)?)[\ue000-\uf8ff]")
_VERTICAL_FORMS = re.compile("[\ufe10-\ufe19\ufe30-\ufe4f]")
_RADICALS = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf]")
_CELL = re.compile(r"^(?:\d{1,2}|[０-９]{1,2})$")
_KANA = re.compile("[\u3041-\u309f]")
# One character of a vertical label: kana, ideograph, radical, digit, or the marks between items.
_VERTICAL_CHAR = re.compile("[\u3041-\u30ff\u4e00-\u9fff\u2e80-\u2fdf0-9０-９・、]")


@dataclass(frozen=True, slots=True)
class RepairedLine:
    """One logical line: a physical line, or a vertical run joined from several.

    ``text`` keeps the line's own indentation (readers use it for bullet levels) and is not yet
    cleaned for display. ``first_line``/``last_line`` are the physical lines it covers.
    """

    first_line: int
    last_line: int
    text: str
    repaired: bool = False
    vertical: bool = False
    garbled: bool = False


def fold_glyphs(text: str) -> str:
    """Radicals and vertical presentation forms → the characters they stand for."""

    def radical(m: re.Match[str]) -> str:
        ch = m.group()
        return RADICAL_OVERRIDES.get(ch) or unicodedata.normalize("NFKC", ch)

    text = _RADICALS.sub(radical, text)
    return _VERTICAL_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def map_letters(text: str) -> tuple[str, list[str]]:
    """Replace the certain foreign letters by kana; return the text and what was replaced."""
    replaced: list[str] = []
    out: list[str] = []
    for ch in text:
        kana = CERTAIN_LETTERS.get(ch)
        if kana is None:
            out.append(ch)
        else:
            out.append(kana)
            replaced.append(f"{ch}→{kana}")
    return "".join(out), replaced


def guess_kana(ch: str) -> str | None:
    """The kana the font shift would give for a foreign letter: a hint, never applied."""
    cp = ord(ch)
    if 0x0900 <= cp <= 0x097F and 0x3041 <= cp + _DEVANAGARI_SHIFT <= 0x3096:
        return chr(cp + _DEVANAGARI_SHIFT)
    if 0x0600 <= cp <= 0x06FF and 0x30A1 <= cp + _ARABIC_SHIFT <= 0x30FF:
        return chr(cp + _ARABIC_SHIFT)
    return None


def garbage(text: str) -> list[str]:
    """The characters of ``text`` that cannot be read, in order, each once.

    A private use code point is allowed only as the bullet glyph at the start of a line
    (``\\uf06c 研究力の強化``): that is how the fonts write ● and ✓.
    """
    body = _LEADING_PRIVATE.sub(lambda m: m.group(1), text, count=1)
    found: list[str] = []
    for pattern in (_FOREIGN, _PRIVATE, _CONTROL, _MOJIBAKE):
        for m in pattern.finditer(body):
            if m.group() not in found:
                found.append(m.group())
    return found


def describe(chars: list[str]) -> str:
    """``U+0915 'क'（か?）`` for each character, for warning messages."""
    parts: list[str] = []
    for chunk in chars:
        codes = " ".join(f"U+{ord(c):04X}" for c in chunk)
        printable = "".join(c if c.isprintable() else "?" for c in chunk)
        hint = guess_kana(chunk) if len(chunk) == 1 else None
        parts.append(f"{codes} '{printable}'" + (f"（{hint}?）" if hint else ""))
    return "、".join(parts)


def _is_vertical_cell(line: str) -> bool:
    """A line of vertical text: one character (not a bullet glyph) or a one- or two-digit number."""
    s = line.strip()
    if len(s) == 1:
        return (
            _VERTICAL_CHAR.match(s) is not None
            or s in CERTAIN_LETTERS
            or _FOREIGN.match(s) is not None
        )
    return _CELL.match(s) is not None


def _vertical_runs(lines: list[str]) -> list[tuple[int, int]]:
    """Index ranges ``[start, end)`` of runs of vertical cells; a run needs some ideographs."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not _is_vertical_cell(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and _is_vertical_cell(lines[j]):
            j += 1
        cells = [lines[k].strip() for k in range(i, j)]
        letters = sum(1 for c in cells if len(c) == 1 and not c.isdigit())
        if j - i >= MIN_VERTICAL_RUN and letters * 2 >= len(cells):
            runs.append((i, j))
        i = j
    return runs


def _merge_columns(runs: list[tuple[int, int]], lines: list[str]) -> list[tuple[int, int]]:
    """Join a run to the next one when it ends inside a phrase and one blank line separates them."""
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged:
            prev_start, prev_end = merged[-1]
            tail = map_letters(fold_glyphs(lines[prev_end - 1].strip()))[0]
            one_blank = start == prev_end + 1 and not lines[prev_end].strip()
            if one_blank and _KANA.fullmatch(tail):
                merged[-1] = (prev_start, end)
                continue
        merged.append((start, end))
    return merged


def repair_lines(lines: list[str]) -> tuple[list[RepairedLine], list[Warning]]:
    """Repair a deck's physical lines into logical lines; warn about every repair and leftover.

    Line numbers are 1-based, as everywhere in stiplan. Blank lines are kept (readers count
    them); a vertical run becomes one logical line covering all its physical lines.
    """
    warnings: list[Warning] = []
    runs = {start: end for start, end in _merge_columns(_vertical_runs(lines), lines)}
    out: list[RepairedLine] = []
    i = 0
    while i < len(lines):
        end = runs.get(i)
        if end is None:
            out.append(_repair_one(i + 1, i + 1, lines[i], warnings, vertical=False))
            i += 1
            continue
        joined = "".join(line.strip() for line in lines[i:end])
        out.append(_repair_one(i + 1, end, joined, warnings, vertical=True))
        i = end
    return out, warnings


def _repair_one(
    first: int, last: int, text: str, warnings: list[Warning], *, vertical: bool
) -> RepairedLine:
    """Fold glyphs, map certain letters, report what was done and what is left."""
    folded, replaced = map_letters(fold_glyphs(text))
    if vertical:
        warnings.append(
            Warning(
                "vertical_text_joined",
                f"縦書き（1行1文字）の{last - first + 1}行を1行に結合しました: "
                f"{clean(folded)[:30]}",
                first,
            )
        )
    if replaced:
        warnings.append(
            Warning(
                "letters_repaired",
                "フォントの誤りで他の文字になった仮名を読み替えました: " + " ".join(replaced),
                first,
            )
        )
    left = garbage(folded)
    if left:
        warnings.append(
            Warning(
                "garbled_text",
                f"読めない文字が残っています（{describe(left)}）。"
                "この行は表示のみとし、検索・抽出の対象にしません",
                first,
            )
        )
    return RepairedLine(
        first,
        last,
        folded,
        repaired=vertical or bool(replaced),
        vertical=vertical,
        garbled=bool(left),
    )


# --- table cells glued together ------------------------------------------------------------

_COUNTERS = frozenset("位年月件人名社校歳回倍割%兆億万千百期次号点台個本章節項条時分秒円度")
_COUNTER_WORDS = re.compile(r"^(?:日(?!本)|[かヶカケヵ箇](?:国|月|所|年))")
_GLUED = re.compile(r"^(?P<a>[^\d\s]{0,24}?)(?P<n>\d{1,2})(?P<b>[^\d\s]{1,12})$")
MIN_GLUED_RUN = 3


def _looks_glued(text: str) -> bool:
    """``北京、上海2中国`` or ``13米国``: words and a count run together without separators."""
    m = _GLUED.match(text)
    if m is None:
        return False
    a, b = m["a"], m["b"]
    first = b[0]
    if first in _COUNTERS or _COUNTER_WORDS.match(b) or not _is_word_char(first):
        return False
    if not a:
        return len(b) >= 2
    return _is_word_char(a[-1]) or a[-1] in ")）"


def _is_word_char(ch: str) -> bool:
    """An ideograph or katakana: what table cells of names start and end with."""
    return "\u4e00" <= ch <= "\u9fff" or "\u30a1" <= ch <= "\u30ff"


def merged_cells(lines: list[RepairedLine]) -> list[Warning]:
    """Warn about runs of table rows whose cells were glued together (separators lost).

    One such line alone could be a legitimate label, so only runs of ``MIN_GLUED_RUN`` or more
    (blank lines between them allowed) count.
    """
    warnings: list[Warning] = []
    run: list[RepairedLine] = []

    def flush() -> None:
        if len(run) >= MIN_GLUED_RUN:
            for line in run:
                warnings.append(
                    Warning(
                        "cells_merged",
                        f"表のセルの区切りが失われています（{clean(line.text)}）。"
                        "確実には分けられないため、書かれたまま残します",
                        line.first_line,
                    )
                )
        run.clear()

    for line in lines:
        text = clean(line.text)
        if not text:
            continue
        if "\t" not in line.text and _looks_glued(text):
            run.append(line)
        else:
            flush()
    flush()
    return warnings
