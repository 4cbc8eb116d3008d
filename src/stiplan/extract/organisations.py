"""Organisations: the curated names of ``stiplan/data/organisations.toml`` in a unit."""

from __future__ import annotations

from stiplan.extract import catalogue
from stiplan.extract.units import Text, TextUnit
from stiplan.model import Organisation


def find_organisations(unit: TextUnit, text: Text) -> list[Organisation]:
    """Curated organisations named in one unit, each once."""
    seen: set[str] = set()
    out: list[Organisation] = []
    for hit in catalogue.find(text.s, catalogue.organisations(), []):
        if hit.entry.name not in seen:
            seen.add(hit.entry.name)
            written = text.orig(hit.start, hit.end)
            out.append(Organisation("", hit.entry.name, written, unit.span, unit.element_id))
    return out
