"""Ingest writes a document's rows as they are made, never all of them at once (issue 18).

The rows of a large report, collected before writing, took more memory than the report; so
did the UTF-8 copies ``sqlite3`` and SudachiPy leave inside strings they are given. These
tests fail if either comes back: by watching the walk and the writes interleave, and by the
memory an ingest takes above the document it stores (tracemalloc, no timing).
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from stiplan.ingest import read_bytes
from stiplan.model import Document
from stiplan.store import Store
from stiplan.store import index as index_module
from stiplan.store.encode import encode_document, encode_rows
from stiplan.store.sqlite import inserts, writes
from stiplan.store.tables import REFERS_TO, ROW_TABLES, Record
from tests.conftest import repeated_report

from .conftest import make_briefing, make_document


@pytest.mark.parametrize("make", [make_document, make_briefing])
def test_the_walk_makes_the_rows_encode_document_collects(make: Callable[[], Document]) -> None:
    document = make()
    rows = encode_document(document, "now")
    walked: dict[str, list[Record]] = {table: [] for table in ROW_TABLES}
    for table, row in encode_rows(document):
        walked[table].append(row)
    assert walked == {table: rows[table] for table in ROW_TABLES}


@pytest.mark.parametrize("table", ROW_TABLES)
def test_a_walk_for_one_table_makes_that_tables_rows_alone(table: str) -> None:
    for document in (make_document(), make_briefing()):
        every = [row for name, row in encode_rows(document) if name == table]
        assert list(encode_rows(document, (table,))) == [(table, row) for row in every]


class Tally:
    """Counts the rows a store's walk makes (``encode_rows`` of ``walker``) and its writer
    writes (``insert_rows`` of ``writer``), both patched: at each write of a document's rows,
    how many were made and not yet written (``held``); each batch of units (``units``)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, walker: object, writer: object) -> None:
        self.made = self.written = 0
        self.held: list[int] = []
        self.units: list[int] = []
        real_walk, real_insert = walker.encode_rows, writer.insert_rows  # type: ignore[attr-defined]

        def walk(document: Document) -> Iterator[tuple[str, Record]]:
            for pair in real_walk(document):
                self.made += 1
                yield pair

        def insert(conn: object, table: str, records: list[Record]) -> None:
            real_insert(conn, table, records)
            if table in ROW_TABLES:
                self.written += len(records)
                self.held.append(self.made - self.written)
            elif table == "search_units":
                self.units.append(len(records))

        monkeypatch.setattr(walker, "encode_rows", walk)
        monkeypatch.setattr(writer, "insert_rows", insert)


def test_rows_are_written_while_the_document_is_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(inserts, "ROWS_PER_INSERT", 3)
    tally = Tally(monkeypatch, writes, inserts)
    document = read_bytes(repeated_report(3), "report.txt")
    with Store.open(tmp_path / "streamed.sqlite") as store:
        store.ingest(document)
    assert tally.written == tally.made > 1000
    assert len(tally.held) > 100  # written all along, not at the end
    assert max(tally.held) < tally.made // 10


def test_units_are_made_from_elements_as_they_come() -> None:
    document = make_document()
    elements = (row for _, row in encode_rows(document, ("elements",)))
    ministries = (row for _, row in encode_rows(document, ("element_ministries",)))
    units = index_module.index_units(elements, ministries)
    next(units)
    assert next(elements, None) is not None  # the rest of the elements not yet asked for


def test_a_row_referring_to_another_is_never_written_before_it() -> None:
    document = make_document()
    order = [table for table, _ in encode_rows(document)]
    first = {table: order.index(table) for table in set(order)}
    for table, parents in REFERS_TO.items():
        if table in first:
            assert all(first[parent] < first[table] for parent in parents)


@pytest.mark.slow
def test_storing_takes_little_memory_beyond_the_document(tmp_path: Path) -> None:
    """Above the document it stores, an ingest held 11 times the file's size (rows, UTF-8
    copies); now about one time at this size (fixed costs) and a third at 10 MB."""
    data = repeated_report(40)  # about 0.75 MB
    document = read_bytes(data, "report.txt")
    with Store.open(tmp_path / "memory.sqlite") as store:
        store.ingest(read_bytes(repeated_report(1), "warm.txt"))  # dictionary, first words
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            store.ingest(document)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak - before < 4 * len(data)


def test_refers_to_names_every_foreign_key_between_a_documents_tables(tmp_path: Path) -> None:
    with Store.open(tmp_path / "schema.sqlite") as store:
        for table in ROW_TABLES:
            keys = store._conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            parents = {str(key[2]) for key in keys} - {"documents", table}
            assert parents == set(REFERS_TO.get(table, ())), table


@pytest.mark.parametrize("make", [make_document, make_briefing])
def test_the_units_of_one_walk_are_those_of_the_collected_rows(
    make: Callable[[], Document],
) -> None:
    """``document_units`` learns each element's own tags in the walk that gives the elements
    (its ministries follow its row); the units are those made from all rows collected, as a
    rebuild makes them from the tables."""
    document = make()
    rows = encode_document(document, "now")
    collected = [
        *index_module.index_units(rows["elements"], rows["element_ministries"]),
        *index_module.slide_units(rows["slides"], rows["slide_blocks"]),
    ]
    assert collected and list(index_module.document_units(document)) == collected
    own = [u for u in collected if u["element_id"] and u["tags_from"] == u["element_id"]]
    assert bool(own) == bool(document.chapters)  # a report's own tags are seen


def test_postgres_writes_rows_and_units_while_the_document_is_walked(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on SQLite: rows go out a batch at a time while the walk goes on, and the units are
    tokenised into the scratch table and read back a batch at a time, never all held."""
    from stiplan.store.postgres import scratch as pg_scratch
    from stiplan.store.postgres import writes as pg_writes
    from stiplan.store.postgres.store import PostgresStore

    monkeypatch.setattr(pg_writes, "ROWS_PER_COPY", 7)
    monkeypatch.setattr(pg_scratch, "UNITS_PER_FETCH", 5)
    tally = Tally(monkeypatch, pg_writes, pg_writes)
    document = read_bytes(repeated_report(2), "report.txt")
    with PostgresStore.open(postgres_url) as store:
        store.ingest(document)
        stored = store.index_status().units
    assert tally.written == tally.made > 500
    assert len(tally.held) > 50 and max(tally.held) < tally.made // 10
    assert sum(tally.units) == stored > 100 and max(tally.units) <= 7
