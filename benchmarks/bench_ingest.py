"""Ingest speed and memory: the corpus, and the corpus repeated to about 50 MB.

Prints one JSON object per case (and a summary) with seconds for reading (decode + detect +
parse), storing (one SQLite transaction) and the total, MB/s, the process's peak memory, and
the time SudachiPy alone takes to tokenise the same text, the yardstick the ingest is measured
against (aim: ingest within twice the tokeniser's time).

Each case runs in a fresh subprocess so that peak memory is that case's own. Uses
``../shared/corpus/001…`` when present, else the project's own samples.

With ``--postgres URL`` each case is also stored into that PostgreSQL database (and removed
again), reported as ``postgres_store_seconds`` beside SQLite's ``store_seconds``.

    python benchmarks/bench_ingest.py [--target-mb 50] [--skip-sudachi] [--postgres URL]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "001_0e8a8b9cad5e63ab.txt"


def source_text() -> tuple[str, str]:
    """The follow-up text to measure, and where it came from."""
    if CORPUS.is_file():
        return CORPUS.read_text(encoding="utf-8"), "corpus/001"
    sample = sorted((ROOT / "samples").glob("followup_*.txt"))[0]
    return sample.read_text(encoding="utf-8"), f"samples/{sample.name}"


def repeated(text: str, target_bytes: int) -> str:
    """Copies of the report, each renumbered as its own chapter so that ids stay unique."""
    size = len(text.encode("utf-8"))
    copies = max(1, round(target_bytes / size))
    parts = []
    for k in range(1, copies + 1):
        parts.append(re.sub(r"^\d{1,2}\. ", f"{k}. ", text, count=1, flags=re.MULTILINE))
    return "\n".join(parts)


def tokenise_seconds(text: str) -> float:
    """SudachiPy (core dictionary, mode C) over every non-empty line."""
    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary(dict="core").create()
    started = time.perf_counter()
    for line in text.split("\n"):
        # Sudachi refuses inputs over ~49 KB; lines are far shorter, but stay safe.
        for start in range(0, len(line), 10_000):
            chunk = line[start : start + 10_000]
            if chunk.strip():
                tokenizer.tokenize(chunk, SplitMode.C)
    return time.perf_counter() - started


def postgres_seconds(url: str, document: object) -> float:
    """Seconds to store ``document`` into the PostgreSQL database at ``url`` (then removed)."""
    from stiplan.model import Document
    from stiplan.store.postgres.store import PostgresStore

    assert isinstance(document, Document)
    with PostgresStore.open(url) as store:
        started = time.perf_counter()
        store.ingest(document)
        seconds = time.perf_counter() - started
        store.delete_document(document.id)
    return seconds


def measure(path: Path, skip_sudachi: bool, postgres: str | None = None) -> dict[str, object]:
    """One case, in this process: read, store, tokenise."""
    from stiplan.ingest import ReadOptions, read_path
    from stiplan.store import Store

    data_mb = path.stat().st_size / 1e6
    options = ReadOptions(max_bytes=path.stat().st_size + 1)
    started = time.perf_counter()
    document = read_path(path, options)
    read_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.sqlite") as store:
        started = time.perf_counter()
        store.ingest(document)
        store_s = time.perf_counter() - started
    total = read_s + store_s
    result: dict[str, object] = {
        "mb": round(data_mb, 2),
        "initiatives": sum(
            len(ss.initiatives)
            for c in document.chapters
            for s in c.sections
            for ss in s.subsections
        ),
        "read_seconds": round(read_s, 3),
        "store_seconds": round(store_s, 3),
        "ingest_seconds": round(total, 3),
        "mb_per_second": round(data_mb / total, 2) if total else None,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    if postgres:
        result["postgres_store_seconds"] = round(postgres_seconds(postgres, document), 3)
    if not skip_sudachi:
        sudachi = tokenise_seconds(path.read_text(encoding="utf-8"))
        result["sudachi_seconds"] = round(sudachi, 3)
        result["ingest_to_sudachi_ratio"] = round(total / sudachi, 2) if sudachi else None
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--target-mb", type=float, default=50.0)
    parser.add_argument("--skip-sudachi", action="store_true")
    parser.add_argument("--postgres", metavar="URL", help="also store into this PostgreSQL")
    parser.add_argument("--case", type=Path, help=argparse.SUPPRESS)  # subprocess entry
    args = parser.parse_args()
    if args.case:
        print(json.dumps(measure(args.case, args.skip_sudachi, args.postgres)))
        return
    text, origin = source_text()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = {
            "single": text,
            f"repeated_{args.target_mb:g}mb": repeated(text, int(args.target_mb * 1e6)),
        }
        for name, body in cases.items():
            path = Path(tmp) / f"{name}.txt"
            path.write_text(body, encoding="utf-8")
            command = [sys.executable, __file__, "--case", str(path)]
            if args.skip_sudachi:
                command.append("--skip-sudachi")
            if args.postgres:
                command += ["--postgres", args.postgres]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            results.append({"case": name, "source": origin, **json.loads(out)})
    print(json.dumps({"benchmark": "ingest", "results": results}, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
