"""Links: a programme named in a briefing → the follow-up initiatives and sections naming it.

A pure function over documents already read. Each follow-up element's text is compared in key
form (``stiplan.extract.catalogue.key``: widths and radicals folded, spaces removed, so the
PDF's ``S I P`` is ``SIP``) with every key of the programme: its canonical name and, for a
curated programme, its aliases (``K Program`` is found as ``経済安全保障重要技術育成プログラム``).
Latin aliases must stand alone: ``SIP`` does not link to ``SIP4D``. An edition stays itself:
``統合イノベーション戦略2023`` does not link to a mention of ``統合イノベーション戦略2019``.

Every link names the element that mentions the programme, its initiative (for status items and
actions, the initiative they belong to) and its section, with the span, so a reader can check
it against the source lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from stiplan.extract.catalogue import aliases_of, stands_alone
from stiplan.model import Document, DocumentKind, Section, Span
from stiplan.normalize.text import clean, compact

SNIPPET_CHARS = 40  # text kept on each side of the mention in a link's ``text``


@dataclass(frozen=True, slots=True)
class ProgrammeLink:
    """One follow-up element that names a programme."""

    programme: str
    document_id: str
    element_id: str
    element_type: str
    initiative_id: str | None
    section_id: str | None
    section_label: str
    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class _Element:
    """A follow-up element's text with where it sits."""

    id: str
    type: str
    text: str
    span: Span
    initiative_id: str | None
    section: Section | None
    section_label: str


def _elements(document: Document) -> Iterator[_Element]:
    """Every text-bearing element of a follow-up report, with its section and initiative."""
    for chapter in document.chapters:
        top = chapter.label
        for goal in chapter.goals:
            yield _Element(goal.id, "goal", goal.text, goal.span, None, None, top)
        for section in chapter.sections:
            label = f"{chapter.label}{section.label}"
            for p in section.paragraphs:
                yield _Element(p.id, "paragraph", p.text, p.span, None, section, label)
            for g in section.goals:
                yield _Element(g.id, "goal", g.text, g.span, None, section, label)
            for t in section.targets:
                yield _Element(t.id, "target", t.text, t.span, None, section, label)
            for ind in section.indicators:
                yield _Element(ind.id, "indicator", ind.text, ind.span, None, section, label)
            for sub in section.subsections:
                for p in sub.paragraphs:
                    yield _Element(p.id, "paragraph", p.text, p.span, None, section, label)
                for i in sub.initiatives:
                    yield _Element(i.id, "initiative", i.commitment, i.span, i.id, section, label)
                    for st in i.status_items:
                        yield _Element(st.id, "status_item", st.text, st.span, i.id, section, label)
                    for a in i.actions:
                        yield _Element(a.id, "action", a.text, a.span, i.id, section, label)


def link_programmes(names: Iterable[str], documents: Iterable[Document]) -> list[ProgrammeLink]:
    """Links from each programme name to the follow-up elements naming it, in document order.

    Documents that are not follow-up reports are skipped: a briefing naming a programme is a
    mention, not a link.
    """
    keys = {name: aliases_of(name) for name in dict.fromkeys(names)}
    links: list[ProgrammeLink] = []
    for document in documents:
        if document.kind is not DocumentKind.FOLLOWUP:
            continue
        for element in _elements(document):
            t = clean(element.text)
            s, index = compact(t)
            for name, aliases in keys.items():
                at = _find_any(s, aliases)
                if at is None:
                    continue
                start, end = at
                snippet = t[max(0, index[start] - SNIPPET_CHARS) : index[end - 1] + SNIPPET_CHARS]
                links.append(
                    ProgrammeLink(
                        programme=name,
                        document_id=document.id,
                        element_id=element.id,
                        element_type=element.type,
                        initiative_id=element.initiative_id,
                        section_id=element.section.id if element.section else None,
                        section_label=element.section_label,
                        span=element.span,
                        text=snippet,
                    )
                )
    return links


def _find_any(s: str, aliases: list[str]) -> tuple[int, int] | None:
    """The first place one of the alias keys occurs in ``s``, standing alone."""
    for alias in aliases:
        pos = s.find(alias)
        while pos >= 0:
            end = pos + len(alias)
            if stands_alone(s, pos, end, alias):
                return pos, end
            pos = s.find(alias, pos + 1)
    return None
