"""Commands over editions of one report part: list them, write what changed between two."""

from __future__ import annotations

from typing import Annotated

import typer

from stiplan import queries
from stiplan.cli.base import (
    DbOption,
    JsonFormatOption,
    JsonOption,
    OutputOption,
    PlanOption,
    err,
    fail,
    open_store,
    write_text,
)
from stiplan.cli.render import answer
from stiplan.cli.tables import print_editions
from stiplan.web.i18n import LANGUAGES, translator


def editions(db: DbOption = None, plan: PlanOption = None, as_json: JsonOption = False) -> None:
    """List report parts per Basic Plan and their editions, oldest data first."""
    with open_store(db) as store:
        parts = queries.editions(store, plan)
    answer(parts, as_json, print_editions)


LangOption = Annotated[
    str,
    typer.Option(
        "--lang",
        help="Language of the Markdown and HTML reports: ja (Japanese, the default) or en.",
    ),
]


def diff(
    old: Annotated[str, typer.Argument(help="Old edition: document id, id prefix or file name.")],
    new: Annotated[str, typer.Argument(help="New edition: document id, id prefix or file name.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="markdown, html or json.")
    ] = "markdown",
    lang: LangOption = "ja",
    output: OutputOption = None,
    db: DbOption = None,
    as_json: JsonFormatOption = False,
) -> None:
    """Write what changed between two editions (values, initiatives, rows added or removed).

    Markdown and HTML label every change by section and by indicator or initiative name, in
    Japanese or (--lang en) English; JSON is the machine format stiplan-diff/2.
    """
    # Imported here: the report writers are a tenth of the CLI's start-up, for this command only.
    from stiplan.exports.diff_report import FORMATS, render

    fmt = "json" if as_json else fmt
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    if lang not in LANGUAGES:
        fail(f"unknown language {lang!r}: use {', '.join(LANGUAGES)}")
    with open_store(db) as store:
        result = queries.diff(store, old, new)
    if not result.same_part:
        err.print(f"[yellow]{translator(lang)('diff_not_same_part')}[/]", soft_wrap=True)
    write_text(render(result, fmt, lang), output)
