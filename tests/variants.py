"""Variants of a report's form that must read the same (``test_followup_invariants``)."""

from __future__ import annotations


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
