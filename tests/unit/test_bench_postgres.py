"""The benchmarks' ``--postgres`` option (issue 18, ``benchmarks/postgres_option.py``).

The figures in ``docs/benchmarks.md`` compare SQLite and PostgreSQL within one run; these tests
keep that path of the benchmarks working: ``bench_search`` measures both stores, finds the same
hits in each and reuses a database that already holds its store (as ``--db``), and
``bench_web`` leaves a database given by URL as empty as it found it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from stiplan.store import open_store
from tests.conftest import REPO, SAMPLES

BENCHMARKS = REPO / "benchmarks"


def bench_search(url: str) -> dict[str, object]:
    """``bench_search.py`` at a tiny size, one round, beside the PostgreSQL store at ``url``."""
    command = [sys.executable, str(BENCHMARKS / "bench_search.py"), "--target-mb", "0.2"]
    command += ["--rounds", "1", "--postgres", url]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=110)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.mark.slow
def test_bench_search_measures_postgres_beside_sqlite(postgres_url: str) -> None:
    first = bench_search(postgres_url)
    postgres = first["postgres"]
    assert isinstance(postgres, dict)
    assert postgres["units"] == first["units"] > 0
    assert "postgres_store_and_index_seconds" in first
    assert set(first["postgres_to_sqlite"]) == {"all", "unfiltered", "filtered", "cold", "kept"}  # type: ignore[arg-type]
    per_query = first["per_query"]
    assert isinstance(per_query, list)
    assert [q["postgres_hits"] for q in per_query] == [q["hits"] for q in per_query]

    again = bench_search(postgres_url)
    assert "postgres_store_and_index_seconds" not in again  # the database's store, reused


@pytest.fixture
def bench_web() -> object:
    """The ``bench_web`` module, imported as the benchmarks import each other."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_web

        return bench_web
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_bench_web_refuses_a_database_with_documents_and_leaves_it_empty(
    postgres_url: str, bench_web: object
) -> None:
    files = [SAMPLES / "followup_2024.txt"]
    postgres_case = bench_web.postgres_case  # type: ignore[attr-defined]
    with postgres_case(postgres_url, files) as stored:
        assert stored["documents"] == 1
        with pytest.raises(SystemExit, match="holds documents"), postgres_case(postgres_url, files):
            pass
    with open_store(postgres_url) as store:
        assert store.documents() == []
