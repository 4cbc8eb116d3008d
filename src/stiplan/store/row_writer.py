"""``RowWriter``: a document's rows written as they are made (``encode.encode_rows``), a batch
of each table at a time, by either store (SQLite's multi-row ``INSERT``, PostgreSQL's ``COPY``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice

from stiplan.normalize.text import fresh_copy
from stiplan.store.tables import REFERS_TO, ROW_TABLES, Record

Write = Callable[[str, list[Record]], None]
"""Writes rows of one table, in the order given."""

_SHORT_TEXT = 16
"""Texts of at most this many characters are bound as they are (``RowWriter.add``)."""


class RowWriter:
    """Writes a document's rows as they come (``encode.encode_rows``), holding only a batch or
    so of each table.

    A table's rows go out in full batches of its size in ``sizes`` (SQLite: the statements its
    ``insert_rows`` always makes), the rest at ``close``, all through ``write``. A row
    must follow the rows it refers to (``tables.REFERS_TO``): the rows of such a table wait
    while the table they refer to has rows waiting, and go out right after its next batch.
    Rows come in document order, each object before its side values, so every row written has
    its parent written before it; within a table they keep their order.
    """

    def __init__(self, write: Write, sizes: Mapping[str, int]) -> None:
        self._write = write
        self._waiting: dict[str, list[Record]] = {table: [] for table in ROW_TABLES}
        self._sizes = sizes
        self._referred_by: dict[str, list[str]] = defaultdict(list)
        for table, parents in REFERS_TO.items():
            for parent in parents:
                self._referred_by[parent].append(table)

    def add(self, table: str, record: Record) -> None:
        """Take one row; write its table's full batches when they may go.

        Its texts are bound as copies (``fresh_copy``): they are the document's own strings,
        which ``sqlite3`` would leave holding a UTF-8 copy of themselves (psycopg does not, but
        the copy is cheap beside a round trip). Short ones are left
        as they are: their UTF-8 is a few bytes, and many are one string shared by every row
        (a ministry's code).
        """
        for column, value in record.items():
            if type(value) is str and len(value) > _SHORT_TEXT:
                record[column] = fresh_copy(value)
        waiting = self._waiting[table]
        waiting.append(record)
        if len(waiting) >= self._sizes[table] and self._free(table):
            self._write_full(table)
            for child in self._referred_by.get(table, ()):
                if self._free(child):
                    self._write_full(child)

    def close(self) -> None:
        """Write every row still waiting, table by table in the order of ``COLUMNS``."""
        for table in ROW_TABLES:
            if self._waiting[table]:
                self._write(table, self._waiting[table])
            self._waiting[table] = []

    def _free(self, table: str) -> bool:
        """Whether no row that ``table``'s rows may refer to is still waiting."""
        return not any(self._waiting[parent] for parent in REFERS_TO.get(table, ()))

    def _write_full(self, table: str) -> None:
        """Write the full batches waiting in ``table``; keep the rest (less than a batch)."""
        waiting, size = self._waiting[table], self._sizes[table]
        full = len(waiting) - len(waiting) % size
        if full:
            self._write(table, waiting[:full])
            del waiting[:full]


def batches(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Consecutive lists of at most ``size`` records (``itertools.batched`` is Python 3.12)."""
    iterator = iter(records)
    while batch := list(islice(iterator, size)):
        yield batch
