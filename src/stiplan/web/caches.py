"""The app's memory between requests: bounded, thread-safe keepers for the query layer's
``EditionMemo`` (loaded editions, report parts, diffs, progress per document).

FastAPI runs sync routes in a thread pool, so every keeper takes a lock; a value is computed
outside the lock (two requests may compute the same value once each, never wrongly). Page
images are cached on disk by ``page_cache.py``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from stiplan import queries

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

MEMO_SIZE = 32
"""Documents, diffs and progress results the app keeps (each); report parts and programme
links: 4 sets each; the programmes and timeline lists: 8 filters each; the indicators of 4
documents."""
SEARCHES = 256
"""Pages of search hits the app keeps (20 hits with snippets each by default)."""
LISTS = 64
"""Initiative lists the app keeps: one per document and filter (section, ministry, lead), a
few hundred rows each."""


class Lru(Generic[K, V]):
    """A small thread-safe least-recently-used map (a ``queries.Keeper``)."""

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

    def __len__(self) -> int:
        """How many values are kept (at most ``size``)."""
        with self._lock:
            return len(self._items)


DIFF_PAGES = 8
"""Edition diff pages the app keeps rendered (their bodies: a large diff is half a megabyte),
and diffs it keeps encoded as the API's JSON (megabytes for two large editions)."""


def app_memo(size: int = MEMO_SIZE) -> queries.EditionMemo:
    """The memo one app keeps for its life: at most ``size`` documents, diffs and progress
    results, the least recently used dropped first. It serves one store."""
    return queries.EditionMemo(
        Lru(size),
        Lru(size),
        Lru(4),
        Lru(size),
        Lru(4),
        Lru(8),
        Lru(8),
        Lru(2),
        initiatives=Lru(LISTS),
        indicators=Lru(4),
        searches=Lru(SEARCHES),
        counts=Lru(8),
    )
