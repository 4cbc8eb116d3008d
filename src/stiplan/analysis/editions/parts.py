"""Report parts: which documents are editions of one part, and how editions are ordered."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from stiplan.analysis.chapters import chapter_pairs
from stiplan.analysis.editions.types import EditionInfo, ReportPart
from stiplan.analysis.similarity import TextKeys
from stiplan.model import (
    Chapter,
    Document,
    Indicator,
    Section,
    latest_as_of,
)


def _all_indicators(document: Document) -> Iterator[Indicator]:
    for chapter in document.chapters:
        yield from chapter.indicators
        for section in chapter.sections:
            yield from section.indicators


def data_until(document: Document) -> date | None:
    """How far the document's data go: its data cut-off (``model.latest_as_of``, the rule the
    reader dates editions by), else the latest end of any observation period."""
    latest = latest_as_of(document.chapters)
    if latest is not None:
        return latest
    periods = [o.period for i in _all_indicators(document) for o in i.observations if o.period]
    return max((p.end for p in periods), default=None)


def section_label(chapter: Chapter, section: Section) -> str:
    return f"{chapter.label}{section.label}"


def edition_info(document: Document) -> EditionInfo:
    """What lists of editions show about a document."""
    labels = tuple(section_label(c, s) for c in document.chapters for s in c.sections)
    return EditionInfo(
        document.id,
        document.source_name,
        document.title,
        document.edition,
        data_until(document),
        labels,
    )


def same_part(a: Document, b: Document, keys: TextKeys | None = None) -> bool:
    """Two documents are editions of one report part.

    Never across two known plans (``Document.plan``: plans number their chapters afresh).
    Within one, the chapters stand for the part (``analysis.chapters``): every chapter of one
    document agrees with a chapter of the other, by title (and the sections both number alike),
    or, for an excerpt that prints no chapter heading, by the titles of its sections. Editions
    may cover different sections, and one may be an excerpt of the other. ``keys``: the prepared
    titles of a comparison run (``compare`` passes its own).
    """
    if a.plan is not None and b.plan is not None and a.plan != b.plan:
        return False  # plans number their chapters afresh: never editions across plans
    if not a.chapters or not b.chapters:
        return False
    paired = len(chapter_pairs(a.chapters, b.chapters, keys))
    return paired == min(len(a.chapters), len(b.chapters))


def edition_order(info: EditionInfo) -> tuple[str, date, str, str]:
    """Oldest first: by edition year, then by the date of the data, then by name and id."""
    return (info.edition, info.data_until or date.min, info.source_name, info.document_id)


def _one_plan(document: Document, group: list[Document]) -> bool:
    """Whether adding ``document`` keeps the group within one known plan (a document of
    unknown plan must not bridge a 6th-plan and a 7th-plan edition)."""
    plans = {d.plan for d in [document, *group] if d.plan is not None}
    return len(plans) <= 1


def report_parts(documents: Sequence[Document]) -> list[ReportPart]:
    """Group documents into report parts, each with its editions ordered oldest first; parts
    are listed per plan (plan, then chapter numbers), editions never mix two known plans."""
    groups: list[list[Document]] = []
    for document in documents:
        home = next(
            (
                g
                for g in groups
                if any(same_part(document, d) for d in g) and _one_plan(document, g)
            ),
            None,
        )
        if home is None:
            groups.append([document])
        else:
            home.append(document)
    parts = []
    for group in groups:
        editions = sorted((edition_info(d) for d in group), key=edition_order)
        named = _naming_edition(group, editions)
        key = " / ".join(f"{c.number}. {c.title}" for c in named.chapters if c.stated)
        numbers = tuple(c.number for c in named.chapters if c.stated)
        key = key or named.title
        plan = next((d.plan for d in group if d.plan is not None), None)
        parts.append(ReportPart(key, numbers, tuple(editions), plan))
    return sorted(parts, key=lambda p: (p.plan is None, p.plan or 0, p.chapters, p.key))


def _naming_edition(group: Sequence[Document], editions: Sequence[EditionInfo]) -> Document:
    """The edition a part is named after: the latest that prints its chapter headings (an
    excerpt names no chapter), else the latest."""
    by_id = {d.id: d for d in group}
    ordered = [by_id[e.document_id] for e in reversed(editions)]
    return next((d for d in ordered if all(c.stated for c in d.chapters)), ordered[0])
