"""The one thing the shared reads need of a backend: run a read and get dict rows back.

``Fetching`` is the base of every mixin in ``stiplan.store.shared`` (reads, mentions, files,
search). SQLite's ``Connected`` and PostgreSQL's ``PoolConnected`` implement ``_fetch`` and
``close``; the SQL they are given always uses ``?`` placeholders (``stiplan.store.sql``), which
the PostgreSQL backend translates (``stiplan.store.postgres.connection.dialect_sql``).
"""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType
from typing import Self

from stiplan.store import sql
from stiplan.store.errors import NotFound
from stiplan.store.tables import Record


class Fetching:
    """A store that can run reads; the life cycle methods every store has."""

    where: str
    """What the store is, for messages (a file name, ``:memory:``, a URL without password)."""

    def _fetch(self, query: str, params: Iterable[object] = ()) -> list[Record]:
        """Run a read (``?`` placeholders); failures become ``StoreError``."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the connection(s); the store cannot be used afterwards."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _require_document(self, document_id: str) -> None:
        if not self._fetch(*sql.documents_sql(document_id)):
            raise NotFound(f"{self.where}: no document with id {document_id!r}")
