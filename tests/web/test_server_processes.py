"""Several server processes over one store while documents are ingested (issues 15 and 16).

Two ``stiplan serve`` processes (as two workers behind a reverse proxy) answer readers in a
loop while two ``stiplan ingest`` processes write new documents and one they share, on SQLite
(WAL) and on PostgreSQL. Bounded in time; the run must end with every request answered 200,
both ingests succeeding, every document stored once, and the new documents visible through
both servers."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from stiplan import queries
from stiplan.store import open_store
from tests.conftest import SAMPLES
from tests.unit.store.test_postgres_concurrency import edition_text

pytestmark = pytest.mark.slow

DEADLINE_SECONDS = 120.0
STIPLAN = str(Path(sys.executable).with_name("stiplan"))
PATHS = ("/", "/documents", "/initiatives", "/progress", "/api/v1/documents", "/search?q=研究")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(location: str) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``stiplan serve`` and wait until it answers."""
    port = _free_port()
    server = subprocess.Popen(
        [STIPLAN, "serve", "--db", location, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(base + "/api/v1/documents", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)


def _read(bases: list[str], stop: threading.Event, failures: list[str], counts: list[int]) -> None:
    with httpx.Client(timeout=30) as client:
        while not stop.is_set():
            for base in bases:
                for path in PATHS:
                    try:
                        status = client.get(base + path).status_code
                    except httpx.HTTPError as error:
                        failures.append(f"{base}{path}: {error!r}")
                        continue
                    counts.append(status)
                    if status != 200:
                        failures.append(f"{base}{path}: {status}")


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A store holding the sample editions: an SQLite file or a PostgreSQL database."""
    if request.param == "sqlite":
        where = str(tmp_path / "served.sqlite")
    else:
        where = request.getfixturevalue("postgres_url")
    with open_store(where) as store:
        queries.ingest_paths(store, sorted(SAMPLES.glob("followup_*.txt")))
    yield where


def test_two_servers_answer_while_two_ingests_write(location: str, tmp_path: Path) -> None:
    files = []
    for n in range(5):
        path = tmp_path / f"edition_{n}.txt"
        path.write_text(edition_text(n), encoding="utf-8")
        files.append(path)
    servers = [_serve(location) for _ in range(2)]
    stop, failures, counts = threading.Event(), [], []
    readers = [
        threading.Thread(target=_read, args=([b for _, b in servers], stop, failures, counts))
        for _ in range(3)
    ]
    try:
        for thread in readers:
            thread.start()
        command = [STIPLAN, "ingest", "--db", location, "--json"]
        ingests = [
            subprocess.Popen([*command, *map(str, part)], stdout=subprocess.PIPE, text=True)
            for part in ([files[0], files[1], files[4]], [files[2], files[3], files[4]])
        ]
        outputs = [run.communicate(timeout=DEADLINE_SECONDS)[0] for run in ingests]
        time.sleep(0.5)  # readers keep reading after the writes
        seen = [_served_names(base) for _, base in servers]
    finally:
        stop.set()
        for thread in readers:
            thread.join(timeout=30)
        for server, _ in servers:
            server.terminate()
            server.wait(timeout=10)
    assert [run.returncode for run in ingests] == [0, 0], outputs
    statuses = [o["status"] for out in outputs for o in json.loads(out)]
    assert statuses.count("created") == 5 and len(statuses) == 6  # the shared file: once
    assert failures == [] and len(counts) > 10
    with open_store(location, read_only=True) as store:
        names = sorted(d.source_name for d in store.documents())
    assert names == sorted([*(f"edition_{n}.txt" for n in range(5)), *_samples()])
    assert seen == [names, names]  # both servers see what the ingests wrote


def _served_names(base: str) -> list[str]:
    answer = httpx.get(base + "/api/v1/documents", timeout=30)
    assert answer.status_code == 200
    return sorted(r["document"]["source_name"] for r in answer.json())


def _samples() -> list[str]:
    return [p.name for p in SAMPLES.glob("followup_*.txt")]
