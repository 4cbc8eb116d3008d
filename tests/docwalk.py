"""Compare two ``Document``s element by element, ignoring where they came from.

A PDF and its text conversion must give the same tree: the same texts, ministries, lead
flags, values, periods and footnotes. Ids differ only in the document prefix (the hash of
different source text) and spans differ by nature, so ``comparable`` drops spans, lines,
warnings and hashes, puts ``DOC`` for the document id, and removes whitespace from strings:
a PDF does not say reliably where a space stood (a line wrapped at a space loses it).
"""

from __future__ import annotations

import dataclasses
import re
from enum import Enum
from typing import Any

from stiplan.model import Document

_DROPPED = frozenset({"span", "lines", "warnings", "content_hash", "source_name", "bold"})


def comparable(document: Document) -> Any:
    """The document as plain data without provenance (see the module docstring)."""
    prefix = document.id

    def walk(value: Any) -> Any:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return {
                f.name: walk(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.name not in _DROPPED
            }
        if isinstance(value, list | tuple):
            return [walk(v) for v in value]
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, str):
            return re.sub(r"\s+", "", value.replace(prefix, "DOC"))
        return value

    return walk(document)


def differences(left: Document, right: Document, limit: int = 12) -> list[str]:
    """Paths where two documents differ (empty when they are the same), for messages."""
    out: list[str] = []

    def walk(a: Any, b: Any, path: str) -> None:
        if len(out) >= limit:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for key in a.keys() | b.keys():
                walk(a.get(key), b.get(key), f"{path}.{key}")
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for n, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{path}[{n}]")
        elif a != b:
            out.append(f"{path}: {str(a)[:160]!r} != {str(b)[:160]!r}")

    walk(comparable(left), comparable(right), "doc")
    return out


def elements_with_spans(document: Document) -> list[Any]:
    """Every element, block, footnote and mention of a document that has a span."""
    found: list[Any] = []

    def walk(value: Any) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            if hasattr(value, "span"):
                found.append(value)
            for f in dataclasses.fields(value):
                if f.name not in ("lines", "warnings"):
                    walk(getattr(value, f.name))
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(document)
    return found
