"""A store (SQLite and PostgreSQL) with last year's sample edition, the people of a survey
round, and helpers that fill a workbook as a ministry officer would (openpyxl)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from stiplan import queries
from stiplan.queries import Actor, StoreInterface
from stiplan.store import Store
from tests.conftest import SAMPLES
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)

PASSWORD = "a long enough password"
OPERATOR = Actor("operator")
LAST_YEAR = SAMPLES / "followup_2024.txt"


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreInterface]:
    """An empty store on either backend."""
    if request.param == "postgres":
        from stiplan.store.postgres.store import PostgresStore

        with PostgresStore.open(request.getfixturevalue("postgres_url")) as pg:
            yield pg
        return
    with Store.open(tmp_path / "stiplan.sqlite") as opened:
        yield opened


@pytest.fixture
def people(store: StoreInterface) -> StoreInterface:
    """root (admin), sec (secretariat), mext (文), cstp (科技), meti (経) and last year's
    edition."""
    queries.add_user(store, OPERATOR, "root", "admin", [], PASSWORD)
    root = queries.actor_of(store, "root")
    queries.add_user(store, root, "sec", "secretariat", [], PASSWORD)
    queries.add_user(store, root, "mext", "ministry", ["文"], PASSWORD)
    queries.add_user(store, root, "cstp", "ministry", ["科技"], PASSWORD)
    queries.add_user(store, root, "meti", "ministry", ["経"], PASSWORD)
    queries.ingest_paths(store, [LAST_YEAR])
    return store


def actor(store: StoreInterface, name: str) -> Actor:
    return queries.actor_of(store, name)


def last_year_id(store: StoreInterface) -> str:
    return store.documents()[0].id


@pytest.fixture
def round_id(people: StoreInterface) -> str:
    status = queries.open_round(
        people, actor(people, "sec"), "2026", last_year_id(people), "令和8年6月30日"
    )
    return status.round.id


def workbook_of(store: StoreInterface, round_: str, ministry: str) -> Workbook:
    found = queries.workbook_for(store, actor(store, "sec"), round_, ministry)
    return load_workbook(io.BytesIO(found.data))


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row_of(book: Workbook, sheet: str, key: str) -> int:
    """The row whose id cell (column A) is ``key``."""
    for index in range(2, book[sheet].max_row + 1):
        if book[sheet].cell(index, 1).value == key:
            return index
    raise KeyError(key)
