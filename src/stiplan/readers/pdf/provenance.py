"""Put pages and boxes on the spans of a document read from layout lines.

The text reader gives every element a ``Span`` of layout lines; each layout line knows its
page and box. ``place`` walks the document (any dataclass with a ``span``) and gives each span
the page of its first line with text and the union of its lines' boxes on that page.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from stiplan.model import Document, Span
from stiplan.readers.pdf.pages import LayoutLine

_SKIP = frozenset({"lines", "warnings"})


def locate(span: Span, lines: list[LayoutLine]) -> Span:
    """``span`` with the page and box of its lines (the first page it has text on)."""
    placed = [line for line in lines[span.first_line - 1 : span.last_line] if line.box]
    if not placed:
        before = [line for line in lines[: span.first_line] if line.box]
        return replace(span, page=before[-1].page if before else 1)
    page = placed[0].page
    boxes = [line.box for line in placed if line.page == page and line.box is not None]
    box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    return replace(span, page=page, box=box)


def place(document: Document, lines: list[LayoutLine]) -> None:
    """Give every span in ``document`` (elements, blocks, footnotes, mentions) its page."""
    cache: dict[Span, Span] = {}

    def visit(obj: Any) -> None:
        for f in fields(obj):
            if f.name in _SKIP:
                continue
            value = getattr(obj, f.name)
            if isinstance(value, Span):
                if value not in cache:
                    cache[value] = locate(value, lines)
                setattr(obj, f.name, cache[value])
            elif isinstance(value, list):
                for item in value:
                    if is_dataclass(item) and not isinstance(item, type):
                        visit(item)
            elif is_dataclass(value) and not isinstance(value, type):
                visit(value)

    visit(document)
