"""Commands over what extraction found in briefings and reports: named programmes, the
timeline of dated decisions and numeric targets."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from stiplan import queries
from stiplan.cli.base import DbOption, DocumentOption, JsonOption, open_store, parse_day
from stiplan.cli.render import answer, print_json
from stiplan.cli.tables import print_programmes, print_targets, print_timeline


def programmes(
    db: DbOption = None,
    document: DocumentOption = None,
    linked: Annotated[
        bool, typer.Option("--linked", help="Only programmes a follow-up report mentions.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """List named strategies, plans and programmes (SIP, K Program, 「…戦略」…) with the
    follow-up initiatives and sections that mention them."""
    with open_store(db) as store:
        rows = queries.programmes(store, document, linked)
    if as_json:
        print_json(
            [
                {
                    **asdict(r),
                    "briefings": r.briefings,
                    "initiative_ids": r.initiative_ids,
                    "section_labels": r.section_labels,
                }
                for r in rows
            ]
        )
    else:
        print_programmes(rows)


def timeline(
    db: DbOption = None,
    document: DocumentOption = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only from this day on (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only up to this day (YYYY-MM-DD).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """One timeline of dated decisions (閣議決定, CSTI決定, 策定, 施行…) across all documents."""
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    with open_store(db) as store:
        rows = queries.timeline(store, document, start, end)
    answer(rows, as_json, print_timeline)


def targets(
    document: Annotated[
        str, typer.Option("--document", "-d", help="Document id, id prefix or file name.")
    ],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the numeric targets of one document (a briefing's 2030年目標…, a report's 主要指標)."""
    with open_store(db) as store:
        rows = queries.numeric_targets(store, document)
    answer(rows, as_json, print_targets)
