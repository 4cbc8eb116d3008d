"""The list of stored documents, kept by a SQLite connection until the database changes.

Nearly every page asks for every stored document several times (to find the latest edition,
to key what the memo keeps, to fill a form's choices): at 200 documents that was 1 ms a call
and a third of a list page. The list changes only when a document is stored or deleted, and
SQLite says when that may have happened: ``PRAGMA data_version`` changes when another
connection commits, ``total_changes`` when this one writes. Keyed on both, the kept list is
never stale, and reading the key costs microseconds.
"""

from __future__ import annotations

from stiplan.store.rows import DocumentRow
from stiplan.store.shared.reads import Reads
from stiplan.store.sqlite.base import Connected


class KeptDocuments(Connected, Reads):
    """``documents()`` answered from the last read while the database is unchanged."""

    _kept: tuple[tuple[int, int], list[DocumentRow]] | None = None

    def documents(self) -> list[DocumentRow]:
        """Every stored document, oldest edition first (a copy of the kept list)."""
        key = (self._data_version(), self._conn.total_changes)
        if self._kept is None or self._kept[0] != key:
            self._kept = (key, super().documents())
        return list(self._kept[1])

    def _data_version(self) -> int:
        """SQLite's count of commits by other connections (it changes, not what it is)."""
        (row,) = self._fetch("PRAGMA data_version")
        return int(row["data_version"])
