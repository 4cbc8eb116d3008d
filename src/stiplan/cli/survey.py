"""``stiplan survey …``: the follow-up survey round (issue 17, ``docs/survey.md``).

The secretariat opens a round from a stored follow-up report, sends each ministry its
workbook, imports the filled workbooks (or ministries edit in the browser), accepts or
returns each ministry's hand-in and publishes the accepted round as a new edition. Every
write takes ``--user`` (checked against its role and ministries) and lands in the audit
trail; a refused workbook prints every problem with its file, sheet and cell and exits 1.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from stiplan import queries
from stiplan.cli.base import (
    DbOption,
    JsonOption,
    LangOption,
    err,
    fail,
    make_folder,
    open_store,
    out,
    write_file,
)
from stiplan.cli.render import Column, Kind, print_json, print_table
from stiplan.cli.users import UserOption, acting, cli_actor, guarded

survey_app = typer.Typer(
    help="The follow-up survey round: open, workbooks, import, review, publish. / 調査",
    no_args_is_help=True,
    rich_markup_mode=None,
)
RoundArgument = Annotated[
    str,
    typer.Argument(
        metavar="ROUND", help="Round id (2026-1), or an edition year for its latest round."
    ),
]
MinistryArgument = Annotated[
    str, typer.Argument(metavar="MINISTRY", help="Ministry code or official name (文).")
]


def _json(data: object) -> None:
    """A query answer (a dataclass, a list of them, or plain data) as JSON."""
    if isinstance(data, list):
        print_json([asdict(d) if is_dataclass(d) else d for d in data])  # type: ignore[arg-type]
    elif is_dataclass(data) and not isinstance(data, type):
        print_json(asdict(data))
    else:
        print_json(data)


def _status(status: queries.RoundStatus, as_json: bool) -> None:
    if as_json:
        _json(status)
        return
    r = status.round
    due = f" 期限 {queries.format_day(date.fromisoformat(r.due))}" if r.due else ""
    published = f" → {r.published_document}" if r.published_document else ""
    err.print(
        f"ラウンド {r.id}（{r.edition}年版、元 {r.source_document}）{due} {r.state}{published}"
    )
    columns = [
        Column("ministry", Kind.KEY),
        Column("name"),
        Column("state", Kind.KEY),
        Column("revisions", Kind.NUMBER),
        Column("updated", drop=2),
        Column("by", Kind.KEY, drop=1),
        Column("comment"),
    ]
    rows = [
        [
            escape(m.ministry),
            escape(m.name),
            m.state,
            str(m.revisions),
            m.updated_at,
            escape(m.updated_by),
            escape(m.comment),
        ]
        for m in status.ministries
    ]
    print_table(f"survey {r.id}", columns, rows)


@survey_app.command("open")
def open_(
    edition: Annotated[str, typer.Argument(help="The edition the round writes, e.g. 2026.")],
    source: Annotated[
        str, typer.Option("--from", help="The stored follow-up report it starts from (id or file).")
    ],
    due: Annotated[
        str | None, typer.Option("--due", help="Due date: 2026-06-30 or 令和8年6月30日.")
    ] = None,
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Open a survey round for a new edition from a stored follow-up report. / 調査開始"""
    status = acting(
        db, user, lambda store, actor: queries.open_round(store, actor, edition, source, due)
    )
    _status(status, as_json)


