"""The browser's edit form as a survey workbook, so that a form is checked by exactly the
code that checks an imported workbook (``validate.read_answer``).

Each cell to fill in is a form field named ``<row key>|t`` (text, or a value) and
``<row key>|m`` (ministries, or a period). ``form_workbook`` lays the ministry's workbook out
in memory (never saved) with the posted fields in its editable cells; ``field_of`` maps a
problem at a cell back to its field.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from stiplan.survey.answers import Answer
from stiplan.survey.content import Item
from stiplan.survey.layout import Layout, RowSpec
from stiplan.survey.validate import CellProblem

if TYPE_CHECKING:  # openpyxl is imported where a workbook is built: the CLI starts without it
    from openpyxl import Workbook

SUFFIXES = ("t", "m")


def field_name(key: str, column: int) -> str:
    """The form field of a row's editable column (0: text or value, 1: ministries or period)."""
    return f"{key}|{SUFFIXES[column]}"


def form_workbook(layout: Layout, fields: Mapping[str, str]) -> Workbook:
    """The ministry's workbook with the posted values in its editable cells (a missing
    field is an empty cell)."""
    from openpyxl import Workbook

    from stiplan.survey.workbook import put, write_sheet

    book = Workbook()
    first = book.active
    if first is not None:
        book.remove(first)
    for spec in layout.sheets:
        sheet = book.create_sheet(spec.name)
        write_sheet(sheet, spec)
        for index, row in enumerate(spec.rows, start=2):
            if not row.editable:
                continue
            for offset in range(len(SUFFIXES)):
                value = fields.get(field_name(row.key, offset), "")
                put(sheet, index, spec.first_editable + offset, value)
    return book


def field_of(layout: Layout, problem: CellProblem) -> str | None:
    """The field a problem at a cell is about (None: not a cell to fill in)."""
    spec = next((s for s in layout.sheets if s.name == problem.sheet), None)
    if spec is None:
        return None
    from openpyxl.utils import coordinate_to_tuple

    row, column = coordinate_to_tuple(problem.coordinate)
    offset = column - spec.first_editable
    if not 2 <= row < len(spec.rows) + 2 or offset not in (0, 1):
        return None
    return field_name(spec.rows[row - 2].key, offset)


def answer_fields(layout: Layout, answer: Answer) -> dict[str, str]:
    """The fields an answer fills (its items in their slots, its values), for the form."""
    fields: dict[str, str] = {}
    for spec in layout.sheets:
        for row in spec.rows:
            if row.editable:
                fields.update(_row_fields(row, answer))
    return fields


def _row_fields(row: RowSpec, answer: Answer) -> dict[str, str]:
    if "#" not in row.key:
        found = answer.observations.get(row.key)
        values = (found.value, found.period) if found else row.start
    else:
        path, slot = row.key.split("#", 1)
        kind, number = slot.rstrip("0123456789"), int(slot.lstrip("sta"))
        given = answer.initiatives.get(path)
        items = () if given is None else given.status if kind == "st" else given.actions
        item = items[number - 1] if number <= len(items) else Item("")
        values = (item.text, item.ministries) if given is not None else row.start
        if given is not None and not items and number == 1:
            values = ("—", "")
    return {field_name(row.key, n): v for n, v in enumerate(values)}
