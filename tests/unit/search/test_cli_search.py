"""``stiplan search`` and ``stiplan reindex`` end to end, in-process, on a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stiplan.cli import app
from tests.conftest import SAMPLES

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store.sqlite"
    result = runner.invoke(
        app, ["ingest", *map(str, sorted(SAMPLES.glob("*.txt"))), "--db", str(path)]
    )
    assert result.exit_code == 0, result.output
    return path


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_json_gives_id_type_document_span_score_and_snippet(db: Path) -> None:
    code, output = run("search", "在留", "--db", db, "--json")
    assert code == 0, output
    (hit,) = json.loads(output)
    assert hit["element_id"].endswith(":c2.s3.ss2.i3.a2")
    assert (hit["type"], hit["source_name"], hit["edition"]) == (
        "action",
        "followup_2025.txt",
        "2025",
    )
    assert hit["span"] == {"first_line": 190, "last_line": 190}
    assert hit["score"] > 0
    assert hit["snippet"]["segments"][0] == {"text": "在留", "highlighted": True}
    assert hit["snippet"]["text"].startswith("在留")


def test_words_given_as_several_arguments_are_one_query(db: Path) -> None:
    _, together = run("search", "博士人材 企業", "--db", db, "--json")
    _, apart = run("search", "博士人材", "企業", "--db", db, "--json")
    assert json.loads(together) == json.loads(apart) and json.loads(apart)


def test_filters_and_limit(db: Path) -> None:
    filters = ["-n", "2", "-s", "2.(2)", "-e", "2024", "-t", "status_item"]
    _, output = run("search", "研究", "--db", db, "--json", *filters)
    hits = json.loads(output)
    assert len(hits) == 2
    assert {(h["section_label"], h["edition"], h["type"]) for h in hits} == {
        ("2.(2)", "2024", "status_item")
    }
    _, output = run("search", "研究時間", "--db", db, "--json", "-m", "科技", "--lead-only")
    assert {h["element_id"].split(":")[1] for h in json.loads(output)} == {"c2.s1.ss2.i2"}


def test_offset_gives_the_next_page_of_the_same_order(db: Path) -> None:
    def page(*args: str) -> list[tuple[str, str, int]]:
        code, output = run("search", "研究設備", "--db", db, "--json", *args)
        assert code == 0, output
        return [(h["element_id"], h["type"], h["type_rank"]) for h in json.loads(output)]

    first, second, both = page("-n", "3"), page("-n", "3", "--offset", "3"), page("-n", "6")
    assert first + second == both
    # the briefing's best block, then the best of the follow-ups' types, then the second…
    assert [(t, r) for _, t, r in first] == [("block", 1), ("footnote", 1), ("initiative", 1)]
    code, output = run("search", "研究設備", "--db", db, "--offset", "-1")
    assert code == 1 and "offset" in output


def test_table_output_escapes_text_and_says_when_nothing_is_found(db: Path) -> None:
    code, output = run("search", "SINET", "--db", db)
    assert code == 0 and "SINET" in output and "[bold" not in output
    code, output = run("search", "ぬぽぽぴゃ", "--db", db)
    assert (code, output.strip()) == (0, "no hits")


def test_a_query_that_cannot_be_searched_exits_1_with_the_reason(db: Path) -> None:
    code, output = run("search", "--db", db, "--", "-量子")
    assert code == 1 and "only excludes" in output
    code, output = run("search", "量子", "--db", db, "--type", "sliide")
    assert code == 1 and "unknown element type" in output


def test_reindex_reports_what_it_indexed(db: Path) -> None:
    code, output = run("reindex", "--db", db, "--json")
    assert code == 0
    status = json.loads(output)
    # The samples: two follow-up editions and a briefing (whose blocks are not indexed yet).
    assert status["documents"] == 3 and status["units"] > 200
    assert status["stale_document_ids"] == []
    code, output = run("reindex", "--db", db)
    assert code == 0 and "text units of 3 document(s)" in output
