"""Tables a person can read at 80 columns and rows a pipe can cut.

A terminal is simulated with rich's ``TTY_COMPATIBLE=1`` and its width with ``COLUMNS``; without
them CliRunner's stdout is not a terminal, as in ``stiplan warnings | grep …``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from stiplan.cli import app
from stiplan.cli.render import Column, Kind, _fitting, _grouped
from tests.conftest import FIXTURES, SAMPLES

FILES = (
    SAMPLES / "followup_2024.txt",
    SAMPLES / "followup_2025.txt",
    SAMPLES / "briefing_2025.txt",
    SAMPLES / "excerpts" / "followup_2023_excerpt.txt",
    FIXTURES / "followup" / "tags.txt",
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")
BOX = re.compile(r"[\u2500-\u257f]")


def terminal(width: int) -> dict[str, str]:
    return {"COLUMNS": str(width), "TTY_COMPATIBLE": "1", "NO_COLOR": "1", "TERM": "xterm"}


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[str, str]:
    """stdout and what a person sees (stdout and stderr), without style codes."""
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    return ANSI.sub("", result.stdout), ANSI.sub("", result.output)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("layout") / "store.sqlite"
    run(["ingest", *map(str, FILES), "--db", str(db)])
    return db


def test_ingest_at_80_columns_shows_file_names_and_ids_whole(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    stdout, _ = run(["ingest", *map(str, FILES), "--db", str(db)], terminal(80))
    ids, _ = run(["documents", "--db", str(db)])  # piped: one whole id per row
    table = [line for line in stdout.splitlines() if BOX.search(line)]
    assert table and all(cell_len(line) <= 80 for line in table)
    for path in FILES:
        assert re.search(rf"│ {re.escape(path.name)} +│ created", stdout), path.name
    for row in ids.splitlines()[1:]:
        assert row.split("\t")[0] in stdout
    assert "…" not in "\n".join(table)
    assert "省略した列 (hidden)" in stdout  # the counts that did not fit are named


def test_editions_at_80_columns_show_years_files_and_ids_whole(store: Path) -> None:
    stdout, _ = run(["editions", "--db", str(store)], terminal(80))
    piped, _ = run(["editions", "--db", str(store)])
    assert "…" not in stdout and all(cell_len(line) <= 80 for line in stdout.splitlines()[:-1])
    for row in piped.splitlines()[1:]:
        _, _, edition, _, document, file, _ = row.split("\t")
        assert re.search(rf"│ {re.escape(edition)} +│ {document} │ {re.escape(file)} +│", stdout), (
            row
        )


def test_warnings_at_80_columns_show_codes_and_files_whole(store: Path) -> None:
    stdout, _ = run(["warnings", "--db", str(store)], terminal(80))
    piped, _ = run(["warnings", "--db", str(store)])
    rows = [row.split("\t") for row in piped.splitlines()[1:]]
    assert {"ministry_tag_repaired", "unknown_ministry_code"} <= {row[2] for row in rows}
    assert "不明な府省略称" in {row[3] for row in rows}  # each code's label, in Japanese
    for file, line, code, *_ in rows:
        assert re.search(rf"│ {re.escape(file)} +│ +{line} │ {code} +│", stdout), code
    assert all(cell_len(line) <= 80 for line in stdout.splitlines() if BOX.search(line))


@pytest.mark.parametrize("command", ["documents", "warnings", "editions", "initiatives"])
def test_a_terminal_too_narrow_for_the_table_gets_name_value_lines(
    store: Path, command: str
) -> None:
    stdout, _ = run([command, "--db", str(store)], terminal(30))
    assert not BOX.search(stdout)
    assert re.search(r"^(id|file|plan) +: \S", stdout, re.MULTILINE)


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", str(SAMPLES / "followup_2025.txt")],
        ["documents"],
        ["sections"],
        ["initiatives"],
        ["warnings"],
        ["editions"],
        ["programmes"],
        ["timeline"],
        ["targets", "-d", "briefing_2025.txt"],
        ["search", "博士"],
        ["progress"],
        ["progress", "--commitments"],
        ["show", "nope"],
    ],
    ids=lambda args: "-".join(args[:2]).replace("/", "_")[:40],
)
def test_piped_output_is_tab_separated_rows_without_box_drawing(
    store: Path, args: list[str]
) -> None:
    if args[0] == "show":  # an element's view: its source lines under a plain heading
        element = run(["initiatives", "--db", str(store)])[0].splitlines()[1].split("\t")[0]
        args = ["show", element]
    stdout, _ = run([*args, "--db", str(store)])
    assert stdout.strip() and not BOX.search(stdout), stdout[:300]
    if args[0] == "show":
        assert "\nsource:\n" in stdout
        return
    header, *rows = stdout.splitlines()
    assert rows and all(row.count("\t") == header.count("\t") > 0 for row in rows)


def test_piped_ingest_keeps_its_notes_off_stdout(tmp_path: Path) -> None:
    stdout, seen = run(
        ["ingest", str(FIXTURES / "followup" / "tags.txt"), "--db", str(tmp_path / "s")]
    )
    assert "tags.txt: 警告" in seen and "警告" not in stdout
    assert stdout.splitlines()[1].startswith("tags.txt\tcreated\t")


# --- the layout rules themselves ------------------------------------------------------------


def test_empty_optional_columns_go_first_then_by_rank() -> None:
    columns = [
        Column("id", Kind.KEY),
        Column("a", Kind.NUMBER, drop=1),
        Column("b", Kind.NUMBER, drop=2),
        Column("empty", Kind.NUMBER, drop=1),
        Column("text"),
    ]
    texts = [["x" * 20, "1", "2", "0", "some words"]]
    # widths: id 20, a 1, b 1, empty 5 (its name), text 10 (folds); each +3, then +1
    assert _fitting(columns, texts, 53) == [0, 1, 2, 3, 4]
    assert _fitting(columns, texts, 52) == _fitting(columns, texts, 45) == [0, 1, 2, 4]
    assert _fitting(columns, texts, 44) == _fitting(columns, texts, 41) == [0, 1, 4]
    assert _fitting(columns, texts, 40) == _fitting(columns, texts, 37) == [0, 4]
    assert _fitting(columns, texts, 36) is None  # the key column is never cut: name: value


def test_group_columns_are_blank_while_the_group_goes_on() -> None:
    columns = [Column("plan", repeat=False), Column("part", repeat=False), Column("year")]
    rows = [["6", "A", "2023"], ["6", "A", "2024"], ["6", "B", "2024"], ["7", "B", "2025"]]
    assert _grouped(columns, rows) == [
        ["6", "A", "2023"],
        ["", "", "2024"],
        ["", "B", "2024"],
        ["7", "B", "2025"],
    ]
