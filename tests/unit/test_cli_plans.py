"""``--plan`` on the CLI: given at ingest, shown by ``documents``, and a filter on the listing
commands (documents, editions, initiatives, sections, warnings, search, progress)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stiplan.cli import app
from tests.conftest import SAMPLES
from tests.unit.plan_texts import write_seventh_plan_followup

runner = CliRunner()


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """The two sample editions (6th plan) and a 7th-plan follow-up with the same chapter."""
    path = tmp_path / "store.sqlite"
    seventh = write_seventh_plan_followup(tmp_path)
    code, output = run(
        "ingest", SAMPLES / "followup_2024.txt", SAMPLES / "followup_2025.txt", seventh,
        "--db", path,
    )  # fmt: skip
    assert code == 0, output
    return path


def _json(*args: str | Path) -> list[dict[str, object]]:
    code, output = run(*args, "--json")
    assert code == 0, output
    data: list[dict[str, object]] = json.loads(output)
    return data


def test_documents_show_and_filter_the_plan(db: Path) -> None:
    rows = _json("documents", "--db", db)
    assert sorted((r["source_name"], r["plan"]) for r in rows) == [
        ("followup_2024.txt", 6),
        ("followup_2025.txt", 6),
        ("followup_7th.txt", 7),
    ]
    assert [r["source_name"] for r in _json("documents", "--db", db, "--plan", "第７期")] == [
        "followup_7th.txt"
    ]
    code, output = run("documents", "--db", db)
    assert code == 0 and "plan" in output and "第7期" in output and "第6期" in output


def test_editions_are_listed_per_plan_and_never_mixed(db: Path) -> None:
    parts = _json("editions", "--db", db)
    assert [(p["plan"], len(p["editions"])) for p in parts] == [(6, 2), (7, 1)]  # type: ignore[arg-type]
    (seventh,) = _json("editions", "--db", db, "--plan", "7")
    assert seventh["plan"] == 7
    code, output = run("editions", "--db", db, "--plan", "6")
    assert code == 0 and "第6期" in output and "followup_7th" not in output


def test_listing_commands_filter_by_plan(db: Path) -> None:
    everything = _json("initiatives", "--db", db)
    seventh = _json("initiatives", "--db", db, "--plan", "7")
    sixth = _json("initiatives", "--db", db, "--plan", "第6期")
    assert len(seventh) + len(sixth) == len(everything) and seventh and sixth
    assert {r["document_id"] for r in seventh}.isdisjoint({r["document_id"] for r in sixth})
    sections = _json("sections", "--db", db, "--plan", "7")
    assert len({r["document_id"] for r in sections}) == 1
    assert _json("warnings", "--db", db, "--plan", "7")
    hits = _json("search", "研究", "--db", db, "--plan", "7", "--limit", "50")
    assert hits and {h["source_name"] for h in hits} == {"followup_7th.txt"}
    code, output = run("progress", "--db", db, "--plan", "7", "--format", "json")
    assert code == 0
    kept = {a["target_id"].split(":")[0] for a in json.loads(output)}
    assert len(kept) == 1 and kept == {r["document_id"] for r in seventh}


def test_plan_given_at_ingest_wins(tmp_path: Path) -> None:
    path = tmp_path / "given.sqlite"
    code, _ = run("ingest", SAMPLES / "followup_2025.txt", "--db", path, "--plan", "第七期")
    assert code == 0
    (row,) = _json("documents", "--db", path)
    assert row["plan"] == 7


@pytest.mark.parametrize("command", ["documents", "editions", "ingest"])
def test_an_unknown_plan_is_a_usage_error(command: str, db: Path) -> None:
    args = [command, "--db", db, "--plan", "8"]
    if command == "ingest":
        args.insert(1, SAMPLES / "followup_2025.txt")
    code, output = run(*args)
    assert code == 2 and "第6期" in output
