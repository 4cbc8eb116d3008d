"""``EditionMemo``: loaded editions, report parts, edition diffs and progress, kept between
calls.

The query layer only says what is kept and under which key; how long it is kept is the
caller's choice. A memo made for one call keeps everything it loads (``KeepAll``); the web app
keeps one memo for its whole life, bounded and shared between threads (``web/caches.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from stiplan.analysis.editions import EditionDiff, ReportPart, compare, report_parts
from stiplan.analysis.links import ProgrammeLink, link_programmes
from stiplan.model import Document, DocumentKind
from stiplan.queries.progress import Progress, document_progress
from stiplan.store import (
    Counts,
    DecisionGroupRow,
    InitiativeListing,
    ProgrammeMentionRow,
    StoreInterface,
)

if TYPE_CHECKING:  # search imports ministries, which imports this module; so do indicators
    from stiplan.queries.indicators import IndicatorRow
    from stiplan.queries.search import SearchChoices, SearchHit, SearchQuestion

EVERY = 2**31 - 1
"""A limit that takes every row of a list (portable: no ``LIMIT -1``)."""
PlacesKey = tuple[tuple[str, ...], str | None, bool]
DecisionsKey = tuple[tuple[str, ...], str | None, date | None, date | None]
InitiativesKey = tuple[str, str | None, str | None, bool]
SearchKey = tuple[tuple[str, ...], int, tuple[str, ...], "SearchQuestion"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
K_contra = TypeVar("K_contra", bound=Hashable, contravariant=True)


class Keeper(Protocol[K_contra, V]):
    """Where a memo keeps values: the value kept for ``key``, else ``make()``'s, kept."""

    def get(self, key: K_contra, make: Callable[[], V]) -> V: ...


class KeepAll(Generic[K, V]):
    """Keeps every value made, for as long as it lives: the keeper of a memo made per call."""

    def __init__(self) -> None:
        self._items: dict[K, V] = {}

    def get(self, key: K, make: Callable[[], V]) -> V:
        """The value kept for ``key``, else ``make()``, kept."""
        if key not in self._items:
            self._items[key] = make()
        return self._items[key]


