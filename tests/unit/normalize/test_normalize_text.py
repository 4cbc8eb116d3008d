"""Text clean-up: what is folded, what is kept, and footnote markers."""

from __future__ import annotations

import pytest

from stiplan.normalize.markers import extract_footnote_refs, without_repeated_mark
from stiplan.normalize.text import clean, clean_with_refs, compact, fold_width


def test_every_kangxi_radical_becomes_an_ordinary_ideograph() -> None:
    radicals = "".join(chr(cp) for cp in range(0x2F00, 0x2FD6))
    cleaned = clean(radicals)
    assert all("\u4e00" <= ch <= "\u9fff" for ch in cleaned)


@pytest.mark.parametrize("kept", ["CO₂", "m²", "①", "㎡", "Ⅱ", "（", "：", "～", "／", "²⁴"])
def test_characters_whose_meaning_would_change_are_kept(kept: str) -> None:
    assert clean(kept) == kept


def test_clean_keeps_footnote_markers_for_callers_to_extract() -> None:
    text = "名目国内総生産額¹¹ 54.7兆円（令和4年）¹²"
    assert extract_footnote_refs(clean(text))[1] == [11, 12]
    assert clean_with_refs(text) == ("名目国内総生産額 54.7兆円（令和4年）", [11, 12])


def test_caret_markers_are_not_joined_as_spaced_letters() -> None:
    assert clean_with_refs("白書^{34 35 36}")[1] == [34, 35, 36]
    assert clean("白書^{1 2}") == "白書^{1 2}"


def test_fold_width_keeps_japanese_punctuation() -> None:
    assert fold_width("１，２３４．５（Ａ）") == "1,234.5（A）"


def test_compact_maps_back_to_the_original() -> None:
    s, index = compact("令和 9 年")
    assert s == "令和9年"
    assert [index[i] for i in range(len(s))] == [0, 1, 3, 5]


def test_spaced_abbreviations_inside_japanese() -> None:
    assert clean("戦略的な分野（A I、バイオ）") == "戦略的な分野（AI、バイオ）"
    assert clean("I M D世界競争力ランキング") == "IMD世界競争力ランキング"


def _fold_one_by_one(text: str) -> str:
    """The definition ``fold_compatibility`` implements with a table: one character at a time."""
    import unicodedata

    from stiplan.normalize.text import (
        _HALF_KATAKANA,
        _RADICAL_RANGES,
        _SAFE_SINGLE,
        RADICAL_OVERRIDES,
    )

    text = _HALF_KATAKANA.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    out = []
    for ch in text:
        if ch in _SAFE_SINGLE:
            out.append(_SAFE_SINGLE[ch])
        elif ch in RADICAL_OVERRIDES:  # the Japanese form where NFKC gives none or another
            out.append(RADICAL_OVERRIDES[ch])
        elif any(lo <= ord(ch) <= hi for lo, hi in _RADICAL_RANGES):
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return fold_width("".join(out))


def test_fold_compatibility_table_matches_the_character_by_character_definition() -> None:
    from stiplan.normalize.text import fold_compatibility

    every = "".join(chr(cp) for cp in range(0x2E80, 0x2FE0)) + "".join(
        chr(cp) for cp in range(0xF900, 0xFB00)
    )
    mixed = every + "℃℉\u3000ｶﾞｲﾄﾞＡＢＣ１２．５（）⽂部科学省 CO₂ ①㎡"
    assert fold_compatibility(mixed) == _fold_one_by_one(mixed)


@pytest.mark.parametrize(
    "text",
    [
        "採択を継続。（再掲）",
        "採択を継続。(再掲)",
        "採択を継続。【再掲】",
        "採択を継続。（ 再掲 ）",
    ],
)
def test_the_repeated_mark_is_read_in_every_bracket(text: str) -> None:
    assert without_repeated_mark(text) == ("採択を継続。", True)


def test_再掲_outside_a_mark_is_text() -> None:
    assert without_repeated_mark("再掲された項目を整理") == ("再掲された項目を整理", False)
