"""The workbook checks on a round laid out in code (no store): a value whose period last
year's text did not give may stay without one, and cannot be given one (there is nowhere in
the report's line to write it)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from stiplan.survey.content import InitiativeRows, Item, ObservationRow, RoundContent
from stiplan.survey.layout import Layout, layout_of
from stiplan.survey.validate import WorkbookRefused, read_answer
from stiplan.survey.workbook import workbook_bytes

CONTENT = RoundContent(
    (
        InitiativeRows(
            "c1.s1.ss1.i1", "1.(1)①", "取組の文言", "*文", "文", ("文",), (Item("状況"),), ()
        ),
    ),
    (ObservationRow("c1.s1.ind1.o1", "1.(1)", "指標", "", "12件", "件", "", "文"),),
)


def _book() -> tuple[Layout, Workbook]:
    layout = layout_of(CONTENT, "2026-1", "文")
    book = load_workbook(io.BytesIO(workbook_bytes(layout, "secret", "題")))
    return layout, book


def test_a_value_without_a_period_keeps_none_and_refuses_one() -> None:
    layout, book = _book()
    answer = read_answer(book, "文.xlsx", layout)
    assert answer.observations["c1.s1.ind1.o1"].period == ""
    assert answer.initiatives["c1.s1.ss1.i1"].actions == ()  # "—" in the first row: none
    book["指標"]["I2"] = "令和7年度"
    book["指標"]["H2"] = "15件"
    with pytest.raises(WorkbookRefused) as refused:
        read_answer(book, "文.xlsx", layout)
    assert refused.value.errors == [
        "文.xlsx 指標!I2: 昨年度の記載にこの欄がないため記入できません（空欄のままにしてください）"
    ]


def test_the_workbook_is_protected_with_only_the_cells_to_fill_in_open() -> None:
    _, book = _book()
    assert book.sheetnames == ["記入要領", "取組", "指標", "署名"]
    assert book["署名"].sheet_state == "veryHidden"
    assert book.security is not None and book.security.lockStructure
    rows = book["取組"]
    assert rows.protection.sheet and book["指標"].protection.sheet
    assert rows["A2"].value == "c1.s1.ss1.i1#st1" and rows["A2"].protection.locked
    assert rows["C2"].value == "取組の文言" and rows["C2"].protection.locked
    assert not rows["J2"].protection.locked and not rows["K2"].protection.locked
    assert rows["J2"].value == "状況"  # last year's text as the starting text
    ranges = {str(v.sqref): v.type for v in rows.data_validations.dataValidation}
    assert set(ranges.values()) == {"textLength"} and "J2:J7" in ranges
    assert "記入してください" in str(book["記入要領"]["A4"].value)
