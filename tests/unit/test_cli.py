"""The CLI end to end, in-process, against a real SQLite store in a temporary directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from stiplan.cli import app
from tests.conftest import FIXTURES, SAMPLES

runner = CliRunner()
BASIC = FIXTURES / "followup" / "basic.txt"
TAGS = FIXTURES / "followup" / "tags.txt"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


def run(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def test_ingest_reports_counts_and_is_idempotent(db: Path) -> None:
    code, output = run("ingest", BASIC, "--db", db, "--json")
    assert code == 0
    (first,) = json.loads(output)
    assert first["status"] == "created"
    assert first["counts"]["initiatives"] == 2 and first["counts"]["actions"] == 3
    code, output = run("ingest", BASIC, "--db", db, "--json")
    assert json.loads(output)[0]["status"] == "unchanged"


def test_rejected_file_exits_non_zero_and_leaves_store_unchanged(db: Path, tmp_path: Path) -> None:
    run("ingest", BASIC, "--db", db)
    before = run("export", "--db", db)[1]
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02garbage\x00")
    code, output = run("ingest", binary, "--db", db)
    assert code == 1
    assert "binary.txt" in output and "line 1" in output
    assert run("export", "--db", db)[1] == before


def test_db_comes_from_environment(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STIPLAN_DB", str(db))
    assert run("ingest", BASIC)[0] == 0
    assert db.is_file()


def test_initiatives_filters_by_ministry_and_lead(db: Path) -> None:
    run("ingest", BASIC, TAGS, "--db", db)
    code, output = run("initiatives", "--db", db, "--ministry", "文", "--lead-only", "--json")
    assert code == 0
    rows = json.loads(output)
    # 文 leads the first initiative itself, and one action of the second (where it supports)
    assert [r["commitment"][:6] for r in rows] == ["大学の設備共", "海外の研究機"]
    assert [r["match"]["on_initiative"] for r in rows] == [True, True]
    assert [len(r["match"]["action_ids"]) for r in rows] == [1, 2]
    _, output = run("initiatives", "--db", db, "--section", "5.(3)", "--json")
    assert len(json.loads(output)) == 3
    # the official name filters as the code does
    code, by_name = run(
        "initiatives", "--db", db, "--ministry", "文部科学省", "--lead-only", "--json"
    )
    assert code == 0 and json.loads(by_name) == rows


def test_lead_only_without_ministry_is_a_clear_error(db: Path) -> None:
    run("ingest", BASIC, "--db", db)
    code, output = run("initiatives", "--db", db, "--lead-only")
    assert code == 1
    assert "--ministry" in output


def test_show_prints_source_lines(db: Path) -> None:
    run("ingest", BASIC, "--db", db)
    _, output = run("initiatives", "--db", db, "--json")
    first = json.loads(output)[0]["id"]
    code, output = run("show", first, "--db", db)
    assert code == 0
    assert "大学の設備共用を進めるため" in output
    assert "【<u>文</u>、経】" in output  # the raw source line, escaped, not interpreted
    code, output = run("show", "nope", "--db", db)
    assert code == 1 and "nope" in output


def test_warnings_lists_file_line_and_code(db: Path) -> None:
    run("ingest", TAGS, "--db", db)
    code, output = run("warnings", "--db", db, "--json")
    rows = json.loads(output)
    assert code == 0
    assert {(r["source_name"], r["line"], r["code"]) for r in rows} >= {
        ("tags.txt", 12, "ministry_tag_repaired"),
        ("tags.txt", 13, "unknown_ministry_code"),
    }
    assert {r["label"] for r in rows} >= {"府省タグを修復", "不明な府省略称"}
    english = json.loads(run("warnings", "--db", db, "--json", "--lang", "en")[1])
    assert {r["label"] for r in english} >= {"Ministry tag repaired", "Unknown ministry code"}


def test_export_json_and_excel_csv(db: Path, tmp_path: Path) -> None:
    run("ingest", BASIC, "--db", db)
    code, output = run("export", "--db", db, "--format", "json")
    assert code == 0
    exported = json.loads(output)["documents"][0]
    assert exported["chapters"][0]["sections"][0]["subsections"][0]["initiatives"][0]["ministries"][
        0
    ] == {
        "code": "文",
        "lead": True,
        "raw": "文",
    }
    target = tmp_path / "out.csv"
    code, _ = run("export", "--db", db, "--format", "csv", "--excel", "--output", target)
    data = target.read_bytes()
    assert data.startswith("\ufeff".encode())
    assert "initiative" in data.decode("utf-8-sig")
    assert run("export", "--db", db, "--format", "xml")[0] == 1


def test_every_command_has_help() -> None:
    from tests.unit.cli_docs import command_paths

    for path in command_paths():
        code, output = run(*path, "--help")
        assert code == 0, path
        assert len(output.split("Options:")[0].strip().splitlines()) >= 3, path  # usage + text


def test_progress_table_json_and_report(db: Path, tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[2] / "samples" / "followup_2025.txt"
    run("ingest", sample, "--db", db)
    code, output = run("progress", "--db", db, "--format", "json", "--section", "2.(3)")
    rows = json.loads(output)
    assert code == 0 and [r["status"] for r in rows] == ["needs_acceleration", "overdue"]
    assert rows[0]["baseline"]["value"] == "68000000000"
    code, output = run("progress", "--db", db, "--format", "csv", "--commitments")
    assert code == 0 and output.startswith("取組ID,期限")
    code, output = run("progress", "--db", db, "--format", "csv", "--commitments", "--lang", "en")
    assert code == 0 and output.startswith("initiative_id,deadline")
    report = tmp_path / "p.html"
    code, _ = run("report", "progress", "--db", db, "--format", "html", "--output", report)
    page = report.read_text(encoding="utf-8")
    assert code == 0 and "加速が必要" in page and "<script" not in page
    assert "680億円" in page and "実際の年率" in page and "<h1>主要指標の進捗</h1>" in page
    code, _ = run("report", "progress", "--db", db, "-f", "html", "-o", report, "--lang", "en")
    page = report.read_text(encoding="utf-8")
    assert code == 0 and "Needs acceleration" in page and "actual " in page
    assert "加速が必要" not in page and '<html lang="en">' in page


def test_progress_table_gives_the_reason_in_japanese_or_english(db: Path) -> None:
    run("ingest", SAMPLES / "followup_2025.txt", "--db", db)
    code, output = run("progress", "--db", db, "--section", "2.(3)")
    assert code == 0 and "加速が必要" in output and "実際の年率" in output and "1,110億円" in output
    code, output = run("progress", "--db", db, "--section", "2.(3)", "--lang", "en")
    assert code == 0 and "Needs acceleration" in output and "actual " in output
    with pytest.MonkeyPatch.context() as env:
        env.setenv("STIPLAN_LANG", "en")
        assert "Needs acceleration" in run("progress", "--db", db, "--section", "2.(3)")[1]
    assert run("progress", "--db", db, "--lang", "fr")[0] == 2


def test_cli_reference_is_generated_from_help() -> None:
    from tests.unit.cli_docs import DOC, render

    assert DOC.read_text(encoding="utf-8") == render(), "docs/cli.md is stale: run make docs"


# --- briefings ---------------------------------------------------------------------------------

BRIEFING = SAMPLES / "briefing_2025.txt"
REPORT = SAMPLES / "followup_2025.txt"


def test_a_briefing_is_ingested_with_its_slides_and_mentions(db: Path) -> None:
    code, output = run("ingest", BRIEFING, "--db", db, "--json")
    assert code == 0
    (outcome,) = json.loads(output)
    assert outcome["status"] == "created"
    assert outcome["counts"]["slides"] == 6 and outcome["counts"]["decisions"] == 5


def test_programmes_json_lists_links_to_follow_up_initiatives(db: Path) -> None:
    run("ingest", BRIEFING, REPORT, "--db", db)
    code, output = run("programmes", "--db", db, "--linked", "--json")
    assert code == 0
    rows = {r["name"]: r for r in json.loads(output)}
    emergent = rows["創発的研究支援事業"]
    assert emergent["briefings"] == ["briefing_2025.txt"]
    assert emergent["section_labels"] == ["2.(1)"]
    assert emergent["links"][0]["element_type"] in {"initiative", "status_item", "action"}
    code, output = run("programmes", "--db", db, "--json")
    assert code == 0 and "経済安全保障重要技術育成プログラム" in {
        r["name"] for r in json.loads(output)
    }
    assert run("programmes", "--db", db)[0] == 0


def test_timeline_json_is_sorted_and_filters_by_day(db: Path) -> None:
    run("ingest", BRIEFING, REPORT, "--db", db)
    code, output = run("timeline", "--db", db, "--json", "--since", "2025-06-01")
    assert code == 0
    rows = json.loads(output)
    assert [(r["date"]["start"], r["action"], r["body"]) for r in rows] == [
        ("2025-04-01", "選定", ""),  # 令和7年度: a fiscal year overlapping the stretch
        ("2025-06-06", "閣議決定", "閣議"),
    ]
    assert run("timeline", "--db", db, "--since", "June")[0] == 1


def test_targets_need_a_document_and_read_either_kind(db: Path) -> None:
    run("ingest", BRIEFING, REPORT, "--db", db)
    assert run("targets", "--db", db)[0] == 2  # usage error: --document is required
    code, output = run("targets", "--db", db, "--document", "briefing", "--json")
    assert code == 0
    first = json.loads(output)[0]
    assert (first["subject"], first["quantity"]["value"], first["period"]["text"]) == (
        "博士号取得者",
        "20000",
        "2030年",
    )
    code, output = run("targets", "--db", db, "-d", "followup_2025.txt")
    assert code == 0 and "targets (7)" in output
    assert run("targets", "--db", db, "-d", "nothing-like-this")[0] == 1


def test_export_includes_briefings_in_json_and_csv(db: Path, tmp_path: Path) -> None:
    run("ingest", BRIEFING, "--db", db)
    code, output = run("export", "--db", db)
    assert code == 0
    (doc,) = json.loads(output)["documents"]
    assert doc["kind"] == "slides" and len(doc["slides"]) == 6 and "chapters" not in doc
    assert doc["extractions"]["decisions"][0]["date"]["start"] == "2025-06-06"
    target = tmp_path / "briefing.csv"
    run("export", "--db", db, "--format", "csv", "--output", target)
    text = target.read_text(encoding="utf-8")
    assert ",slide," in text and ",bullet," in text and ",numeric_target," in text
    assert text.splitlines()[0].endswith(",抽出元の要素")
    run("export", "--db", db, "--format", "csv", "--lang", "en", "--output", target)
    assert target.read_text(encoding="utf-8").splitlines()[0].endswith(",found_in")


def test_editions_lists_report_parts_oldest_first(db: Path) -> None:
    run("ingest", SAMPLES / "followup_2025.txt", SAMPLES / "followup_2024.txt", BASIC, "--db", db)
    code, output = run("editions", "--db", db, "--json")
    assert code == 0
    parts = json.loads(output)
    assert [p["chapters"] for p in parts] == [[2], [3]]
    assert [e["source_name"] for e in parts[0]["editions"]] == [
        "followup_2024.txt",
        "followup_2025.txt",
    ]
    code, output = run("editions", "--db", db)
    assert code == 0 and "2024-04-01" in output


def test_diff_writes_markdown_html_or_json(db: Path, tmp_path: Path) -> None:
    run("ingest", SAMPLES / "followup_2024.txt", SAMPLES / "followup_2025.txt", "--db", db)
    code, output = run("diff", "followup_2024.txt", "followup_2025.txt", "--db", db)
    assert code == 0 and "~~産業会~~**産業界**" in output
    code, output = run("diff", "followup_2024.txt", "followup_2025.txt", "-f", "json", "--db", db)
    assert code == 0 and json.loads(output)["summary"]["initiative_added"] == 1
    report = tmp_path / "diff.html"
    code, _ = run(
        "diff", "followup_2024.txt", "followup_2025.txt", "-f", "html", "-o", report, "--db", db
    )
    assert code == 0 and "<ins>産業界</ins>" in report.read_text(encoding="utf-8")


def test_diff_refuses_unknown_format_and_unknown_documents(db: Path) -> None:
    run("ingest", BASIC, "--db", db)
    code, output = run("diff", "basic.txt", "basic.txt", "--format", "xml", "--db", db)
    assert code == 1 and "unknown format" in output
    code, output = run("diff", "basic.txt", "nothing.txt", "--db", db)
    text = " ".join(output.split())
    assert code == 1 and "no stored document matches 'nothing.txt'" in text
    assert "文書ID" in text and "the name of the file ingested" in text


def test_diff_takes_the_paths_the_documents_were_ingested_from(db: Path) -> None:
    # QA: `stiplan diff samples/followup_2024.txt samples/followup_2025.txt` found nothing
    old, new = SAMPLES / "followup_2024.txt", SAMPLES / "followup_2025.txt"
    run("ingest", old, new, "--db", db)
    code, output = run("diff", old, new, "-f", "json", "--db", db)
    assert code == 0, output
    assert json.loads(output)["summary"]["initiative_added"] == 1
    code, output = run("diff", "samples/followup_2024.txt", "followup_2025.txt", "--db", db)
    assert code == 0, output


def test_diff_warns_when_documents_are_not_editions_of_one_part(db: Path) -> None:
    run("ingest", BASIC, SAMPLES / "followup_2024.txt", "--db", db)
    code, output = run("diff", "basic.txt", "followup_2024.txt", "--db", db)
    assert code == 0 and "同じ報告書の版ではありません" in output
    code, output = run("diff", "basic.txt", "followup_2024.txt", "--db", db, "--lang", "en")
    assert code == 0 and "not editions of the same report" in output


def test_diff_reports_in_japanese_or_english(db: Path) -> None:
    run("ingest", SAMPLES / "followup_2024.txt", SAMPLES / "followup_2025.txt", "--db", db)
    args = ("diff", "followup_2024.txt", "followup_2025.txt", "--db", db)
    code, output = run(*args)
    assert code == 0 and output.startswith("# 2024年版 から 2025年版 への変更点")
    assert "— 指標「研究者の職務時間に占める研究時間の割合」 観測値1 | 値の変更 |" in output
    code, output = run(*args, "--lang", "en", "--format", "html")
    assert code == 0 and '<html lang="en">' in output and "value changed" in output
    code, output = run(*args, "--lang", "fr")
    assert code == 1 and "unknown language 'fr'" in output


def test_progress_series_spans_editions(db: Path) -> None:
    samples = Path(__file__).resolve().parents[2] / "samples"
    run("ingest", samples / "followup_2024.txt", samples / "followup_2025.txt", "--db", db)
    _, output = run("progress", "--db", db, "--document", "followup_2025", "--format", "json")
    (measured,) = [r for r in json.loads(output) if r["series"]]
    assert [p["period"]["text"] for p in measured["series"]] == [
        "2018年度",
        "令和4年度",
        "令和5年度",
    ]
    assert measured["series"][1]["source_id"].split(":")[0] != measured["target_id"].split(":")[0]


def test_an_excerpt_edition_is_listed_under_its_part_and_diffed_by_section(db: Path) -> None:
    excerpt = SAMPLES / "excerpts" / "followup_2023_excerpt.txt"
    run("ingest", excerpt, SAMPLES / "followup_2024.txt", "--db", db)
    code, output = run("editions", "--db", db, "--json")
    assert code == 0
    (part,) = json.loads(output)
    assert part["chapters"] == [2]
    assert [(e["edition"], e["sections"]) for e in part["editions"]] == [
        ("2023", ["(2)", "(4)"]),
        ("2024", ["2.(1)", "2.(2)", "2.(3)"]),
    ]
    code, output = run(
        "diff", "followup_2023_excerpt.txt", "followup_2024.txt", "-f", "json", "--db", db
    )
    assert code == 0
    report = json.loads(output)
    assert report["same_part"] is True
    assert report["summary"]["section_added"] == 1
    assert report["summary"]["observation_changed"] == 8
    assert "chapter_retitled" not in report["summary"]


def test_ingest_says_per_file_how_many_warnings_of_each_kind(db: Path, tmp_path: Path) -> None:
    report = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_text(report[: report.index("研究時間の確保に向け") + 5], encoding="utf-8")
    code, output = run("ingest", cut, "--db", db)
    assert code == 0
    assert "cut.txt: 警告" in output and "ファイルが途中で終わっている 1" in output
    code, output = run("ingest", cut, "--db", db, "--json")
    (outcome,) = json.loads(output)
    assert ["file_ends_mid_element", 1] in outcome["warning_kinds"]


# --- --json everywhere ----------------------------------------------------------------------

NOT_LISTING = {("serve",), ("demo",), ("version",), ("backup",), ("restore",)}
"""Commands that run something rather than list or report: the only ones without --json."""


def test_every_command_that_lists_or_reports_documents_json_in_its_help() -> None:
    from tests.unit.cli_docs import command_paths

    for path in command_paths():
        if tuple(path) not in NOT_LISTING:
            assert "--json" in run(*path, "--help")[1], path


def test_progress_json_is_the_json_format(db: Path) -> None:
    run("ingest", REPORT, "--db", db)
    for extra in ((), ("--commitments",)):
        code, output = run("progress", "--db", db, "--json", *extra)
        assert code == 0 and json.loads(output)
        assert output == run("progress", "--db", db, "--format", "json", *extra)[1]
    code, output = run("progress", "--db", db, "--json", "--commitments")
    assert "deadline" in json.loads(output)[0]


def test_diff_json_is_the_json_format(db: Path) -> None:
    run("ingest", SAMPLES / "followup_2024.txt", REPORT, "--db", db)
    args = ("diff", "followup_2024.txt", "followup_2025.txt", "--db", db)
    code, output = run(*args, "--json")
    assert code == 0 and json.loads(output)["summary"]["initiative_added"] == 1
    assert output == run(*args, "--format", "json")[1]


def test_export_and_report_take_json(db: Path) -> None:
    run("ingest", REPORT, "--db", db)
    code, output = run("export", "--db", db, "--format", "csv", "--json")
    assert code == 0 and json.loads(output)["documents"][0]["kind"] == "followup"
    code, output = run("report", "progress", "--db", db, "--json")
    report = json.loads(output)
    assert code == 0 and set(report) == {"assessments", "commitments"}
    assert report["assessments"] == json.loads(run("progress", "--db", db, "--json")[1])


@pytest.mark.parametrize("url", ["postgresql://h/db", "mysql://h/db"])
def test_db_url_is_refused_not_made_a_folder(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("documents", "--db", url)
    assert code != 0 and url.split(":")[0] in output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["documents"],
        ["search", "研究"],
        ["sections"],
        ["initiatives"],
        ["export"],
        ["warnings"],
        ["show", "x"],
        ["progress"],
        ["editions"],
        ["diff", "a", "b"],
        ["programmes"],
        ["timeline"],
        ["audit"],
        ["users", "list"],
        ["users", "disable", "bob"],
        ["survey", "list"],
        ["survey", "open", "2026", "--from", "x"],
    ],
    ids=lambda args: " ".join(args),
)
def test_a_command_that_needs_a_store_refuses_a_missing_one(
    args: list[str], tmp_path: Path
) -> None:
    # QA: `stiplan documents --db /nonexistent/dir/x.sqlite` exited 0 and created the store
    missing = tmp_path / "typo" / "dir" / "x.sqlite"
    code, output = run(*args, "--db", missing)
    assert code == 1, output
    text = " ".join(output.split())
    assert "ストアがありません" in text and "no stiplan store here" in text
    assert str(missing) in output.replace("\n", "")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [["ingest", BASIC], ["db", "upgrade"]],
    ids=["ingest", "db upgrade"],
)
def test_a_command_that_starts_a_store_creates_it(args: list[str], tmp_path: Path) -> None:
    new = tmp_path / "new" / "x.sqlite"
    code, output = run(*args, "--db", new)
    assert code == 0, output
    assert new.is_file()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--format", "csv"],
        ["export", "--format", "json"],
        ["report", "progress"],
        ["diff", "followup_2024.txt", "followup_2025.txt"],
    ],
    ids=["export csv", "export json", "report progress", "diff"],
)
@pytest.mark.parametrize("where", ["missing folder", "a folder"])
def test_an_output_that_cannot_be_written_is_one_line_naming_it(
    args: list[str], where: str, db: Path, tmp_path: Path
) -> None:
    # QA: --output into a missing folder, or onto a folder, ended in a traceback
    run("ingest", SAMPLES / "followup_2024.txt", SAMPLES / "followup_2025.txt", "--db", db)
    output = tmp_path / "nowhere" / "out.txt" if where == "missing folder" else tmp_path
    result = runner.invoke(app, [*args, "--db", str(db), "--output", str(output)])
    assert result.exit_code == 1
    assert not isinstance(result.exception, OSError) and "Traceback" not in result.output
    text = " ".join(result.output.split())
    assert text.startswith(f"error: {output}: ") and "cannot write" in text, text
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("command", ["initiatives", "progress"])
def test_a_section_that_is_not_there_is_an_error_naming_the_sections(
    db: Path, command: str
) -> None:
    run("ingest", SAMPLES / "followup_2025.txt", "--db", db)
    code, out = run(command, "--section", "9.(9)", "--db", db)
    assert code == 1
    assert "9.(9)" in out and "2.(1)" in out
    code, _ = run(command, "--section", "2.(1)", "--db", db)
    assert code == 0
