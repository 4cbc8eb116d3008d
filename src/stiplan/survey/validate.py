"""Reading a survey workbook back, refusing anything it should not be.

All or nothing: every problem found is collected, each naming the file, the sheet and the
cell (``文部科学省.xlsx 取組!J12: …``), and any problem refuses the whole workbook
(``WorkbookRefused``). Refused: bytes that are not an XLSX (a ZIP with a workbook part), a
macro-enabled book (``.xlsm``, a ``vbaProject`` part), a workbook of another round or whose
hidden signature does not match, a changed row id or locked cell, added or deleted rows, any
formula (openpyxl loads formulas as text and nothing is evaluated), an empty required cell, a
value or period the normalisers cannot read. A text starting with ``=``, ``+``, ``-`` or ``@``
that is not a formula is text and is kept as text.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from stiplan.survey.answers import (
    Answer,
    InitiativeAnswer,
    MinistriesError,
    ObservationAnswer,
    parse_ministries,
    period_problem,
    text_problem,
    value_problem,
)
from stiplan.survey.content import NONE_TEXT, Item
from stiplan.survey.layout import (
    INDICATORS_SHEET,
    INITIATIVES_SHEET,
    SIGNATURE_SHEET,
    Layout,
    RowSpec,
    SheetSpec,
)
from stiplan.survey.messages import Message, message

if TYPE_CHECKING:  # openpyxl is imported where a workbook is read: the CLI starts without it
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

MAX_BYTES = 20_000_000
MAX_UNPACKED = 200_000_000
"""A workbook's parts unpacked may not exceed this (a ZIP bomb is refused before loading)."""


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One problem at one cell (the browser form maps it back to its field)."""

    sheet: str
    coordinate: str
    message: Message


class WorkbookRefused(ValueError):
    """A workbook that cannot be imported: every problem with where it is (``file`` or
    ``file sheet!cell``); ``problems`` holds those at a cell, structured."""

    def __init__(
        self, found: list[tuple[str, Message]], problems: list[CellProblem] | None = None
    ) -> None:
        self.found = found
        self.problems = problems or []
        super().__init__("\n".join(self.errors))

    @property
    def errors(self) -> list[str]:
        """Every problem in Japanese: ``文部科学省.xlsx 取組!J12: …``."""
        return self.lines("ja")

    def lines(self, lang: str = "ja") -> list[str]:
        """Every problem in ``lang``, each with its place."""
        return [f"{where}: {found.text(lang)}" for where, found in self.found]


def workbook_refused(name: str, code: str, /, **params: object) -> WorkbookRefused:
    """A refusal of the whole file ``name``."""
    return WorkbookRefused([(name, message(code, **params))])


@dataclass(frozen=True, slots=True)
class Stamp:
    """What the hidden signature sheet says: round, ministry, layout digest, HMAC."""

    round_id: str
    ministry: str
    digest: str
    signature: str


def _container_problem(data: bytes, name: str) -> Message | None:
    if name.lower().endswith((".xlsm", ".xltm", ".xlam")):
        return message("file_macro_name")
    if not name.lower().endswith(".xlsx"):
        return message("file_not_xlsx_name")
    if len(data) > MAX_BYTES:
        return message("file_too_big", limit=MAX_BYTES // 1_000_000)
    if not data.startswith(b"PK\x03\x04"):
        return message("file_not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        return message("file_bad_zip")
    names = {i.filename.lower() for i in infos}
    if any("vbaproject" in n for n in names):
        return message("file_macro")
    if "xl/workbook.xml" not in names or "[content_types].xml" not in names:
        return message("file_no_parts")
    if sum(i.file_size for i in infos) > MAX_UNPACKED:
        return message("file_unpacked")
    return None


def open_workbook(data: bytes, name: str) -> Workbook:
    """The workbook in ``data`` (formulas kept as text, macros not kept), or refused."""
    from openpyxl import load_workbook

    problem = _container_problem(data, name)
    if problem is None:
        try:
            return load_workbook(io.BytesIO(data), data_only=False, keep_vba=False)
        except Exception as error:  # openpyxl raises many kinds on a damaged file
            problem = message("file_unreadable", error=type(error).__name__)
    raise WorkbookRefused([(name, problem)])


def read_stamp(book: Workbook, name: str) -> Stamp:
    """The hidden signature, or refused (a workbook stiplan did not write for a round)."""
    if SIGNATURE_SHEET not in book.sheetnames:
        raise workbook_refused(name, "no_signature")
    sheet = book[SIGNATURE_SHEET]
    values = [_text(sheet.cell(row, 2).value) for row in range(1, 5)]
    return Stamp(*values)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_formula(cell: object) -> bool:
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", "")
    return kind == "f" or isinstance(value, ArrayFormula | DataTableFormula)


@dataclass
class _Reader:
    """Collects the problems of one workbook, each with its place."""

    name: str
    found: list[tuple[str, Message]] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    misplaced: set[tuple[str, int]] = field(default_factory=set)
    """Rows (sheet, row number) whose id is not the one written there: already a problem,
    and what they hold is not read (it belongs to another row, or to none)."""

    def at(self, sheet: str, coordinate: str, said: Message) -> None:
        self.found.append((f"{self.name} {sheet}!{coordinate}", said))
        self.problems.append(CellProblem(sheet, coordinate, said))

    def refuse(self) -> None:
        if self.found:
            raise WorkbookRefused(self.found, self.problems)

    def formulas(self, sheet: Worksheet) -> None:
        for row in sheet.iter_rows():
            for cell in row:
                if _is_formula(cell):
                    self.at(sheet.title, cell.coordinate, message("formula"))

    def layout(self, sheet: Worksheet, spec: SheetSpec) -> None:
        """Headers, row ids and locked cells as written; no row added or deleted."""
        for column, header in enumerate(spec.headers, start=1):
            if _text(sheet.cell(1, column).value) != header:
                place = sheet.cell(1, column).coordinate
                self.at(sheet.title, place, message("header", header=header))
        for index, row in enumerate(spec.rows, start=2):
            self._row(sheet, index, row, len(spec.headers))
        self._extra(sheet, len(spec.rows) + 2, len(spec.headers))

    def _row(self, sheet: Worksheet, index: int, row: RowSpec, width: int) -> None:
        key = sheet.cell(index, 1)
        if _text(key.value) != row.key:
            self.misplaced.add((sheet.title, index))
            code = "row_moved" if _text(key.value) else "row_deleted"
            self.at(sheet.title, key.coordinate, message(code, key=row.key))
            return
        expected = row.locked if row.editable else (*row.locked, *row.start)
        for column, value in enumerate(expected, start=1):
            cell = sheet.cell(index, column)
            if not _is_formula(cell) and _text(cell.value) != value:
                self.at(sheet.title, cell.coordinate, message("locked", value=value))
        for column in range(width + 1, sheet.max_column + 1):
            if sheet.cell(index, column).value not in (None, ""):
                self.at(sheet.title, sheet.cell(index, column).coordinate, message("outside"))

    def _extra(self, sheet: Worksheet, first: int, width: int) -> None:
        for index in range(first, sheet.max_row + 1):
            for column in range(1, max(width, sheet.max_column) + 1):
                cell = sheet.cell(index, column)
                if cell.value not in (None, ""):
                    self.at(sheet.title, cell.coordinate, message("row_added"))
                    break

    def cell_text(self, sheet: Worksheet, index: int, column: int) -> str | None:
        """A cell to fill in as text; None when it holds a formula (``formulas`` names it) or
        a date (named here)."""
        cell = sheet.cell(index, column)
        if _is_formula(cell):
            return None
        if isinstance(cell.value, datetime | date | time):
            self.at(sheet.title, cell.coordinate, message("date_cell"))
            return None
        return _text(cell.value).strip()


def _initiative_answers(
    reader: _Reader, sheet: Worksheet, spec: SheetSpec
) -> dict[str, InitiativeAnswer]:
    groups: dict[tuple[str, str], list[tuple[int, RowSpec]]] = {}
    for index, row in enumerate(spec.rows, start=2):
        if row.editable:
            path, kind = row.key.split("#", 1)
            groups.setdefault((path, kind.rstrip("0123456789")), []).append((index, row))
    items: dict[tuple[str, str], tuple[Item, ...]] = {}
    for (path, kind), rows in groups.items():
        items[(path, kind)] = _items(reader, sheet, spec, rows)
    paths = dict.fromkeys(path for path, _ in groups)
    return {p: InitiativeAnswer(items.get((p, "st"), ()), items.get((p, "a"), ())) for p in paths}


def _items(
    reader: _Reader, sheet: Worksheet, spec: SheetSpec, rows: list[tuple[int, RowSpec]]
) -> tuple[Item, ...]:
    """The items of one kind of one initiative (its rows, in order): ``—`` alone in the
    first row means none; at least one row must be filled in."""
    first = spec.first_editable
    found: list[Item] = []
    filled = none = 0
    complete = True
    for index, _row in rows:
        if (sheet.title, index) in reader.misplaced:
            complete = False
            continue
        text = reader.cell_text(sheet, index, first)
        ministries = reader.cell_text(sheet, index, first + 1)
        if text is None or ministries is None:
            filled += 1  # a formula or a date: filled in, and already a problem
            continue
        coordinate = sheet.cell(index, first).coordinate
        if not text:
            if ministries:
                reader.at(sheet.title, coordinate, message("ministries_only"))
            continue
        filled += 1
        if text == NONE_TEXT:
            none += 1
            if index != rows[0][0]:
                reader.at(sheet.title, coordinate, message("none_first"))
            continue
        if problem := text_problem(text):
            reader.at(sheet.title, coordinate, problem)
        try:
            parse_ministries(ministries)
        except MinistriesError as error:
            reader.at(sheet.title, sheet.cell(index, first + 1).coordinate, error.message)
        found.append(Item(text, ministries))
    head = sheet.cell(rows[0][0], first).coordinate
    if filled == 0 and complete:
        reader.at(sheet.title, head, message("required"))
    if found and none:
        reader.at(sheet.title, head, message("none_and_items"))
    return tuple(found)


def _observation_answers(
    reader: _Reader, sheet: Worksheet, spec: SheetSpec
) -> dict[str, ObservationAnswer]:
    first = spec.first_editable
    answers: dict[str, ObservationAnswer] = {}
    for index, row in enumerate(spec.rows, start=2):
        if (sheet.title, index) in reader.misplaced:
            continue
        value = reader.cell_text(sheet, index, first)
        period = reader.cell_text(sheet, index, first + 1)
        if value is None or period is None:
            continue
        last_value, last_period = row.locked[5], row.locked[6]
        for offset, given, last in ((0, value, last_value), (1, period, last_period)):
            if last:
                found = (
                    value_problem(given, row.locked[4]) if offset == 0 else period_problem(given)
                )
            else:  # last year's value had no such part: there is nowhere to write one
                found = message("nothing_to_replace") if given else None
            if found is not None:
                reader.at(sheet.title, sheet.cell(index, first + offset).coordinate, found)
        answers[row.key] = ObservationAnswer(value, period)
    return answers


def read_answer(book: Workbook, name: str, layout: Layout) -> Answer:
    """The ministry's answer in ``book`` (already matched to its round and signature), or
    ``WorkbookRefused`` with every problem found: formulas, layout (ids, locked cells, rows
    added or deleted) and what is filled in, in one list. The cells of a row whose id is not
    in its place are not read (their problem is the row), nor a missing sheet."""
    reader = _Reader(name)
    specs = {spec.name: spec for spec in layout.sheets}
    for sheet_name, spec in specs.items():
        if sheet_name not in book.sheetnames:
            reader.found.append((name, message("sheet_missing", sheet=sheet_name)))
            continue
        reader.formulas(book[sheet_name])
        reader.layout(book[sheet_name], spec)
    initiatives: dict[str, InitiativeAnswer] = {}
    observations: dict[str, ObservationAnswer] = {}
    if INITIATIVES_SHEET in book.sheetnames:
        sheet, spec = book[INITIATIVES_SHEET], specs[INITIATIVES_SHEET]
        initiatives = _initiative_answers(reader, sheet, spec)
    if INDICATORS_SHEET in book.sheetnames:
        sheet, spec = book[INDICATORS_SHEET], specs[INDICATORS_SHEET]
        observations = _observation_answers(reader, sheet, spec)
    reader.refuse()
    return Answer(initiatives, observations)
