"""Cross-cutting pages: every initiative of an edition with counts per ministry and section,
and every target and dated commitment with its progress, filtered and sorted.

The pages ``/initiatives`` and ``/progress`` and their JSON twins call these functions; the
twins answer ``InitiativesPage.list`` and ``ProgressPage.progress`` (what the tables show),
the pages add the documents and choices their filter forms offer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from stiplan.analysis.progress import (
    COMMITMENT_REASONS,
    TARGET_REASONS,
    Assessment,
    CommitmentStatus,
    Status,
    Thresholds,
)
from stiplan.model import DocumentKind
from stiplan.queries.base import QueryError, find_section, latest_document, no_such_section
from stiplan.queries.memo import EditionMemo
from stiplan.queries.ministries import MinistrySummary, ministries, resolve_ministry
from stiplan.queries.progress import Progress
from stiplan.queries.sections import InitiativeList, initiative_list
from stiplan.store import DocumentRow, SectionRow, StoreInterface

# Columns of the progress table a user may sort by (``-`` before one: descending).
PROGRESS_SORTS = ("place", "name", "status", "gap", "achieved", "latest", "target_period")
PROGRESS_SORT_PATTERN = "^-?(" + "|".join(PROGRESS_SORTS) + ")?$"
STATUSES = tuple(s.value for s in Status)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class InitiativesPage:
    """The initiatives page: one page of the filtered list (``list``, the JSON twin) and what
    the filter form offers: the follow-up documents (editions), their sections and the
    ministries tagged in the shown document. ``document`` is None when nothing is stored."""

    document: DocumentRow | None
    documents: list[DocumentRow]
    sections: list[SectionRow]
    ministries: list[MinistrySummary]
    list: InitiativeList | None


def initiatives_page(
    store: StoreInterface,
    section: str | None = None,
    ministry: str | None = None,
    lead_only: bool = False,
    document: str | None = None,
    offset: int = 0,
    limit: int | None = None,
    plan: int | None = None,
    memo: EditionMemo | None = None,
) -> InitiativesPage:
    """Every initiative of one edition (latest by default), filtered as ``initiative_list``
    filters them (``memo`` keeps the lists), with the choices of the filter form; an empty
    page when nothing is stored."""
    shown = latest_document(store, document, plan)
    documents = [d for d in store.documents() if d.kind is DocumentKind.FOLLOWUP]
    if shown is None:
        return InitiativesPage(None, documents, [], [], None)
    found = initiative_list(store, section, ministry, lead_only, shown.id, offset, limit, memo=memo)
    choices = ministries(store, shown.id)
    return InitiativesPage(shown, documents, store.sections(shown.id), choices, found)


@dataclass(frozen=True, slots=True)
class ProgressFilter:
    """What the progress table is narrowed to and sorted by (``sort``: a column of
    ``PROGRESS_SORTS``, ``-`` first for descending; empty: document order)."""

    status: str | None = None
    section: str | None = None
    ministry: str | None = None
    sort: str = ""


@dataclass(frozen=True, slots=True)
class ProgressPage:
    """The progress page: the filtered and sorted ``progress`` (the JSON twin) of one
    document, and the documents, sections and ministries its filter form offers."""

    document: DocumentRow | None
    documents: list[DocumentRow]
    sections: list[SectionRow]
    ministries: list[MinistrySummary]
    progress: Progress
    ministry: str | None


def progress_page(
    store: StoreInterface,
    document: str | None = None,
    plan: int | None = None,
    chosen: ProgressFilter | None = None,
    memo: EditionMemo | None = None,
) -> ProgressPage:
    """Every target and dated commitment of one document (latest by default, of ``plan`` if
    given) with its status, filtered by status, section and ministry and sorted.

    Targets carry no ministry tag in the reports: with a ministry, only the dated commitments
    of the initiatives tagged with it are listed (and no target).
    """
    chosen = chosen or ProgressFilter()
    shown = latest_document(store, document, plan)
    documents = [d for d in store.documents() if d.kind is DocumentKind.FOLLOWUP]
    if shown is None:
        return ProgressPage(None, documents, [], [], Progress([], []), None)
    sections = store.sections(shown.id)
    found = (memo or EditionMemo()).progress(store, shown.id)
    code = resolve_ministry(chosen.ministry) if chosen.ministry else None
    assessments, commitments = list(found.assessments), list(found.commitments)
    if chosen.section:
        named = find_section(sections, chosen.section)
        if named is None:
            raise no_such_section(chosen.section, sections)
        wanted = named.id
        assessments = [a for a in assessments if a.section_id == wanted]
        commitments = [c for c in commitments if c.initiative_id.startswith(f"{wanted}.")]
    if chosen.status:
        assessments = [a for a in assessments if a.status.value == chosen.status]
        commitments = [c for c in commitments if c.status.value == chosen.status]
    if code is not None:
        ids = {r.id for r in store.initiatives(ministry=code, document_id=shown.id)}
        assessments, commitments = [], [c for c in commitments if c.initiative_id in ids]
    assessments, commitments = sort_progress(assessments, commitments, chosen.sort)
    choices = ministries(store, shown.id)
    return ProgressPage(
        shown, documents, sections, choices, Progress(assessments, commitments), code
    )


_ASSESSMENT_KEYS: dict[str, Callable[[Assessment], Any]] = {
    "name": lambda a: a.name,
    "status": lambda a: STATUSES.index(a.status.value),
    "gap": lambda a: a.gap,
    "achieved": lambda a: a.achieved,
    "latest": lambda a: None if a.latest is None else a.latest.period.end,
    "target_period": lambda a: None if a.target_period is None else a.target_period.end,
}
_COMMITMENT_KEYS: dict[str, Callable[[CommitmentStatus], Any]] = {
    "name": lambda c: c.commitment,
    "status": lambda c: STATUSES.index(c.status.value),
    "target_period": lambda c: c.deadline.period.end,
}


def sort_progress(
    assessments: list[Assessment], commitments: list[CommitmentStatus], sort: str
) -> tuple[list[Assessment], list[CommitmentStatus]]:
    """Both lists sorted by the column ``sort`` names (stable: ties keep document order;
    values missing last). A column a list lacks leaves that list in document order."""
    if not re.fullmatch(PROGRESS_SORT_PATTERN, sort):
        raise QueryError(
            f"{sort!r} では並べ替えられません（{', '.join(PROGRESS_SORTS)} のいずれかです）"
            f" / cannot sort by {sort!r}: one of {', '.join(PROGRESS_SORTS)}"
        )
    name = sort.removeprefix("-")
    descending = sort.startswith("-")
    return (
        _sorted(assessments, _ASSESSMENT_KEYS.get(name), descending),
        _sorted(commitments, _COMMITMENT_KEYS.get(name), descending),
    )


def _sorted(rows: list[T], key: Callable[[T], Any] | None, descending: bool) -> list[T]:
    """``rows`` by ``key`` (rows whose key is None last); without a key, in document order."""
    if key is None:
        return list(reversed(rows)) if descending else rows
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    return sorted(present, key=key, reverse=descending) + missing


@dataclass(frozen=True, slots=True)
class ProgressMethod:
    """What the method page states as data: the thresholds the analysis uses, every status
    (in order) and every reason code a target or a commitment can carry (docs/progress.md)."""

    thresholds: Thresholds
    statuses: list[str]
    target_reasons: list[str]
    commitment_reasons: list[str]


def progress_method() -> ProgressMethod:
    """The method of ``analysis.progress`` as data (the defaults every assessment uses)."""
    return ProgressMethod(
        Thresholds(), list(STATUSES), list(TARGET_REASONS), list(COMMITMENT_REASONS)
    )
