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
    for path in command_paths():
        result = runner.invoke(app, [*path, "--help"], prog_name="stiplan", env={"TERM": "dumb"})
        parts.append(f"## `stiplan {' '.join(path)}`\n\n```\n{result.output.strip()}\n```\n")
    return "\n".join(parts)


def command_paths() -> list[list[str]]:
    """Every command, including those of sub-groups such as ``report progress``."""
    paths = [[_name(c.name, c.callback)] for c in app.registered_commands]
    for group in app.registered_groups:
        sub = group.typer_instance
        assert sub is not None and group.name is not None
        paths += [[group.name, _name(c.name, c.callback)] for c in sub.registered_commands]
    return paths


def _name(name: str | None, callback: object) -> str:
    return name or getattr(callback, "__name__", "").replace("_", "-")


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
