"""Progress: how far each main target and dated commitment has come (``analysis.progress``),
with the values earlier editions gave extending each target's series."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from stiplan.analysis.editions import report_parts
from stiplan.analysis.progress import (
    Assessment,
    CommitmentStatus,
    Point,
    Status,
    assess_commitments,
    assess_document,
    unit_of,
)
from stiplan.analysis.series import join_series
from stiplan.model import Document, DocumentKind, parse_section_label
from stiplan.queries.base import latest_document, require_section, resolve_document
from stiplan.store import StoreInterface


@dataclass(frozen=True, slots=True)
class Progress:
    """Target assessments and dated commitments of the documents asked for."""

    assessments: list[Assessment]
    commitments: list[CommitmentStatus]


def _in_section(element_id: str, section: str | None) -> bool:
    """``(2)`` or ``1.(2)`` against ids such as ``…:c1.s2.t3``."""
    if section is None:
        return True
    label = parse_section_label(section)
    path = element_id.split(":", 1)[-1].split(".")
    chapter, number = path[0].removeprefix("c"), path[1].removeprefix("s") if len(path) > 1 else ""
    if label is None or str(label[1]) != number:
        return False
    return label[0] is None or str(label[0]) == chapter


def progress(
    store: StoreInterface,
    section: str | None = None,
    document: str | None = None,
    plan: int | None = None,
) -> Progress:
    """Progress of every main target (and dated commitment) of the stored follow-up reports
    (those of ``plan`` if given).

    A target's series includes the values that earlier editions of the same report part gave
    for its indicators (matched edition to edition, see ``analysis.series``).
    """
    assessments: list[Assessment] = []
    commitments: list[CommitmentStatus] = []
    followups = [
        store.load_document(d.id) for d in store.documents() if d.kind is DocumentKind.FOLLOWUP
    ]
    wanted = resolve_document(store, document)
    for doc in followups:
        if (wanted is not None and doc.id != wanted) or (plan is not None and doc.plan != plan):
            continue
        history = _history(doc, followups)
        assessments += [
            a for a in assess_document(doc, history=history) if _in_section(a.target_id, section)
        ]
        commitments += [c for c in assess_commitments(doc) if _in_section(c.initiative_id, section)]
    if not assessments and not commitments:
        require_section(store, section, wanted)
    return Progress(assessments, commitments)


def document_progress(store: StoreInterface, document: str | None = None) -> Progress:
    """Progress of the targets and dated commitments of one document (latest by default)."""
    shown = latest_document(store, document)
    return Progress([], []) if shown is None else progress(store, None, shown.id)


def _history(document: Document, followups: list[Document]) -> dict[str, list[Point]]:
    """Earlier editions' values of each observation of ``document``, by its id."""
    by_id = {d.id: d for d in followups}
    for part in report_parts(followups):
        ids = [e.document_id for e in part.editions]
        if document.id not in ids:
            continue
        editions = [by_id[i] for i in ids[: ids.index(document.id) + 1]]
        history: dict[str, list[Point]] = {}
        for series in join_series(editions):
            *earlier, last = series.points
            if last.document_id == document.id:
                history[last.element_id] = [
                    Point(p.quantity.value, unit_of(p.quantity), p.period, p.element_id, p.text)
                    for p in earlier
                    if p.quantity is not None and p.period is not None
                ]
        return history
    return {}


def status_counts(progress: Progress) -> dict[str, list[tuple[str, int]]]:
    """Per section id: how many targets have each status, in the order of ``Status``."""
    counts: dict[str, Counter[str]] = {}
    for a in progress.assessments:
        counts.setdefault(a.section_id, Counter())[a.status.value] += 1
    order = [s.value for s in Status]
    return {k: sorted(c.items(), key=lambda kv: order.index(kv[0])) for k, c in counts.items()}
