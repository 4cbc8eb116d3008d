"""A document's rows → the rows of its search index: pure, so it runs before the write lock.

Every element with a text is one text unit (paragraphs, goals, targets, indicators,
observations, initiatives' commitments, status items, actions, footnotes); chapters, sections
and subsections are units of their titles. Each unit records what the search filters need: the
section it lies in and the element whose ministry tags apply to it.

A briefing's units are its blocks and its slides (``slide_units``): every block that has a
text and is not ``garbled``, and each slide by its title when the title is a heading of the
slide (its level-1 ``title`` block, which is then not a unit of its own). A garbled block is
never a unit: its text is not what the document says, and a warning already reports it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain

from stiplan.model import Document
from stiplan.search.tokenize import index_terms
from stiplan.store.encode import encode_rows
from stiplan.store.tables import Record

# Items of an initiative without a tag of their own answer for the initiative's ministries.
_INHERITS_TAGS = frozenset({"status_item", "action"})


def unit_text(element: Record) -> str:
    """The text a unit indexes: the element's text, else its title (chapters, sections…)."""
    return str(element["text"] or element["title"] or "")


def _place(path: list[tuple[str, str | None]], element: Record) -> tuple[str | None, bool]:
    """The section an element lies in, and whether its parent was met before it.

    ``path`` holds ``(id, section)`` of the element met last and its ancestors: elements come
    in document order, so an element's parent is on the path, and only one path of the tree
    is kept. The section is the element itself if it is a section, else its parent's.
    """
    parent = element["parent_id"]
    while path and path[-1][0] != parent:
        path.pop()
    found = bool(path)
    section = element["id"] if element["type"] == "section" else path[-1][1] if found else None
    path.append((element["id"], section))
    return section, found


def _tags_from(element: Record, tagged: bool, parent_found: bool) -> str | None:
    """The element whose ministry tags answer for this one (``tagged``: it has its own), if
    any."""
    if tagged:
        return str(element["id"])
    if element["type"] in _INHERITS_TAGS and parent_found:
        return str(element["parent_id"])
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


def index_units(elements: Iterable[Record], ministries: Iterable[Record]) -> Iterator[Record]:
    """The ``search_units`` rows of one document, without ``unit_no`` (the store numbers them).

    ``elements`` and ``ministries`` are the document's ``elements`` and ``element_ministries``
    rows (as written by ``encode_document`` or read back from the tables), elements in
    document order (``tree_order``). The rows are made one at a time, as they are asked for,
    and each element is let go once its unit is made: a large document's terms take more
    memory than its text, and the store writes each row away before asking for the next
    (``Store.ingest``).
    """
    tagged = {m["element_id"] for m in ministries}
    return _units((element, element["id"] in tagged) for element in elements)


def _walked_elements(rows: Iterable[tuple[str, Record]]) -> Iterator[tuple[Record, bool]]:
    """Each element of a walk over ``elements`` and ``element_ministries`` (``encode_rows``),
    with whether it has ministry tags of its own: an object's side rows come after its own
    row and before the next object's, so an element is passed on when the next one comes."""
    pending: Record | None = None
    tagged = False
    for table, row in rows:
        if table == "elements":
            if pending is not None:
                yield pending, tagged
            pending, tagged = row, False
        elif pending is not None and row["element_id"] == pending["id"]:
            tagged = True
    if pending is not None:
        yield pending, tagged


def _units(elements: Iterable[tuple[Record, bool]]) -> Iterator[Record]:
    """The units of elements in document order, each with whether it has tags of its own."""
    path: list[tuple[str, str | None]] = []
    for element, tagged in elements:
        section, parent_found = _place(path, element)
        text = unit_text(element)
        if not text.strip():
            continue
        terms, subterms = index_terms(text)
        if not terms:
            continue
        yield {
            "document_id": element["document_id"],
            "element_id": element["id"],
            "slide_id": None,
            "block_id": None,
            "type": element["type"],
            "section_id": section,
            "tags_from": _tags_from(element, tagged, parent_found),
            "terms": terms,
            "subterms": subterms,
        }


def document_units(document: Document) -> Iterator[Record]:
    """The search units of a document being stored, from its rows as ``encode_rows`` makes
    them: the elements one at a time, never all of a large report's rows at once, and their
    tags in the same walk."""

    def rows(table: str) -> Iterator[Record]:
        return (row for _, row in encode_rows(document, (table,)))

    walk = encode_rows(document, ("elements", "element_ministries"))
    return chain(
        _units(_walked_elements(walk)),
        slide_units(list(rows("slides")), list(rows("slide_blocks"))),
    )


def _unit(document_id: str, kind: str, ref: str, text: str) -> Record | None:
    """A slide or block unit of ``text``, or None when the text makes no search term."""
    terms, subterms = index_terms(text) if text.strip() else ("", "")
    if not terms:
        return None
    return {
        "document_id": document_id,
        "element_id": None,
        "slide_id": ref if kind == "slide" else None,
        "block_id": ref if kind == "block" else None,
        "type": kind,
        "section_id": None,
        "tags_from": None,
        "terms": terms,
        "subterms": subterms,
    }


def _title_block(slide: Record, blocks: list[Record]) -> Record | None:
    """The heading a slide's title was taken from (its level-1 ``title`` block), if any."""
    for block in blocks:
        heading = block["kind"] == "title" and int(block["level"]) == 1
        if heading and block["text"] == slide["title"]:
            return block
    return None


def slide_units(slides: list[Record], blocks: list[Record]) -> list[Record]:
    """The ``search_units`` rows of a briefing's slides and blocks, in reading order.

    ``slides`` and ``blocks`` are the document's ``slides`` and ``slide_blocks`` rows (as
    written by ``encode_document`` or read back, in any order). Each slide whose title is a
    heading is one unit of type ``slide`` (its title block is not indexed again); every other
    block with a text is a unit of type ``block``, unless it is ``garbled``. A slide whose
    heading is garbled gives no unit at all.
    """
    by_slide: dict[str, list[Record]] = defaultdict(list)
    for block in blocks:
        by_slide[block["slide_id"]].append(block)
    units: list[Record] = []
    for slide in sorted(slides, key=lambda s: int(s["ordinal"])):
        own = sorted(by_slide[slide["id"]], key=lambda b: int(b["ordinal"]))
        heading = _title_block(slide, own)
        if heading is not None and not heading["garbled"]:
            unit = _unit(slide["document_id"], "slide", slide["id"], slide["title"])
            if unit is not None:
                units.append(unit)
        for block in own:
            if block is heading or block["garbled"]:
                continue
            unit = _unit(block["document_id"], "block", block["id"], block["text"])
            if unit is not None:
                units.append(unit)
    return units
