"""The ingest benchmark's floor (issue 18, ``benchmarks/bench_ingest.py --floor``).

``docs/benchmarks.md`` argues from the floor that the ingest aim leaves stiplan less time than
its start-up alone; these tests keep the floor honest: it must really make every line's words
searchable (else it would be a floor of nothing), and the figures it prints must add up.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO

BENCH_INGEST = REPO / "benchmarks" / "bench_ingest.py"


def bench_ingest() -> ModuleType:
    """``bench_ingest.py`` as a module (``benchmarks/`` is no package)."""
    sys.path.insert(0, str(BENCH_INGEST.parent))
    try:
        spec = importlib.util.spec_from_file_location("bench_ingest", BENCH_INGEST)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH_INGEST.parent))
    return module


def test_the_floor_makes_every_lines_normalised_words_searchable(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("コンピュータを整備する。\n\n研究開発を推進する。\n", encoding="utf-8")
    database = tmp_path / "floor.sqlite"
    bench_ingest().floor_index([report], database)
    connection = sqlite3.connect(database)
    try:
        lines = connection.execute("SELECT text FROM line ORDER BY rowid").fetchall()
        # Normalised: the dictionary spells the word コンピューター.
        found = connection.execute(
            "SELECT text FROM line WHERE line MATCH ?", ['words:"コンピューター"']
        ).fetchall()
    finally:
        connection.close()
    assert lines == [("コンピュータを整備する。",), ("研究開発を推進する。",)]
    assert found == [("コンピュータを整備する。",)]


@pytest.mark.slow
def test_the_floor_run_prints_the_budget_the_aim_leaves() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    command = [sys.executable, str(BENCH_INGEST), "--floor", "--rounds", "1"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    (measured,) = report["rounds"]
    sudachi, floor = measured["sudachi_process_seconds"], measured["floor_process_seconds"]
    assert measured["budget_left_seconds"] == pytest.approx(2.0 * sudachi - floor, abs=0.002)
    assert measured["floor_ratio"] == pytest.approx(floor / sudachi, abs=0.01)
    assert measured["cli_import_seconds"] > 0
    assert report["median"]["floor_process_seconds"] == floor
    assert measured["initiatives"] > 0
