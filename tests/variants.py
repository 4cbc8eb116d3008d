"""Variants of a report's form that must read the same (``test_followup_invariants``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from stiplan.model import Document
from stiplan.readers.followup import read_followup


def with_columns(text: str, order: tuple[int, ...]) -> str:
    """``text`` with the three cells of every table line (header, rows) put in ``order``."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            cells += [""] * (3 - len(cells))
            line = "\t".join([*(cells[i] for i in order), *cells[3:]])
        out.append(line)
    return "\n".join(out)


def _commitments(document: Document) -> dict[str, int]:
    """Each initiative's commitment and the line it starts on."""
    return {
        initiative.commitment: initiative.span.first_line
        for chapter in document.chapters
        for section in chapter.sections
        for subsection in section.subsections
        for initiative in subsection.initiatives
    }


def initiatives_below(text: str, name: str, cut: int) -> list[str]:
    """The commitments of ``text`` that start below line ``cut + 1`` but are missing from the
    excerpt that starts at line ``cut + 1`` (a row cut through may read differently)."""
    whole = _commitments(read_followup(text, name))
    excerpt = _commitments(read_followup("\n".join(text.split("\n")[cut:]), name))
    return [c for c, line in whole.items() if line > cut + 1 and c not in excerpt]


_BLOCK_TAGS = re.compile(r"</?(?:p|ul|li)\b[^>]*>")
_WIDE = str.maketrans("0123456789%.,", "０１２３４５６７８９％．，")
_CARET_MARKER = re.compile(r"(\^\{[^}]*\})")


def with_plain_cells(text: str) -> str:
    """Table cells without their ``<p>``/``<ul>``/``<li>`` (as a converter that keeps no
    block markup writes them; ``<u>`` stays: it marks the lead ministry)."""
    return "\n".join(
        _BLOCK_TAGS.sub(" ", line) if "\t" in line else line for line in text.split("\n")
    )


def with_indent(text: str, indent: str) -> str:
    """Every line outside the tables indented by ``indent``."""
    lines = text.split("\n")
    return "\n".join(indent + line if line.strip() and "\t" not in line else line for line in lines)


def with_wide_digits(text: str) -> str:
    """Bullets and section headings with full-width digits, ``％``, ``．`` and ``，``
    (``^{…}`` footnote markers kept)."""
    out = []
    for line in text.split("\n"):
        if line.startswith(("- ・", "（")):
            parts = _CARET_MARKER.split(line)
            line = "".join(p if p.startswith("^{") else p.translate(_WIDE) for p in parts)
        out.append(line)
    return "\n".join(out)


def with_extra_columns(text: str) -> str:
    """Every table line with a column before (``番号``) and after (``備考``) the three."""
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            head = "番号" in line or "基本計画における具体的な取組" in line
            line = f"番号\t{line}\t備考" if head else f"\t{line}\t"
        out.append(line)
    return "\n".join(out)


# Forms another producer may give a report, all of which must read the same.
FORMS: dict[str, Callable[[str], str]] = {
    "plain_cells": with_plain_cells,
    "indent_spaces": lambda text: with_indent(text, "  "),
    "indent_wide_space": lambda text: with_indent(text, "\u3000"),
    "wide_digits": with_wide_digits,
    "extra_columns": with_extra_columns,
}
