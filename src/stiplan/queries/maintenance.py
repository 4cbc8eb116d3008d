"""Keeping the store safe: backups and restores of the embedded SQLite store, and bringing
either store's schema up to date (``stiplan db upgrade``)."""

from __future__ import annotations

from pathlib import Path

from stiplan.auth.roles import STORE_RESTORE, Actor
from stiplan.queries.accounts import authorize, record
from stiplan.store import Store, backup_store, open_store, restore_store, upgrade_store


def backup(store_path: Path, destination: Path, overwrite: bool = False) -> None:
    """A consistent copy of the store, taken while it may be served (SQLite online backup)."""
    backup_store(store_path, destination, overwrite)


def restore(backup_path: Path, store_path: Path, actor: Actor) -> None:
    """The store's contents replaced by a backup (checked first: a stiplan store this program
    can open); an older backup's schema is brought up to date by the next open.

    Once the store has users only an admin may restore (a refusal is recorded in the store as
    it is). The restore is recorded in the restored store, whose trail is the backup's: the
    entry says which backup replaced what was there and who did it."""
    if store_path.exists():
        with Store.open(store_path) as store:
            authorize(
                store, actor, STORE_RESTORE, audit_action="store.restore", target=str(backup_path)
            )
    restore_store(backup_path, store_path)
    with Store.open(store_path) as store:
        record(store, actor, "store.restore", str(backup_path), after={"store": str(store_path)})


def upgrade(location: str | Path) -> list[int]:
    """Apply the migrations the store (an SQLite path or a PostgreSQL URL) lacks; the
    versions applied now. (Every command that opens a store for writing applies them too, so
    the upgrade needs no role; ``record_upgrade`` keeps it in the trail.)"""
    return upgrade_store(location)


def record_upgrade(location: str | Path, actor: Actor, applied: list[int]) -> None:
    """Keep an upgrade that applied migrations in the audit trail (written by the new
    schema, which has the trail)."""
    if applied:
        with open_store(location) as store:
            record(store, actor, "store.upgrade", after={"applied": applied})
