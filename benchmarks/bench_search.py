"""Search speed and index size over the corpus repeated to about 50 MB.

Builds a fresh SQLite store from the follow-up report repeated (each copy renumbered as its own
chapter, as in ``bench_ingest.py``), then runs a fixed list of ordinary queries through
``stiplan.queries.search`` (parsing, the FTS5 query, snippets: what the CLI and the web wait
for), several rounds each, and prints JSON: build seconds, index and database bytes, and
p50/p95/p99/max latency in milliseconds over all runs, over the queries without filters and
over those with filters (issue 18 aims at a p99 of 50 ms or less at 50 MB), over the first
run of each query with no hit text analysed yet (``cold``: snippets tokenise every hit), over
a page asked again of the web app, whose memo keeps pages of hits (``kept``: the same call
the search page and ``/api/v1/search`` make), plus each query's median and hit count. Beside
them, the engine's floor (``fts5_scoring``): how long FTS5 alone takes to score every match of
each unfiltered query, which any ranking by BM25 pays before it can pick a page.

Uses ``../shared/corpus/001…`` when present, else the project's own samples.

With ``--postgres URL|auto`` (``postgres_option.py``) the same text is stored in a PostgreSQL
store too and every measurement is made on both, the rounds of each query taking turns between
the two stores so that a noisy neighbour slows both alike; the JSON gains a ``postgres``
object with the same figures (and the server's settings), ``postgres_to_sqlite`` (the ratios
of the percentiles) and each query's ``postgres_hits`` and ``postgres_p50_ms``. As with
``--db``, a store that already holds documents is measured as it is, without a build: a
database given by URL keeps the 50 MB store for the next run (use a database of its own).

    python benchmarks/bench_search.py [--target-mb 50] [--rounds 20] [--reindex] \
        [--db FILE] [--postgres URL|auto]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import repeated, source_text
from postgres_option import add_postgres_option, database_bytes, postgres_url, server_facts

from stiplan import queries
from stiplan.ingest import ReadOptions, read_path
from stiplan.model import Document
from stiplan.search.query import build_query
from stiplan.search.snippet import analysed
from stiplan.store import StoreInterface, open_store
from stiplan.store.search_sql import PARTS_WEIGHT, WORDS_WEIGHT, fts_match

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


SQLITE = "sqlite"
"""The store every run measures; ``--postgres`` adds ``postgres`` beside it."""


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by the nearest-rank method."""
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def read_text(folder: Path, text: str) -> tuple[Document, float]:
    """The text read as a document (from a file, as an ingest reads it), and the seconds."""
    source = folder / "bench.txt"
    source.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    document = read_path(source, ReadOptions(max_bytes=source.stat().st_size + 1))
    seconds = time.perf_counter() - started
    source.unlink()
    return document, seconds


def build(stores: dict[str, StoreInterface], folder: Path, text: str) -> dict[str, float]:
    """Read the text once and ingest it into each of ``stores``; seconds of each step
    (``store_and_index_seconds`` SQLite's, ``postgres_store_and_index_seconds``)."""
    document, read_s = read_text(folder, text)
    result = {"read_seconds": round(read_s, 2)}
    for name, store in stores.items():
        started = time.perf_counter()
        store.ingest(document)
        result[f"{prefix(name)}store_and_index_seconds"] = round(time.perf_counter() - started, 2)
    return result


def prefix(name: str) -> str:
    """How a store's figures are named where both stand side by side: SQLite's as they have
    always been, PostgreSQL's as ``postgres_…``."""
    return "" if name == SQLITE else f"{name}_"


def timed_ms(store: StoreInterface, query: str, filters: dict[str, object]) -> tuple[float, int]:
    """One search: milliseconds and hits."""
    started = time.perf_counter()
    hits = len(queries.search(store, query, **filters))  # type: ignore[arg-type]
    return (time.perf_counter() - started) * 1000, hits


Runs = dict[str, list[float]]


def cold_runs(store: StoreInterface) -> list[float]:
    """Every query once with no hit text analysed yet (``cold``: snippets tokenise every hit)."""
    analysed.cache_clear()
    return [timed_ms(store, query, filters)[0] for query, filters in QUERIES]


def kept_runs(store: StoreInterface) -> list[float]:
    """Every query's page asked again of the web app's memo (``kept``)."""
    memo = queries.EditionMemo()
    runs = []
    for query, filters in QUERIES:
        question = queries.SearchQuestion(query, **filters)  # type: ignore[arg-type]
        queries.search_page(store, question, memo)
        started = time.perf_counter()
        queries.search_page(store, question, memo)
        runs.append((time.perf_counter() - started) * 1000)
    return runs


def rounds_of(
    stores: dict[str, StoreInterface], query: str, filters: dict[str, object], rounds: int
) -> tuple[Runs, dict[str, int]]:
    """``rounds`` runs of one query on each store, the stores taking turns; milliseconds and
    the hits of the last run, by store."""
    times: Runs = {name: [] for name in stores}
    hits = dict.fromkeys(stores, 0)
    for _ in range(rounds):
        for name, store in stores.items():
            ms, hits[name] = timed_ms(store, query, filters)
            times[name].append(ms)
    return times, hits


