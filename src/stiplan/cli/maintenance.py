"""Commands that keep the store safe: ``backup`` and ``restore``, and ``db upgrade``, which
brings either store's schema up to date."""

from __future__ import annotations

import getpass
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from stiplan import queries
from stiplan.cli.base import DbOption, JsonOption, fail, open_store, out
from stiplan.cli.users import UserOption, cli_actor, guarded
from stiplan.queries import StoreError
from stiplan.settings import resolve_db, resolve_db_path


def cli_actor_at(store_path: Path, user: str | None) -> queries.Actor:
    """Who acts on a store file that may not exist yet (a restore into a new file: nobody
    to check against, so the OS user or ``--user`` as named)."""
    if not store_path.exists():
        return queries.Actor(user or getpass.getuser())
    with queries.Store.open(store_path) as store:
        return cli_actor(store, user)


def backup(
    destination: Annotated[Path, typer.Argument(help="The backup file to write.")],
    db: DbOption = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace the file if it exists.")
    ] = False,
) -> None:
    """Copy the store to a backup file (consistent while the store is served). / バックアップ"""
    try:
        store_path = resolve_db_path(db)
        queries.backup(store_path, destination, overwrite)
    except StoreError as error:
        fail(str(error))
    out.print(
        f"バックアップしました (backed up): {escape(str(store_path))} → {escape(str(destination))}"
    )


def restore(
    backup_file: Annotated[Path, typer.Argument(help="The backup file to restore from.")],
    db: DbOption = None,
    user: UserOption = None,
) -> None:
    """Replace the store's contents with a backup (checked first; once the store has users,
    --user must name an admin; recorded in the audit trail). / バックアップから復元"""
    try:
        store_path = resolve_db_path(db)
        actor = cli_actor_at(store_path, user)
        guarded(user, lambda: queries.restore(backup_file, store_path, actor))
    except StoreError as error:
        fail(str(error))
    out.print(f"復元しました (restored): {escape(str(backup_file))} → {escape(str(store_path))}")


db_app = typer.Typer(
    help="The store's schema. / データベース", no_args_is_help=True, rich_markup_mode=None
)


@db_app.command("upgrade")
def upgrade(db: DbOption = None, as_json: JsonOption = False, user: UserOption = None) -> None:
    """Apply the migrations the store lacks (SQLite file or PostgreSQL URL); recorded in the
    audit trail. / スキーマ更新"""
    try:
        location = resolve_db(db)
        applied = queries.upgrade(location)
        with open_store(db) as store:
            actor = cli_actor(store, user)
        queries.record_upgrade(location, actor, applied)
    except StoreError as error:
        fail(str(error))
    if as_json:
        typer.echo(json.dumps({"applied": applied}))
    elif applied:
        names = ", ".join(f"{version:04d}" for version in applied)
        out.print(f"マイグレーションを適用しました (applied): {names}")
    else:
        out.print("スキーマは最新です (already up to date)")
