"""The ``--postgres`` option the benchmarks share: the same measurement on a PostgreSQL store.

Issue 18 asks for its benchmarks on PostgreSQL too, the store of a shared deployment. Each
benchmark that takes the option runs its SQLite measurement as before and the same one on
PostgreSQL beside it, so that the two are compared within one run (the project machine is
shared and its absolute times wander):

- ``--postgres auto`` starts a throw-away server for the run, the one the store tests use
  (``tests/postgres_server.py``: ``initdb`` in a temporary folder, a Unix socket only,
  ``fsync=off``), and removes it afterwards;
- ``--postgres URL`` uses a database on a server already running; each benchmark says what it
  stores there and whether it removes it.

This is not a benchmark itself: it has no ``bench_`` prefix and prints nothing.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # tests.postgres_server: the one way this project starts a server

AUTO = "auto"
HELP = (
    "also measure a PostgreSQL store: a postgresql:// URL of a database to use, or 'auto' to "
    "start a throw-away server (Debian's postgresql binaries) for this run"
)


def add_postgres_option(parser: argparse.ArgumentParser, help_more: str = "") -> None:
    """The ``--postgres URL|auto`` option, with what this benchmark does with the database."""
    parser.add_argument("--postgres", metavar="URL|auto", help=f"{HELP}{help_more}")


@contextmanager
def postgres_url(option: str | None) -> Iterator[str | None]:
    """The URL to measure for ``--postgres`` (``None`` without it): the one given, or that of
    a server started now for ``auto`` and stopped, with its files, when the block ends."""
    if option != AUTO:
        yield option
        return
    from tests.postgres_server import postgres_bin_dir, running_postgres

    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        raise SystemExit(
            "--postgres auto needs PostgreSQL's binaries (/usr/lib/postgresql/*/bin/initdb): "
            "apt-get install postgresql, or give the URL of a running server"
        )
    with running_postgres(bin_dir, "stiplan_bench") as server:
        yield server.url


def server_facts(url: str) -> dict[str, str]:
    """The server's version and the settings that bear on speed, so that a figure says what
    it was measured against."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        shown = {name: conn.execute(f"SHOW {name}").fetchone() for name in SETTINGS}
    return {name: str(row[0]) for name, row in shown.items() if row is not None}


SETTINGS = ("server_version", "shared_buffers", "work_mem", "effective_cache_size", "fsync", "jit")


def database_bytes(url: str) -> int:
    """The size on disk of the database at ``url`` (tables, indexes, TOAST and catalogue)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    assert row is not None
    return int(row[0])
