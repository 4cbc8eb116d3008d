"""A throw-away PostgreSQL server for tests, from Debian's ``postgresql`` package.

``initdb`` in a temporary folder (as the ``postgres`` user when running as root: initdb refuses
root), ``pg_ctl start`` listening only on a Unix socket in that folder, one database. Tests
that need it skip with a clear message when the binaries are absent.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PostgresServer:
    """A running server: its binaries, socket folder and database."""

    bin_dir: Path
    socket_dir: Path
    database: str

    @property
    def url(self) -> str:
        return self.url_of(self.database)

    def url_of(self, database: str) -> str:
        """The URL of another database on this server."""
        return f"postgresql:///{database}?host={self.socket_dir}&user=postgres"

    def psql(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``psql`` against the database (stops on the first SQL error)."""
        command = [str(self.bin_dir / "psql"), "-q", "-X", "-v", "ON_ERROR_STOP=1"]
        command += ["-h", str(self.socket_dir), "-U", "postgres", "-d", self.database, *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)


def postgres_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/*/bin`` holding ``initdb``, or ``None``."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def running_postgres(bin_dir: Path, database: str = "stiplan") -> Iterator[PostgresServer]:
    """Start a server in a fresh temporary folder; stop it and remove the folder afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="stiplan-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data = folder / "data"
    options = f"-k {folder} -c listen_addresses='' -c fsync=off"
    run = _as_postgres
    subprocess.run(
        run([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
        check=True,
        capture_output=True,
    )
    pg_ctl = str(bin_dir / "pg_ctl")
    subprocess.run(
        run([pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-o", options, "start"]),
        check=True,
        capture_output=True,
    )
    try:
        subprocess.run(
            [str(bin_dir / "createdb"), "-h", str(folder), "-U", "postgres", database],
            check=True,
            capture_output=True,
        )
        yield PostgresServer(bin_dir, folder, database)
    finally:
        subprocess.run(run([pg_ctl, "-D", str(data), "-m", "fast", "stop"]), capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)
