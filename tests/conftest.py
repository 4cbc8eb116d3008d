"""Shared test fixtures: where the real corpus is, and skipping cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

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
