"""``make demo PORT=8001`` serves on the port given and uses its own store, never the user's
default one (issue 14): checked on the commands make would run (``make -n``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _dry_run(*args: str) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "demo", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_make_demo_takes_a_port_and_its_own_store() -> None:
    commands = _dry_run("PORT=8001")
    (demo,) = [line for line in commands.splitlines() if "stiplan demo" in line]
    assert demo.endswith("stiplan demo --db build/demo/demo.sqlite --port 8001")
    assert "rm -f build/demo/demo.sqlite " in commands  # afresh, and only the demo's store


def test_make_demo_defaults_to_port_8000_and_takes_another_store(tmp_path: Path) -> None:
    store = tmp_path / "elsewhere.sqlite"
    commands = _dry_run(f"DEMO_DB={store}")
    assert f"stiplan demo --db {store} --port 8000" in commands