class EditionMemo:
    """Loaded editions, report parts, edition diffs and progress, kept between calls.

    Reading a document back and comparing two editions take tens to hundreds of milliseconds;
    pages that follow an element across editions need several of each, and a document's
    progress takes tens of milliseconds too. Document ids are content hashes, so nothing kept
    goes stale: documents and diffs are keyed on their ids, report parts on the ids of every
    stored follow-up report, a document's progress on its id with the ids of every stored
    document (its assessment depends on the earlier editions beside it; an ingest changes the
    key), programme links on the names and the follow-up ids, and the programmes and timeline
    lists on their filters and the ids of every stored document, the search form's choices on
    those ids. A document's initiatives under one filter (with their codes) and its
    indicators with their observations are keyed on its id alone: they are read from that
    document only, which an id names for good. A page of search hits is keyed on the search
    asked (a ``SearchQuestion``), the ids of every stored document, the stale ones and the
    index's mark (a rebuild that could reorder equal scores moves it). The counts of a list
    of documents are keyed on their ids. Each kind is kept by its ``Keeper``: by default
    everything, for the memo's life.
    """

    def __init__(
        self,
        documents: Keeper[str, Document] | None = None,
        diffs: Keeper[tuple[str, str], EditionDiff] | None = None,
        parts: Keeper[tuple[str, ...], list[ReportPart]] | None = None,
        progress: Keeper[tuple[str, tuple[str, ...]], Progress] | None = None,
        links: Keeper[tuple[tuple[str, ...], tuple[str, ...]], list[ProgrammeLink]] | None = None,
        places: Keeper[PlacesKey, list[ProgrammeMentionRow]] | None = None,
        decisions: Keeper[DecisionsKey, list[DecisionGroupRow]] | None = None,
        choices: Keeper[tuple[str, ...], SearchChoices] | None = None,
        initiatives: Keeper[InitiativesKey, InitiativeListing] | None = None,
        indicators: Keeper[str, list[IndicatorRow]] | None = None,
        searches: Keeper[SearchKey, list[SearchHit]] | None = None,
        counts: Keeper[tuple[str, ...], dict[str, Counts]] | None = None,
    ) -> None:
        self._documents = documents or KeepAll()
        self._diffs = diffs or KeepAll()
        self._parts = parts or KeepAll()
        self._progress = progress or KeepAll()
        self._links = links or KeepAll()
        self._places = places or KeepAll()
        self._decisions = decisions or KeepAll()
        self._choices = choices or KeepAll()
        self._initiatives = initiatives or KeepAll()
        self._indicators = indicators or KeepAll()
        self._searches = searches or KeepAll()
        self._counts = counts or KeepAll()

    def document(self, store: StoreInterface, document_id: str) -> Document:
        """A stored document's tree."""
        return self._documents.get(document_id, lambda: store.load_document(document_id))

    def parts(self, store: StoreInterface) -> list[ReportPart]:
        """The report parts of the stored follow-up reports (as ``editions``)."""
        followups = tuple(d.id for d in store.documents() if d.kind is DocumentKind.FOLLOWUP)
        return self._parts.get(
            followups, lambda: report_parts([self.document(store, i) for i in followups])
        )

    def links(self, store: StoreInterface, names: tuple[str, ...]) -> list[ProgrammeLink]:
        """Links from each programme name to the stored follow-up elements naming it, keyed on
        the names and the ids of every stored follow-up report (an ingest changes the key).

        The documents are read for this and not kept: the links are what is kept.
        """
        followups = tuple(d.id for d in store.documents() if d.kind is DocumentKind.FOLLOWUP)
        return self._links.get(
            (names, followups),
            lambda: link_programmes(names, (store.load_document(i) for i in followups)),
        )

    def programme_places(
        self, store: StoreInterface, document_id: str | None, linked_only: bool
    ) -> list[ProgrammeMentionRow]:
        """Every row of ``Store.programme_mentions`` for these filters, keyed on them and the
        ids of every stored document: a page of the list is then a slice of what is kept."""
        key = (_stored(store), document_id, linked_only)
        return self._places.get(
            key, lambda: store.programme_mentions(document_id, linked_only, 0, EVERY).rows
        )

    def decision_groups(
        self, store: StoreInterface, document_id: str | None, since: date | None, until: date | None
    ) -> list[DecisionGroupRow]:
        """Every row of ``Store.decision_groups`` for these filters (its default sources), kept
        as ``programme_places`` is."""
        key = (_stored(store), document_id, since, until)
        return self._decisions.get(
            key, lambda: store.decision_groups(document_id, since, until, 0, EVERY).rows
        )

    def search_choices(
        self, store: StoreInterface, make: Callable[[], SearchChoices]
    ) -> SearchChoices:
        """What a search form offers (``make()``: ``queries.search_choices``), kept per
        stored documents: every search page shows the form."""
        return self._choices.get(_stored(store), make)

    def initiative_listing(
        self,
        store: StoreInterface,
        document_id: str,
        section: str | None,
        ministry: str | None,
        lead_only: bool,
    ) -> InitiativeListing:
        """``Store.initiative_listing`` of one document under these filters (``ministry`` a
        code), kept under the document's id and the filters: a list's pages and its counts
        are then a slice and a count of what is kept."""
        key = (document_id, section, ministry, lead_only)
        return self._initiatives.get(
            key, lambda: store.initiative_listing(section, ministry, lead_only, document_id)
        )

    def indicator_rows(
        self, document_id: str, make: Callable[[], list[IndicatorRow]]
    ) -> list[IndicatorRow]:
        """A document's indicators with their observations (``make()``: read them), kept
        under its id: three element reads and their values per request before."""
        return self._indicators.get(document_id, make)

    def search_hits(
        self,
        store: StoreInterface,
        question: SearchQuestion,
        stale: tuple[str, ...],
        make: Callable[[], list[SearchHit]],
    ) -> list[SearchHit]:
        """One page of hits (``make()``: ``queries.search``) for the ``question`` (the query,
        its filters and the page), kept while the same documents are stored, the same ones are
        ``stale`` and the index keeps its mark (``Store.index_mark``): the ranking and the
        snippets of a page asked again are then not computed again."""
        key = (_stored(store), store.index_mark(), stale, question)
        return self._searches.get(key, make)

    def counts(self, store: StoreInterface, document_ids: tuple[str, ...]) -> dict[str, Counts]:
        """``Store.counts_by_document`` of these documents, kept per list of ids: a stored
        document never changes under its id (a content hash), nor do its counts."""
        return self._counts.get(document_ids, lambda: store.counts_by_document(document_ids))

    def diff(self, store: StoreInterface, old_id: str, new_id: str) -> EditionDiff:
        """What changed from one stored edition to another (as ``diff``, by document id)."""
        return self._diffs.get(
            (old_id, new_id),
            lambda: compare(self.document(store, old_id), self.document(store, new_id)),
        )

    def part_of(self, store: StoreInterface, document_id: str) -> ReportPart | None:
        """The report part holding a document (None for a document that is in none)."""
        for part in self.parts(store):
            if any(e.document_id == document_id for e in part.editions):
                return part
        return None

    def progress(self, store: StoreInterface, document_id: str) -> Progress:
        """The progress of one stored document (as ``document_progress``)."""
        key = (document_id, tuple(d.id for d in store.documents()))
        return self._progress.get(key, lambda: document_progress(store, document_id))


def _stored(store: StoreInterface) -> tuple[str, ...]:
    """The ids of every stored document: what the kept lists are keyed on (an ingest changes
    it, so nothing kept goes stale)."""
    return tuple(d.id for d in store.documents())
