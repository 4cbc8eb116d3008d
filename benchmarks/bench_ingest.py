"""Ingest speed and memory against the tokeniser: the corpus, and the report repeated to 5, 25
and 50 MB.

The yardstick is SudachiPy alone tokenising the same text (core dictionary, mode C, line by
line); issue 18 aims at an ingest within twice its time. Two ratios per case:

- **whole processes**: ``stiplan ingest`` into a fresh SQLite file as a command (start-up,
  reading, storing, indexing, the audit trail) against a process that imports SudachiPy,
  loads its dictionary and tokenises the text; wall-clock seconds of each, as a user waits;
- **in-process**: read + store (decode, detect, parse, one transaction with the index)
  against the tokenising alone, both timed inside one process after start-up.

Two more processes show what of the aim is left to stiplan's own work (``--floor``):

- **the floor** (``floor_process_seconds``): the least any ingest that makes SudachiPy words
  searchable does, with nothing of stiplan: import SudachiPy and ``sqlite3``, load the
  dictionary, read the files, tokenise each line, join its words' normalised forms and insert
  line and words into an FTS5 table, in one transaction. No structure, no parts, no
  provenance; ``floor_ratio`` is its time over the tokeniser's;
- **start-up** (``cli_import_seconds``): a process that imports ``stiplan.cli`` and stops,
  the part of every command before it reads its arguments.

``budget_left_seconds`` is twice the tokeniser's process time less the floor: what the aim
leaves for reading the structure, extraction, the tables beside the index and start-up.

Each case runs in fresh subprocesses, so peak memory (``peak_memory_mb``, the ingest's; and
``sudachi_peak_memory_mb``) is that case's own. The corpus case ingests every file of
``../shared/corpus`` (else the project's samples); the sized cases repeat its follow-up report,
each copy renumbered as its own chapter. Prints JSON.

With ``--postgres URL`` each case is also stored into that PostgreSQL database (and removed
again), reported as ``postgres_store_seconds`` beside SQLite's ``store_seconds``;
``--postgres auto`` does so on a throw-away server started for the run
(``postgres_option.py``).

    python benchmarks/bench_ingest.py [--sizes 5,25,50] [--skip-sudachi] [--postgres URL|auto]
    python benchmarks/bench_ingest.py --floor   # the corpus case with the floor, repeated
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from postgres_option import add_postgres_option, postgres_url

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT.parent / "shared" / "corpus"
CORPUS = CORPUS_DIR / "001_0e8a8b9cad5e63ab.txt"
CLI = "import sys; from stiplan.cli import app; sys.argv[0] = 'stiplan'; app()"


def source_text() -> tuple[str, str]:
    """The follow-up text to measure, and where it came from."""
    if CORPUS.is_file():
        return CORPUS.read_text(encoding="utf-8"), "corpus/001"
    sample = sorted((ROOT / "samples").glob("followup_*.txt"))[0]
    return sample.read_text(encoding="utf-8"), f"samples/{sample.name}"


def corpus_files() -> tuple[list[Path], str]:
    """Every document of the corpus (else the samples' texts), and where they came from."""
    if CORPUS_DIR.is_dir():
        return sorted(CORPUS_DIR.glob("0*.txt")), "corpus"
    return sorted((ROOT / "samples").glob("*.txt")), "samples"


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
    from sudachipy.sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary(dict="core").tokenizer(SplitMode.C)
    started = time.perf_counter()
    for chunk in line_chunks(text):
        tokenizer.tokenize(chunk)
    return time.perf_counter() - started


def line_chunks(text: str) -> Iterator[str]:
    """Every non-empty line, cut where it is longer than SudachiPy accepts (~49 KB)."""
    for line in text.split("\n"):
        for start in range(0, len(line), 10_000):
            chunk = line[start : start + 10_000]
            if chunk.strip():
                yield chunk


def floor_index(paths: list[Path], database: Path) -> None:
    """The floor (``--floor-run``): SudachiPy words of every line into FTS5, nothing more."""
    import sqlite3

    from sudachipy.sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary(dict="core").tokenizer(SplitMode.C, fields={"normalized_form"})
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths)
    rows = (
        (chunk, " ".join(m.normalized_form() for m in tokenizer.tokenize(chunk)))
        for chunk in line_chunks(text)
    )
    connection = sqlite3.connect(database)
    connection.execute("CREATE VIRTUAL TABLE line USING fts5(text, words)")
    with connection:
        connection.executemany("INSERT INTO line VALUES (?, ?)", rows)
    connection.close()


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


