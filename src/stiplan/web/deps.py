"""Request dependencies: a pool of read-only stores, the language, and checked parameters.

One SQLite ``Store`` wraps one connection and must not be shared by two threads at once, while
FastAPI runs sync routes in a thread pool. ``StorePool`` lends each request its own store and
takes it back afterwards; stores are opened on demand up to ``size`` and closed at shutdown.
A PostgreSQL store is one pool of ``size`` connections and safe across threads: every request
is lent that one store (still at most ``size`` at once).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi import Path as PathParam
from pydantic import BeforeValidator, Field

from stiplan import queries
from stiplan.queries import Store, StoreError, StoreInterface
from stiplan.settings import is_postgres_url

ID_MAX = 200
CODE_MAX = 40
LINE_MAX = 10_000_000
# No control characters: ids, codes and labels are printable text (empty = "no filter").
PRINTABLE = r"^[^\x00-\x1f\x7f]*$"


class StorePool:
    """Stores of one database file, lent to one request at a time."""

    def __init__(self, path: Path | str, read_only: bool = True, size: int = 8) -> None:
        self.path = path
        self.read_only = read_only
        self._idle: queue.LifoQueue[StoreInterface] = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(size)
        self._opened: list[StoreInterface] = []
        self._lock = threading.Lock()
        self._shared = is_postgres_url(path)
        self._size = size

    def check(self) -> None:
        """Open one store now, so that a bad path fails at start-up and not on a request."""
        store = self._open()
        if not self._shared:
            self._idle.put(store)

    def _open(self) -> StoreInterface:
        if self._shared:
            return self._open_shared()
        store = Store.open(self.path, read_only=self.read_only)
        with self._lock:
            self._opened.append(store)
        return store

    def _open_shared(self) -> StoreInterface:
        """The one PostgreSQL store of this pool, opened on first use."""
        with self._lock:
            if not self._opened:
                store = queries.open_store(self.path, self.read_only, pool_size=self._size)
                self._opened.append(store)
            return self._opened[0]

    @contextmanager
    def lend(self, timeout: float = 30.0) -> Iterator[StoreInterface]:
        """A store for the duration of the block; waits while all of them are lent."""
        if not self._slots.acquire(timeout=timeout):
            raise StoreError(
                "ストアへの接続がすべて使用中です。もう一度お試しください"
                " / every connection to the store is busy; try again"
            )
        try:
            if self._shared:
                yield self._open()
                return
            try:
                store = self._idle.get_nowait()
            except queue.Empty:
                store = self._open()
            try:
                yield store
            finally:
                self._idle.put(store)
        finally:
            self._slots.release()

    def close(self) -> None:
        """Close every store opened (at shutdown). The idle stores are dropped too, so a pool
        used again after a shutdown (a second lifespan, as test clients run) opens new ones."""
        with self._lock:
            opened, self._opened = self._opened, []
            while not self._idle.empty():
                self._idle.get_nowait()
        for store in opened:
            store.close()


def progress_of(
    request: Request, store: StoreInterface, document_id: str | None
) -> queries.Progress:
    """The progress of one document, from the app's memo."""
    if document_id is None:
        return queries.Progress([], [])
    return editions_memo(request).progress(store, document_id)


def editions_memo(request: Request) -> queries.EditionMemo:
    """The app's memo of loaded editions and their diffs (ids are content hashes)."""
    memo: queries.EditionMemo = request.app.state.editions
    return memo


def get_store(request: Request) -> Iterator[StoreInterface]:
    """The store lent to this request."""
    pool: StorePool = request.app.state.pool
    with pool.lend() as store:
        yield store


StoreDep = Annotated[StoreInterface, Depends(get_store)]


def empty_is_none(value: object) -> object:
    """An empty parameter (``document=``, as a form sends it) means "not given"."""
    return None if value == "" else value


DocumentParam = Annotated[
    Annotated[str, Field(max_length=ID_MAX, pattern=PRINTABLE)] | None,
    BeforeValidator(empty_is_none),
    Query(
        description="Document id, id prefix or file name; the latest document if omitted.",
    ),
]
MinistryParam = Annotated[
    Annotated[str, Field(max_length=CODE_MAX, pattern=PRINTABLE)] | None,
    Query(
        description="Ministry code as tagged, e.g. 文 or 科技.",
    ),
]
SectionParam = Annotated[
    Annotated[str, Field(max_length=ID_MAX, pattern=PRINTABLE)] | None,
    Query(
        description="Section label such as (2) or 2.(1), or a section id.",
    ),
]
LeadParam = Annotated[
    bool, Query(description="Only where the ministry is lead (underlined); needs ministry.")
]
ElementIdPath = Annotated[
    str, PathParam(description="Element id.", max_length=ID_MAX, pattern=PRINTABLE)
]
DocumentPath = Annotated[
    str,
    PathParam(
        description="Document id, id prefix or file name.", max_length=ID_MAX, pattern=PRINTABLE
    ),
]
CodePath = Annotated[
    str, PathParam(description="Ministry code, e.g. 文.", max_length=CODE_MAX, pattern=PRINTABLE)
]
EditionParam = Annotated[
    str,
    Query(
        description="An edition: document id, id prefix or file name.",
        min_length=1,
        max_length=ID_MAX,
        pattern=PRINTABLE,
    ),
]
PageNumberPath = Annotated[
    int,
    PathParam(description="Page of the PDF, from 1; a page it does not have is 404.", le=100_000),
]
PageParam = Annotated[
    int, Query(description="Page of source lines (1000 a page).", ge=1, le=100_000)
]


