"""Editions: stored follow-up reports grouped into report parts, the diff of two editions,
indicator series across editions, and one initiative followed through them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from stiplan.analysis.editions import (
    Change,
    EditionDiff,
    EditionInfo,
    InitiativeDiff,
    ReportPart,
    report_parts,
)
from stiplan.analysis.series import Series, join_series
from stiplan.model import DocumentKind, subsection_mark
from stiplan.queries.base import QueryError, by_key, element_of_type, resolve_document, section_row
from stiplan.queries.memo import EditionMemo
from stiplan.store import ElementRow, StoreInterface


def editions(
    store: StoreInterface, plan: int | None = None, memo: EditionMemo | None = None
) -> list[ReportPart]:
    """Stored follow-up reports grouped into report parts, each part's editions oldest first;
    parts are listed per plan, and only that plan's when ``plan`` is given.

    Grouping reads every stored follow-up report; a ``memo`` kept between calls (the web
    app's) keeps the parts for as long as the same reports are stored.
    """
    parts = (memo or EditionMemo()).parts(store)
    return parts if plan is None else [p for p in parts if p.plan == plan]


def diff(store: StoreInterface, old: str, new: str, memo: EditionMemo | None = None) -> EditionDiff:
    """What changed from the edition ``old`` to the edition ``new`` (ids, prefixes or names).

    Comparing two editions takes a tenth of a second or more; a ``memo`` kept between calls
    (the web app's) keeps the diff under the pair of document ids. Those are content hashes,
    so a kept diff is the diff of exactly those two stored documents: an ingest of a changed
    file stores a new id and is compared afresh, never answered from what was kept.
    """
    old_id = resolve_document(store, old)
    new_id = resolve_document(store, new)
    if old_id is None or new_id is None:  # only a None reference resolves to None
        raise QueryError("比較には文書を2つ指定してください / diff needs two documents")
    return (memo or EditionMemo()).diff(store, old_id, new_id)


def series(store: StoreInterface, document: str) -> list[Series]:
    """Indicator values across every edition of the report part that holds ``document``."""
    document_id = resolve_document(store, document)
    documents = {
        d.id: store.load_document(d.id)
        for d in store.documents()
        if d.kind is DocumentKind.FOLLOWUP
    }
    for part in report_parts(list(documents.values())):
        ids = [e.document_id for e in part.editions]
        if document_id in ids:
            return join_series([documents[i] for i in ids])
    raise QueryError(
        f"{document!r} はフォローアップの報告書ではありません"
        f" / {document!r} is not a follow-up report"
    )


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """An initiative in one edition of its report part, against the edition before.

    ``initiative`` is the matched row in this edition (None when the row is gone from it);
    ``change`` says what happened since ``previous`` (None for the first stored edition, which
    has nothing to be compared with); ``diff`` has the word-level differences of the
    commitment, each status item and action, and the ministries (None when there is nothing to
    compare, or when a whole section came or went). ``status_items`` and ``actions`` are this
    edition's own, as stored.
    """

    edition: EditionInfo
    shown: bool
    initiative: ElementRow | None
    where: str
    previous: EditionInfo | None
    change: Change | None
    diff: InitiativeDiff | None
    status_items: list[ElementRow]
    actions: list[ElementRow]


@dataclass(frozen=True, slots=True)
class InitiativeHistory:
    """An initiative followed through the editions of its report part, oldest first.

    The chain goes back from the edition shown while the edition before has a matched row, and
    forward while the next one does, ending with a step whose ``initiative`` is None when the
    row was removed (``docs/editions.md`` says how rows are matched). ``editions`` counts the
    stored editions of the part.
    """

    initiative_id: str
    part: str
    editions: int
    steps: list[HistoryStep]


def _initiative_diffs(diff: EditionDiff) -> Iterator[InitiativeDiff]:
    for chapter in diff.chapters:
        for section in chapter.sections:
            for subsection in section.subsections:
                yield from subsection.initiatives


def _find_initiative(
    diff: EditionDiff, old_id: str | None = None, new_id: str | None = None
) -> InitiativeDiff | None:
    """The row of ``diff`` whose old (or new) side is the given initiative."""
    for row in _initiative_diffs(diff):
        side = row.pair.old if old_id is not None else row.pair.new
        if side is not None and side.id == (old_id or new_id):
            return row
    return None


def initiative_history(
    store: StoreInterface,
    initiative_id: str,
    document: str | None = None,
    memo: EditionMemo | None = None,
) -> InitiativeHistory:
    """One initiative through every stored edition of its report part (see ``HistoryStep``).

    Consecutive editions are compared as ``diff`` does; pass the same ``memo`` between calls
    to keep loaded editions and their diffs.
    """
    row = element_of_type(store, initiative_id, "initiative", document)
    memo = memo or EditionMemo()
    part = memo.part_of(store, row.document_id)
    if part is None:  # pragma: no cover - an initiative is always in a follow-up report
        return InitiativeHistory(row.id, "", 0, [])
    walk = _HistoryWalk(store, memo, list(part.editions), row)
    steps = [*reversed(walk.back()), *walk.forward()]
    return InitiativeHistory(row.id, part.key, len(part.editions), steps)


class _HistoryWalk:
    """Follows one initiative from the edition shown back to where it was added and forward
    to where it was removed, one pair of consecutive editions at a time."""

    def __init__(
        self, store: StoreInterface, memo: EditionMemo, editions: list[EditionInfo], row: ElementRow
    ) -> None:
        self.store, self.memo, self.editions, self.row = store, memo, editions, row
        self.ids = [e.document_id for e in editions]
        self.at = self.ids.index(row.document_id)

    def back(self) -> list[HistoryStep]:
        """The shown edition and the earlier ones while the row is matched, newest first."""
        steps: list[HistoryStep] = []
        current, k = self.row.id, self.at
        while True:
            if k == 0:
                steps.append(self.step(k, current, None, None, _where(self.store, self.row)))
                return steps
            diff = self.memo.diff(self.store, self.ids[k - 1], self.ids[k])
            found = _find_initiative(diff, new_id=current)
            steps.append(
                self.step(k, current, found, Change.ADDED if found is None else found.change)
            )
            if found is None or found.pair.old is None:
                return steps
            current, k = found.pair.old.id, k - 1

    def forward(self) -> list[HistoryStep]:
        """The later editions while the row is matched, oldest first, ending at its removal."""
        steps: list[HistoryStep] = []
        following: str | None = self.row.id
        k = self.at
        while following is not None and k + 1 < len(self.ids):
            diff = self.memo.diff(self.store, self.ids[k], self.ids[k + 1])
            found = _find_initiative(diff, old_id=following)
            following = None if found is None or found.pair.new is None else found.pair.new.id
            change = Change.REMOVED if found is None else found.change
            steps.append(self.step(k + 1, following, found, change))
            k += 1
        return steps

    def step(
        self,
        k: int,
        element_id: str | None,
        found: InitiativeDiff | None,
        change: Change | None,
        where: str = "",
    ) -> HistoryStep:
        """Edition ``k`` of the walk: its row (if any), its children and what changed."""
        doc_id = self.ids[k]
        store = self.store
        element = None if element_id is None else store.element(element_id, doc_id)
        kids = by_key(store.children(element_id, doc_id) if element_id else [], lambda e: e.type)
        if not where and found is not None:
            ref = found.pair.new or found.pair.old
            where = "" if ref is None else ref.where
        return HistoryStep(
            edition=self.editions[k],
            shown=k == self.at,
            initiative=element,
            where=where,
            previous=self.editions[k - 1] if k > 0 else None,
            change=change,
            diff=found,
            status_items=kids.get("status_item", []),
            actions=kids.get("action", []),
        )


def _where(store: StoreInterface, initiative: ElementRow) -> str:
    """``2.(1)①3``: where an initiative sits, as the diff reports write it."""
    subsection = store.element(initiative.parent_id or "", initiative.document_id)
    section = section_row(store, initiative.document_id, subsection.parent_id or "")
    return f"{section.full_label}{subsection_mark(subsection.number or 0)}{initiative.number}"
