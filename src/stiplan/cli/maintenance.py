"""Commands that keep the store safe: ``backup`` and ``restore``, and ``db upgrade``, which
brings either store's schema up to date."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from stiplan import queries
from stiplan.cli.base import DbOption, JsonOption, fail, out
from stiplan.queries import StoreError
from stiplan.settings import resolve_db, resolve_db_path


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
) -> None:
    """Replace the store's contents with a backup (checked first). / バックアップから復元"""
    try:
        store_path = resolve_db_path(db)
        queries.restore(backup_file, store_path)
    except StoreError as error:
        fail(str(error))
    out.print(f"復元しました (restored): {escape(str(backup_file))} → {escape(str(store_path))}")


db_app = typer.Typer(
    help="The store's schema. / データベース", no_args_is_help=True, rich_markup_mode=None
)


@db_app.command("upgrade")
def upgrade(db: DbOption = None, as_json: JsonOption = False) -> None:
    """Apply the migrations the store lacks (SQLite file or PostgreSQL URL). / スキーマ更新"""
    try:
        location = resolve_db(db)
        applied = queries.upgrade(location)
    except StoreError as error:
        fail(str(error))
    if as_json:
        typer.echo(json.dumps({"applied": applied}))
    elif applied:
        names = ", ".join(f"{version:04d}" for version in applied)
        out.print(f"マイグレーションを適用しました (applied): {names}")
    else:
        out.print("スキーマは最新です (already up to date)")
