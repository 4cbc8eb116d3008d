"""The migrations run on a real PostgreSQL (issue 16): each file, or its variant in
``migrations/postgres/``, applies without error. The FTS5 migrations (0003, 0006) are
SQLite-only and have no PostgreSQL variant yet; they are skipped and listed here."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from tests.postgres_server import PostgresServer, postgres_bin_dir, running_postgres

SQLITE_ONLY = {"0003_search_fts.sql", "0006_search_fts_units.sql"}


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL binaries absent (apt-get install postgresql)")
    with running_postgres(bin_dir) as server:
        yield server


def _migration_files() -> list[Path]:
    folder = Path(str(resources.files("stiplan.store").joinpath("migrations")))
    variants = {path.name: path for path in (folder / "postgres").glob("*.sql")}
    chosen = [variants.get(path.name, path) for path in sorted(folder.glob("*.sql"))]
    return [path for path in chosen if path.name not in SQLITE_ONLY]


def test_every_portable_migration_applies_on_postgresql(postgres: PostgresServer) -> None:
    files = _migration_files()
    assert any(path.parent.name == "postgres" for path in files)
    for path in files:
        result = postgres.psql("-f", str(path))
        assert result.returncode == 0, f"{path.name}: {result.stderr}"
    tables = postgres.psql("-At", "-c", "SELECT tablename FROM pg_tables ORDER BY 1").stdout
    for table in ("documents", "elements", "search_units", "document_files"):
        assert table in tables.split()
