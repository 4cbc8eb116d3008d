"""Backups and restores: consistent while the store is read, checked before they replace it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stiplan import queries
from stiplan.cli import app
from stiplan.store import Store, StoreError, backup_store, restore_store
from tests.conftest import SAMPLES

runner = CliRunner()


def stored(path: Path) -> set[str]:
    with Store.open(path, read_only=True) as store:
        return {d.source_name for d in store.documents()}


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "live.sqlite"
    with Store.open(path) as store:
        queries.ingest_paths(store, [SAMPLES / "followup_2024.txt"])
    return path


def test_a_backup_taken_while_a_reader_holds_a_transaction_is_complete(
    store_path: Path, tmp_path: Path
) -> None:
    reader = sqlite3.connect(f"{store_path.resolve().as_uri()}?mode=ro", uri=True)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM elements").fetchone()
    copy = tmp_path / "copy.sqlite"
    backup_store(store_path, copy)
    reader.execute("COMMIT")
    reader.close()
    assert stored(copy) == {"followup_2024.txt"}
    with Store.open(copy, read_only=True) as a, Store.open(store_path, read_only=True) as b:
        doc = a.documents()[0].id
        assert a.load_document(doc) == b.load_document(doc)
    assert not (tmp_path / "copy.sqlite.partial").exists()


def test_restore_brings_back_what_was_backed_up(store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite"
    backup_store(store_path, copy)
    with Store.open(store_path) as store:
        queries.ingest_paths(store, [SAMPLES / "followup_2025.txt"])
    assert stored(store_path) == {"followup_2024.txt", "followup_2025.txt"}
    restore_store(copy, store_path)
    assert stored(store_path) == {"followup_2024.txt"}


def test_an_existing_destination_is_kept_unless_overwritten(
    store_path: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.sqlite"
    copy.write_text("precious", encoding="utf-8")
    with pytest.raises(StoreError, match="already exists"):
        backup_store(store_path, copy)
    assert copy.read_text(encoding="utf-8") == "precious"
    backup_store(store_path, copy, overwrite=True)
    assert stored(copy) == {"followup_2024.txt"}


def test_foreign_newer_and_missing_backups_are_refused_and_the_store_unchanged(
    store_path: Path, tmp_path: Path
) -> None:
    before = store_path.read_bytes()
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    newer = tmp_path / "newer.sqlite"
    backup_store(store_path, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'x', 'now')"
        )
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    for bad, message in [
        (foreign, "not a stiplan store"),
        (newer, "newer than this stiplan knows"),
        (junk, "not a SQLite database|restore from"),
        (tmp_path / "absent.sqlite", "no such backup"),
    ]:
        with pytest.raises(StoreError, match=message):
            restore_store(bad, store_path)
    assert store_path.read_bytes() == before


def test_the_cli_backs_up_and_restores(store_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "cli-copy.sqlite"
    result = runner.invoke(app, ["backup", str(copy), "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert stored(copy) == {"followup_2024.txt"}
    target = tmp_path / "restored.sqlite"
    result = runner.invoke(app, ["restore", str(copy), "--db", str(target)])
    assert result.exit_code == 0, result.output
    assert stored(target) == {"followup_2024.txt"}
    result = runner.invoke(app, ["restore", str(tmp_path / "absent"), "--db", str(target)])
    assert result.exit_code != 0 and "no such backup" in " ".join(result.output.split())
