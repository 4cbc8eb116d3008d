"""Commands over whole documents: ingest them, list them, show one element, list what the
readers warned about, export them."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from stiplan import queries
from stiplan.cli.base import (
    DbOption,
    DocumentOption,
    JsonFormatOption,
    JsonOption,
    LangOption,
    OutputOption,
    PlanOption,
    err,
    fail,
    open_store,
    plan_option,
    write_text,
)
from stiplan.cli.render import answer, print_json
from stiplan.cli.tables import print_documents, print_element, print_outcomes, print_warnings
from stiplan.cli.users import UserOption, cli_actor, guarded
from stiplan.exports.json_export import documents_to_json
from stiplan.web.warning_catalogue import warning_label

if TYPE_CHECKING:
    from stiplan.queries import StoreInterface


def ingest(
    files: Annotated[
        list[Path], typer.Argument(help="Follow-up report or briefing (slide deck) text files.")
    ],
    db: DbOption = None,
    max_size: Annotated[
        float, typer.Option("--max-size", help="Largest file accepted, in MiB.")
    ] = 64,
    edition: Annotated[
        str | None,
        typer.Option("--edition", help="Edition (year) of the files, if not guessed right."),
    ] = None,
    plan: Annotated[
        int | None,
        typer.Option(
            "--plan",
            parser=plan_option,
            metavar="第N期",
            help="Basic Plan of the files (e.g. 7 or 第7期); wins over what is read from them.",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option("--title", help="Title of the file (表題), if it states none or another."),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="Date of the file (2025-06-01 or 令和7年6月1日); wins over what it states.",
        ),
    ] = None,
    as_json: JsonOption = False,
    user: UserOption = None,
) -> None:
    """Ingest files into the store (one transaction each; the same file twice is a no-op).

    A document is named by the title and dated by the date it states (a briefing's cover, a
    report's head lines); ``--title`` and ``--date`` give them for one file that states none.
    Each file is recorded in the audit trail; once the store has users, --user must name an
    admin or a secretariat user.
    """
    if (title is not None or day is not None) and len(files) > 1:
        fail("--title と --date は1ファイルずつ指定します (--title/--date apply to one file)")
    options = queries.ReadOptions(  # read on first use: the readers load only for an ingest
        max_bytes=int(max_size * 1024 * 1024),
        edition=edition,
        plan=plan,
        title=title,
        date=_given_day(day),
    )
    with open_store(db, create=True) as store:
        actor = cli_actor(store, user)
        guarded(user, lambda: queries.authorize_ingest(store, actor, [str(f) for f in files]))
        if len(files) > 1 and not as_json:
            outcomes = _ingest_with_progress(store, files, options)
        else:
            outcomes = queries.ingest_paths(store, files, options)
        queries.record_ingest(store, actor, outcomes)
    answer(outcomes, as_json, print_outcomes)
    if any(o.status is queries.IngestStatus.REJECTED for o in outcomes):
        raise typer.Exit(1)


def _given_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return queries.given_day(text)
    except ValueError as error:
        fail(f"--date: {error}")


def _ingest_with_progress(
    store: StoreInterface, files: list[Path], options: queries.ReadOptions
) -> list[queries.IngestOutcome]:
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=len(files))
        pages = progress.add_task("pages", total=None, visible=False)

        def on_page(page: int, total: int) -> None:  # a PDF: one step per page read
            progress.update(pages, completed=page, total=total, visible=page < total)

        options = replace(options, progress=on_page)
        return queries.ingest_paths(store, files, options, on_file=lambda _: progress.advance(task))


def documents(db: DbOption = None, plan: PlanOption = None, as_json: JsonOption = False) -> None:
    """List stored documents with their Basic Plan (基本計画)."""
    with open_store(db) as store:
        rows = queries.documents(store, plan)
    answer(rows, as_json, print_documents)


def show(
    element_id: Annotated[str, typer.Argument(help="Element id, as listed by other commands.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one element with its source lines."""
    with open_store(db) as store:
        view = queries.element(store, element_id)
    if as_json:
        print_json(asdict(view))
    else:
        print_element(view)


def warnings(
    db: DbOption = None,
    document: DocumentOption = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
    lang: LangOption = "ja",
) -> None:
    """List what the readers could not read with certainty, with file and line, each code
    with its label (Japanese, ``--lang en`` for English; JSON adds ``label``)."""
    with open_store(db) as store:
        rows = queries.warnings(store, document, plan)
        names = {d.id: d.source_name for d in queries.documents(store)}
    answer(
        rows,
        as_json,
        lambda rows: print_warnings(rows, names, lang),
        lambda r: {
            **asdict(r),
            "label": warning_label(r.code, lang),
            "source_name": names.get(r.document_id),
        },
    )


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    output: OutputOption = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV with a UTF-8 BOM so Excel reads Japanese.")
    ] = False,
    lines: Annotated[
        bool, typer.Option("--lines", help="JSON: include the source lines of each document.")
    ] = False,
    db: DbOption = None,
    document: DocumentOption = None,
    as_json: JsonFormatOption = False,
    lang: LangOption = "ja",
) -> None:
    """Export documents as JSON (the tree, see docs/export.md) or CSV (one row per element,
    Japanese headers; ``--lang en`` for English ones)."""
    fmt = "json" if as_json else fmt
    if fmt not in ("json", "csv"):
        fail(f"unknown format {fmt!r}: use json or csv")
    with open_store(db) as store:
        docs = queries.load_documents(store, document)
    if fmt == "csv":
        # Imported here: the CSV writer brings openpyxl, which no other command needs.
        from stiplan.exports.csv_export import documents_to_csv

        text = documents_to_csv(docs, excel, lang)
    else:
        text = documents_to_json(docs, lines)
    write_text(text, output, newline="")
