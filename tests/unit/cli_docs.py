"""Build ``docs/cli.md`` from the commands' own ``--help`` (``make docs``); a test checks it."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from stiplan.cli import app

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def render() -> str:
    runner = CliRunner()
    parts = [
        "# Command line reference\n",
        "Generated from `stiplan COMMAND --help` by `make docs`; a test fails when it is stale.\n",
    ]
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        result = runner.invoke(app, [name, "--help"], prog_name="stiplan", env={"TERM": "dumb"})
        parts.append(f"## `stiplan {name}`\n\n```\n{result.output.strip()}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
