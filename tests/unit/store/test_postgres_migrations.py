"""The migrations on a real PostgreSQL (issue 16): every file, or its variant in
``migrations/postgres/``, applies on an empty database; ``stiplan db upgrade`` says which it
applied and that a second run has nothing to do; a read-only open refuses a database whose
schema is behind."""

from __future__ import annotations

import json

import psycopg
import pytest
from typer.testing import CliRunner

from stiplan.cli import app
from stiplan.store import StoreError
from stiplan.store.migrate import load_migrations
from stiplan.store.postgres.store import PostgresStore, upgrade


def _tables(url: str) -> set[str]:
    with psycopg.connect(url) as conn:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        return {r[0] for r in conn.execute(query)}


def test_the_postgres_migrations_replace_the_sqlite_only_ones() -> None:
    postgres = {m.version: m for m in load_migrations("postgres")}
    sqlite = {m.version: m for m in load_migrations()}
    assert postgres.keys() == sqlite.keys()
    for version in (3, 6):  # FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL
        assert "search_fts" in sqlite[version].sql
        assert "USING GIN" in postgres[version].sql
        assert "CREATE VIRTUAL TABLE" not in postgres[version].sql
    assert "BYTEA" in postgres[10].sql


def test_every_migration_applies_on_an_empty_database(new_postgres_database: str) -> None:
    applied = upgrade(new_postgres_database)
    assert applied == [m.version for m in load_migrations("postgres")]
    assert {"documents", "elements", "search_units", "document_files"} <= _tables(
        new_postgres_database
    )
    assert upgrade(new_postgres_database) == []


def test_db_upgrade_says_which_migrations_it_applied(new_postgres_database: str) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["db", "upgrade", "--db", new_postgres_database, "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.output)["applied"] == [m.version for m in load_migrations()]
    again = runner.invoke(app, ["db", "upgrade", "--db", new_postgres_database])
    assert again.exit_code == 0 and "up to date" in again.output


def test_read_only_open_refuses_a_database_without_the_schema(
    new_postgres_database: str,
) -> None:
    with pytest.raises(StoreError, match="db upgrade"):
        PostgresStore.open(new_postgres_database, read_only=True)
    assert _tables(new_postgres_database) == set()


def test_a_read_only_store_reads_and_cannot_write(postgres_url: str) -> None:
    from tests.unit.store.conftest import make_document

    with PostgresStore.open(postgres_url, read_only=True) as store:
        assert store.documents() == []
        with pytest.raises(StoreError):
            store.ingest(make_document())
        assert store.documents() == []


def test_a_failing_migration_is_named_and_leaves_the_previous_version(
    new_postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from stiplan.store.migrate import Migration
    from stiplan.store.postgres import schema

    shipped = load_migrations("postgres")
    bad = Migration(shipped[-1].version + 1, "broken", "CREATE TABLE half (x INTEGER);\nSELEC 1;")
    monkeypatch.setattr(schema, "load_migrations", lambda dialect: [*shipped, bad])
    with pytest.raises(StoreError, match=f"{bad.version:04d}_broken"):
        upgrade(new_postgres_database)
    assert "half" not in _tables(new_postgres_database)
    with psycopg.connect(new_postgres_database) as conn:
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert sorted(versions) == [m.version for m in shipped]
