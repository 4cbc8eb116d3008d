"""Ministries: the codes tagged in one document and what one ministry leads or supports."""

from __future__ import annotations

from dataclasses import dataclass

from stiplan.analysis.progress import CommitmentStatus
from stiplan.normalize.ministries import MinistryInfo, dictionary
from stiplan.normalize.ministries import lookup as lookup_ministry
from stiplan.queries.base import UnknownId, latest_document, require_latest
from stiplan.queries.memo import EditionMemo
from stiplan.store import DocumentRow, InitiativeRow, MinistryUse, StoreInterface


def ministry_info(code: str) -> MinistryInfo | None:
    """The ministry dictionary's entry for a code (official names), or None if unknown."""
    return lookup_ministry(code)


def resolve_ministry(name: str) -> str:
    """The ministry code a filter means: a code as given, or the code of an official name
    (``文部科学省``, or its English name in any case). The one place every ministry filter
    (CLI ``--ministry``, API ``ministry=``, web) goes through; unknown text is kept as given,
    since a store may tag codes the dictionary does not know."""
    text = name.strip()
    if lookup_ministry(text) is not None:
        return text
    for code, info in dictionary().items():
        if text in (info.name_ja, info.name_en) or text.casefold() == info.name_en.casefold():
            return code
    return text


@dataclass(frozen=True, slots=True)
class MinistrySummary:
    """A ministry code as tagged in one document, with its dictionary entry if known."""

    code: str
    info: MinistryInfo | None
    use: MinistryUse


@dataclass(frozen=True, slots=True)
class MinistriesPage:
    """The ministries page: the codes tagged in the document shown (None: nothing stored) and
    the documents it can show instead."""

    document: DocumentRow | None
    documents: list[DocumentRow]
    rows: list[MinistrySummary]


def ministries_page(store: StoreInterface, document: str | None = None) -> MinistriesPage:
    """Every ministry code tagged in one document (latest by default), most tagged first;
    an empty page when nothing is stored."""
    shown = latest_document(store, document)
    rows = [] if shown is None else ministries(store, shown.id)
    return MinistriesPage(shown, store.documents(), rows)


def ministries(store: StoreInterface, document: str | None = None) -> list[MinistrySummary]:
    """Every ministry code tagged in one document, most tagged first."""
    doc = require_latest(store, document)
    rows = [MinistrySummary(u.code, lookup_ministry(u.code), u) for u in store.ministry_use(doc.id)]
    return sorted(rows, key=lambda m: (-m.use.total, m.code))


@dataclass(frozen=True, slots=True)
class MinistryView:
    """A ministry page: what it leads and what it supports in one document."""

    document: DocumentRow
    code: str
    info: MinistryInfo | None
    use: MinistryUse
    lead: list[InitiativeRow]
    support: list[InitiativeRow]
    commitments: list[CommitmentStatus]


def ministry(
    store: StoreInterface, code: str, document: str | None = None, memo: EditionMemo | None = None
) -> MinistryView:
    """The initiatives a ministry leads (underlined) or supports, in one document, with the
    progress of their dated commitments (``memo`` keeps it between calls)."""
    doc = require_latest(store, document)
    code = resolve_ministry(code)
    use = {u.code: u for u in store.ministry_use(doc.id)}.get(code)
    info = lookup_ministry(code)
    if use is None and info is None:
        raise UnknownId(
            f"府省略称 {code!r} は府省の一覧にも文書の府省の記載にもありません"
            f" / no ministry with code {code!r} is known or tagged"
        )
    rows = store.initiatives(ministry=code, document_id=doc.id)
    ids = {r.id for r in rows}
    found = (memo or EditionMemo()).progress(store, doc.id)
    return MinistryView(
        document=doc,
        code=code,
        info=info,
        use=use or MinistryUse(code),
        lead=[r for r in rows if r.match is not None and r.match.lead],
        support=[r for r in rows if r.match is None or not r.match.lead],
        commitments=[c for c in found.commitments if c.initiative_id in ids],
    )
