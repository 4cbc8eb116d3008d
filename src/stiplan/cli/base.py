"""What every command shares: the typer ``app``, the consoles, the common options and the
translation of domain errors into an exit code.

Commands live in modules by subject (``documents``, ``sections``, ``briefings``…) and are
registered on ``app`` in ``stiplan.cli`` in the order ``stiplan --help`` lists them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from stiplan import queries
from stiplan.queries import StoreError, StoreInterface
from stiplan.settings import DB_ENV, resolve_db

app = typer.Typer(
    help="stiplan: Japan's STI Basic Plan follow-up reports and strategy briefings as a "
    "traceable evidence base.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH|URL",
        help=f"Store to use: an SQLite file or a postgresql:// URL (default: ${DB_ENV}, else "
        "stiplan.sqlite in the user data directory, e.g. ~/.local/share/stiplan).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
JsonFormatOption = Annotated[
    bool, typer.Option("--json", help="Print JSON for machines (the same as --format json).")
]
"""``--json`` on a command that also has ``--format``: every command that lists or reports
takes ``--json``, whatever else it can write."""
SectionOption = Annotated[
    str | None, typer.Option("--section", "-s", help="Section label, e.g. (2) or 1.(2).")
]
MinistryOption = Annotated[
    str | None, typer.Option("--ministry", "-m", help="Ministry code, e.g. 文 or 科技.")
]
LeadOnlyOption = Annotated[
    bool, typer.Option("--lead-only", help="Only where the ministry leads (underlined).")
]
DocumentOption = Annotated[
    str | None, typer.Option("--document", "-d", help="Document id, id prefix or file name.")
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
]
HostOption = Annotated[
    str, typer.Option("--host", help="Address to listen on (loopback only by default).")
]
LANG_ENV = "STIPLAN_LANG"


def lang_option(text: str) -> str:
    """``--lang ja`` / ``--lang en``; anything else is a usage error naming both."""
    if text not in ("ja", "en"):
        raise typer.BadParameter(f"{text!r}: use ja or en")
    return text


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        envvar=LANG_ENV,
        parser=lang_option,
        metavar="ja|en",
        help=f"Language of labels, reasons and headers: ja (default) or en (also ${LANG_ENV}).",
    ),
]
"""The language of what a command writes for people (tables' words, progress reasons, warning
labels, report and CSV headers); document text is never translated."""
PortOption = Annotated[int, typer.Option("--port", help="TCP port to listen on.", min=1, max=65535)]


def plan_option(text: str) -> int:
    """``--plan 7`` / ``--plan 第7期`` → 7; an unknown plan is a usage error naming the known."""
    try:
        return queries.plan_ordinal(text)
    except queries.QueryError as error:
        raise typer.BadParameter(str(error)) from error


PlanOption = Annotated[
    int | None,
    typer.Option(
        "--plan",
        parser=plan_option,
        metavar="第N期",
        help="Only documents of this Basic Plan, e.g. 7 or 第7期.",
    ),
]


def fail(message: str) -> NoReturn:
    """Report a domain error and exit non-zero."""
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(1)


@contextmanager
def open_store(db: str | Path | None, create: bool = False) -> Iterator[StoreInterface]:
    """The store for this command (SQLite or PostgreSQL); store and query errors become CLI
    errors. A SQLite file that does not exist is refused, naming the path (a mistyped
    ``--db`` must not leave an empty store and its folders behind), unless the command is
    one that starts a store (``create``: ``ingest``, ``users add``, ``db upgrade``)."""
    try:
        with queries.open_store(resolve_db(db), create=create) as store:
            yield store
    except (StoreError, queries.QueryError) as error:
        fail(str(error))


def parse_day(text: str | None, option: str) -> date | None:
    """``--since 2025-06-01`` → a date; anything else is a domain error naming the option."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} takes a day as YYYY-MM-DD, not {text!r}")


def write_text(text: str, output: Path | None, newline: str | None = None) -> None:
    """A document for stdout, or for ``--output`` with a note on stderr saying where it went."""
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_file(output, text, newline)
        err.print(f"wrote {escape(str(output))}")


def write_file(path: Path, content: str | bytes, newline: str | None = None) -> None:
    """Write ``content`` (text as UTF-8) to ``path``; a path that cannot be written (its folder
    missing, a folder itself, no permission) is a one-line error naming it, and exit 1."""
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline=newline)
    except OSError as error:
        fail(f"{path}: {_unwritable(error)}")


def make_folder(path: Path) -> None:
    """Create the output folder ``path`` (and its parents) if missing; a path that cannot be
    one is a one-line error naming it, and exit 1."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"{path}: {_unwritable(error)}")


def _unwritable(error: OSError) -> str:
    if isinstance(error, IsADirectoryError):
        return "フォルダなので書き込めません / cannot write: it is a folder"
    if isinstance(error, FileNotFoundError):
        return "フォルダがないので書き込めません / cannot write: its folder does not exist"
    if isinstance(error, FileExistsError | NotADirectoryError):
        return "ファイルがあるのでフォルダにできません / cannot write: a file is in the way"
    if isinstance(error, PermissionError):
        return "書き込む権限がありません / cannot write: permission denied"
    return f"書き込めません / cannot write: {error.strerror or error}"
