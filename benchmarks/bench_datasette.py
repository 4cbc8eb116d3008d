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

Datasette cannot serve PostgreSQL. With ``--postgres URL|auto`` (``postgres_option.py``; a
database given by URL must hold no documents and is left empty) the same files are also stored
in a PostgreSQL store and a third server, stiplan on PostgreSQL (``stiplan_postgres``), takes
its turn in every round with the same paths; each endpoint gains its ratio to Datasette
(``postgres_ratio``) and to stiplan on SQLite (``postgres_to_sqlite_rps``). Not with ``--db``:
both stores are built from the same files.

    python benchmarks/bench_datasette.py [--rounds 5] [--requests 300] [--concurrency 8] \
        [--postgres URL|auto]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import (
    CORPUS,
    ROOT,
    build_store,
    free_port,
    interleaved,
    postgres_case,
    rps_ratio,
    serving,
    stop,
)
from postgres_option import add_postgres_option, postgres_url, server_facts


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


def compare(bases: dict[str, str], paths: dict[str, tuple[str, str]], args: Any) -> dict[str, Any]:
    """Interleaved runs of every endpoint on every server; the summaries and the ratios.

    stiplan on PostgreSQL (``stiplan_postgres``, when served) is asked stiplan's paths."""
    results: dict[str, Any] = {}
    for name, (ours, theirs) in paths.items():
        asked = {server: theirs if server == "datasette" else ours for server in bases}
        result: dict[str, Any] = interleaved(bases, asked, args)
        result["ratio"] = rps_ratio(result["stiplan"], result["datasette"])
        if "stiplan_postgres" in result:
            postgres = result["stiplan_postgres"]
            result["postgres_ratio"] = rps_ratio(postgres, result["datasette"])
            result["postgres_to_sqlite_rps"] = rps_ratio(postgres, result["stiplan"])
        results[name] = result
    return results


def serve_all(db: Path, postgres: str | None, command: list[str], args: Any) -> dict[str, Any]:
    """stiplan over ``db`` (and over ``postgres``, holding the same documents) and Datasette
    over ``db``, compared; every server stopped afterwards."""
    from stiplan import queries
    from stiplan.store import Store

    with Store.open(db, read_only=True) as store:
        latest = queries.latest_document(store, None)
    assert latest is not None, "the store holds no follow-up report"
    stiplan: dict[str, Path | str] = {"stiplan": db}
    stiplan |= {"stiplan_postgres": postgres} if postgres else {}
    with serving(stiplan) as bases:
        port = free_port()
        datasette = start_datasette(command, db, port)
        try:
            bases["datasette"] = f"http://127.0.0.1:{port}"
            return compare(bases, endpoints(db, latest.id), args)
        finally:
            stop(datasette)


def skipped(why: str) -> None:
    """Say why the benchmark measured nothing, as its JSON."""
    print(json.dumps({"benchmark": "datasette", "skipped": why}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved runs per server")
    parser.add_argument("--requests", type=int, default=300, help="requests per run")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent connections")
    parser.add_argument("--seconds", type=float, default=20.0, help="time limit per run")
    parser.add_argument("--db", type=Path, help="an existing store (else one is built)")
    add_postgres_option(parser, "; it must hold no documents (they are stored, then deleted)")
    args = parser.parse_args()
    if args.db and args.postgres:
        parser.error("--postgres stores the files the benchmark builds from: not with --db")
    command = datasette_command()
    if command is None:
        skipped("Datasette is not installed: pip install -e '.[bench]' (or set $DATASETTE)")
        return
    report: dict[str, Any] = {
        "benchmark": "datasette",
        "concurrency": args.concurrency,
        "rounds": args.rounds,
        "requests_per_run": args.requests,
    }
    with (
        tempfile.TemporaryDirectory() as tmp,
        postgres_url(args.postgres) as url,
        ExitStack() as stack,
    ):
        db = args.db
        if db is None:
            files = sorted((ROOT / "samples").glob("*.txt"))
            files += sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
            db, report["store"] = build_store(Path(tmp), files)
            if url is not None:
                report["postgres_store"] = stack.enter_context(postgres_case(url, files))
                report["postgres"] = server_facts(url)
        report["endpoints"] = serve_all(db, url, command, args)
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
