"""Fixtures for the PostgreSQL store: one throw-away server per test session
(``tests/postgres_server.py``), and a fresh, migrated database for each test that asks.

The server's first database is migrated once and used as the template of every test
database (``CREATE DATABASE … TEMPLATE``), so a test gets an empty current schema in a few
milliseconds. Where Debian's PostgreSQL binaries are absent the tests that need them skip,
saying so.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.postgres_server import PostgresServer, postgres_bin_dir, running_postgres

TEMPLATE = "stiplan"
NO_POSTGRES = (
    "PostgreSQL binaries absent (no /usr/lib/postgresql/*/bin/initdb): "
    "apt-get install postgresql to run the PostgreSQL store tests"
)


def admin(server: PostgresServer, statement: str) -> None:
    """Run one statement on the server's maintenance database (outside a transaction)."""
    import psycopg

    with psycopg.connect(server.url_of("postgres"), autocommit=True) as conn:
        conn.execute(statement.encode("utf-8"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A running server whose database ``stiplan`` holds the current schema and no data."""
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        pytest.skip(NO_POSTGRES)
    from stiplan.store.postgres.store import PostgresStore

    with running_postgres(bin_dir, TEMPLATE) as server:
        PostgresStore.open(server.url).close()
        yield server


@pytest.fixture
def new_postgres_database(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new database without any table (for migration tests)."""
    name = f"empty_{uuid.uuid4().hex[:12]}"
    admin(postgres_server, f"CREATE DATABASE {name}")
    yield postgres_server.url_of(name)
    admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of a new database with the current schema, dropped after the test."""
    name = f"test_{uuid.uuid4().hex[:12]}"
    admin(postgres_server, f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    yield postgres_server.url_of(name)
    admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