def measure(paths: list[Path], postgres: str | None = None) -> dict[str, object]:
    """Read and store ``paths`` into one fresh store, in this process (``--case``)."""
    from stiplan.ingest import ReadOptions, read_path
    from stiplan.store import Store

    read_s = store_s = postgres_s = 0.0
    initiatives = 0
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.sqlite") as store:
        for path in paths:
            started = time.perf_counter()
            document = read_path(path, ReadOptions(max_bytes=path.stat().st_size + 1))
            read_s += time.perf_counter() - started
            started = time.perf_counter()
            store.ingest(document)
            store_s += time.perf_counter() - started
            initiatives += sum(
                len(ss.initiatives)
                for c in document.chapters
                for s in c.sections
                for ss in s.subsections
            )
            if postgres:
                postgres_s += postgres_seconds(postgres, document)
            del document
    result: dict[str, object] = {
        "initiatives": initiatives,
        "read_seconds": round(read_s, 3),
        "store_seconds": round(store_s, 3),
        "ingest_seconds": round(read_s + store_s, 3),
        "peak_memory_mb": peak_mb(resource.getrusage(resource.RUSAGE_SELF)),
    }
    if postgres:
        result["postgres_store_seconds"] = round(postgres_s, 3)
    return result


def peak_mb(usage: resource.struct_rusage) -> float:
    """Peak resident memory of a process, in MB (Linux reports kilobytes)."""
    return round(usage.ru_maxrss / 1024, 1)


def child_environment() -> dict[str, str]:
    """The environment of the timed processes: this checkout's sources, run from bytecode.

    An installed stiplan runs from the bytecode pip compiles; where ``PYTHONDONTWRITEBYTECODE``
    is set (as on the project machine), every process would compile each of stiplan's modules
    again (0.2 s of a small ingest), timing the compiler rather than stiplan. ``main`` compiles
    the sources once, and the children are allowed to use what was compiled.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return env


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak memory (MB) and standard output of one child process."""
    env = child_environment()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert child.stdout is not None
    out = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed with {child.returncode}")
    return wall, peak_mb(usage), out


def run_case(paths: list[Path], args: argparse.Namespace, folder: Path) -> dict[str, object]:
    """One case: the in-process ingest, the CLI ingest and, unless skipped, SudachiPy alone."""
    mb = sum(p.stat().st_size for p in paths) / 1e6
    command = [sys.executable, __file__, "--case", *map(str, paths)]
    if args.postgres:
        command += ["--postgres", args.postgres]
    _, _, out = run(command)
    measured = json.loads(out)
    result: dict[str, object] = {"mb": round(mb, 2), **measured}
    cli = [sys.executable, "-c", CLI, "ingest", "--db", str(folder / "cli.sqlite")]
    size = ["--max-size", str(int(mb + 2))]
    wall, peak, _ = run([*cli, *size, *map(str, paths)])
    (folder / "cli.sqlite").unlink()
    result |= {"cli_ingest_seconds": round(wall, 3), "cli_peak_memory_mb": peak}
    if not args.skip_sudachi:
        s_wall, s_peak, s_out = run([sys.executable, __file__, "--sudachi", *map(str, paths)])
        in_process = json.loads(s_out)["sudachi_seconds"]
        result |= {
            "sudachi_seconds": in_process,
            "sudachi_process_seconds": round(s_wall, 3),
            "sudachi_peak_memory_mb": s_peak,
            "ratio_in_process": round(measured["ingest_seconds"] / in_process, 2),
            "ratio_whole_processes": round(wall / s_wall, 2),
        }
        if args.floor:
            result |= floor_case(paths, folder, s_wall)
    return result