# The types search accepts, and empty (no filter): the document lists them as they are checked.
ELEMENT_TYPES = "^(" + "|".join(["", *queries.SEARCH_TYPES]) + ")$"
QUERY_MAX = 1000  # the search parser's own limit (docs/search.md)
SearchDocumentParam = Annotated[
    Annotated[str, Field(max_length=ID_MAX, pattern=PRINTABLE)] | None,
    Query(
        description="Only this document: id, id prefix or file name; every document if omitted.",
    ),
]
SearchTextParam = Annotated[
    str,
    Query(
        description='What to find: words (all of them), "a phrase", A OR B, -excluded, prefix*.',
        min_length=1,
        max_length=QUERY_MAX,
        pattern=PRINTABLE,
    ),
]
ElementTypeParam = Annotated[
    Annotated[str, Field(pattern=ELEMENT_TYPES)] | None,
    Query(
        alias="type",
        description="Element type: initiative, status_item, action, target, footnote…, or a "
        "briefing's block or slide.",
    ),
]
EditionFilterParam = Annotated[
    Annotated[str, Field(max_length=CODE_MAX, pattern=PRINTABLE)] | None,
    Query(
        description="Only documents of this edition, e.g. 2025.",
    ),
]
PlanParam = Annotated[
    Annotated[str, Field(max_length=CODE_MAX, pattern=PRINTABLE)] | None,
    Query(
        description="Only documents of this STI Basic Plan (基本計画): its ordinal, e.g. 6 or 7, "
        "or 第7期. Report parts, lists and the latest document are then taken within that plan.",
    ),
]
SearchLimitParam = Annotated[
    int, Query(description="Most hits to return.", ge=1, le=queries.MAX_SEARCH_LIMIT)
]
SearchOffsetParam = Annotated[
    int,
    Query(
        description="Hits to skip: the next page starts at offset + limit (docs/search.md).",
        ge=0,
        le=queries.MAX_SEARCH_OFFSET,
    ),
]


def plan_of(text: str | None) -> int | None:
    """A ``plan`` parameter as an ordinal; empty is no filter, an unknown plan a QueryError."""
    return queries.plan_ordinal(text) if text else None


def search_data(
    store: StoreInterface,
    q: str | None,
    document: str | None,
    section: str | None,
    ministry: str | None,
    lead_only: bool,
    element_type: str | None,
    limit: int,
    edition: str | None,
    plan: str | None = None,
    offset: int = 0,
    memo: queries.EditionMemo | None = None,
) -> queries.SearchPage:
    """``queries.search_page`` with the form's conventions: an empty field is no filter; a
    None ``q`` asks for the form alone."""
    if q is not None and lead_only and not ministry:
        raise queries.QueryError(
            "lead_only には府省の指定が必要です（どの府省の主担当か）"
            " / lead_only needs a ministry: lead of which ministry?"
        )
    question = None
    if q is not None:
        question = queries.SearchQuestion(
            q,
            document=document or None,
            section=section or None,
            ministry=ministry or None,
            lead_only=lead_only,
            element_type=element_type or None,
            limit=limit,
            edition=edition or None,
            plan=plan_of(plan),
            offset=offset,
        )
    return queries.search_page(store, question, memo)


def language(request: Request) -> str:
    """The language chosen for this request (set by the middleware)."""
    return str(getattr(request.state, "lang", "ja"))


LangDep = Annotated[str, Depends(language)]


# Cross-cutting lists (/initiatives, /progress): the page and its JSON twin share these.
INITIATIVES_LIMIT = 100
LIST_LIMIT_MAX = 5000
ListOffsetParam = Annotated[
    int,
    Query(description="Rows to skip: the next page starts at offset + limit.", ge=0, le=10_000_000),
]
ListLimitParam = Annotated[
    int, Query(description="Most rows to return (a page).", ge=1, le=LIST_LIMIT_MAX)
]
ListPageParam = Annotated[
    int,
    Query(
        description="Page of the list, from 1; a page past the last is 404 (the message names "
        "the last page).",
        ge=1,
        le=100_000,
    ),
]
PerPageParam = Annotated[int, Query(description="Rows per page.", ge=1, le=queries.MAX_PER_PAGE)]
STATUS_PATTERN = "^(" + "|".join(["", *queries.STATUSES]) + ")$"
StatusParam = Annotated[
    Annotated[str, Field(pattern=STATUS_PATTERN)] | None,
    Query(
        description="Only this progress status: achieved, on_track, needs_acceleration, "
        "limited_progress, deterioration, not_assessable, done_as_reported, due, overdue.",
    ),
]
SortParam = Annotated[
    str,
    Query(
        description="Sort by a column: place (document order), name, status, gap, achieved "
        "(達成率), latest (as-of of the latest value), target_period; a leading - for "
        "descending. Rows without the value come last.",
        pattern=queries.PROGRESS_SORT_PATTERN,
        max_length=20,
    ),
]


def progress_data(
    request: Request,
    store: StoreInterface,
    document: str | None,
    plan: str | None,
    status: str | None,
    section: str | None,
    ministry: str | None,
    sort: str,
) -> queries.ProgressPage:
    """``queries.progress_page`` with the form's conventions (an empty field is no filter),
    for the progress page and its JSON twin alike."""
    chosen = queries.ProgressFilter(status or None, section or None, ministry or None, sort)
    return queries.progress_page(
        store, document or None, plan_of(plan), chosen, editions_memo(request)
    )
