"""How the CLI prints: JSON for machines and the small pieces of markup tables share.

Renderers only format what a query returned; they never open the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rich.markup import escape

from stiplan.cli.base import out
from stiplan.exports.json_export import _plain
from stiplan.model import MinistryRef, Span


def print_json(data: Any) -> None:
    """Any query answer (dataclasses, dates, decimals…) as indented UTF-8 JSON on stdout."""
    out.print_json(json.dumps(_plain(data), ensure_ascii=False), ensure_ascii=False)


def tag(refs: Iterable[MinistryRef]) -> str:
    """Ministry codes as the report writes them: the lead underlined."""
    return "、".join(f"[u]{escape(r.code)}[/u]" if r.lead else escape(r.code) for r in refs)


def mention_place(source_name: str, span: Span) -> str:
    """Where a mention was found: ``file:line``."""
    return f"{escape(source_name)}:{span.first_line}"
