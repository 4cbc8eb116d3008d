"""``stiplan audit``: the audit trail, newest first, filtered by day, actor and action.

Read by the operator who holds the store (no ``--user`` check: the web's ``/audit`` page is
where roles are checked). ``--actor`` filters by who acted; it is not ``--user``, which names
who acts in the commands that write. ``--json`` gives every field, ``before``/``after`` as values.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from stiplan import queries
from stiplan.cli.base import DbOption, JsonOption, fail, open_store, parse_day
from stiplan.cli.render import Column, Kind, print_json, print_table


def audit(
    since: Annotated[
        str | None, typer.Option("--since", help="From this day (YYYY-MM-DD, UTC) on.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            "--by",
            help="Only what this user did (or was refused).",
        ),
    ] = None,
    action: Annotated[
        str | None,
        typer.Option(
            "--action",
            "-a",
            help="Only this action (login, ingest, user.add…); a prefix ending in '.' "
            "(user.) takes every action under it.",
        ),
    ] = None,
    outcome: Annotated[str | None, typer.Option("--outcome", help="ok or refused.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many entries.", min=1)] = 200,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show the audit trail: every write and refused attempt, newest first."""
    day = parse_day(since, "--since")
    with open_store(db) as store:
        try:
            filters = queries.audit_filter(day, actor, action, outcome)
        except queries.QueryError as error:
            fail(str(error))
        rows = queries.audit_rows(store, None, filters)[:limit]
    if as_json:
        print_json(queries.audit_json(rows))
        return
    columns = [
        Column("id", Kind.NUMBER, drop=3),
        Column("at", Kind.KEY),
        Column("user", Kind.KEY),
        Column("action", Kind.KEY),
        Column("target"),
        Column("outcome", Kind.KEY),
        Column("reason", drop=1),
        Column("client", drop=2),
    ]
    cells = [
        [
            str(r.id),
            r.event.at,
            escape(r.event.actor),
            escape(r.event.action),
            escape(r.event.target),
            r.event.outcome,
            escape(r.event.reason),
            escape(r.event.client),
        ]
        for r in rows
    ]
    print_table("audit", columns, cells)
