"""What every query module shares: the query layer's errors, finding the document asked for,
and small helpers over the store's rows.

Every page looks at one document (an edition) at a time: ``document`` is an id, id prefix or
file name, and None means the latest stored document. Unknown ids and elements of the wrong
type are ``QueryError``s (``UnknownId``: the web answers 404).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from stiplan.model import DocumentKind, chapter_label, parse_section_label
from stiplan.normalize.plans import plan_label
from stiplan.store import DocumentRow, ElementRow, NotFound, SectionRow, StoreError, StoreInterface

T = TypeVar("T")


class QueryError(Exception):
    """A request that cannot be answered (unknown id, ambiguous document…), said plainly."""


class UnknownId(QueryError):
    """The id, code or document asked for is not stored (the web answers 404, not 400)."""


TYPE_NAMES_JA: dict[str, str] = {
    "chapter": "章",
    "section": "節",
    "subsection": "項",
    "paragraph": "段落",
    "goal": "目標",
    "target": "主要指標",
    "indicator": "参考指標",
    "observation": "参考指標の値",
    "initiative": "取組",
    "status_item": "実施状況",
    "action": "今後の取組方針",
    "footnote": "脚注",
}
"""Element types (``store.ELEMENT_TYPES``) as the Japanese half of a refusal names them."""


def type_name_ja(element_type: str) -> str:
    """An element type in Japanese (``initiative`` → 取組); an unlisted type as it is."""
    return TYPE_NAMES_JA.get(element_type, element_type)


def resolve_document(store: StoreInterface, reference: str | None) -> str | None:
    """A document id from an id, a file name, or a prefix of either; None means all. A path
    (``samples/followup_2025.txt``, as a shell completes it) is read by its file name, since
    the store keeps the name of the file ingested, not where it was."""
    if reference is None:
        return None
    stored = store.documents()
    name = _file_name(reference)
    exact = [d.id for d in stored if reference == d.id or name == d.source_name]
    found = exact or [
        d.id for d in stored if d.id.startswith(reference) or d.source_name.startswith(name)
    ]
    if len(found) == 1:
        return found[0]
    if not found:
        raise UnknownId(
            f"{reference!r} に当たる文書は保存されていません（文書ID、その先頭部分、"
            "または取り込んだファイルの名前を指定します） / no stored document matches "
            f"{reference!r}: give a document id, an id prefix or the name of the file "
            "ingested (a path is read by its file name; `stiplan documents` lists them)"
        )
    raise QueryError(
        f"{reference!r} に当たる文書が複数あります（文書IDで指定します） / {reference!r} "
        f"matches several documents (give one's id): {', '.join(found)}"
    )


def _file_name(reference: str) -> str:
    """The last part of a path (``/`` or ``\\``), or the reference as it is."""
    return reference.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or reference


def of_plan(rows: list[DocumentRow], plan: int | None) -> list[DocumentRow]:
    return rows if plan is None else [d for d in rows if d.plan == plan]


def plan_ids(store: StoreInterface, plan: int | None) -> set[str] | None:
    """Ids of the documents of ``plan``; None (no filter) when no plan is asked for."""
    return None if plan is None else {d.id for d in of_plan(store.documents(), plan)}


def latest_document(
    store: StoreInterface, reference: str | None = None, plan: int | None = None
) -> DocumentRow | None:
    """The document a page shows: the one named, else the latest stored follow-up report (the
    dashboard's subject; a briefing is shown when named), else the latest of any kind, else
    None. With ``plan``, the latest is taken among that plan's documents."""
    if reference is not None:
        document_id = resolve_document(store, reference)
        return None if document_id is None else store.document(document_id)
    stored = of_plan(store.documents(), plan)
    reports = [d for d in stored if d.kind is DocumentKind.FOLLOWUP]
    pool = reports or stored
    return pool[-1] if pool else None


def require_latest(
    store: StoreInterface, reference: str | None, plan: int | None = None
) -> DocumentRow:
    """The document a page shows (``latest_document``); ``UnknownId`` when there is none."""
    return require_shown(latest_document(store, reference, plan), plan)


def require_shown(shown: DocumentRow | None, plan: int | None = None) -> DocumentRow:
    """The document a page shows, or ``UnknownId`` when the store holds none (of ``plan``):
    where a list of one document answers 404 rather than an empty page."""
    if shown is None:
        if plan is not None:
            raise UnknownId(
                f"{plan_label(plan)}基本計画の文書は保存されていません"
                f" / the store holds no document of the plan {plan_label(plan)}"
            )
        raise UnknownId(
            "文書がまだ保存されていません（先に取り込んでください）"
            " / the store holds no document yet: ingest one first"
        )
    return shown


def by_key(rows: Iterable[T], key: Callable[[T], str | None]) -> dict[str | None, list[T]]:
    """Rows grouped by ``key`` (children by type, rows by parent), each group in row order."""
    grouped: dict[str | None, list[T]] = {}
    for row in rows:
        grouped.setdefault(key(row), []).append(row)
    return grouped


def element_of_type(
    store: StoreInterface, element_id: str, element_type: str, document: str | None
) -> ElementRow:
    """One element that must be of ``element_type``; anything else is a QueryError."""
    document_id = resolve_document(store, document)
    try:
        row = store.element(element_id, document_id)
    except NotFound as error:
        raise UnknownId(
            f"ID {element_id!r} の{type_name_ja(element_type)}はありません"
            f" / no {element_type} with id {element_id!r}"
        ) from error
    except StoreError as error:  # the id is used by several documents
        raise QueryError(str(error)) from error
    if row.type != element_type:
        raise UnknownId(
            f"ID {element_id!r} の{type_name_ja(element_type)}はありません"
            f"（{type_name_ja(row.type)}です）"
            f" / no {element_type} with id {element_id!r} (it is a {row.type})"
        )
    return row


def section_row(store: StoreInterface, document_id: str, section_id: str) -> SectionRow:
    """The section row (with its counts and labels) of a section element."""
    for row in store.sections(document_id):
        if row.id == section_id:
            return row
    raise UnknownId(  # pragma: no cover - store invariant
        f"ID {section_id!r} の節はありません / no section with id {section_id!r}"
    )


def require_section(store: StoreInterface, section: str | None, document_id: str | None) -> None:
    """Refuse a section filter that names no stored section (of ``document_id``, or of any
    document): a mistyped ``1.(9)`` would otherwise find nothing and say nothing. Callers ask
    only when a filter found nothing, so a list that finds rows costs no extra read."""
    if section is None:
        return
    rows = store.sections(document_id)
    if find_section(rows, section) is None:
        raise no_such_section(section, rows)


def find_section(rows: Iterable[SectionRow], section: str) -> SectionRow | None:
    """The first of ``rows`` that ``section`` names: a label such as ``(2)``/``1.(2)``
    (full-width too), as the store's section filter reads it (``store.sql.section_clause``),
    or an id."""
    label = parse_section_label(section)
    for row in rows:
        if label is None and row.id == section.strip():
            return row
        if label is not None and row.number == label[1] and label[0] in (None, row.chapter_number):
            return row
    return None


def no_such_section(section: str, rows: Iterable[SectionRow]) -> UnknownId:
    """The refusal of a section filter that names none of ``rows``, listing them."""
    known = ", ".join(dict.fromkeys(row.full_label for row in rows)) or "-"
    return UnknownId(
        f"節「{section}」はありません（あるのは {known}）"
        f" / no section {section!r} (there are {known})"
    )


def cited_footnotes(
    store: StoreInterface, document_id: str, rows: Iterable[ElementRow]
) -> list[ElementRow]:
    """The footnotes the given elements cite, in footnote order."""
    numbers = {n for r in rows for n in r.footnotes}
    if not numbers:
        return []
    return [f for f in store.elements("footnote", document_id) if f.number in numbers]


def place_labels(store: StoreInterface, document_id: str) -> dict[str, str]:
    """Chapter and section ids → labels as people cite them (``2.``, ``2.(1)``)."""
    places = {c.id: chapter_label(c.number or 0) for c in store.elements("chapter", document_id)}
    places.update({s.id: s.full_label for s in store.sections(document_id)})
    return places
