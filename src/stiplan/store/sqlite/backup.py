"""Backups of the embedded store: SQLite's online backup, consistent while the store is served.

``backup_store`` copies a store page by page through SQLite's backup API from a read-only
connection, so readers and a writer may go on meanwhile (WAL); the copy is written beside the
destination and moved into place only when complete. ``restore_store`` checks that a file is
a stiplan store this program can open (not a foreign database, not a newer schema) before it
copies it over the target through the same API, which takes the target's locks as a write
does; an older backup is brought up to date by the next ordinary open.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from stiplan.store.connection import connect, read_only_uri
from stiplan.store.errors import StoreError
from stiplan.store.migrate import applied_versions, load_migrations, refuse_newer


def backup_store(store_path: Path, destination: Path, overwrite: bool = False) -> None:
    """Copy the store at ``store_path`` to ``destination`` (a new file unless ``overwrite``)."""
    if not store_path.is_file():
        raise StoreError(f"{store_path}: no stiplan store here")
    if destination.exists() and not overwrite:
        raise StoreError(f"{destination}: already exists; choose another name or overwrite it")
    partial = destination.with_name(destination.name + ".partial")
    try:
        source = connect(read_only_uri(store_path), uri=True)
        try:
            _check_store(source, str(store_path))
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                target.close()
        finally:
            source.close()
        os.replace(partial, destination)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"{destination}: backup of {store_path} failed: {exc}") from exc


def restore_store(backup: Path, store_path: Path) -> None:
    """Replace the contents of the store at ``store_path`` with the backup at ``backup``."""
    if not backup.is_file():
        raise StoreError(f"{backup}: no such backup file")
    try:
        source = connect(read_only_uri(backup), uri=True)
        try:
            _check_store(source, str(backup))
            store_path.parent.mkdir(parents=True, exist_ok=True)
            target = connect(str(store_path))
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"{store_path}: restore from {backup} failed: {exc}") from exc


def _check_store(conn: sqlite3.Connection, where: str) -> None:
    """A stiplan store whose schema this program knows (older is fine: it is migrated)."""
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{where}: not a SQLite database: {exc}") from exc
    if "schema_migrations" not in names:
        raise StoreError(f"{where}: not a stiplan store (no schema_migrations table)")
    refuse_newer(applied_versions(conn), load_migrations(), where)
