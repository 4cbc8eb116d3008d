"""Shared test fixtures: where the real corpus is, and skipping cleanly when it is absent."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The PostgreSQL server (one per session) and a fresh database per test: tests/postgres_fixtures.py
from tests.postgres_fixtures import (  # noqa: F401 (fixtures)
    new_postgres_database,
    postgres_server,
    postgres_url,
)

# Hypothesis budgets: ``ci`` (default) keeps the suite's time fixed; ``fuzz`` (``make fuzz``)
# searches much longer. Each case has a deadline, so a slow path is reported as one.
settings.register_profile(
    "ci", max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz", max_examples=3000, deadline=5000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLES = REPO / "samples"
FIXTURES = REPO / "tests" / "unit" / "fixtures"


def corpus_file(name: str) -> Path:
    """A real corpus document, or a clean skip where ``../shared/corpus`` is absent."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"../shared/corpus is absent ({path} not found): real-document tests skipped")
    return path


def repeated_report(copies: int) -> bytes:
    """The sample report ``copies`` times, each copy renumbered as its own chapter (as the
    ingest benchmark builds its large cases), as UTF-8: a large report for memory tests."""
    text = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8")
    parts = [
        re.sub(r"^\d{1,2}\. ", f"{k}. ", text, count=1, flags=re.MULTILINE)
        for k in range(1, copies + 1)
    ]
    return "\n".join(parts).encode("utf-8")
