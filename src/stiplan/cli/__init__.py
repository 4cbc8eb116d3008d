"""The ``stiplan`` command: a thin typer layer over ``stiplan.queries``.

Each command parses options, calls one query function and renders the answer: a rich table for
people, ``--json`` for machines. Domain errors become a message on stderr and exit code 1;
usage errors exit 2 (typer's convention). No SQL and no parsing here.
"""

from __future__ import annotations

import json
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from stiplan import __version__, queries
from stiplan.exports.csv_export import documents_to_csv
from stiplan.exports.diff_report import FORMATS, render
from stiplan.exports.json_export import _plain, documents_to_json
from stiplan.exports.progress_csv import progress_csv
from stiplan.exports.progress_report import STATUS_JA, number, to_html, to_markdown
from stiplan.queries import ReadOptions, Store, StoreError, format_quantity
from stiplan.settings import DB_ENV, default_db_path, resolve_db_path

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
    Path | None,
    typer.Option(
        "--db",
        help=f"SQLite store to use (default: ${DB_ENV}, else stiplan.sqlite in the user data "
        "directory, e.g. ~/.local/share/stiplan).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for machines.")]
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


def _plan_option(text: str) -> int:
    """``--plan 7`` / ``--plan 第7期`` → 7; an unknown plan is a usage error naming the known."""
    try:
        return queries.plan_ordinal(text)
    except queries.QueryError as error:
        raise typer.BadParameter(str(error)) from error


PlanOption = Annotated[
    int | None,
    typer.Option(
        "--plan",
        parser=_plan_option,
        metavar="第N期",
        help="Only documents of this Basic Plan, e.g. 7 or 第7期.",
    ),
]


def fail(message: str) -> NoReturn:
    """Report a domain error and exit non-zero."""
    err.print(f"[bold red]error:[/] {escape(message)}")
    raise typer.Exit(1)


@contextmanager
def open_store(db: Path | None) -> Iterator[Store]:
    """The store for this command; store and query errors become CLI errors."""
    path = resolve_db_path(db)
    try:
        with Store.open(path) as store:
            yield store
    except (StoreError, queries.QueryError) as error:
        fail(str(error))


def print_json(data: Any) -> None:
    out.print_json(json.dumps(_plain(data), ensure_ascii=False), ensure_ascii=False)


