"""Search speed and index size over the corpus repeated to about 50 MB.

Builds a fresh SQLite store from the follow-up report repeated (each copy renumbered as its own
chapter, as in ``bench_ingest.py``), then runs a fixed list of ordinary queries through
``stiplan.queries.search`` (parsing, the FTS5 query, snippets: what the CLI and the web wait
for), several rounds each, and prints JSON: build seconds, index and database bytes, and
p50/p95/p99/max latency in milliseconds over all runs, over the queries without filters and
over those with filters (issue 18 aims at a p99 of 50 ms or less at 50 MB), over the first
run of each query with no hit text analysed yet (``cold``: snippets tokenise every hit), over
a page asked again of the web app, whose memo keeps pages of hits (``kept``: the same call
the search page and ``/api/v1/search`` make), plus each query's median and hit count.

Uses ``../shared/corpus/001…`` when present, else the project's own samples.

    python benchmarks/bench_search.py [--target-mb 50] [--rounds 20] [--reindex]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import repeated, source_text

from stiplan import queries
from stiplan.ingest import ReadOptions, read_path
from stiplan.search.snippet import analysed
from stiplan.store import Store

# (query, filters): words a reader of the plan would type, with and without filters.
QUERIES: list[tuple[str, dict[str, object]]] = [
    ("量子", {}),
    ("AI", {}),
    ("AI教育", {}),
    ("文部科学省", {}),
    ("博士人材", {}),
    ("SIP4D", {}),
    ("e-CSTI", {}),
    ('"Society 5.0"', {}),
    ("DX", {}),
    ("5G", {}),
    ("防災", {}),
    ("研究", {}),
    ("データ 連携", {}),
    ("スタートアップ", {}),
    ("コンピュ*", {}),
    ("宇宙 OR 海洋", {}),
    ("防災 -SIP4D", {}),
    ("健康寿命", {}),
    ("脱炭素", {}),
    ("サイバーセキュリティ", {}),
    ("AI", {"ministry": "文"}),
    ("データ", {"ministry": "科技", "lead_only": True}),
    ("防災", {"section": "1.(3)"}),
    ("人材", {"element_type": "action"}),
]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def build(path: Path, text: str) -> dict[str, float]:
    """Read and ingest the text into a new store at ``path``; seconds of each step."""
    source = path.with_suffix(".txt")
    source.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    document = read_path(source, ReadOptions(max_bytes=source.stat().st_size + 1))
    read_s = time.perf_counter() - started
    with Store.open(path) as store:
        started = time.perf_counter()
        store.ingest(document)
        store_s = time.perf_counter() - started
    source.unlink()
    return {"read_seconds": round(read_s, 2), "store_and_index_seconds": round(store_s, 2)}


def timed_ms(store: Store, query: str, filters: dict[str, object]) -> tuple[float, int]:
    """One search: milliseconds and hits."""
    started = time.perf_counter()
    hits = len(queries.search(store, query, **filters))  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000, hits


Runs = dict[str, list[float]]


def run_queries(store: Store, rounds: int) -> tuple[Runs, list[dict[str, object]]]:
    """Every query once with no hit text analysed yet (``cold``), then ``rounds`` times;
    milliseconds per run, by group (``unfiltered``, ``filtered``, ``cold``)."""
    runs: Runs = {"unfiltered": [], "filtered": [], "cold": []}
    analysed.cache_clear()
    for query, filters in QUERIES:
        runs["cold"].append(timed_ms(store, query, filters)[0])
    per_query: list[dict[str, object]] = []
    for query, filters in QUERIES:
        times, hits = [], 0
        for _ in range(rounds):
            ms, hits = timed_ms(store, query, filters)
            times.append(ms)
        runs["filtered" if filters else "unfiltered"] += times
        per_query.append(
            {"query": query, **filters, "hits": hits, "p50_ms": round(statistics.median(times), 2)}
        )
    memo = queries.EditionMemo()
    for query, filters in QUERIES:
        question = queries.SearchQuestion(query, **filters)  # type: ignore[arg-type]
        queries.search_page(store, question, memo)
        started = time.perf_counter()
        queries.search_page(store, question, memo)
        runs.setdefault("kept", []).append((time.perf_counter() - started) * 1000)
    return runs, per_query


def latency(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max of some runs, in milliseconds."""
    return {
        "runs": len(values),
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "max_ms": round(max(values), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target-mb", type=float, default=50.0)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--reindex", action="store_true", help="also time a full reindex")
    parser.add_argument(
        "--db", type=Path, help="keep the store here, and reuse it if it exists (no build)"
    )
    args = parser.parse_args()
    text, origin = source_text()
    body = repeated(text, int(args.target_mb * 1e6))
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.sqlite"
        result: dict[str, object] = {
            "benchmark": "search",
            "source": origin,
            "mb": round(len(body.encode("utf-8")) / 1e6, 2),
        }
        if not path.exists():
            result |= build(path, body)
        with Store.open(path) as store:
            status = queries.index_status(store)
            runs, per_query = run_queries(store, args.rounds)
            if args.reindex:
                started = time.perf_counter()
                queries.reindex(store, queries.Actor("bench"))
                result["reindex_seconds"] = round(time.perf_counter() - started, 2)
        result |= {
            "units": status.units,
            "index_bytes": status.bytes,
            "database_bytes": path.stat().st_size,
            "queries": len(QUERIES),
            **latency(runs["unfiltered"] + runs["filtered"]),
            "unfiltered": latency(runs["unfiltered"]),
            "filtered": latency(runs["filtered"]),
            "cold": latency(runs["cold"]),
            "kept": latency(runs["kept"]),
            "aim_p99_ms": 50,
            "per_query": per_query,
        }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
