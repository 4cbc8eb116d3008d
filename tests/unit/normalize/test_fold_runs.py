"""The folds translate only runs of foldable characters: the same text as a plain translate."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.normalize import text as text_module
from stiplan.normalize.text import clean, compact, fold_compatibility, fold_width

# Foldable characters (full-width Latin, radicals, compatibility ideographs, ℃, 全角空白,
# half-width katakana) mixed with what must stay: kana, kanji, kept full-width punctuation.
_ALPHABET = (
    "ＡＢｚ０９．，（）：／％＆－"
    + "".join(chr(cp) for cp in range(0x2F00, 0x2F10))
    + "".join(chr(cp) for cp in range(0xF900, 0xF908))
    + "⺟⻑℃℉\u3000ｶﾞｷﾟ｡"
    + "文部科学省のデータ12 AI"
)


def _reference_fold(text: str) -> str:
    """The folds as they were written before: ``str.translate`` over the whole text."""
    text = re.sub(r"[\uff61-\uff9f]+", lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = text.translate(text_module._COMPATIBILITY_TABLE)
    text = re.sub(
        r"(?<=[0-9０-９])[．，](?=[0-9０-９])", lambda m: "." if m.group() == "．" else ",", text
    )
    return text.translate(text_module._WIDTH_TABLE)


@settings(max_examples=300)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_folding_runs_equals_translating_everything(text: str) -> None:
    assert fold_compatibility(text) == _reference_fold(text)


def test_every_character_of_the_tables_is_folded() -> None:
    for table, fold in (
        (text_module._WIDTH_TABLE, fold_width),
        (text_module._COMPATIBILITY_TABLE, fold_compatibility),
    ):
        for cp in table:
            original = f"あ{chr(cp)}い"
            assert fold(original) != original, hex(cp)


def _reference_compact(text: str) -> tuple[str, list[int]]:
    """``compact`` as it was written before: one character at a time."""
    folded = fold_width(text.replace("℃", "\x00"))
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(folded):
        if ch.isspace():
            continue
        chars.append("°C" if ch == "\x00" else ch)
        index.append(i)
        if ch == "\x00":
            index.append(i)
    return "".join(chars), index


@settings(max_examples=300)
@given(st.text(alphabet=_ALPHABET + " \t\n\x1c\x85\xa0\u2003℃２０２５年度末", max_size=40))
def test_compacting_runs_equals_compacting_each_character(text: str) -> None:
    assert compact(text) == _reference_compact(text)


def test_compact_keeps_the_place_of_every_character() -> None:
    assert compact("2025 年度 ℃ 以上") == ("2025年度°C以上", [0, 1, 2, 3, 5, 6, 8, 8, 10, 11])


@settings(max_examples=500)
@given(st.text(alphabet=_ALPHABET + " \t\n\x1c\xa0^{}²⁴S I P4D令和9年度末ｰ", max_size=40))
def test_the_shortcut_for_clean_text_gives_what_every_step_gives(text: str) -> None:
    assert clean(text) == text_module._clean_all(text)


def test_text_without_blanks_or_foldable_characters_is_returned_as_it_is() -> None:
    text = "文部科学省がAI人材を育成する（令和9年度末）"
    assert clean(text) is text
    assert clean("Ａ") == "A" and clean(" 量子 ") == "量子"
