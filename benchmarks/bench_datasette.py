"""List endpoints side by side with Datasette: the same SQLite file, the same rows, the same load.

Builds one store (the project's samples, then ``../shared/corpus`` when present, so the
corpus report is the latest document), or takes ``--db``, and serves it twice on loopback
ports: stiplan's app (uvicorn, one worker, store read-only, as ``bench_web.py``) and Datasette
(``datasette serve --immutable``, its fastest mode). Each pair of endpoints asks for the same
rows of that file:

- initiatives: stiplan ``/api/v1/initiatives`` (a page of 100, with ministries and counts)
  against Datasette's table API over ``elements`` (type initiative, the same document, 100);
- indicators: stiplan ``/api/v1/indicators`` (every indicator with its observations) against
  every indicator row of the document;
- search: stiplan ``/api/v1/search`` (20 hits with snippets) against Datasette's FTS search of
  ``search_units`` through the same FTS5 index (20 rows).

Runs are interleaved (stiplan, Datasette, stiplan…, ``--rounds`` each) so that a noisy
neighbour slows both alike; each run sends ``--requests`` GETs over ``--concurrency``
connections. Prints one JSON object: per endpoint and server requests/s and p50/p99 (medians
over the rounds) and the ratio of stiplan's requests/s to Datasette's (issue 18 aims at 1.0 or
more). Traffic goes to 127.0.0.1 only and every run is bounded in count and time.

Datasette is a benchmark-only dependency (``pip install -e .[bench]``); it is looked for in
this interpreter, then as ``$DATASETTE`` or ``datasette`` on the PATH. Without it the benchmark
prints why it skipped and exits 0.

    python benchmarks/bench_datasette.py [--rounds 5] [--requests 300] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import CORPUS, ROOT, build_store, free_port, load, start_server


def datasette_command() -> list[str] | None:
    """How to run Datasette here, or None when it is not installed."""
    if importlib.util.find_spec("datasette") is not None:
        return [sys.executable, "-m", "datasette"]
    found = os.environ.get("DATASETTE") or shutil.which("datasette")
    return [found] if found else None


def start_datasette(command: list[str], db: Path, port: int) -> subprocess.Popen[bytes]:
    """Datasette serving ``db`` immutably, with ``search_units`` searchable through the FTS5
    index stiplan keeps (``search_fts``, rowid = ``unit_no``)."""
    metadata = db.with_suffix(".metadata.json")
    table = {"fts_table": "search_fts", "fts_pk": "unit_no"}
    metadata.write_text(json.dumps({"databases": {db.stem: {"tables": {"search_units": table}}}}))
    process = subprocess.Popen(
        [*command, "serve", "--immutable", str(db), "--port", str(port), "-m", str(metadata)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/-/versions.json", timeout=1).is_success:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("Datasette did not start")


def endpoints(db: Path, document: str) -> dict[str, tuple[str, str]]:
    """Per endpoint: stiplan's path and Datasette's path for the same rows."""
    table = f"/{db.stem}"
    rows = f"_shape=array&document_id={document}&_sort=ordinal"
    word = quote("研究")
    return {
        "initiatives": (
            f"/api/v1/initiatives?document={document}&limit=100",
            f"{table}/elements.json?{rows}&type=initiative&_size=100",
        ),
        "indicators": (
            f"/api/v1/indicators?document={document}",
            f"{table}/elements.json?{rows}&type=indicator&_size=max",
        ),
        "search": (
            f"/api/v1/search?q={word}&limit=20",
            f"{table}/search_units.json?_shape=array&_search={word}&_size=20",
        ),
    }


def summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the rounds of one server's runs of one endpoint."""
    return {
        "path": runs[0]["path"],
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
        "rps": round(statistics.median(r["rps"] for r in runs), 1),
        "p50_ms": round(statistics.median(r["p50_ms"] for r in runs), 2),
        "p99_ms": round(statistics.median(r["p99_ms"] for r in runs), 2),
    }


def compare(bases: dict[str, str], paths: dict[str, tuple[str, str]], args: Any) -> dict[str, Any]:
    """Interleaved runs of every endpoint on both servers; the summary and the ratio."""
    results: dict[str, Any] = {}
    for name, (ours, theirs) in paths.items():
        runs: dict[str, list[dict[str, Any]]] = {"stiplan": [], "datasette": []}
        for _ in range(args.rounds):
            for server, path in (("stiplan", ours), ("datasette", theirs)):
                run = load(bases[server], path, args.requests, args.concurrency, args.seconds)
                runs[server].append(asyncio.run(run))
        mine, other = summary(runs["stiplan"]), summary(runs["datasette"])
        ratio = round(mine["rps"] / other["rps"], 2) if other["rps"] else None
        results[name] = {"stiplan": mine, "datasette": other, "ratio": ratio}
    return results


def serve_both(db: Path, command: list[str], args: Any) -> dict[str, Any]:
    """Both servers over ``db``, compared; both stopped afterwards."""
    from stiplan import queries
    from stiplan.store import Store

    with Store.open(db, read_only=True) as store:
        latest = queries.latest_document(store, None)
    assert latest is not None, "the store holds no follow-up report"
    ports = {"stiplan": free_port(), "datasette": free_port()}
    servers = [start_server(db, ports["stiplan"])]
    try:
        servers.append(start_datasette(command, db, ports["datasette"]))
        bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        return compare(bases, endpoints(db, latest.id), args)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved runs per server")
    parser.add_argument("--requests", type=int, default=300, help="requests per run")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per run")
    parser.add_argument("--db", type=Path, help="an existing store (else one is built)")
    args = parser.parse_args()
    command = datasette_command()
    if command is None:
        print(
            json.dumps(
                {
                    "benchmark": "datasette",
                    "skipped": "Datasette is not installed: "
                    "pip install -e '.[bench]' (or set $DATASETTE)",
                }
            )
        )
        return
    report: dict[str, Any] = {
        "benchmark": "datasette",
        "concurrency": args.concurrency,
        "rounds": args.rounds,
        "requests_per_run": args.requests,
    }
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            files = sorted((ROOT / "samples").glob("*.txt"))
            files += sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
            db, report["store"] = build_store(Path(tmp), files)
        report["endpoints"] = serve_both(db, command, args)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