@app.command()
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
            parser=_plan_option,
            metavar="第N期",
            help="Basic Plan of the files (e.g. 7 or 第7期); wins over what is read from them.",
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest files into the store (one transaction each; the same file twice is a no-op)."""
    options = ReadOptions(max_bytes=int(max_size * 1024 * 1024), edition=edition, plan=plan)
    with open_store(db) as store:
        if len(files) > 1 and not as_json:
            outcomes = _ingest_with_progress(store, files, options)
        else:
            outcomes = queries.ingest_paths(store, files, options)
    if as_json:
        print_json([asdict(o) for o in outcomes])
    else:
        _print_outcomes(outcomes)
    if any(o.status is queries.IngestStatus.REJECTED for o in outcomes):
        raise typer.Exit(1)


def _ingest_with_progress(
    store: Store, files: list[Path], options: ReadOptions
) -> list[queries.IngestOutcome]:
    columns = (TextColumn("ingest"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("ingest", total=len(files))
        pages = progress.add_task("pages", total=None, visible=False)

        def on_page(page: int, total: int) -> None:  # a PDF: one step per page read
            progress.update(pages, completed=page, total=total, visible=page < total)

        options = replace(options, progress=on_page)
        return queries.ingest_paths(store, files, options, on_file=lambda _: progress.advance(task))


def _print_outcomes(outcomes: list[queries.IngestOutcome]) -> None:
    table = Table(title="ingest")
    for column in ("file", "result", "document", "sections", "subsections", "initiatives"):
        table.add_column(column)
    for column in ("actions", "indicators", "footnotes", "slides", "programmes", "decisions"):
        table.add_column(column, justify="right")
    table.add_column("warnings", justify="right")
    for o in outcomes:
        c = o.counts
        numbers = (
            [
                c.sections,
                c.subsections,
                c.initiatives,
                c.actions,
                c.indicators,
                c.footnotes,
                c.slides,
                c.programmes,
                c.decisions,
                c.warnings,
            ]
            if c
            else [""] * 10
        )
        name = escape(Path(o.source).name)
        table.add_row(name, o.status.value, o.document_id or "", *map(str, numbers))
    out.print(table)
    for o in outcomes:
        if o.warning_kinds:
            kinds = ", ".join(f"{code} {n}" for code, n in o.warning_kinds)
            total = sum(n for _, n in o.warning_kinds)
            out.print(f"{escape(Path(o.source).name)}: 警告 {total}件 (warnings) — {escape(kinds)}")
        if o.error:
            err.print(f"[bold red]rejected:[/] {escape(o.error)}")


@app.command()
def documents(db: DbOption = None, plan: PlanOption = None, as_json: JsonOption = False) -> None:
    """List stored documents with their Basic Plan (基本計画)."""
    with open_store(db) as store:
        rows = queries.documents(store, plan)
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    table = Table(title="documents")
    for column in ("id", "kind", "file", "title", "plan", "edition", "lines", "ingested"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            r.id,
            r.kind.value,
            escape(r.source_name),
            escape(r.title),
            queries.plan_name(r.plan) or "?",
            r.edition,
            str(r.line_count),
            r.ingested_at[:19],
        )
    out.print(table)


@app.command()
def sections(
    db: DbOption = None,
    document: DocumentOption = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """List sections with their counts."""
    with open_store(db) as store:
        rows = queries.sections(store, document, plan)
    if as_json:
        print_json([{**asdict(r), "label": r.full_label} for r in rows])
        return
    table = Table(title="sections")
    for column in ("section", "title", "subsections", "initiatives", "targets", "indicators"):
        table.add_column(column)
    table.add_column("lines")
    for r in rows:
        table.add_row(
            r.full_label,
            escape(r.title),
            str(r.subsection_count),
            str(r.initiative_count),
            str(r.target_count),
            str(r.indicator_count),
            f"{r.span.first_line}-{r.span.last_line}",
        )
    out.print(table)


def _tag(refs: Any) -> str:
    return "、".join(f"[u]{escape(r.code)}[/u]" if r.lead else escape(r.code) for r in refs)


@app.command()
def initiatives(
    db: DbOption = None,
    section: SectionOption = None,
    ministry: MinistryOption = None,
    lead_only: LeadOnlyOption = False,
    document: DocumentOption = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """List initiatives (具体的な取組), filtered by section, ministry, lead and plan."""
    with open_store(db) as store:
        rows = queries.initiatives(store, section, ministry, lead_only, document, plan)
    if as_json:
        print_json([{**asdict(r), "section_label": r.section_label} for r in rows])
        return
    table = Table(title=f"initiatives ({len(rows)})")
    table.add_column("id", no_wrap=True)
    table.add_column("section", no_wrap=True)
    table.add_column("commitment", ratio=3)
    table.add_column("ministries", ratio=1)
    table.add_column("status", justify="right")
    table.add_column("actions", justify="right")
    for r in rows:
        commitment = r.commitment if len(r.commitment) <= 60 else r.commitment[:59] + "…"
        table.add_row(
            r.id,
            f"{r.section_label}{'①②③④⑤⑥⑦⑧⑨⑩'[r.subsection_number - 1 :][:1]}",
            escape(commitment),
            _tag(r.ministries),
            str(r.status_item_count),
            str(r.action_count),
        )
    out.print(table)


@app.command()
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
        return
    e = view.element
    out.print(
        f"[bold]{e.type}[/] {escape(e.id)}  ({escape(view.document.source_name)}, "
        f"lines {e.span.first_line}-{e.span.last_line}"
        + (f", p. {e.span.page}" if e.span.page else "")
        + ")"
    )
    if e.title:
        out.print(escape(e.title))
    if e.text:
        out.print(escape(e.text))
    if e.ministries:
        out.print(f"ministries: {_tag(e.ministries)}")
    if e.footnotes:
        out.print(f"footnotes: {' '.join(map(str, e.footnotes))}")
    for child in view.children:
        label = child.text or child.title or ""
        out.print(f"  · {child.type} {escape(child.id)}: {escape(label[:70])}")
    out.rule("source")
    for line in view.source:
        out.print(f"[dim]{line.line_no:>6}[/] {escape(line.text)}")


@app.command()
def warnings(
    db: DbOption = None,
    document: DocumentOption = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """List what the readers could not read with certainty, with file and line."""
    with open_store(db) as store:
        rows = queries.warnings(store, document, plan)
        names = {d.id: d.source_name for d in queries.documents(store)}
    if as_json:
        print_json([{**asdict(r), "source_name": names.get(r.document_id)} for r in rows])
        return
    table = Table(title=f"warnings ({len(rows)})")
    for column in ("file", "line", "code", "message"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            escape(names.get(r.document_id, r.document_id)),
            str(r.line),
            r.code,
            escape(r.message),
        )
    out.print(table)


def _mention_place(source_name: str, span: Any) -> str:
    return f"{escape(source_name)}:{span.first_line}"


@app.command()
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
        return
    table = Table(title=f"programmes ({len(rows)})")
    table.add_column("programme", ratio=3)
    table.add_column("kind")
    table.add_column("named in", ratio=2)
    table.add_column("initiatives", justify="right")
    table.add_column("sections", ratio=1)
    for r in rows:
        counts = Counter(m.source_name for m in r.mentions)
        places = " ".join(f"{escape(name)}×{n}" for name, n in counts.items())
        table.add_row(
            escape(r.name),
            r.kind.value,
            places,
            str(len(r.initiative_ids)),
            " ".join(r.section_labels),
        )
    out.print(table)


@app.command()
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
    start, end = _day(since, "--since"), _day(until, "--until")
    with open_store(db) as store:
        rows = queries.timeline(store, document, start, end)
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    table = Table(title=f"timeline ({len(rows)})")
    for column in ("date", "body", "decision", "what", "source"):
        table.add_column(column)
    for r in rows:
        action = r.action + ("（予定）" if r.planned else "")
        table.add_row(
            escape(r.date.text),
            escape(r.body),
            escape(action),
            escape(r.what if len(r.what) <= 60 else r.what[:59] + "…"),
            _mention_place(r.source_name, r.span),
        )
    out.print(table)


def _day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} takes a day as YYYY-MM-DD, not {text!r}")


@app.command()
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
    if as_json:
        print_json([asdict(r) for r in rows])
        return
    table = Table(title=f"targets ({len(rows)})")
    for column in ("id", "subject", "value", "by", "lines"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            escape(r.id),
            escape(r.subject),
            escape(format_quantity(r.quantity)) if r.quantity else "",
            escape(r.period.text) if r.period else "",
            f"{r.span.first_line}-{r.span.last_line}",
        )
    out.print(table)


@app.command()
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
    if as_json:
        print_json([_hit_json(h) for h in hits])
        return
    _print_hits(hits)


def _hit_json(hit: queries.SearchHit) -> dict[str, Any]:
    """A hit for machines: the snippet as plain text and as flagged segments."""
    data = asdict(hit)
    data["snippet"] = {
        "text": hit.snippet.text,
        "segments": [asdict(s) for s in hit.snippet.segments],
    }
    data["score"] = round(hit.score, 4)
    return data


def _print_hits(hits: list[queries.SearchHit]) -> None:
    if not hits:
        out.print("no hits")
        return
    table = Table(title=f"hits ({len(hits)})")
    table.add_column("score", justify="right")
    table.add_column("element", no_wrap=True)
    table.add_column("type")
    table.add_column("nth", justify="right")  # the hit's place among hits of its type
    table.add_column("section")
    table.add_column("lines")
    table.add_column("snippet", ratio=1)
    for h in hits:
        table.add_row(
            f"{h.score:.3g}",
            escape(h.element_id),
            h.type,
            str(h.type_rank),
            h.section_label or "",
            f"{h.span.first_line}-{h.span.last_line}",
            "".join(
                f"[bold reverse]{escape(s.text)}[/]" if s.highlighted else escape(s.text)
                for s in h.snippet.segments
            ),
        )
    out.print(table)


@app.command()
def reindex(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Rebuild the search index of every stored document (after upgrading stiplan)."""
    with open_store(db) as store:
        status = queries.reindex(store)
    if as_json:
        print_json(asdict(status))
        return
    size = f", {status.bytes / 2**20:.1f} MiB" if status.bytes is not None else ""
    out.print(f"search index: {status.units} text units of {status.documents} document(s){size}")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or csv.")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="CSV with a UTF-8 BOM so Excel reads Japanese.")
    ] = False,
    lines: Annotated[
        bool, typer.Option("--lines", help="JSON: include the source lines of each document.")
    ] = False,
    db: DbOption = None,
    document: DocumentOption = None,
) -> None:
    """Export documents as JSON (the tree, see docs/export.md) or CSV (one row per element)."""
    if fmt not in ("json", "csv"):
        fail(f"unknown format {fmt!r}: use json or csv")
    with open_store(db) as store:
        docs = queries.load_documents(store, document)
    text = documents_to_json(docs, lines) if fmt == "json" else documents_to_csv(docs, excel)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8", newline="")
        err.print(f"wrote {escape(str(output))}")


