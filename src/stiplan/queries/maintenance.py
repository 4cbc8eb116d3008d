"""Keeping the store safe: backups and restores of the embedded SQLite store, and bringing
either store's schema up to date (``stiplan db upgrade``)."""

from __future__ import annotations

from pathlib import Path

from stiplan.store import backup_store, restore_store, upgrade_store


def backup(store_path: Path, destination: Path, overwrite: bool = False) -> None:
    """A consistent copy of the store, taken while it may be served (SQLite online backup)."""
    backup_store(store_path, destination, overwrite)


def restore(backup_path: Path, store_path: Path) -> None:
    """The store's contents replaced by a backup (checked first: a stiplan store this program
    can open); an older backup's schema is brought up to date by the next open."""
    restore_store(backup_path, store_path)


def upgrade(location: str | Path) -> list[int]:
    """Apply the migrations the store (an SQLite path or a PostgreSQL URL) lacks; the
    versions applied now."""
    return upgrade_store(location)
