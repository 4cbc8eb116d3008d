"""``stiplan serve`` and ``stiplan demo``: the server is built read-only over the right store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from stiplan import queries
from stiplan.cli import app
from stiplan.store import Store
from stiplan.web import create_app
from tests.unit.store.conftest import snapshot

from .conftest import Client

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


def test_the_demo_reads_the_sample_pdf_and_shows_its_pages(
    tmp_path: Path, served: list[Any]
) -> None:
    """Each sample once: the 2025 edition as its PDF, whose pages the dashboard shows."""
    names = [p.name for p in queries.sample_paths()]
    assert "followup_2025.pdf" in names and "followup_2025.txt" not in names
    assert len({n.rsplit(".", 1)[0] for n in names}) == len(names)
    db = tmp_path / "demo.sqlite"
    result = runner.invoke(app, ["demo", "--db", str(db), "--no-serve"])
    assert result.exit_code == 0, result.output
    with Store.open(db, read_only=True) as store:
        pdf = [d for d in store.documents() if d.source_name == "followup_2025.pdf"]
        assert len(pdf) == 1 and store.document_file(pdf[0].id) is not None
        initiative = store.elements("initiative", pdf[0].id)[0]
    web = create_app(db, cache_dir=tmp_path / "cache")
    try:
        client = Client(web)
        page = client.get(f"/elements/{initiative.id}/source").text
        assert f"/documents/{pdf[0].id}/pages/{initiative.span.page}.png" in page
        image = client.get(f"/documents/{pdf[0].id}/pages/{initiative.span.page}.png")
        assert image.status_code == 200 and image.content.startswith(b"\x89PNG")
    finally:
        web.state.pool.close()


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
