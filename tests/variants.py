"""Variants of a report's form that must read the same (``test_followup_invariants``)."""

from __future__ import annotations

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
