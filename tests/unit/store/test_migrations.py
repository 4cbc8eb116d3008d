"""Migrations: applied once in order, re-opening is a no-op, unknown files are refused."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from stiplan.store import Store, StoreError
from stiplan.store.migrate import Migration, load_migrations, migrate, split_statements
from stiplan.store.tables import COLUMNS

from .conftest import make_document, snapshot


def _versions(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT version, name FROM schema_migrations ORDER BY version")
        found = [(int(v), str(n)) for v, n in rows]
    conn.close()
    return found


def test_opening_creates_folders_file_and_every_migration(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    assert db_path.is_file()
    assert _versions(db_path) == [(m.version, m.name) for m in load_migrations()]
    assert set(COLUMNS) <= set(snapshot(db_path))


def test_reopening_applies_nothing_and_keeps_data(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.ingest(make_document())
    before = snapshot(db_path)
    with Store.open(db_path) as store:
        assert store.counts("doc2023").initiatives == 5
    assert snapshot(db_path) == before


def test_only_missing_migrations_are_applied(db_path: Path) -> None:
    shipped = load_migrations()
    extra = Migration(shipped[-1].version + 1, "extra", "CREATE TABLE extra (id TEXT PRIMARY KEY);")
    with Store.open(db_path) as store:
        conn = store._conn
        assert migrate(conn, shipped, "db") == []
        assert migrate(conn, [*shipped, extra], "db") == [extra.version]
        assert migrate(conn, [*shipped, extra], "db") == []


def test_a_failing_migration_leaves_the_previous_version(db_path: Path) -> None:
    shipped = load_migrations()
    bad = Migration(
        shipped[-1].version + 1,
        "bad",
        "CREATE TABLE half (id TEXT PRIMARY KEY);\nCREATE TABLE half (id TEXT);",
    )
    with Store.open(db_path) as store, pytest.raises(StoreError, match="bad"):
        migrate(store._conn, [*shipped, bad], str(db_path))
    assert "half" not in snapshot(db_path)
    assert _versions(db_path)[-1][0] == shipped[-1].version


def test_a_newer_schema_is_refused_naming_the_file(db_path: Path) -> None:
    with Store.open(db_path):
        pass
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')"
        )
    conn.close()
    with pytest.raises(StoreError, match=re.escape(str(db_path)) + ".*9999.*newer"):
        Store.open(db_path)


def test_a_file_that_is_not_sqlite_is_refused_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("これはデータベースではありません\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=re.escape(str(path))):
        Store.open(path)


def test_someone_elses_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (n INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match="not a stiplan store"):
        Store.open(path)


@pytest.mark.sqlite_only
def test_foreign_keys_are_enforced(store: Store) -> None:
    assert store._conn.execute("PRAGMA foreign_keys").fetchone() == (1,)


def test_migration_files_are_numbered_without_gaps() -> None:
    versions = [m.version for m in load_migrations()]
    assert versions == list(range(1, len(versions) + 1))


SQLITE_ONLY = [
    r"\bAUTOINCREMENT\b",
    r"\bWITHOUT\s+ROWID\b",
    r"\bINSERT\s+OR\b",
    r"\bREPLACE\s+INTO\b",
    r"\bON\s+CONFLICT\b",
    r"\bPRAGMA\b",
    r"\bSTRICT\b",
    r"\bGLOB\b",
    r"\bDATETIME\s*\(",
    r"\bIFNULL\s*\(",
    r"\bROWID\b",
    r"\bVIRTUAL\b",
    r"\bATTACH\b",
    r"`",
]


# The exemptions: the full-text index is SQLite's FTS5 (a virtual table and the triggers that
# feed it from the portable search_units table; 0006 puts the triggers back on the table 0005
# rebuilt). PostgreSQL would replace these files with a tsvector column and a GIN index
# (docs/store.md, "Search index on PostgreSQL").
SQLITE_ONLY_MIGRATIONS = {"search_fts": 3, "search_fts_units": 2}
_FTS_STATEMENT = re.compile(
    r"^(?:--[^\n]*\n|\s)*CREATE\s+(?:VIRTUAL\s+TABLE\s+search_fts\s+USING\s+fts5\b"
    r"|TRIGGER\s+search_units_\w+\s+AFTER\s+(?:INSERT|DELETE)\s+ON\s+search_units\b)",
    re.IGNORECASE,
)


def _code(sql: str) -> str:
    return "\n".join(line.split("--")[0] for line in sql.splitlines())


@pytest.mark.parametrize(
    "migration",
    [m for m in load_migrations() if m.name not in SQLITE_ONLY_MIGRATIONS],
    ids=lambda m: m.name,
)
def test_migration_sql_is_portable(migration: Migration) -> None:
    found = [p for p in SQLITE_ONLY if re.search(p, _code(migration.sql), re.IGNORECASE)]
    assert found == []


@pytest.mark.parametrize("name", sorted(SQLITE_ONLY_MIGRATIONS))
def test_the_sqlite_only_migrations_hold_only_the_fts_index_and_its_triggers(name: str) -> None:
    (exempt,) = [m for m in load_migrations() if m.name == name]
    statements = split_statements(exempt.sql)
    assert len(statements) == SQLITE_ONLY_MIGRATIONS[name]
    assert all(_FTS_STATEMENT.match(s) for s in statements), statements


def test_split_statements_respects_semicolons_in_strings_and_comments() -> None:
    script = (
        "-- a comment; with a semicolon\n"
        "CREATE TABLE t (x TEXT DEFAULT 'a;b');\n"
        "INSERT INTO t (x) VALUES ('c;\nd');\n"
        "-- trailing comment\n"
    )
    assert split_statements(script) == [
        "-- a comment; with a semicolon\nCREATE TABLE t (x TEXT DEFAULT 'a;b');",
        "INSERT INTO t (x) VALUES ('c;\nd');",
    ]


def test_an_unfinished_statement_is_refused() -> None:
    with pytest.raises(StoreError, match="unfinished"):
        split_statements("CREATE TABLE t (x TEXT)")


def test_a_folder_in_place_of_the_file_is_refused_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "store.sqlite"
    folder.mkdir()
    with pytest.raises(StoreError, match=re.escape(str(folder))):
        Store.open(folder)


def test_db_upgrade_applies_the_migrations_to_an_sqlite_file(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from stiplan.cli import app

    path = tmp_path / "new" / "store.sqlite"
    runner = CliRunner()
    first = runner.invoke(app, ["db", "upgrade", "--db", str(path), "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["applied"] == [m.version for m in load_migrations()]
    again = runner.invoke(app, ["db", "upgrade", "--db", str(path)])
    assert again.exit_code == 0 and "up to date" in again.output
    with Store.open(path, read_only=True) as store:  # current: opens read-only
        assert store.documents() == []