HostOption = Annotated[
    str, typer.Option("--host", help="Address to listen on (loopback only by default).")
]
PortOption = Annotated[int, typer.Option("--port", help="TCP port to listen on.", min=1, max=65535)]


@app.command()
def serve(db: DbOption = None, host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """Serve the web dashboard and JSON API (/api/v1) over the store, read-only."""
    _serve(resolve_db_path(db), host, port)


def _serve(path: Path, host: str, port: int) -> None:
    """Open the store read-only and serve it until interrupted (Ctrl+C)."""
    import uvicorn  # imported here: the other commands do not need the web stack

    from stiplan.web import create_app

    try:
        web_app = create_app(path, read_only=True)
    except StoreError as error:
        fail(str(error))
    out.print(f"serving {escape(str(path))} read-only at http://{host}:{port}/  (Ctrl+C stops)")
    uvicorn.run(web_app, host=host, port=port, log_level="info")


@app.command()
def editions(db: DbOption = None, plan: PlanOption = None, as_json: JsonOption = False) -> None:
    """List report parts per Basic Plan and their editions, oldest data first."""
    with open_store(db) as store:
        parts = queries.editions(store, plan)
    if as_json:
        print_json([asdict(p) for p in parts])
        return
    table = Table(title=f"report parts ({len(parts)})")
    for column in ("plan", "part", "edition", "data until", "document", "file", "sections"):
        table.add_column(column, no_wrap=column in ("plan", "data until"))
    for part in parts:
        for index, e in enumerate(part.editions):
            table.add_row(
                (queries.plan_name(part.plan) or "?") if index == 0 else "",
                escape(part.key) if index == 0 else "",
                e.edition or "?",
                e.data_until.isoformat() if e.data_until else "",
                e.document_id,
                escape(e.source_name),
                " ".join(e.sections),
            )
    out.print(table)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="Old edition: document id, id prefix or file name.")],
    new: Annotated[str, typer.Argument(help="New edition: document id, id prefix or file name.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="markdown, html or json.")
    ] = "markdown",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Write what changed between two editions (values, initiatives, rows added or removed)."""
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}: use {', '.join(FORMATS)}")
    with open_store(db) as store:
        result = queries.diff(store, old, new)
    if not result.same_part:
        err.print(
            "[yellow]warning:[/] these documents are not editions of the same report part "
            "(see stiplan editions)"
        )
    text = render(result, fmt)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {escape(str(output))}")


@app.command()
def demo(
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Store for the demo (default: a fresh demo.sqlite)."),
    ] = None,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Only ingest and summarise; do not start the server.")
    ] = False,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Ingest the bundled sample reports and briefing into a fresh demo store, then serve the
    dashboard."""
    path = db or default_db_path().with_name("demo.sqlite")
    if path.exists():
        if db is not None:
            fail(f"{path} exists; the demo only writes a fresh store (remove it or pick another)")
        path.unlink()
    samples = queries.sample_paths()
    if not samples:
        fail("no sample documents found (samples/*.txt)")
    with open_store(path) as store:
        outcomes = queries.ingest_paths(store, samples)
    _print_outcomes(outcomes)
    out.print(f"\ndemo store: {escape(str(path))}")
    out.print(f"try: stiplan initiatives --db {escape(str(path))} --ministry 文 --lead-only")
    out.print(f"     stiplan search --db {escape(str(path))} 博士人材")
    out.print(f"     stiplan programmes --db {escape(str(path))} --linked")
    out.print(f"     stiplan timeline --db {escape(str(path))}")
    for pdf in (p for p in samples if p.suffix == ".pdf"):
        out.print(
            f"（{escape(pdf.name)} は PDF から読んだ版: "
            "ダッシュボードの「p. N」で元のページ画像を表示）"
        )
    if shutil.which("stiplan") is None and os.environ.get("VIRTUAL_ENV") is None:
        out.print("(stiplan is installed in .venv: run .venv/bin/stiplan)")
    if any(o.status is queries.IngestStatus.REJECTED for o in outcomes):
        raise typer.Exit(1)
    if not no_serve:
        _serve(path, host, port)


@app.command()
def progress(
    db: DbOption = None,
    section: SectionOption = None,
    document: DocumentOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    commitments: Annotated[
        bool, typer.Option("--commitments", help="Dated commitments instead of main targets.")
    ] = False,
    plan: PlanOption = None,
) -> None:
    """Progress of main targets (主要指標) with the numbers behind each status."""
    if fmt not in ("table", "json", "csv"):
        fail(f"unknown format {fmt!r}: use table, json or csv")
    with open_store(db) as store:
        result = queries.progress(store, section, document, plan)
    rows: list[Any] = result.commitments if commitments else result.assessments
    if fmt == "json":
        print_json([asdict(r) for r in rows])
    elif fmt == "csv":
        typer.echo(progress_csv(result, commitments), nl=False)
    elif commitments:
        _print_commitments(result.commitments)
    else:
        _print_assessments(result.assessments)


def _print_assessments(rows: list[Any]) -> None:
    table = Table(title=f"progress ({len(rows)} targets)")
    table.add_column("target", no_wrap=True)
    table.add_column("name", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("latest → target", ratio=1)
    table.add_column("why", ratio=2)
    for a in rows:
        latest = f"{number(a.latest.value)}（{a.latest.period.text}）" if a.latest else "—"
        goal = f"{number(a.target_value)} {a.target_unit}" if a.target_value is not None else "—"
        table.add_row(
            a.target_id.split(":")[-1],
            escape(a.name),
            STATUS_JA[a.status],
            escape(f"{latest} → {goal}"),
            escape(a.reason),
        )
    out.print(table)


def _print_commitments(rows: list[Any]) -> None:
    table = Table(title=f"dated commitments ({len(rows)})")
    for column in ("initiative", "deadline", "status", "why"):
        table.add_column(column)
    for c in rows:
        table.add_row(
            c.initiative_id.split(":")[-1],
            escape(c.deadline.text),
            STATUS_JA[c.status],
            escape(c.reason),
        )
    out.print(table)


report_app = typer.Typer(help="Write reports (Markdown or HTML).", no_args_is_help=True)
app.add_typer(report_app, name="report")


@report_app.command("progress")
def report_progress(
    db: DbOption = None,
    section: Annotated[str | None, typer.Option("--section", "-s", help="Section label.")] = None,
    document: DocumentOption = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="markdown or html.")] = "markdown",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """A progress report per section: status table, the working and the sources."""
    if fmt not in ("markdown", "html"):
        fail(f"unknown format {fmt!r}: use markdown or html")
    with open_store(db) as store:
        result = queries.progress(store, section, document)
    render = to_markdown if fmt == "markdown" else to_html
    text = render(result.assessments, result.commitments)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {escape(str(output))}")


@app.command()
def version() -> None:
    """Print the stiplan version."""
    typer.echo(__version__)