@survey_app.command("list")
def list_(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the survey rounds. / 調査ラウンド一覧"""
    with open_store(db) as store:
        rows = queries.survey_rounds(store)
    if as_json:
        _json(rows)
        return
    columns = [Column("round", Kind.KEY), Column("edition", Kind.KEY), Column("source", Kind.KEY)]
    columns += [Column("due", Kind.KEY), Column("state", Kind.KEY), Column("published", Kind.KEY)]
    cells = [
        [r.id, r.edition, r.source_document, r.due or "", r.state, r.published_document or ""]
        for r in rows
    ]
    print_table("survey rounds", columns, cells)


@survey_app.command("status")
def status(
    round_: RoundArgument, user: UserOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    """Each ministry's state in a round (未着手・作業中・提出済・差戻し・確定): every ministry for
    the secretariat, a ministry officer's own. / 状況"""
    found = acting(db, user, lambda store, actor: queries.round_board(store, actor, round_))
    _status(found, as_json)


@survey_app.command("workbooks")
def workbooks(
    round_: RoundArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory to write into.")],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Write one survey workbook (XLSX) per ministry into a directory. / 調査票の作成"""
    files = acting(db, user, lambda store, actor: queries.workbooks(store, actor, round_))
    make_folder(output)
    written = {}
    for found in files:
        write_file(output / found.name, found.data)
        written[found.ministry] = str(output / found.name)
    if as_json:
        _json(written)
        return
    for ministry, path in written.items():
        out.print(f"{escape(ministry)}\t{escape(path)}")


@survey_app.command("import")
def import_(
    round_: RoundArgument,
    workbook: Annotated[Path, typer.Argument(help="A filled survey workbook (.xlsx).")],
    draft: Annotated[
        bool, typer.Option("--draft", help="Save as a draft (作業中), not a submission (提出済).")
    ] = False,
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
    lang: LangOption = "ja",
) -> None:
    """Import a filled workbook as a new revision; all or nothing: every problem is listed
    with its file, sheet and cell (Japanese; --lang en for English). / 調査票の取込"""
    try:
        data = workbook.read_bytes()
    except OSError as error:
        fail(f"{workbook}: {error.strerror}")
    with open_store(db) as store:
        actor = cli_actor(store, user)
        try:
            view = guarded(
                user,
                lambda: queries.import_workbook(
                    store, actor, round_, data, workbook.name, draft=draft
                ),
            )
        except queries.WorkbookRefused as refused:
            for line in refused.lines(lang):
                err.print(escape(line))
            fail(f"{workbook.name}: refused ({len(refused.errors)} problems); nothing imported")
    if as_json:
        _json(view)
    else:
        state = queries.IN_PROGRESS if view.draft else queries.SUBMITTED
        out.print(f"{escape(view.ministry)}: revision {view.number} ({state})")


@survey_app.command("accept")
def accept(
    round_: RoundArgument,
    ministry: MinistryArgument,
    revision: Annotated[
        int | None,
        typer.Option("--revision", help="The revision reviewed: refused if a newer one arrived."),
    ] = None,
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Accept a ministry's latest submission (提出済 → 確定); publishing uses it. / 確定"""
    found = acting(
        db, user, lambda s, a: queries.accept_submission(s, a, round_, ministry, revision)
    )
    _status(found, as_json)


@survey_app.command("return")
def return_(
    round_: RoundArgument,
    ministry: MinistryArgument,
    comment: Annotated[str, typer.Option("--comment", "-c", help="What to change.")],
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Return a ministry's submission with a comment (→ 差戻し). / 差戻し"""
    found = acting(
        db, user, lambda s, a: queries.return_submission(s, a, round_, ministry, comment)
    )
    _status(found, as_json)


@survey_app.command("revisions")
def revisions(
    round_: RoundArgument,
    ministry: Annotated[str | None, typer.Option("--ministry", "-m", help="One ministry.")] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the revisions handed in (every one is kept). / 回答の履歴"""
    with open_store(db) as store:
        rows = queries.survey_revisions(store, round_, ministry)
    if as_json:
        _json(rows)
        return
    columns = [Column("ministry", Kind.KEY), Column("revision", Kind.NUMBER)]
    columns += [Column("author", Kind.KEY), Column("at", Kind.KEY), Column("draft", Kind.KEY)]
    columns += [Column("source")]
    cells = [
        [
            r.ministry,
            str(r.number),
            escape(r.author),
            r.created_at,
            "yes" if r.draft else "no",
            escape(r.source),
        ]
        for r in rows
    ]
    print_table("revisions", columns, cells)


@survey_app.command("review")
def review(
    round_: RoundArgument,
    ministry: MinistryArgument,
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """A ministry's latest answer as changes against last year (what accept would accept).
    / 確認"""
    page = acting(db, user, lambda store, actor: queries.edit_page(store, actor, round_, ministry))
    changed = [r for r in page.rows if r.editable and r.changed]
    if as_json:
        _json([{"key": r.key, "kind": r.kind, "last": r.last, "now": r.now} for r in changed])
        return
    latest = page.revisions[-1].number if page.revisions else 0
    err.print(f"{page.name}（{page.ministry}）{page.state}, revision {latest}")
    columns = [Column("row", Kind.KEY), Column("kind", Kind.KEY, drop=1)]
    columns += [Column("last year"), Column("this year")]
    cells = [
        [
            escape(r.key),
            escape(r.kind),
            escape(" ".join(r.last).strip()),
            escape(" ".join(r.now).strip()),
        ]
        for r in changed
    ]
    print_table(f"changes {page.round.id} {page.ministry}", columns, cells)


@survey_app.command("publish")
def publish(
    round_: RoundArgument,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Also export the edition (text and XLSX) here."),
    ] = None,
    user: UserOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Publish the accepted round as a new follow-up edition. / 公表"""
    with open_store(db) as store:
        actor = cli_actor(store, user)
        done = guarded(user, lambda: queries.publish_round(store, actor, round_))
        if output is not None:
            _export(store, round_, output)
    if as_json:
        _json(done)
    else:
        out.print(
            f"公表しました (published): {done.round_id} → {done.document_id} ({done.edition})"
        )


def _export(store: queries.StoreInterface, round_: str, output: Path) -> list[str]:
    """Write the published edition's report text and XLSX; the paths written."""
    from stiplan.exports.survey_xlsx import edition_xlsx  # brings openpyxl: only here

    text, name = queries.edition_text(store, round_)
    items, values = queries.edition_rows(store, round_)
    make_folder(output)
    write_file(output / name, text, newline="")
    xlsx = output / (Path(name).stem + ".xlsx")
    write_file(xlsx, edition_xlsx(items, values))
    err.print(f"wrote {escape(str(output / name))}, {escape(str(xlsx))}")
    return [str(output / name), str(xlsx)]


@survey_app.command("export")
def export(
    round_: RoundArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="Directory to write into.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Export a published round's edition as report text and as one XLSX. / 書き出し"""
    with open_store(db) as store:
        written = _export(store, round_, output)
    if as_json:
        _json(written)
