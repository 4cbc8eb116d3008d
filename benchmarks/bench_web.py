"""Web serving speed: requests per second and latency percentiles under concurrent load.

Builds a store from the project's samples (and, in a second case, from ``../shared/corpus``
when it exists), serves it read-only with uvicorn in a subprocess on a free loopback port, and
sends a bounded number of GET requests per endpoint from an asyncio client with a fixed
number of concurrent connections. Prints one JSON object: for each case and endpoint the
requests sent, errors, requests per second and p50/p95/p99 latency in milliseconds.

Traffic goes to 127.0.0.1 only and stops after ``--requests`` per endpoint (or ``--seconds``).

    python benchmarks/bench_web.py [--requests 400] [--concurrency 16] [--seconds 20]
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
from pathlib import Path
from typing import Any

import httpx

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
    """Ingest the files into a fresh store; returns it with what was stored."""
    sys.path.insert(0, str(ROOT / "src"))
    from stiplan import queries
    from stiplan.store import Store

    path = folder / "bench.sqlite"
    with Store.open(path) as store:
        outcomes = queries.ingest_paths(store, files)
        stored = [o for o in outcomes if o.counts is not None]
        summary = {
            "files": len(files),
            "documents": len(stored),
            "rejected": [Path(o.source).name for o in outcomes if o.counts is None],
            "initiatives": sum(o.counts.initiatives for o in stored if o.counts),
            "lines": sum(d.line_count for d in store.documents()),
        }
    return path, summary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
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


def run_case(name: str, files: list[Path], args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db, stored = build_store(Path(tmp), files)
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            results = [
                asyncio.run(load(base, path, args.requests, args.concurrency, args.seconds))
                for path in ENDPOINTS
            ]
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {"case": name, "store": stored, "results": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per endpoint")
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
        "server": "uvicorn, 1 worker, store opened read-only",
        "cases": [run_case(name, files, args) for name, files in cases],
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
