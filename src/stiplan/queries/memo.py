"""``EditionMemo``: loaded editions, report parts and edition diffs, kept between calls."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from stiplan.analysis.editions import EditionDiff, ReportPart, compare, report_parts
from stiplan.model import Document, DocumentKind
from stiplan.store import Store

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class _Lru(Generic[K, V]):
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()`` (computed outside the lock), kept."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


class EditionMemo:
    """Loaded editions, report parts and edition diffs, kept between calls.

    Reading a document back and comparing two editions take tens to hundreds of milliseconds;
    pages that follow an element across editions need several of each. Document ids are
    content hashes, so nothing kept goes stale: documents and diffs are keyed on their ids,
    report parts on the ids of every stored document (an ingest changes the key). At most
    ``size`` documents and ``size`` diffs are kept, the least recently used dropped first. One
    memo serves one store; it is safe to share between threads.
    """

    def __init__(self, size: int = 32) -> None:
        self._documents: _Lru[str, Document] = _Lru(size)
        self._diffs: _Lru[tuple[str, str], EditionDiff] = _Lru(size)
        self._parts: _Lru[tuple[str, ...], list[ReportPart]] = _Lru(4)

    def document(self, store: Store, document_id: str) -> Document:
        """A stored document's tree."""
        return self._documents.get(document_id, lambda: store.load_document(document_id))

    def parts(self, store: Store) -> list[ReportPart]:
        """The report parts of the stored follow-up reports (as ``editions``)."""
        followups = tuple(d.id for d in store.documents() if d.kind is DocumentKind.FOLLOWUP)
        return self._parts.get(
            followups, lambda: report_parts([self.document(store, i) for i in followups])
        )

    def diff(self, store: Store, old_id: str, new_id: str) -> EditionDiff:
        """What changed from one stored edition to another (as ``diff``, by document id)."""
        return self._diffs.get(
            (old_id, new_id),
            lambda: compare(self.document(store, old_id), self.document(store, new_id)),
        )

    def part_of(self, store: Store, document_id: str) -> ReportPart | None:
        """The report part holding a document (None for a document that is in none)."""
        for part in self.parts(store):
            if any(e.document_id == document_id for e in part.editions):
                return part
        return None
