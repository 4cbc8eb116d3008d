"""Web serving speed: requests per second and latency percentiles under concurrent load.

Builds a store from the project's samples (and, in a second case, from ``../shared/corpus``
when it exists), serves it read-only with uvicorn in a subprocess on a free loopback port, and
sends a bounded number of GET requests per endpoint from an asyncio client with a fixed
number of concurrent connections, ``--rounds`` times. Prints one JSON object: for each case
and endpoint the requests sent, errors, requests per second and p50/p95/p99 latency in
milliseconds (medians over the rounds).

With ``--postgres URL|auto`` (``postgres_option.py``) each case is also stored in a PostgreSQL
store and served by a second app beside the first; the rounds of each endpoint take turns
between the two servers, so that a noisy neighbour slows both alike, and each endpoint gains
``postgres`` and ``postgres_to_sqlite_rps``. A database given by URL must hold no documents:
each case's documents are stored there and deleted after the case.

Traffic goes to 127.0.0.1 only and stops after ``--requests`` per endpoint and round (or
``--seconds``).

    python benchmarks/bench_web.py [--requests 400] [--concurrency 16] [--seconds 20] \
        [--rounds 1] [--postgres URL|auto]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
from postgres_option import add_postgres_option, postgres_url, server_facts

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
ENDPOINTS = (
    "/",
    "/api/v1/overview",
    "/api/v1/sections",
    "/api/v1/initiatives",
    "/api/v1/initiatives?ministry=文",
    "/api/v1/indicators",
    "/api/v1/ministries",
    "/api/v1/warnings",
)
SERVER = """
import sys, uvicorn
from stiplan.web import create_app
uvicorn.run(create_app(sys.argv[1]), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


def build_store(folder: Path, files: list[Path]) -> tuple[Path, dict[str, Any]]:
    """Ingest the files into a fresh SQLite store; returns it with what was stored."""
    path = folder / "bench.sqlite"
    return path, fill_store(path, files)


def fill_store(location: Path | str, files: list[Path]) -> dict[str, Any]:
    """Ingest the files into the store at ``location`` (a file or a PostgreSQL URL); what
    was stored."""
    sys.path.insert(0, str(ROOT / "src"))
    from stiplan import queries
    from stiplan.store import open_store

    with open_store(location) as store:
        outcomes = queries.ingest_paths(store, files)
        stored = [o for o in outcomes if o.counts is not None]
        summary = {
            "files": len(files),
            "documents": len(stored),
            "rejected": [Path(o.source).name for o in outcomes if o.counts is None],
            "initiatives": sum(o.counts.initiatives for o in stored if o.counts),
            "lines": sum(d.line_count for d in store.documents()),
        }
    return summary


@contextmanager
def postgres_case(url: str, files: list[Path]) -> Iterator[dict[str, Any]]:
    """The case's files stored in the PostgreSQL database at ``url``, which must hold no
    documents, and deleted from it when the block ends: the next case starts from an empty
    store as SQLite's does from a new file, and a database given by URL is left as found."""
    from stiplan.store import open_store
    from stiplan.store.location import redacted

    with open_store(url) as store:
        if store.documents():
            raise SystemExit(
                f"{redacted(url)} holds documents: give bench_web an empty database "
                "(it stores each case there and deletes it afterwards)"
            )
    try:
        yield fill_store(url, files)
    finally:
        with open_store(url) as store:
            for document in store.documents():
                store.delete_document(document.id)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path | str, port: int) -> subprocess.Popen[bytes]:
    """The app serving the store at ``db`` (a file or a PostgreSQL URL) read-only, once it
    answers."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    process = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)], env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/documents", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not start")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server started here and wait for it."""
    process.terminate()
    process.wait(timeout=10)


@contextmanager
def serving(locations: dict[str, Path | str]) -> Iterator[dict[str, str]]:
    """One app per named store, each on its own loopback port; their base URLs by name.
    Every server started is stopped when the block ends, even if a later one fails."""
    servers: list[subprocess.Popen[bytes]] = []
    bases: dict[str, str] = {}
    try:
        for name, location in locations.items():
            port = free_port()
            servers.append(start_server(location, port))
            bases[name] = f"http://127.0.0.1:{port}"
        yield bases
    finally:
        for server in servers:
            stop(server)


