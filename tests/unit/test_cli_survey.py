"""``stiplan survey``: the round on the command line, from ``open`` to ``publish -o``; every
write takes ``--user`` and is refused for the wrong role; a refused workbook lists its cells
and exits 1 with nothing imported."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from stiplan.cli import app
from stiplan.ingest import read_bytes
from tests.conftest import SAMPLES
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)

runner = CliRunner()
PASSWORD = "a long enough password"


def run(*args: str | Path, password: str | None = None) -> tuple[int, str]:
    stdin = None if password is None else password + "\n"
    result = runner.invoke(app, [str(a) for a in args], input=stdin)
    return result.exit_code, result.output


def _team(db: Path) -> None:
    steps = [
        ("root", ["--role", "admin"], None),
        ("sec", ["--role", "secretariat"], "root"),
        ("mext", ["--role", "ministry", "--ministry", "文"], "root"),
        ("cstp", ["--role", "ministry", "--ministry", "科技"], "root"),
    ]
    for name, options, by in steps:
        user = ["--user", by] if by else []
        code, output = run(
            "users", "add", name, *options, *user, "--password-stdin", "--db", db, password=PASSWORD
        )
        assert code == 0, output
    assert run("ingest", SAMPLES / "followup_2024.txt", "--db", db, "--user", "sec")[0] == 0


def test_a_round_from_open_to_publish_on_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    _team(db)
    code, output = run(
        "survey", "open", "2026", "--from", "followup_2024", "--db", db, "--user", "mext"
    )
    assert code == 1 and "refused" in output
    code, output = run(
        "survey",
        "open",
        "2026",
        "--from",
        "followup_2024",
        "--due",
        "2026-06-30",
        "--db",
        db,
        "--user",
        "sec",
        "--json",
    )
    assert code == 0, output
    assert json.loads(output)["round"]["id"] == "2026-1"
    code, output = run(
        "survey",
        "workbooks",
        "2026-1",
        "-o",
        tmp_path / "wb",
        "--db",
        db,
        "--user",
        "sec",
        "--json",
    )
    files = json.loads(output)
    assert set(files) == {"文", "科技"} and files["文"].endswith("文部科学省.xlsx")

    book = load_workbook(files["文"])
    book["取組"]["C2"] = "書き換え"
    book["取組"]["J3"] = "=1+1"
    book.save(tmp_path / "bad.xlsx")
    code, output = run(
        "survey", "import", "2026-1", tmp_path / "bad.xlsx", "--db", db, "--user", "mext"
    )
    assert code == 1
    assert "bad.xlsx 取組!C2: 変更できないセルです" in output and "bad.xlsx 取組!J3: 数式" in output
    assert "nothing imported" in output
    code, output = run(
        "survey",
        "import",
        "2026-1",
        tmp_path / "bad.xlsx",
        "--db",
        db,
        "--user",
        "mext",
        "--lang",
        "en",
    )
    assert code == 1 and "bad.xlsx 取組!J3: Formulas are not allowed" in output

    book = load_workbook(files["文"])
    book["取組"]["J2"] = "令和6年度は約1万5,800人を支援。"
    book.save(tmp_path / "good.xlsx")
    code, output = run(
        "survey", "import", "2026", tmp_path / "good.xlsx", "--draft", "--db", db, "--user", "mext"
    )
    assert code == 0 and "revision 1 (作業中)" in output, output
    assert (
        run("survey", "import", "2026", tmp_path / "good.xlsx", "--db", db, "--user", "mext")[0]
        == 0
    )
    assert run("survey", "import", "2026", files["科技"], "--db", db, "--user", "cstp")[0] == 0
    assert run("survey", "status", "2026", "--db", db)[0] == 1  # once users exist: --user
    code, output = run("survey", "status", "2026", "--db", db, "--user", "mext", "--json")
    assert [m["ministry"] for m in json.loads(output)["ministries"]] == ["文"]
    code, output = run("survey", "status", "2026", "--db", db, "--user", "sec", "--json")
    states = {m["ministry"]: m["state"] for m in json.loads(output)["ministries"]}
    assert states == {"文": "提出済", "科技": "提出済"}
    code, output = run("survey", "status", "2026", "--db", db, "--user", "sec")
    assert "期限 2026年6月30日（令和8年）" in output  # both calendars where people read it

    code, output = run("survey", "review", "2026", "文", "--db", db, "--user", "sec", "--json")
    assert code == 0 and [r["key"] for r in json.loads(output)] == ["c2.s1.ss1.i1#st1"]
    assert run("survey", "accept", "2026", "文", "--db", db, "--user", "mext")[0] == 1
    assert (
        run(
            "survey",
            "return",
            "2026",
            "科技",
            "--comment",
            "時点を確認",
            "--db",
            db,
            "--user",
            "sec",
        )[0]
        == 0
    )
    code, output = run("survey", "publish", "2026", "--db", db, "--user", "sec")
    assert code == 1 and "科技（差戻し）" in output and "文（提出済）" in output
    assert run("survey", "import", "2026", files["科技"], "--db", db, "--user", "cstp")[0] == 0
    for ministry in ("文", "科技"):
        assert run("survey", "accept", "2026", ministry, "--db", db, "--user", "sec")[0] == 0
    code, output = run(
        "survey", "publish", "2026", "-o", tmp_path / "out", "--db", db, "--user", "sec", "--json"
    )
    assert code == 0, output
    published = json.loads(output[output.index("{") :])["document_id"]
    text_file = next((tmp_path / "out").glob("*.txt"))
    assert read_bytes(text_file.read_bytes(), text_file.name).id == published
    assert (tmp_path / "out" / (text_file.stem + ".xlsx")).is_file()
    code, output = run("diff", "followup_2024", published, "--db", db, "--json")
    assert code == 0 and "令和6年度は約1万5,800人を支援。" in output
    code, output = run("survey", "revisions", "2026", "--db", db, "--json")
    assert [(r["ministry"], r["number"]) for r in json.loads(output)] == [
        ("文", 1),
        ("文", 2),
        ("科技", 1),
        ("科技", 2),
    ]


def test_a_round_opens_from_the_path_its_report_was_ingested_from(tmp_path: Path) -> None:
    # QA: `survey open 2026 --from samples/followup_2024.txt` found no stored document
    db = tmp_path / "s.sqlite"
    _team(db)
    source = SAMPLES / "followup_2024.txt"
    code, output = run("survey", "open", "2026", "--from", source, "--db", db, "--user", "sec")
    assert code == 0, output
    code, output = run(
        "survey", "open", "2027", "--from", "x/none.txt", "--db", db, "--user", "sec"
    )
    assert code == 1 and "文書ID" in output
