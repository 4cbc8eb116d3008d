"""The extractor: every rule on every text unit, mentions numbered in reading order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from stiplan.extract.budgets import find_budgets
from stiplan.extract.decisions import find_decisions
from stiplan.extract.organisations import find_organisations
from stiplan.extract.programmes import find_programmes
from stiplan.extract.targets import find_targets
from stiplan.extract.units import Text, TextUnit, followup_units, slide_units
from stiplan.model import Document, DocumentKind, Extractions


def extract_document(document: Document) -> Extractions:
    """Everything extraction finds in a document of either kind.

    Numeric targets are read from slide decks only: a follow-up report states its targets in
    its own 主要指標 block, which its reader already reads.
    """
    if document.kind is DocumentKind.SLIDES:
        return extract(slide_units(document), document.id)
    return extract(followup_units(document), document.id, targets=False)


@dataclass(slots=True)
class _Counter:
    """Numbers mention ids per kind, in reading order."""

    doc_id: str
    counts: dict[str, int] = field(default_factory=dict)

    def next(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{self.doc_id}:{prefix}{self.counts[prefix]}"


MAX_UNIT_CHARS = 4_000
"""The longest text the rules read at once. A statement and its date, body and verb stand
within a sentence or two; the rules look back and ahead from every date and name, so on a
unit of megabytes (hostile input) they would take time quadratic in its length."""


def _bounded(units: Iterable[TextUnit]) -> Iterator[TextUnit]:
    """Each unit, a longer one cut into pieces of at most ``MAX_UNIT_CHARS`` at sentence ends
    (where there are none, at the limit); every piece keeps the unit's element and context."""
    for unit in units:
        if len(unit.text) <= MAX_UNIT_CHARS:
            yield unit
            continue
        rest = unit.text
        while rest:
            cut = rest.rfind("。", 0, MAX_UNIT_CHARS) + 1 if len(rest) > MAX_UNIT_CHARS else 0
            cut = cut or min(len(rest), MAX_UNIT_CHARS)
            yield replace(unit, text=rest[:cut])
            rest = rest[cut:]


def extract(units: Iterable[TextUnit], document_id: str, *, targets: bool = True) -> Extractions:
    """Run every rule on every unit; ids are ``<document>:pg1``, ``:dc1``, ``:nt1``…

    Unit texts are expected clean already (the readers clean every text they keep), so they
    are not cleaned again: on a large report that would double the time extraction takes.
    """
    ids = _Counter(document_id)
    found = Extractions()
    for unit in _bounded(units):
        text = Text.of(unit.text, cleaned=True)
        if not text.s:
            continue
        programmes = find_programmes(unit, text)
        found.programmes += [replace(p, id=ids.next("pg")) for p in programmes]
        found.organisations += [
            replace(o, id=ids.next("og")) for o in find_organisations(unit, text)
        ]
        if unit.source:
            continue
        found.decisions += [replace(d, id=ids.next("dc")) for d in find_decisions(unit, text)]
        if targets:
            found.targets += [replace(t, id=ids.next("nt")) for t in find_targets(unit, text)]
        found.budgets += [
            replace(b, id=ids.next("bg")) for b in find_budgets(unit, text, programmes)
        ]
    return found