def run_queries(
    stores: dict[str, StoreInterface], rounds: int
) -> tuple[dict[str, Runs], list[dict[str, object]]]:
    """The cold runs, ``rounds`` of every query and the kept pages, on each store;
    milliseconds per run by store and group (``unfiltered``, ``filtered``, ``cold``,
    ``kept``), and each query's hits and median by store."""
    runs: dict[str, Runs] = {name: {"cold": cold_runs(store)} for name, store in stores.items()}
    per_query: list[dict[str, object]] = []
    for query, filters in QUERIES:
        times, hits = rounds_of(stores, query, filters, rounds)
        entry: dict[str, object] = {"query": query, **filters}
        for name in stores:
            runs[name].setdefault("filtered" if filters else "unfiltered", []).extend(times[name])
            entry[f"{prefix(name)}hits"] = hits[name]
            entry[f"{prefix(name)}p50_ms"] = round(statistics.median(times[name]), 2)
        per_query.append(entry)
    for name, store in stores.items():
        runs[name]["kept"] = kept_runs(store)
    return runs, per_query


SCORING_SQL = (
    "SELECT count(*), min(score) FROM (SELECT bm25(search_fts, ?, ?) AS score"
    " FROM search_fts WHERE search_fts MATCH ? LIMIT -1)"
)
"""FTS5 scoring every match of a query and nothing else: no unit read, no ranking by type,
no page, no snippet. The floor of any BM25 ranking over FTS5 (a benchmark's own SQL: it
measures the engine, as Datasette is measured, not the store)."""


def scoring_floor(path: Path, rounds: int) -> list[dict[str, object]]:
    """Each unfiltered query's median milliseconds for FTS5 to score its matches (the same
    expression and weights the store's search uses), in the SQLite file at ``path``."""
    floors: list[dict[str, object]] = []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        for query, filters in QUERIES:
            if filters:
                continue
            match = fts_match(build_query(query))
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                (matches, _best), *_ = conn.execute(
                    SCORING_SQL, (WORDS_WEIGHT, PARTS_WEIGHT, match)
                ).fetchall()
                times.append((time.perf_counter() - started) * 1000)
            floors.append(
                {"query": query, "matches": matches, "p50_ms": round(statistics.median(times), 2)}
            )
    return floors


def latency(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max of some runs, in milliseconds."""
    return {
        "runs": len(values),
        "p50_ms": round(percentile(values, 50), 2),
        "p95_ms": round(percentile(values, 95), 2),
        "p99_ms": round(percentile(values, 99), 2),
        "max_ms": round(max(values), 2),
    }


GROUPS = ("unfiltered", "filtered", "cold", "kept")


def grouped(runs: Runs) -> Runs:
    """The runs by group, with ``all`` (the rounds with and without filters) first."""
    return {"all": runs["unfiltered"] + runs["filtered"], **{g: runs[g] for g in GROUPS}}


def figures(store: StoreInterface, runs: Runs, reindex: bool) -> dict[str, object]:
    """One store's figures: its index, the latency of all rounds and of each group, and,
    if asked, the seconds of a full reindex (after the queries: it rewrites the index)."""
    status = queries.index_status(store)
    groups = grouped(runs)
    result: dict[str, object] = {
        "units": status.units,
        "index_bytes": status.bytes,
        "queries": len(QUERIES),
        **latency(groups.pop("all")),
        **{group: latency(values) for group, values in groups.items()},
    }
    return result | ({"reindex_seconds": reindex_seconds(store)} if reindex else {})


def ratios(mine: Runs, base: Runs) -> dict[str, dict[str, float]]:
    """Each percentile of ``mine`` over the same of ``base``, over all rounds and per group."""
    ours, theirs = grouped(mine), grouped(base)
    return {
        group: {
            f"p{q}": round(percentile(ours[group], q) / percentile(theirs[group], q), 2)
            for q in (50, 95, 99)
        }
        for group in ours
    }


def size_of(location: Path | str) -> dict[str, object]:
    """The store's bytes on disk (``database_bytes``): SQLite's file, or the PostgreSQL
    database with the server's version and settings (``server``)."""
    if isinstance(location, Path):
        return {"database_bytes": location.stat().st_size}
    return {"database_bytes": database_bytes(location), "server": server_facts(location)}


def reindex_seconds(store: StoreInterface) -> float:
    """Seconds of a full reindex of the store."""
    started = time.perf_counter()
    queries.reindex(store, queries.Actor("bench"))
    return round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target-mb", type=float, default=50.0)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--reindex", action="store_true", help="also time a full reindex")
    parser.add_argument(
        "--db", type=Path, help="keep the store here, and reuse it if it exists (no build)"
    )
    add_postgres_option(parser, "; a database holding documents is reused as it is, as --db")
    args = parser.parse_args()
    text, origin = source_text()
    body = repeated(text, int(args.target_mb * 1e6))
    result: dict[str, object] = {
        "benchmark": "search",
        "source": origin,
        "mb": round(len(body.encode("utf-8")) / 1e6, 2),
    }
    with (
        tempfile.TemporaryDirectory() as tmp,
        postgres_url(args.postgres) as url,
        ExitStack() as opened,
    ):
        path = args.db or Path(tmp) / "bench.sqlite"
        locations: dict[str, Path | str] = {SQLITE: path} | ({"postgres": url} if url else {})
        stores = {name: opened.enter_context(open_store(at)) for name, at in locations.items()}
        empty = {name: store for name, store in stores.items() if not store.documents()}
        if empty:
            result |= build(empty, Path(tmp), body)
        runs, per_query = run_queries(stores, args.rounds)
        measured = {
            name: figures(store, runs[name], args.reindex) for name, store in stores.items()
        }
        opened.close()  # SQLite's file is whole once closed (its write-ahead log folded in)
        result["fts5_scoring"] = scoring_floor(path, args.rounds)
        for name, location in locations.items():
            measured[name] |= size_of(location)
    result |= measured.pop(SQLITE) | {"aim_p99_ms": 50}
    for name, theirs in measured.items():
        result |= {name: theirs, f"{name}_to_sqlite": ratios(runs[name], runs[SQLITE])}
    print(json.dumps(result | {"per_query": per_query}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
