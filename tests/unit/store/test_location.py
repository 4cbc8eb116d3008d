"""Store locations: a URL is never taken for a file path (issue 16: ``--db postgresql://…``
used to create a folder ``postgresql:``); paths still name SQLite files."""

from __future__ import annotations

from pathlib import Path

import pytest

from stiplan.settings import DB_ENV, checked_db_path, resolve_db_path
from stiplan.store import StoreError
from stiplan.store.location import open_store, sqlite_path, url_scheme


@pytest.mark.parametrize(
    ("location", "scheme"),
    [
        ("postgresql://u@h/db", "postgresql"),
        ("postgres:/h/db", "postgres"),  # as pathlib folds it
        ("MySQL://h/db", "mysql"),
        ("http://example.invalid/x", "http"),
        ("C:/data/stiplan.sqlite", None),
        ("relative/stiplan.sqlite", None),
        ("/abs/stiplan.sqlite", None),
    ],
)
def test_url_scheme_tells_urls_from_paths(location: str, scheme: str | None) -> None:
    assert url_scheme(location) == scheme


def test_paths_pass_through(tmp_path: Path) -> None:
    assert sqlite_path(tmp_path / "s.sqlite") == tmp_path / "s.sqlite"


@pytest.mark.parametrize("location", ["postgresql://u:secret@h/db", "mysql://u:secret@h/db"])
def test_urls_are_refused_without_showing_the_password(location: str) -> None:
    with pytest.raises(StoreError) as caught:
        sqlite_path(Path(location))
    assert "secret" not in str(caught.value)


def test_resolution_refuses_urls_from_option_and_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="PostgreSQL"):
        resolve_db_path(Path("postgresql://h/db"))
    monkeypatch.setenv(DB_ENV, "http://h/db")
    with pytest.raises(StoreError, match="http"):
        resolve_db_path(None)
    with pytest.raises(StoreError):
        checked_db_path("postgres://h/db")
    assert list(tmp_path.iterdir()) == []


def test_open_store_opens_a_path_and_refuses_a_url(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.sqlite") as store:
        assert store.documents() == []
    with pytest.raises(StoreError, match="mysql"):
        open_store("mysql://h/db")


def test_open_store_opens_a_postgresql_url(postgres_url: str) -> None:
    from stiplan.store.postgres.store import PostgresStore

    with open_store(postgres_url) as store:
        assert isinstance(store, PostgresStore)
        assert store.documents() == []


def test_a_postgresql_url_folded_by_path_is_refused_not_guessed() -> None:
    with pytest.raises(StoreError, match="URL"):
        open_store(Path("postgresql://u:secret@h/db"))


def test_an_unreachable_server_is_said_at_once_without_the_password() -> None:
    with pytest.raises(StoreError, match="cannot connect") as caught:
        open_store("postgresql://u:secret@/nowhere?host=/nonexistent-socket-folder")
    assert "secret" not in str(caught.value)
