"""Searching the index, written once for both backends: a page of ranked hits with their
ministry tags, the units a stored document is indexed by (for a rebuild), and which documents
are stale. The full-text engine is the backend's ``engine`` (``search_sql.Engine``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import chain

from stiplan.model import MinistryRef
from stiplan.search.query import SearchQuery
from stiplan.search.tokenize import signature
from stiplan.store import convert, search_sql
from stiplan.store.decode import ministry_from_row
from stiplan.store.errors import StoreError
from stiplan.store.index import index_units, slide_units, tree_order
from stiplan.store.reading import Fetching
from stiplan.store.rows import SearchRow
from stiplan.store.search_sql import Engine, SearchFilter
from stiplan.store.tables import Record


class Searching(Fetching):
    """Search and the read side of the index; the backend writes and rebuilds it."""

    engine: Engine = search_sql.FTS5

    def search(
        self,
        query: SearchQuery,
        filters: SearchFilter | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchRow]:
        """One page of text units for a prepared query, after the filters: ``limit`` units
        from ``offset`` on, in the ranking order of ``docs/search.md`` (the best of each type
        first, then the second of each…), which is total, so consecutive pages fit together.

        ``query`` comes from ``stiplan.search.query.build_query``; it reaches the database only
        as quoted terms inside one parameter (the engine's ``expression``).
        """
        filters = filters or SearchFilter()
        if limit < 1:  # SQLite reads a negative LIMIT as "no limit"
            raise StoreError(f"a search needs a limit of at least 1, not {limit}")
        if offset < 0:
            raise StoreError(f"a search needs an offset of at least 0, not {offset}")
        match = self.engine.expression(query)
        found = self._kept_page(match, filters, limit, offset)
        if found is None:
            found = self._fetch(
                *search_sql.search_sql(match, filters, limit, offset, engine=self.engine)
            )
        pairs = list(dict.fromkeys((r["document_id"], r["tags_from"]) for r in found))
        tags: dict[tuple[str, str], list[MinistryRef]] = defaultdict(list)
        picked = [(d, e) for d, e in pairs if e is not None]
        for t in self._fetch(*search_sql.ministries_of_sql(picked)):
            tags[(t["document_id"], t["element_id"])].append(ministry_from_row(t))
        return [
            convert.search_row(r, tuple(tags.get((r["document_id"], r["tags_from"]), ())))
            for r in found
        ]

    def _kept_page(
        self, match: str, filters: SearchFilter, limit: int, offset: int
    ) -> list[Record] | None:
        """The page read from the kept ranking of a frequent word (``docs/search.md``, "Frequent
        words"), or None where none serves it: a filter other than the type, a word not kept,
        a page deeper than the rounds kept, or an empty page (then ranked afresh, to tell
        these apart). One statement reads the depth and the page, so the page is never cut
        from a ranking that a writer is replacing."""
        if filters != SearchFilter(element_type=filters.element_type):
            return None
        query = search_sql.frequent_search_sql(match, filters.element_type, limit, offset)
        return self._fetch(*query) or None

    def _stored_units(self, document_id: str) -> Iterator[Record]:
        """The search units of a stored document, rebuilt from its rows (for ``reindex``)."""
        elements = self._fetch(*search_sql.unit_sources_sql(document_id))
        tagged = self._fetch(*search_sql.tagged_elements_sql(document_id))
        return chain(
            index_units(tree_order(elements), tagged),
            slide_units(
                self._fetch(*search_sql.slide_sources_sql("slides", document_id)),
                self._fetch(*search_sql.slide_sources_sql("slide_blocks", document_id)),
            ),
        )

    def _index_counts(self) -> tuple[int, int]:
        """How many documents and units the index holds."""
        (counts,) = self._fetch(*search_sql.index_counts_sql())
        return int(counts["documents"]), int(counts["units"])

    def index_mark(self) -> int:
        """The highest unit number of the index (a key lookup): an ingest or a rebuild that
        could reorder equal-scored hits moves it, so a caller may keep search results under
        it with the stored documents' ids and the stale ones (``EditionMemo.search_hits``)."""
        (row,) = self._fetch(search_sql.INDEX_MARK_SQL)
        return int(row["mark"])

    def stale_documents(self) -> tuple[str, ...]:
        """Ids of stored documents not indexed, or indexed with terms of another version."""
        found = self._fetch(*search_sql.stale_documents_sql(signature()))
        return tuple(r["id"] for r in found)
