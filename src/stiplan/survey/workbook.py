"""Writing a ministry's survey workbook (調査票) with openpyxl.

Sheets: 記入要領 (instructions, Japanese), 取組 (the ministry's initiatives, its own first,
then those it only takes part in as locked reference rows), 指標 (its indicator values) and a
very hidden 署名 sheet holding the round, the ministry, the digest of every locked cell and
the HMAC that only the round's secret can make (``layout.signature``). Every sheet is
protected with only the cells to fill in unlocked, the workbook's structure is locked, and the
cells to fill in carry a text-length validation. Every text is written as text: a value
starting with ``=`` is never a formula.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from stiplan.survey.answers import MAX_SHORT, MAX_TEXT
from stiplan.survey.layout import (
    INDICATORS_SHEET,
    INSTRUCTIONS_SHEET,
    SIGNATURE_SHEET,
    Layout,
    SheetSpec,
    signature,
)

_LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
_OPEN_FILL = PatternFill("solid", fgColor="FFF9DB")
_WIDTHS = {1: 24, 2: 10, 3: 50, 4: 14, 5: 12, 6: 14, 7: 6, 8: 50, 9: 14, 10: 50, 11: 18}
_SHEET_PASSWORD = "stiplan"
"""Sheet protection guards the layout against slips, not against a determined user (Excel's
protection is not security); the signature and the locked-cell checks on import are."""

INSTRUCTIONS = (
    "科学技術・イノベーション基本計画 フォローアップ調査票",
    "",
    "1. 「取組」シートの黄色の列（今年度の記載・今年度の府省）に記入してください。",
    "   今年度の実施状況と今後の取組方針を、1行に1項目ずつ記入します。",
    "   昨年度の記載が初期値として入っています。項目を増やすときは空いている行を使います。",
    "   項目がないときは、その種別の1行目に「—」とだけ記入してください。",
    "2. 府省は略称を「、」で区切り、主担当には先頭に * を付けます（例: *文、経）。",
    "3. 灰色の行（区分が「参考」）は他府省が回答する取組です。変更できません。",
    "4. 「指標」シートには今年度の値を単位まで（例: 4兆2,050億円）記入します。",
    "   時点は括弧なしで記入します（例: 令和6年度、2025年3月末）。",
    "5. 行の追加・削除、行IDや灰色のセルの変更、数式の入力はできません。",
    "   取り込み時に、誤りのあるセルがシート名とセル番地で示されます。",
    "6. 記入後は .xlsx のまま提出してください。マクロ付きブック（.xlsm）は受け付けません。",
)


def put(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """Store ``value`` as text, never as a formula (openpyxl takes ``=…`` for one)."""
    cell = sheet.cell(row, column)
    assert isinstance(cell, Cell)  # the layout merges no cells
    cell.value = value
    cell.data_type = "s"
    return cell


def write_sheet(sheet: Worksheet, spec: SheetSpec) -> None:
    first = spec.first_editable
    for column, header in enumerate(spec.headers, start=1):
        put(sheet, 1, column, header).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(column)].width = _WIDTHS.get(column, 14)
    for index, row in enumerate(spec.rows, start=2):
        for column, value in enumerate((*row.locked, *row.start), start=1):
            cell = put(sheet, index, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            editable = row.editable and column >= first
            cell.protection = Protection(locked=not editable)
            cell.fill = _OPEN_FILL if editable else _LOCKED_FILL
    sheet.freeze_panes = "B2"
    sheet.protection.sheet = True
    sheet.protection.password = _SHEET_PASSWORD
    _validate_lengths(sheet, spec)


def _validate_lengths(sheet: Worksheet, spec: SheetSpec) -> None:
    if not spec.rows:
        return
    last = len(spec.rows) + 1
    first = spec.first_editable
    limits = (MAX_TEXT, MAX_SHORT) if spec.name != INDICATORS_SHEET else (MAX_SHORT, MAX_SHORT)
    for offset, limit in enumerate(limits):
        letter = get_column_letter(first + offset)
        rule = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit))
        rule.error = f"{limit}字以内で記入してください"
        rule.errorTitle = "入力できません"
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{last}")


def _write_signature(workbook: Workbook, layout: Layout, secret: str) -> None:
    sheet = workbook.create_sheet(SIGNATURE_SHEET)
    digest = layout.digest()
    values = (
        ("round", layout.round_id),
        ("ministry", layout.ministry),
        ("layout", digest),
        ("signature", signature(secret, layout.round_id, layout.ministry, digest)),
    )
    for index, (name, value) in enumerate(values, start=1):
        put(sheet, index, 1, name)
        put(sheet, index, 2, value)
    sheet.protection.sheet = True
    sheet.protection.password = _SHEET_PASSWORD
    sheet.sheet_state = "veryHidden"


def workbook_bytes(layout: Layout, secret: str, title: str) -> bytes:
    """The XLSX of one ministry's workbook; ``title`` heads the instructions sheet."""
    workbook = Workbook()
    instructions = workbook.active
    assert instructions is not None
    instructions.title = INSTRUCTIONS_SHEET
    lines = (INSTRUCTIONS[0], title, *INSTRUCTIONS[1:])
    for index, line in enumerate(lines, start=1):
        put(instructions, index, 1, line)
    instructions.cell(1, 1).font = Font(bold=True, size=14)
    instructions.column_dimensions["A"].width = 120
    instructions.protection.sheet = True
    for spec in layout.sheets:
        write_sheet(workbook.create_sheet(spec.name), spec)
    _write_signature(workbook, layout, secret)
    workbook.security = WorkbookProtection(lockStructure=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