async def load(
    base: str, path: str, requests: int, concurrency: int, seconds: float
) -> dict[str, Any]:
    """``requests`` GETs of one path over ``concurrency`` connections; stop at ``seconds``."""
    latencies: list[float] = []
    errors = 0
    remaining = requests
    deadline = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        await client.get(path)  # warm-up: connection, caches

        async def worker() -> None:
            nonlocal remaining, errors
            while remaining > 0 and time.perf_counter() < deadline:
                remaining -= 1
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - started)
                errors += 0 if ok else 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)
    return {
        "path": path,
        "requests": len(ms),
        "errors": errors,
        "rps": round(len(ms) / wall, 1),
        "p50_ms": round(_percentile(ms, 50), 2),
        "p95_ms": round(_percentile(ms, 95), 2),
        "p99_ms": round(_percentile(ms, 99), 2),
        "mean_ms": round(statistics.fmean(ms), 2),
    }


def _percentile(sorted_ms: list[float], p: float) -> float:
    if not sorted_ms:
        return float("nan")
    index = min(len(sorted_ms) - 1, max(0, round(p / 100 * len(sorted_ms) + 0.5) - 1))
    return sorted_ms[index]


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """One server's runs of one endpoint: requests and errors summed, the rest the medians
    over the rounds (one round: its own figures)."""
    medians = {
        key: round(statistics.median(r[key] for r in runs), 2)
        for key in ("rps", "p50_ms", "p95_ms", "p99_ms", "mean_ms")
    }
    return {
        "path": runs[0]["path"],
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        **medians,
    }


def interleaved(
    bases: dict[str, str], paths: dict[str, str], args: argparse.Namespace
) -> dict[str, dict[str, Any]]:
    """``args.rounds`` runs of each server's path (``paths`` by server), the servers taking
    turns so that a noisy neighbour slows all alike; the summary of each server's runs."""
    runs: dict[str, list[dict[str, Any]]] = {server: [] for server in paths}
    for _ in range(args.rounds):
        for server, path in paths.items():
            run = load(bases[server], path, args.requests, args.concurrency, args.seconds)
            runs[server].append(asyncio.run(run))
    return {server: summary(done) for server, done in runs.items()}


def rps_ratio(mine: dict[str, Any], base: dict[str, Any]) -> float | None:
    """Requests per second of one server over another's (None if the other served none)."""
    return round(mine["rps"] / base["rps"], 2) if base["rps"] else None


def endpoint_results(bases: dict[str, str], args: argparse.Namespace) -> list[dict[str, Any]]:
    """Every endpoint on every server, interleaved; with PostgreSQL, its ratio to SQLite."""
    results = []
    for path in ENDPOINTS:
        result: dict[str, Any] = interleaved(bases, dict.fromkeys(bases, path), args)
        if "postgres" in result:
            result["postgres_to_sqlite_rps"] = rps_ratio(result["postgres"], result["sqlite"])
        results.append(result)
    return results


def run_case(
    name: str, files: list[Path], args: argparse.Namespace, postgres: str | None
) -> dict[str, Any]:
    """One case: the files in a new SQLite store (and, given a URL, in PostgreSQL), served,
    every endpoint loaded."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        db, stored = build_store(Path(tmp), files)
        case: dict[str, Any] = {"case": name, "store": stored}
        locations: dict[str, Path | str] = {"sqlite": db}
        if postgres is not None:
            case["postgres_store"] = stack.enter_context(postgres_case(postgres, files))
            locations["postgres"] = postgres
        with serving(locations) as bases:
            return case | {"results": endpoint_results(bases, args)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per endpoint")
    parser.add_argument("--rounds", type=int, default=1, help="runs per endpoint and server")
    add_postgres_option(parser, "; it must hold no documents (each case is stored, then deleted)")
    args = parser.parse_args()
    cases = [("samples", sorted((ROOT / "samples").glob("*.txt")))]
    if CORPUS.is_dir():
        # samples first: the corpus report, ingested last, is the latest document pages show
        cases.append(("samples+corpus", cases[0][1] + sorted(CORPUS.glob("*.txt"))))
    report = {
        "benchmark": "web",
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "concurrency": args.concurrency,
        "requests_per_endpoint": args.requests,
        "rounds": args.rounds,
        "server": "uvicorn, 1 worker, store opened read-only",
    }
    with postgres_url(args.postgres) as url:
        if url is not None:
            report["postgres"] = server_facts(url)
        report["cases"] = [run_case(name, files, args, url) for name, files in cases]
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
