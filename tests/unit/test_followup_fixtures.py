"""Reader fixtures: project-written follow-up texts → the expected JSON export, exactly.

Regenerate after an intended change with ``make fixtures`` and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stiplan.exports.json_export import document_to_dict
from stiplan.readers.followup import read_followup
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "followup").glob("*.txt"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_reads_to_expected_json(path: Path) -> None:
    document = read_followup(path.read_text(encoding="utf-8"), path.name)
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert document_to_dict(document) == expected


def test_there_are_fixtures() -> None:
    assert len(CASES) >= 3