def floor_case(paths: list[Path], folder: Path, sudachi_wall: float) -> dict[str, object]:
    """The floor and start-up processes of one case, set against the tokeniser's process."""
    database = folder / "floor.sqlite"
    floor_wall, _, _ = run(
        [sys.executable, __file__, "--floor-run", str(database), *map(str, paths)]
    )
    database.unlink()
    import_wall, _, _ = run([sys.executable, "-c", "import stiplan.cli"])
    return {
        "floor_process_seconds": round(floor_wall, 3),
        "floor_ratio": round(floor_wall / sudachi_wall, 2),
        "budget_left_seconds": round(2.0 * sudachi_wall - floor_wall, 3),
        "cli_import_seconds": round(import_wall, 3),
    }


def medians(rounds: list[dict[str, object]]) -> dict[str, object]:
    """The median of every number the rounds share (``--floor --rounds N``)."""
    keys = [k for k, v in rounds[0].items() if isinstance(v, int | float)]
    return {k: statistics.median(float(r[k]) for r in rounds) for k in keys}  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,25,50", help="MB of the repeated cases")
    parser.add_argument("--target-mb", type=float, help="one repeated case of this size only")
    parser.add_argument("--skip-sudachi", action="store_true")
    parser.add_argument("--floor", action="store_true", help="the corpus case with the floor")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of --floor")
    add_postgres_option(parser, "; each case is stored there, then deleted")
    parser.add_argument("--case", type=Path, nargs="+", help=argparse.SUPPRESS)  # subprocess
    parser.add_argument("--sudachi", type=Path, nargs="+", help=argparse.SUPPRESS)  # subprocess
    parser.add_argument("--floor-run", type=Path, nargs="+", help=argparse.SUPPRESS)  # subprocess
    args = parser.parse_args()
    if args.case:
        print(json.dumps(measure(args.case, args.postgres)))
        return
    if args.floor_run:
        floor_index(args.floor_run[1:], args.floor_run[0])
        return
    if args.sudachi:
        text = "\n".join(p.read_text(encoding="utf-8") for p in args.sudachi)
        print(json.dumps({"sudachi_seconds": round(tokenise_seconds(text), 3)}))
        return
    sizes = [args.target_mb] if args.target_mb else [float(s) for s in args.sizes.split(",")]
    compileall.compile_dir(ROOT / "src", quiet=1)  # as pip does on install
    if args.floor:
        print(json.dumps(floor_rounds(args), ensure_ascii=False, indent=2))
        return
    text, origin = source_text()
    files, files_origin = corpus_files()
    results = []
    with tempfile.TemporaryDirectory() as tmp, postgres_url(args.postgres) as url:
        args.postgres = url  # the cases' processes are given the URL, never "auto"
        folder = Path(tmp)
        results.append({"case": files_origin, **run_case(files, args, folder)})
        for size in sizes:
            path = folder / f"repeated_{size:g}mb.txt"
            path.write_text(repeated(text, int(size * 1e6)), encoding="utf-8")
            results.append({"case": path.stem, "source": origin, **run_case([path], args, folder)})
            path.unlink()
    report = {"benchmark": "ingest", "aim_ratio": 2.0, "aim_peak_memory_mb_50": 500}
    report |= {"bytecode": "compiled once before the timed processes"}
    print(json.dumps(report | {"results": results}, ensure_ascii=False, indent=2))


def floor_rounds(args: argparse.Namespace) -> dict[str, object]:
    """The corpus case ``args.rounds`` times, each with the floor, and the medians."""
    args.skip_sudachi, args.postgres = False, None
    files, origin = corpus_files()
    with tempfile.TemporaryDirectory() as tmp:
        rounds = [run_case(files, args, Path(tmp)) for _ in range(args.rounds)]
    report = {"benchmark": "ingest floor", "case": origin, "aim_ratio": 2.0}
    return report | {"median": medians(rounds), "rounds": rounds}


if __name__ == "__main__":
    main()
