"""Commands over the full-text index: search it, rebuild it."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from stiplan import queries
from stiplan.cli.base import (
    DbOption,
    DocumentOption,
    JsonOption,
    LeadOnlyOption,
    MinistryOption,
    PlanOption,
    SectionOption,
    err,
    open_store,
    out,
)
from stiplan.cli.render import answer, print_json
from stiplan.cli.tables import hit_json, print_hits
from stiplan.cli.users import UserOption, acting


def search(
    query: Annotated[
        list[str],
        typer.Argument(
            help='What to find: words (all of them), "a phrase", A OR B, -excluded, prefix*. '
            "Put -- first when the query starts with -.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    document: DocumentOption = None,
    edition: Annotated[
        str | None, typer.Option("--edition", "-e", help="Only this edition, e.g. 2025.")
    ] = None,
    section: SectionOption = None,
    ministry: MinistryOption = None,
    lead_only: LeadOnlyOption = False,
    element_type: Annotated[
        str | None,
        typer.Option(
            "--type",
            "-t",
            help="Element type: action, status_item, initiative, footnote…, or a briefing's "
            "block or slide.",
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most hits to list.")] = 20,
    plan: PlanOption = None,
    offset: Annotated[
        int,
        typer.Option("--offset", help="Hits to skip: the next page starts at offset + limit."),
    ] = 0,
    as_json: JsonOption = False,
) -> None:
    """Search everything ingested (Japanese-aware full text): the best hit of each type
    first, then the second of each, and so on (docs/search.md)."""
    with open_store(db) as store:
        hits = queries.search(
            store,
            " ".join(query),
            document,
            section,
            ministry,
            lead_only,
            element_type,
            limit,
            edition,
            plan,
            offset=offset,
        )
        stale = queries.unindexed_documents(store)
    if stale:
        err.print(
            f"[yellow]note:[/] {len(stale)} stored document(s) are missing from the search "
            "index or were indexed by another version: run stiplan reindex"
        )
    answer(hits, as_json, print_hits, hit_json)


def reindex(db: DbOption = None, as_json: JsonOption = False, user: UserOption = None) -> None:
    """Rebuild the search index of every stored document (after upgrading stiplan). Once the
    store has users, --user must name an admin or a secretariat user; recorded in the audit
    trail."""
    status = acting(db, user, lambda store, actor: queries.reindex(store, actor))
    if as_json:
        print_json(asdict(status))
        return
    size = f", {status.bytes / 2**20:.1f} MiB" if status.bytes is not None else ""
    out.print(f"search index: {status.units} text units of {status.documents} document(s){size}")
