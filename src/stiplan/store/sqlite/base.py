"""The connection every part of the SQLite store shares, and the helpers they all use."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from stiplan.store.connection import WRITE_ATTEMPTS, transaction
from stiplan.store.errors import StoreError
from stiplan.store.reading import Fetching
from stiplan.store.shared.accounts import Statement
from stiplan.store.tables import Record


def records(cursor: sqlite3.Cursor) -> list[Record]:
    """Cursor rows as dicts by column name, the shape the decoder reads."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


class Connected(Fetching):
    """One open, migrated SQLite connection and the name of its file (for messages).

    The concerns of ``Store`` (writes, reads, search index, mentions, files) are mixins over
    this class, so they share the connection without passing it around.
    """

    def __init__(self, conn: sqlite3.Connection, where: str) -> None:
        """Wrap an open, migrated connection; use ``open`` or ``memory`` instead."""
        self._conn = conn
        self.where = where

    def close(self) -> None:
        """Close the connection; the store cannot be used afterwards."""
        self._conn.close()

    def _fetch(self, query: str, params: Iterable[object] = ()) -> list[Record]:
        """Run a read; a database failure (locked, corrupt) becomes a StoreError."""
        try:
            return records(self._conn.execute(query, tuple(params)))
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: read failed: {exc}") from exc

    def _refresh_statistics(self) -> None:
        """Let SQLite's planner know the table sizes (``ANALYZE``, sampled to stay fast).

        Without statistics the planner counts child elements through the (type, document)
        index instead of the (document, parent) one, and the initiative filters turn quadratic:
        on the real report a ministry filter took 0.15 s instead of 0.007 s. The document is
        already committed; statistics are only a hint, so a failure here is not an ingest
        failure (the next ingest refreshes them).
        """
        try:
            self._conn.execute("PRAGMA analysis_limit = 1000")
            self._conn.execute("ANALYZE")
        except sqlite3.Error:
            pass

    def _write(self, statements: Sequence[Statement], what: str) -> None:
        """Run ``statements`` in one ``BEGIN IMMEDIATE`` transaction, retried a bounded number
        of times while another writer holds the lock (``connection.transaction``)."""
        try:
            with transaction(self._conn, "BEGIN IMMEDIATE", attempts=WRITE_ATTEMPTS):
                for query, params in statements:
                    self._conn.execute(query, params)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.where}: could not {what}: {exc}") from exc
