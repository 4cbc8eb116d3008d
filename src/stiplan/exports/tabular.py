"""Flat tables as CSV (optionally Excel-friendly) and XLSX, for downloads of what a page shows.

A ``Table`` is a name, its columns (a machine key and a Japanese header each) and its rows as
dicts. CSV and XLSX of the same table have the same header row: the Japanese headers by default,
the English keys (``snake_case``, stable for scripts) with ``lang="en"``. CSV always
neutralises cells that a spreadsheet would run as a formula (``safe_cell``, as OWASP advises for
CSV injection); ``excel=True`` adds a UTF-8 byte order mark. XLSX stores every text as text
(never a formula), a numeric column's plain decimals as numbers, and freezes the header row.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlsxCell
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

BOM = "\ufeff"
Cell = str | int | float | None
# Excel runs a cell as a formula when it starts with one of these (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (and so XLSX) cannot hold.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
XLSX_CELL_MAX = 32_767
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?\Z")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True, slots=True)
class Column:
    """A column: ``key`` names it for machines, ``header`` for people (Japanese). A
    ``numeric`` column holds plain decimals as text (exact, for CSV); XLSX stores them as
    numbers, so that a spreadsheet can sum and chart them."""

    key: str
    header: str
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of one table; each row maps column keys to cells."""

    name: str
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Mapping[str, Cell]] = field(default_factory=list)


def header(column: Column, lang: str = "ja") -> str:
    """A column's header in ``lang``: Japanese, or the English key with ``en``."""
    return column.key if lang == "en" else column.header


def table_to_csv(table: Table, excel: bool = False, lang: str = "ja") -> str:
    """CSV text under a header row in ``lang``; CRLF line ends as RFC 4180 says."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(c, lang) for c in table.columns)
    for row in table.rows:
        cells = (row.get(c.key) for c in table.columns)
        writer.writerow(safe_cell(v) for v in cells)
    return (BOM if excel else "") + buffer.getvalue()


def safe_cell(value: Cell) -> Cell:
    """A CSV cell a spreadsheet shows and never runs: text starting with ``= + - @``, a tab or
    a carriage return gets an apostrophe in front (OWASP's advice against CSV injection); a
    plain number such as ``-3.5`` is left as it is, since no spreadsheet runs it."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.match(value):
        return "'" + value
    return value


def tables_to_xlsx(tables: Iterable[Table], lang: str = "ja") -> bytes:
    """One workbook, one sheet per table, header row (in ``lang``) in bold and frozen."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_name(table.title or table.name, used))
        _fill(sheet, table, lang)
    if not used:
        workbook.create_sheet("empty")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(sheet: WriteOnlyWorksheet, table: Table, lang: str) -> None:
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for column in table.columns:
        cell = WriteOnlyCell(sheet, value=header(column, lang))
        cell.font = bold
        cells.append(cell)
    sheet.append(cells)
    for row in table.rows:
        sheet.append([_xlsx_cell(sheet, row.get(c.key), c.numeric) for c in table.columns])


def _xlsx_cell(sheet: WriteOnlyWorksheet, value: Cell, numeric: bool = False) -> XlsxCell | Cell:
    if not isinstance(value, str):
        return value
    if numeric and _NUMBER.match(value):
        number = Decimal(value)
        return int(number) if number == number.to_integral_value() else float(number)
    cell = WriteOnlyCell(sheet, value=_ILLEGAL_XML.sub("", value)[:XLSX_CELL_MAX])
    cell.data_type = "s"  # text stays text: "=…" is never stored as a formula
    return cell


def _sheet_name(title: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    base = _SHEET_NAME_BAD.sub("_", title).strip("'")[:31] or "sheet"
    name, n = base, 1
    while name.lower() in used:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
    used.add(name.lower())
    return name
