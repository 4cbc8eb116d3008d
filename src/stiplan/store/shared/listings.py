"""The long lists a dashboard pages through, grouped and cut to one page in SQL
(``stiplan.store.listings_sql``): programme mentions one row per place, decisions one row per
decision across documents. Two queries a page (the count and the page), whatever the archive.
"""

from __future__ import annotations

from datetime import date

from stiplan.model import DocumentKind, Period, PeriodKind, ProgrammeKind, Span
from stiplan.store import listings_sql
from stiplan.store.listings_sql import DecisionFilter, ProgrammeFilter
from stiplan.store.reading import Fetching
from stiplan.store.rows import (
    DecisionGroupRow,
    DecisionSource,
    ProgrammeMentionRow,
    Slice,
)
from stiplan.store.tables import Record


class Listings(Fetching):
    """Paged, grouped lists: ``programme_mentions`` and ``decision_groups``."""

    def programme_mentions(
        self,
        document_id: str | None = None,
        linked_only: bool = False,
        offset: int = 0,
        limit: int = 50,
    ) -> Slice[ProgrammeMentionRow]:
        """Places where documents name programmes, each place once (mentions on the same
        lines of one document are one place), programmes named in most documents first;
        ``linked_only`` keeps the programmes a follow-up report names too."""
        if document_id is not None:
            self._require_document(document_id)
        f = ProgrammeFilter(document_id, linked_only)
        (count,) = self._fetch(*listings_sql.programme_count_sql(f))
        rows = self._fetch(*listings_sql.programme_page_sql(f, offset, limit))
        return Slice(int(count["total"]), [_mention(r) for r in rows])

    def decision_groups(
        self,
        document_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
        offset: int = 0,
        limit: int = 50,
        sources: int = 5,
    ) -> Slice[DecisionGroupRow]:
        """Decisions across documents, oldest first, one row per decision (same date, what
        and verb) with up to ``sources`` of the places stating it, newest edition first."""
        if document_id is not None:
            self._require_document(document_id)
        f = DecisionFilter(document_id, since, until)
        (count,) = self._fetch(*listings_sql.decision_count_sql(f))
        rows = self._fetch(*listings_sql.decision_page_sql(f, offset, limit, sources))
        groups: list[DecisionGroupRow] = []
        for r in rows:
            source = DecisionSource(
                r["document_id"],
                r["source_name"],
                r["document_title"],
                r["edition"],
                r["element_id"],
                Span(int(r["first_line"]), int(r["last_line"])),
            )
            if int(r["rank"]) == 1:
                groups.append(_decision(r, source))
            else:
                groups[-1].sources.append(source)
        return Slice(int(count["total"]), groups)


def _mention(r: Record) -> ProgrammeMentionRow:
    place = r["slide_title"] or r["element_title"] or ""
    return ProgrammeMentionRow(
        name=r["name"],
        kind=ProgrammeKind(r["kind"]),
        document_id=r["document_id"],
        source_name=r["source_name"],
        document_kind=DocumentKind(r["document_kind"]),
        document_title=r["document_title"],
        edition=r["edition"],
        element_id=r["element_id"],
        element_type=r["element_type"] or ("slide" if r["slide_title"] else ""),
        place=place,
        span=Span(int(r["first_line"]), int(r["last_line"])),
        text=r["text"],
        named_in=int(r["named_in"]),
    )


def _decision(r: Record, source: DecisionSource) -> DecisionGroupRow:
    period = Period(
        date.fromisoformat(r["start_date"]),
        date.fromisoformat(r["end_date"]),
        PeriodKind(r["date_kind"]),
        r["date_text"],
    )
    return DecisionGroupRow(
        period,
        r["body"],
        r["what"],
        r["action"],
        bool(r["planned"]),
        int(r["source_count"]),
        [source],
    )
