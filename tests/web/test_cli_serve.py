"""``stiplan serve`` and ``stiplan demo``: the server is built read-only over the right store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from stiplan.cli import app
from tests.unit.store.conftest import snapshot

runner = CliRunner()


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what would be served instead of blocking on a real server."""
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def test_demo_without_serving_ingests_the_samples(tmp_path: Path, served: list[Any]) -> None:
    db = tmp_path / "demo.sqlite"
    result = runner.invoke(app, ["demo", "--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    assert "demo store" in result.output and db.is_file()
    assert served == []


def test_demo_then_serves_the_demo_store(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    db = tmp_path / "demo.sqlite"
    result = runner.invoke(app, ["demo", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    assert call["app"].state.pool.path == db and call["app"].state.pool.read_only
    assert "read-only at http://127.0.0.1:8123/" in result.output
    call["app"].state.pool.close()


def test_serve_opens_the_store_read_only(tmp_path: Path, served: list[dict[str, Any]]) -> None:
    db = tmp_path / "s.sqlite"
    runner.invoke(app, ["demo", "--db", str(db), "--no-serve"])
    before = snapshot(db)
    result = runner.invoke(app, ["serve", "--db", str(db), "--host", "127.0.0.2", "--port", "9000"])
    assert result.exit_code == 0, result.output
    (call,) = served
    assert (call["host"], call["port"]) == ("127.0.0.2", 9000)
    call["app"].state.pool.close()
    assert snapshot(db) == before


def test_serve_refuses_a_missing_store(tmp_path: Path, served: list[Any]) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1
    assert "no stiplan store here" in " ".join(result.output.split())
    assert served == [] and not (tmp_path / "none.sqlite").exists()
