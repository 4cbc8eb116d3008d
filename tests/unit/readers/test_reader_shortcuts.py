"""Shortcuts taken for speed in detection and cell reading give what the plain code gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.normalize.markers import extract_footnote_refs
from stiplan.readers import cells, detect

_TEXT = st.text(
    alphabet="研究データのアイ（）：\u3000 \t\n、。ＡAa1²³⁴^{} ,—－-―ー‐–m\x00・",
    max_size=50,
)


def _reference_share(text: str) -> float:
    chars = [ch for ch in text if not ch.isspace()]
    if not chars:
        return 0.0
    japanese = sum(
        1
        for ch in chars
        if 0x3040 <= ord(ch) <= 0x30FF or 0x4E00 <= ord(ch) <= 0x9FFF or 0x3000 <= ord(ch) <= 0x303F
    )
    return japanese / len(chars)


@settings(max_examples=300)
@given(_TEXT)
def test_japanese_share_counts_as_one_character_at_a_time_did(text: str) -> None:
    assert detect._japanese_share(text) == _reference_share(text)


@settings(max_examples=300)
@given(_TEXT)
def test_fold_equals_the_translation_table(text: str) -> None:
    assert detect._fold(text) == text.translate(str.maketrans("（）：　", "(): "))


@settings(max_examples=300)
@given(_TEXT)
def test_an_empty_cell_is_only_dashes_and_blanks(text: str) -> None:
    expected = all(char in cells.EMPTY_MARKS or char.isspace() for char in text)
    assert cells._is_empty(text) == expected


@settings(max_examples=300)
@given(_TEXT)
def test_text_without_markers_comes_back_as_it_was(text: str) -> None:
    if not any(ch in text for ch in "⁰¹²³⁴⁵⁶⁷⁸⁹^\x00"):
        assert extract_footnote_refs(text) == (text, [])


def test_markers_and_unit_powers_are_still_read() -> None:
    assert extract_footnote_refs("面積 5m² ²⁴ と^{3, 4}") == ("面積 5m² と", [24, 3, 4])


def test_a_tag_read_twice_gives_two_independent_results() -> None:
    from stiplan.normalize.ministries import parse_tag

    first, _ = parse_tag("<u>文</u>、経", 3)
    first.clear()
    again, _ = parse_tag("<u>文</u>、経", 3)
    assert [(m.code, m.lead) for m in again] == [("文", True), ("経", False)]
