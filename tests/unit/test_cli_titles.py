"""``stiplan ingest --title/--date`` and the document tables: documents by title and date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stiplan.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()
HEADS = FIXTURES / "heads"
UNDATED = HEADS / "followup_no_head.txt"
STATED = HEADS / "followup_head_lines.txt"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def _documents(db: Path) -> list[dict[str, object]]:
    code, output = run("documents", "--db", db, "--json")
    assert code == 0, output
    rows = json.loads(output)
    assert isinstance(rows, list)
    return rows


def test_a_given_title_and_date_name_and_date_the_document(db: Path) -> None:
    code, output = run(
        "ingest", UNDATED, "--db", db, "--title", "架空の年次報告", "--date", "令和7年6月1日"
    )
    assert code == 0, output
    (row,) = _documents(db)
    assert (row["title"], row["date"]) == ("架空の年次報告", "2025-06-01")
    code, output = run("warnings", "--db", db, "--json")
    assert not {w["code"] for w in json.loads(output)} & {"title_unknown", "date_unknown"}
    code, table = run("documents", "--db", db)  # piped: tab-separated, nothing cut
    assert "架空の年次報告\t2025年6月1日（令和7年）" in table


def test_the_stated_title_and_date_are_shown_and_a_given_one_wins(db: Path, tmp_path: Path) -> None:
    run("ingest", STATED, "--db", db)
    (row,) = _documents(db)
    assert (row["title"], row["date"]) == (
        "架空計画の進捗に関するフォローアップ報告書（試行版）",
        "2025-06-13",
    )
    other = tmp_path / "other.sqlite"
    run("ingest", STATED, "--db", other, "--title", "別の表題", "--date", "2025-07-01")
    (row,) = _documents(other)
    assert (row["title"], row["date"]) == ("別の表題", "2025-07-01")


def test_without_title_or_date_the_document_warns(db: Path) -> None:
    code, output = run("ingest", UNDATED, "--db", db)
    flat = output.replace("\n", "")  # the summary may wrap at the terminal's width
    assert code == 0 and "表題が見つからない 1" in flat and "日付が見つからない 1" in flat
    (row,) = _documents(db)
    assert (row["title"], row["date"]) == ("1. 見出しだけの架空の章", None)


def test_title_and_date_go_with_one_file_and_a_bad_date_is_refused(db: Path) -> None:
    code, output = run("ingest", UNDATED, STATED, "--db", db, "--title", "両方")
    assert code != 0 and "--title" in output
    code, output = run("ingest", UNDATED, "--db", db, "--date", "来年の春")
    assert code != 0 and "--date" in output and "来年の春" in output
    assert not db.exists() or _documents(db) == []
