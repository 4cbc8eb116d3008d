"""Pages whose cost does not grow with the archive: every list page and API at 200 documents.

Builds a store of ``--documents`` documents generated from the project's samples (follow-up
editions and briefings, each made distinct by one added line, so the archive holds many
editions of one part and many briefings naming the same programmes), serves it read-only with
uvicorn in a subprocess on a loopback port, and loads every dashboard page and API list that
takes no id with ``--concurrency`` connections (``bench_web.load``). Prints JSON: p50/p95/p99 per
endpoint and the worst p99 beside the aim (200 ms). Traffic stays on 127.0.0.1 and stops after
``--requests`` per endpoint.

    python benchmarks/bench_archive.py [--documents 200] [--requests 80] [--concurrency 8]
        [--db PATH] [--only PATH ...]

``--db PATH`` keeps the built store at PATH and reuses it when it is already there (building
200 documents takes minutes on a small machine); ``--only`` loads only the paths named.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_web import ROOT, free_port, load, start_server

AIM_P99_MS = 200.0
PAGES = (
    "/",
    "/documents",
    "/editions",
    "/programmes",
    "/timeline",
    "/indicators",
    "/ministries",
    "/warnings",
    "/search?q=研究",
)
APIS = (
    "/api/v1/documents",
    "/api/v1/overview",
    "/api/v1/sections",
    "/api/v1/initiatives",
    "/api/v1/indicators",
    "/api/v1/targets",
    "/api/v1/progress",
    "/api/v1/editions",
    "/api/v1/ministries",
    "/api/v1/warnings",
    "/api/v1/search?q=研究",
    "/api/v1/programmes",
    "/api/v1/timeline",
)


def archive(folder: Path, count: int) -> list[Path]:
    """``count`` distinct documents from the samples: each sample with one line added."""
    samples = sorted((ROOT / "samples").glob("*.txt"))
    files = []
    for n in range(count):
        sample = samples[n % len(samples)]
        text = sample.read_text(encoding="utf-8")
        marker = "【あるべき姿とその実現に向けた方向性】\n" if "【" in text[:400] else "\n"
        added = f"{marker}\n写し{n}として、同じ方針を確認する。\n"
        path = folder / f"{sample.stem}_{n:03d}.txt"
        path.write_text(text.replace(marker, added, 1), encoding="utf-8")
        files.append(path)
    return files


def build(path: Path, files: list[Path]) -> Path:
    """Ingest ``files`` into a new store at ``path``; any refusal stops the benchmark."""
    sys.path.insert(0, str(ROOT / "src"))
    from stiplan import queries
    from stiplan.store import Store

    with Store.open(path) as store:
        outcomes = queries.ingest_paths(store, files)
    refused = [o.source for o in outcomes if o.counts is None]
    if refused:
        raise RuntimeError(f"refused: {refused}")
    return path


def upgrade(path: Path) -> None:
    """Bring a store kept from an earlier run up to this stiplan's schema: the server opens it
    read-only, which refuses a store that lacks a migration."""
    sys.path.insert(0, str(ROOT / "src"))
    from stiplan.store import Store

    Store.open(path).close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--requests", type=int, default=80, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0, help="time limit per endpoint")
    parser.add_argument("--db", type=Path, help="keep (or reuse) the built store here")
    parser.add_argument("--only", nargs="*", help="load only these paths")
    args = parser.parse_args()
    paths = tuple(args.only) if args.only else PAGES + APIS
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = args.db or folder / "archive.sqlite"
        if not db.exists():
            build(db, archive(folder, args.documents))
        else:
            upgrade(db)
        port = free_port()
        server = start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            results: list[dict[str, Any]] = [
                asyncio.run(load(base, path, args.requests, args.concurrency, args.seconds))
                for path in paths
            ]
        finally:
            server.terminate()
            server.wait(timeout=10)
    worst = max(results, key=lambda r: float(r["p99_ms"]))
    report = {
        "benchmark": "archive",
        "documents": args.documents,
        "concurrency": args.concurrency,
        "aim_p99_ms": AIM_P99_MS,
        "worst": {"path": worst["path"], "p99_ms": worst["p99_ms"]},
        "meets_aim": all(float(r["p99_ms"]) <= AIM_P99_MS and not r["errors"] for r in results),
        "results": results,
    }
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
