"""How the CLI prints: JSON for machines, tables for people, plain rows for pipes.

A table is declared as ``Column``s and rows of cells (rich markup, text escaped) and printed by
``print_table``, which picks one of three layouts:

- stdout is not a terminal (``stiplan warnings | grep …``): one tab-separated line per row under
  a header line, every value whole and without markup or box drawing, so ``grep`` and ``cut``
  work; the title goes to stderr.
- the table fits the terminal: a rich table whose key columns (file names, ids, years, codes)
  are never wrapped or cut and whose text columns fold; when it does not fit, optional columns
  are hidden (empty ones first, then by their ``drop`` rank) and the caption names them.
- it cannot fit even so: a vertical ``name: value`` block per row.

Renderers only format what a query returned; they never open the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from enum import Enum
from typing import Any, TypeVar

import typer
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from stiplan.cli.base import err, out
from stiplan.exports.json_export import _plain
from stiplan.model import MinistryRef, Span

T = TypeVar("T")

TEXT_MIN = 10
"""The narrowest a folding text column may get (in terminal cells: five kanji)."""


class Kind(Enum):
    KEY = "key"  # an identifying value: shown whole, never wrapped or cut
    NUMBER = "number"  # a count: right-aligned, never wrapped
    TEXT = "text"  # prose: folds to the room left


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table and how it gives way when the terminal is narrow."""

    name: str
    kind: Kind = Kind.TEXT
    drop: int = 0
    """0: always shown; otherwise hidden when room is short, the highest rank first."""
    repeat: bool = True
    """False: left blank (for people, not pipes) when equal to the row above, as a group."""


def answer(
    rows: list[T],
    as_json: bool,
    table: Callable[[list[T]], None],
    to_json: Callable[[T], Any] | None = None,
) -> None:
    """A command's list answer: JSON for machines (each row through ``to_json``), else its
    table for people. Without ``to_json`` a row is its dataclass fields."""
    if as_json:
        print_json([to_json(row) if to_json else asdict(row) for row in rows])  # type: ignore[call-overload]
    else:
        table(rows)


def print_json(data: Any) -> None:
    """Any query answer (dataclasses, dates, decimals…) as indented UTF-8 JSON on stdout."""
    out.print_json(json.dumps(_plain(data), ensure_ascii=False), ensure_ascii=False)


def tag(refs: Iterable[MinistryRef]) -> str:
    """Ministry codes as the report writes them: the lead underlined."""
    return "、".join(f"[u]{escape(r.code)}[/u]" if r.lead else escape(r.code) for r in refs)


def mention_place(source_name: str, span: Span) -> str:
    """Where a mention was found: ``file:line``."""
    return f"{escape(source_name)}:{span.first_line}"


def piped() -> bool:
    """Whether stdout goes to a pipe or a file rather than a person's terminal."""
    return not out.is_terminal


def rule(title: str) -> None:
    """A heading line between parts of an answer; plain text when piped."""
    if piped():
        typer.echo(f"{title}:")
    else:
        out.rule(escape(title))


def print_table(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
    """Print rows in the layout that suits where stdout goes (see the module's docstring)."""
    if piped():
        _print_plain(title, columns, rows)
        return
    texts = [[_text(cell) for cell in row] for row in rows]
    shown = _fitting(columns, texts, out.width)
    if shown is None:
        _print_vertical(out, title, columns, rows)
    else:
        out.print(_rich_table(title, columns, shown, _grouped(columns, rows), texts))


def _text(cell: str) -> str:
    return Text.from_markup(cell).plain


def _print_plain(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> None:
    err.print(escape(title))
    typer.echo("\t".join(c.name for c in columns))
    for row in rows:
        typer.echo("\t".join(" ".join(_text(cell).split()) for cell in row))


def _width(column: Column, index: int, texts: list[list[str]]) -> int:
    """The fewest terminal cells the column needs: all of its widest value unless it folds."""
    widest = max((cell_len(line) for r in texts for line in r[index].splitlines()), default=0)
    widest = max(widest, cell_len(column.name))
    return min(widest, TEXT_MIN) if column.kind is Kind.TEXT else widest


def _fitting(columns: Sequence[Column], texts: list[list[str]], room: int) -> list[int] | None:
    """The columns to show in ``room`` cells: all if they fit, else without the optional ones
    (empty columns first, then by drop rank); None when even the required ones do not fit."""
    needs = [_width(c, i, texts) for i, c in enumerate(columns)]
    shown = list(range(len(columns)))
    optional = [i for i, c in enumerate(columns) if c.drop]
    optional.sort(key=lambda i: (_filled(i, texts), -columns[i].drop))
    while sum(needs[i] + 3 for i in shown) + 1 > room:  # a space each side and a rule
        if not optional:
            return None
        shown.remove(optional.pop(0))
    return shown


def _filled(index: int, texts: list[list[str]]) -> bool:
    return any(row[index].strip() not in ("", "0") for row in texts)


def _grouped(columns: Sequence[Column], rows: Sequence[Sequence[str]]) -> list[list[str]]:
    """Rows with the cells of ``repeat=False`` columns blanked where the group goes on."""
    grouped: list[list[str]] = []
    previous: Sequence[str] = ()
    for row in rows:
        same = bool(previous)
        cells = list(row)
        for i, column in enumerate(columns):
            if not column.repeat:
                same = same and row[i] == previous[i]
                cells[i] = "" if same else row[i]
        grouped.append(cells)
        previous = row
    return grouped


def _rich_table(
    title: str,
    columns: Sequence[Column],
    shown: list[int],
    rows: list[list[str]],
    texts: list[list[str]],
) -> Table:
    hidden = [c.name for i, c in enumerate(columns) if i not in shown]
    caption = f"省略した列 (hidden): {', '.join(hidden)} — --json で全項目" if hidden else None
    table = Table(title=title, caption=caption)
    for i in shown:
        column = columns[i]
        if column.kind is Kind.TEXT:
            table.add_column(column.name, overflow="fold")
        else:
            width = _width(column, i, texts)
            justify: JustifyMethod = "right" if column.kind is Kind.NUMBER else "left"
            table.add_column(column.name, justify=justify, no_wrap=True, min_width=width)
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    return table


def _print_vertical(
    console: Console, title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]]
) -> None:
    """One ``name: value`` block per row, for a terminal too narrow for the table."""
    console.print(f"[bold]{escape(title)}[/]")
    pad = max(cell_len(c.name) for c in columns)
    for row in rows:
        console.print()
        for column, cell in zip(columns, row, strict=True):
            console.print(f"[bold]{escape(column.name.ljust(pad))}[/] : {cell}")
