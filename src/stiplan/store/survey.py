"""The follow-up survey as the store hands it over (issue 17, ``docs/survey.md``): a round,
each ministry's review state, the revisions ministries hand in and the provenance of a
published edition's elements. Small frozen dataclasses, the same for every backend."""

from __future__ import annotations

from dataclasses import dataclass

STATES = ("未着手", "作業中", "提出済", "差戻し", "確定")
"""The review states of a ministry in a round: not started, in progress, submitted, returned,
accepted (the glossary's words, also the stored values)."""


@dataclass(frozen=True, slots=True)
class RoundRow:
    """A ``SurveyRound``: the edition it writes, the stored report it starts from, its due
    day (ISO, or None), the key that signs its workbooks, ``open`` or ``published`` (then the
    id of the edition it became)."""

    id: str
    edition: str
    source_document: str
    due: str | None
    secret: str
    state: str
    published_document: str | None
    created_at: str
    created_by: str


@dataclass(frozen=True, slots=True)
class MinistryStateRow:
    """Where one ministry stands in a round (one of ``STATES``), the last comment (why it was
    returned), who set the state when and, once accepted, the revision accepted."""

    round_id: str
    ministry: str
    state: str
    comment: str
    updated_at: str
    updated_by: str
    accepted_revision: int | None = None


@dataclass(frozen=True, slots=True)
class RevisionRow:
    """One ``Revision``: what a ministry handed in (``content``, JSON), by whom, when, from
    where (``source``: a workbook's file name or ``web``), whether as a draft. ``number``
    counts a ministry's revisions in the round from 1; the store gives it."""

    round_id: str
    ministry: str
    number: int
    author: str
    created_at: str
    draft: bool
    source: str
    content: str


@dataclass(frozen=True, slots=True)
class ProvenanceRow:
    """Which ministry's revision (and author) gave an element of a published edition."""

    document_id: str
    element_id: str
    round_id: str
    ministry: str
    revision: int
    author: str
