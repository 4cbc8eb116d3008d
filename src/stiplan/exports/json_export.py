"""The JSON export: a ``Document`` tree as plain JSON (layout in ``docs/export.md``).

The layout is the model itself (``dataclasses.asdict``) so that the export, the fixture files
of the reader tests and the API speak one shape. Exact values stay exact: ``Decimal`` becomes
a string, dates ISO strings, enums their value.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from stiplan import queries
from stiplan.model import Document

EXPORT_VERSION = 1
# Parts only one kind of document fills: a follow-up report has chapters and footnotes, a slide
# deck slides; extractions may be empty. Empty ones are left out, so each kind keeps its shape.
_KIND_PARTS = ("chapters", "footnotes", "slides", "extractions")


def _plain(value: Any) -> Any:
    """Recursively turn model values into JSON-ready ones."""
    if isinstance(value, dict):
        if "first_line" in value and value.get("page") is None and value.get("box") is None:
            # a text document's span: no page, and the export keeps its earlier shape
            value = {k: v for k, v in value.items() if k not in ("page", "box")}
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return queries.plain_decimal(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def plain_data(value: Any) -> Any:
    """A model dataclass (``Quantity``, ``Period``, ``Span``…) as JSON-ready data.

    Every field the dataclass has, so a field added to the model appears in every export
    (documents, diffs) without touching them: the one rule by which model values become JSON.
    """
    return _plain(dataclasses.asdict(value))


def document_to_dict(document: Document, include_lines: bool = False) -> dict[str, Any]:
    """The export shape of one document; source lines only on request (they are large).

    ``chapters``, ``footnotes``, ``slides`` and ``extractions`` appear only when not empty.
    """
    data = plain_data(document)
    if not include_lines:
        data.pop("lines", None)
    for part in _KIND_PARTS:
        value = data.get(part)
        if not value or (isinstance(value, dict) and not any(value.values())):
            data.pop(part, None)
    return {"export_version": EXPORT_VERSION, **data}


def documents_to_json(documents: list[Document], include_lines: bool = False) -> str:
    """All documents as one JSON text (UTF-8, Japanese kept readable)."""
    payload = {
        "export_version": EXPORT_VERSION,
        "documents": [document_to_dict(d, include_lines) for d in documents],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
