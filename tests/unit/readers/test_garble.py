"""Garble repair: what PDF fonts broke is repaired only where certain, and the rest is flagged.

Every text here is written for the tests; the letter pairs are the ones documented in
``stiplan.readers.garble.CERTAIN_LETTERS``.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.readers.garble import (
    CERTAIN_LETTERS,
    fold_glyphs,
    garbage,
    guess_kana,
    map_letters,
    merged_cells,
    repair_lines,
)


def test_kangxi_radicals_and_vertical_forms_fold_to_what_they_stand_for() -> None:
    assert fold_glyphs("⽂部科学省の⼤学⽀援︓開始") == "文部科学省の大学支援:開始"


def test_radicals_nfkc_leaves_alone_or_maps_off_japanese_are_overridden() -> None:
    assert fold_glyphs("国⺠の⻑期的な関⻄の⽬⿊") == "国民の長期的な関西の目黒"


@pytest.mark.parametrize(("letter", "kana"), sorted(CERTAIN_LETTERS.items()))
def test_each_certain_letter_maps_to_its_kana(letter: str, kana: str) -> None:
    assert map_letters(f"法{letter}改正")[0] == f"法{kana}改正"


def test_certain_letters_agree_with_the_font_shift_hint() -> None:
    for letter, kana in CERTAIN_LETTERS.items():
        assert guess_kana(letter) == kana


def test_an_unknown_devanagari_letter_is_garbage_with_a_hint_not_a_repair() -> None:
    text, replaced = map_letters("研究क推進")
    assert text == "研究क推進" and replaced == []
    assert garbage(text) == ["क"]
    assert guess_kana("क") == "ざ"  # U+0915 + the shift: a hint only


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("\uf06c 研究力の強化", []),  # the bullet glyph of a symbol font, at the start: allowed
        ("- \uf0fc 研究力の強化", []),
        ("研究\uf06c力", ["\uf06c"]),  # the same glyph inside the text: garbage
        ("研究\ufffd力", ["\ufffd"]),
        ("研究力 Society 5.0 kijū", []),  # Latin with accents is fine
    ],
)
def test_garbage_is_what_no_repair_explains(line: str, found: list[str]) -> None:
    assert garbage(line) == found


def test_utf8_read_as_cp1252_is_garbage() -> None:
    mojibake = "研究力の強化".encode().decode("cp1252", errors="replace")
    assert garbage(mojibake)
    assert garbage("研究力の強化") == []


def test_vertical_runs_are_joined_and_reported_with_their_first_line() -> None:
    lines = ["前の行", "", "文", "部", "科", "学", "省", "", "次の行"]
    repaired, warnings = repair_lines(lines)
    joined = [r for r in repaired if r.vertical]
    assert [(r.first_line, r.last_line, r.text) for r in joined] == [(3, 7, "文部科学省")]
    assert [(w.code, w.line) for w in warnings] == [("vertical_text_joined", 3)]


def test_a_vertical_run_ending_on_a_particle_continues_after_one_blank_line() -> None:
    lines = ["研", "究", "法", "\u092d", "", "一", "部", "改", "正"]
    repaired, warnings = repair_lines(lines)
    assert [(r.first_line, r.last_line, r.text) for r in repaired] == [(1, 9, "研究法の一部改正")]
    assert {w.code for w in warnings} == {"vertical_text_joined", "letters_repaired"}


def test_two_labels_set_vertically_stay_apart() -> None:
    lines = ["内", "閣", "府", "", "文", "部", "省"]
    repaired, _ = repair_lines(lines)
    assert [r.text for r in repaired if r.vertical] == ["内閣府", "文部省"]


def test_dates_set_vertically_keep_their_two_digit_numbers() -> None:
    lines = ["令", "和", "4", "年", "5", "\u2f49", "18", "\u2f47", "成", "\u2f74", "\u061e"]
    repaired, _ = repair_lines(lines)
    assert [r.text for r in repaired] == ["令和4年5月18日成立・"]


def test_short_lines_that_are_not_vertical_text_are_left_alone() -> None:
    lines = ["1", "2", "3", "", "A", "B", "C", "", "9"]
    repaired, warnings = repair_lines(lines)
    assert [r.text for r in repaired] == lines
    assert warnings == []


def test_a_garbled_line_is_marked_and_warned_with_its_line() -> None:
    repaired, warnings = repair_lines(["研究力", "研究क推進", "研究力"])
    assert [r.garbled for r in repaired] == [False, True, False]
    (warning,) = warnings
    assert warning.code == "garbled_text" and warning.line == 2
    assert "U+0915" in warning.message and "ざ?" in warning.message


def test_table_cells_glued_together_are_warned_line_by_line_only_in_runs() -> None:
    repaired, _ = repair_lines(
        ["都市名", "ボストン2米国", "", "リヨン1フランス", "ソウル1韓国", "", "米国2位"]
    )
    assert [(w.code, w.line) for w in merged_cells(repaired)] == [
        ("cells_merged", 2),
        ("cells_merged", 4),
        ("cells_merged", 5),
    ]
    single, _ = repair_lines(["ボストン2米国", "研究力の強化"])
    assert merged_cells(single) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=6), max_size=40))
def test_repair_never_raises_and_keeps_every_line_covered(lines: list[str]) -> None:
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    repaired, _ = repair_lines(lines)
    covered = [n for r in repaired for n in range(r.first_line, r.last_line + 1)]
    assert covered == list(range(1, len(lines) + 1))
