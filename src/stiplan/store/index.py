"""A document's rows → the rows of its search index: pure, so it runs before the write lock.

Every element with a text is one text unit (paragraphs, goals, targets, indicators,
observations, initiatives' commitments, status items, actions, footnotes, and whatever element
types later readers add, such as slide blocks); chapters, sections and subsections are units
of their titles. Each unit records what the search filters need: the section it lies in and
the element whose ministry tags apply to it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from stiplan.search.tokenize import index_terms
from stiplan.store.tables import Record

# Items of an initiative without a tag of their own answer for the initiative's ministries.
_INHERITS_TAGS = frozenset({"status_item", "action"})


def unit_text(element: Record) -> str:
    """The text a unit indexes: the element's text, else its title (chapters, sections…)."""
    return str(element["text"] or element["title"] or "")


def _section_of(element_id: str, by_id: dict[str, Record]) -> str | None:
    """The element itself if it is a section, else its nearest section ancestor (trees are
    at most five levels deep, so walking up is cheap)."""
    current: str | None = element_id
    while current is not None and current in by_id:
        if by_id[current]["type"] == "section":
            return current
        current = by_id[current]["parent_id"]
    return None


def _tags_from(element: Record, tagged: set[str], by_id: dict[str, Record]) -> str | None:
    """The element whose ministry tags answer for this one, if any."""
    if element["id"] in tagged:
        return str(element["id"])
    parent = by_id.get(element["parent_id"]) if element["parent_id"] else None
    if element["type"] in _INHERITS_TAGS and parent is not None:
        return str(parent["id"])
    return None


def tree_order(elements: list[Record]) -> list[Record]:
    """Elements in document order (each parent, then its children by ordinal, depth first).

    The encoder writes rows in this order; rows read back from the tables are put in it again,
    so that a rebuilt index numbers its units, and so breaks ties in ranking, as ingest did.
    """
    children: dict[str | None, list[Record]] = defaultdict(list)
    for element in elements:
        children[element["parent_id"]].append(element)
    for siblings in children.values():
        siblings.sort(key=lambda e: int(e["ordinal"]))
    ordered: list[Record] = []
    stack = list(reversed(children[None]))
    while stack:
        element = stack.pop()
        ordered.append(element)
        stack.extend(reversed(children[element["id"]]))
    return ordered


def index_units(elements: list[Record], ministries: Iterable[Record]) -> list[Record]:
    """The ``search_units`` rows of one document, without ``unit_no`` (the store numbers them).

    ``elements`` and ``ministries`` are the document's ``elements`` and ``element_ministries``
    rows (as written by ``encode_document`` or read back from the tables), elements in
    document order (``tree_order``).
    """
    tagged = {m["element_id"] for m in ministries}
    by_id = {e["id"]: e for e in elements}
    units: list[Record] = []
    for element in elements:
        text = unit_text(element)
        if not text.strip():
            continue
        terms, subterms = index_terms(text)
        if not terms:
            continue
        units.append(
            {
                "document_id": element["document_id"],
                "element_id": element["id"],
                "type": element["type"],
                "section_id": _section_of(element["id"], by_id),
                "tags_from": _tags_from(element, tagged, by_id),
                "terms": terms,
                "subterms": subterms,
            }
        )
    return units
