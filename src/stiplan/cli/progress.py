"""Commands over progress: main targets (主要指標) and dated commitments, as a table, JSON
or CSV, and the progress report (Markdown or HTML)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from stiplan import queries
from stiplan.cli.base import (
    DbOption,
    DocumentOption,
    JsonFormatOption,
    LangOption,
    OutputOption,
    PlanOption,
    SectionOption,
    fail,
    open_store,
    write_text,
)
from stiplan.cli.render import print_json
from stiplan.cli.tables import print_assessments, print_commitments


def progress(
    db: DbOption = None,
    section: SectionOption = None,
    document: DocumentOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    commitments: Annotated[
        bool, typer.Option("--commitments", help="Dated commitments instead of main targets.")
    ] = False,
    plan: PlanOption = None,
    as_json: JsonFormatOption = False,
    lang: LangOption = "ja",
) -> None:
    """Progress of main targets (主要指標) with the numbers behind each status.

    The status and its reason are in Japanese (``--lang en`` for English); ``--json`` keeps
    the reason code and its parameters beside the English reason."""
    fmt = "json" if as_json else fmt
    if fmt not in ("table", "json", "csv"):
        fail(f"unknown format {fmt!r}: use table, json or csv")
    with open_store(db) as store:
        result = queries.progress(store, section, document, plan)
    rows: list[Any] = result.commitments if commitments else result.assessments
    if fmt == "json":
        print_json([asdict(r) for r in rows])
    elif fmt == "csv":
        from stiplan.exports.progress_csv import progress_csv  # brings openpyxl: only here

        typer.echo(progress_csv(result, commitments, lang=lang), nl=False)
    elif commitments:
        print_commitments(result.commitments, lang)
    else:
        print_assessments(result.assessments, lang)


report_app = typer.Typer(help="Write reports (Markdown or HTML).", no_args_is_help=True)


@report_app.command("progress")
def report_progress(
    db: DbOption = None,
    section: Annotated[str | None, typer.Option("--section", "-s", help="Section label.")] = None,
    document: DocumentOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or html.")] = "markdown",
    output: OutputOption = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print JSON for machines: the targets and the commitments."),
    ] = False,
    lang: LangOption = "ja",
) -> None:
    """A progress report per section: status table, the working and the sources, in
    Japanese (``--lang en`` for English)."""
    if fmt not in ("markdown", "html"):
        fail(f"unknown format {fmt!r}: use markdown or html")
    with open_store(db) as store:
        result = queries.progress(store, section, document)
    if as_json:
        assessments = [asdict(a) for a in result.assessments]
        print_json(
            {"assessments": assessments, "commitments": list(map(asdict, result.commitments))}
        )
        return
    from stiplan.exports.progress_report import to_html, to_markdown  # loaded on use

    render = to_markdown if fmt == "markdown" else to_html
    write_text(render(result.assessments, result.commitments, lang), output)
