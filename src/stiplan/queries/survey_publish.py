"""Publishing an accepted survey round as a new follow-up edition, and exporting it.

The new edition's report text is last year's text with every ministry's accepted answer
applied (``survey.publish``); the ordinary reader reads it, so progress, search, the
edition diff and the dashboard treat it as any ingested report. The store writes the
edition, where each answered element came from (ministry, revision, author), the round's
``published`` state and the audit entry in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from stiplan.auth.roles import SURVEY_MANAGE, Actor
from stiplan.ingest import IngestError, ReadOptions, read_bytes
from stiplan.model import Document
from stiplan.queries.accounts import audit_event, authorize, refusal_recorded
from stiplan.queries.base import QueryError
from stiplan.queries.survey import ACCEPTED, content_of, require_open, round_row
from stiplan.store import StoreInterface
from stiplan.store.survey import ProvenanceRow, RevisionRow, RoundRow
from stiplan.survey.answers import Answer, InitiativeAnswer, ObservationAnswer
from stiplan.survey.content import RoundContent, path_of, round_content
from stiplan.survey.dating import today_in_japan
from stiplan.survey.publish import PublishError, new_edition_text


@dataclass(frozen=True, slots=True)
class Published:
    """A published round: the new edition's document id and how many elements came from
    the ministries' revisions."""

    round_id: str
    document_id: str
    edition: str
    elements: int


def _accepted(store: StoreInterface, row: RoundRow) -> dict[str, RevisionRow]:
    """Each ministry's accepted revision (recorded at acceptance), or a refusal naming every
    ministry not accepted yet."""
    states = store.survey_states(row.id)
    waiting = [f"{s.ministry}（{s.state}）" for s in states if s.state != ACCEPTED]
    if waiting:
        names = "、".join(waiting)
        raise QueryError(
            f"ラウンド{row.id}には確定していない府省があります: {names}"
            f" / round {row.id} is not accepted for: {names}"
        )
    accepted = {s.ministry: s.accepted_revision for s in states}
    return {
        r.ministry: r for r in store.survey_revisions(row.id) if accepted[r.ministry] == r.number
    }


def _merged(
    content: RoundContent, accepted: dict[str, RevisionRow]
) -> tuple[dict[str, InitiativeAnswer], dict[str, ObservationAnswer], dict[str, RevisionRow]]:
    """Every answered path (only what each ministry owns) and the revision that gave it."""
    initiatives: dict[str, InitiativeAnswer] = {}
    observations: dict[str, ObservationAnswer] = {}
    origin: dict[str, RevisionRow] = {}
    owners = {r.path: r.owner for r in content.initiatives}
    owners |= {o.path: o.owner for o in content.observations}
    for ministry, revision in accepted.items():
        answer = Answer.from_json(revision.content)
        for path, given in answer.initiatives.items():
            if owners.get(path) == ministry:
                initiatives[path], origin[path] = given, revision
        for path, value in answer.observations.items():
            if owners.get(path) == ministry:
                observations[path], origin[path] = value, revision
    return initiatives, observations, origin


def _provenance(document: Document, origin: dict[str, RevisionRow]) -> list[ProvenanceRow]:
    """Provenance of each element under an answered path (initiative, items, values)."""
    rows: list[ProvenanceRow] = []
    for element_id in _element_ids(document):
        path = path_of(element_id)
        owner = origin.get(path) or origin.get(path.rsplit(".", 1)[0])
        if owner is not None:
            rows.append(
                ProvenanceRow(
                    document.id,
                    element_id,
                    owner.round_id,
                    owner.ministry,
                    owner.number,
                    owner.author,
                )
            )
    return rows


def _element_ids(document: Document) -> list[str]:
    found: list[str] = []
    for chapter in document.chapters:
        for indicator in chapter.indicators:
            found += [o.id for o in indicator.observations]
        for section in chapter.sections:
            for indicator in section.indicators:
                found += [o.id for o in indicator.observations]
            for sub in section.subsections:
                for i in sub.initiatives:
                    found += [i.id, *(s.id for s in i.status_items), *(a.id for a in i.actions)]
    return found


def edition_document(store: StoreInterface, row: RoundRow) -> Document:
    """The new edition the accepted round makes (read from its report text, not stored)."""
    source, content = content_of(store, row)
    initiatives, observations, _ = _merged(content, _accepted(store, row))
    stored = store.document(row.source_document)
    lines = [line.text for line in store.source_lines(stored.id, 1, max(stored.line_count, 1))]
    try:
        text = new_edition_text(lines, source, initiatives, observations, today_in_japan())
        options = ReadOptions(edition=row.edition, plan=source.plan)
        return read_bytes(text.encode("utf-8"), f"followup_{row.edition}_{row.id}.txt", options)
    except (PublishError, IngestError) as error:
        raise QueryError(
            f"ラウンド{row.id}は公表できません / round {row.id} cannot be published: {error}"
        ) from error


def publish_round(store: StoreInterface, actor: Actor, reference: str) -> Published:
    """Turn the accepted round into a new follow-up edition (``survey.publish``)."""
    row = round_row(store, reference)
    authorize(store, actor, SURVEY_MANAGE, audit_action="survey.publish", target=row.id)
    with refusal_recorded(store, actor, "survey.publish", row.id):
        require_open(row)
        content = content_of(store, row)[1]
        _, _, origin = _merged(content, _accepted(store, row))
        document = edition_document(store, row)
        provenance = _provenance(document, origin)
        after = {"document": document.id, "edition": row.edition, "elements": len(provenance)}
        event = audit_event(actor, "survey.publish", row.id, {"state": row.state}, after)
        result = store.publish_round(document, None, row.id, provenance, event)
        if not result.created:
            same = f"its edition would be {result.document_id} as stored"
            raise QueryError(
                f"ラウンド{row.id}を公表しても何も変わりません"
                f"（保存済みの版{result.document_id}と同じです）"
                f" / round {row.id} changes nothing: {same}"
            )
        return Published(row.id, document.id, row.edition, len(provenance))


def edition_text(store: StoreInterface, reference: str) -> tuple[str, str]:
    """The published edition's report text (re-ingesting it gives the same document) and
    a file name for it."""
    row = round_row(store, reference)
    if row.published_document is None:
        raise QueryError(
            f"ラウンド{row.id}はまだ公表されていません / round {row.id} is not published yet"
        )
    stored = store.document(row.published_document)
    lines = store.source_lines(stored.id, 1, max(stored.line_count, 1))
    return "\n".join(line.text for line in lines), stored.source_name


def survey_provenance(store: StoreInterface, document_id: str) -> list[ProvenanceRow]:
    """Where each element of a published edition came from (empty for an ingested one)."""
    return store.survey_provenance(document_id)


@dataclass(frozen=True, slots=True)
class EditionItem:
    """One status item or next step of a published edition, with where it came from."""

    element_id: str
    place: str
    commitment: str
    kind: str
    number: int
    text: str
    ministries: str
    ministry: str
    revision: int | None
    author: str


@dataclass(frozen=True, slots=True)
class EditionValue:
    """One indicator value of a published edition, with where it came from."""

    element_id: str
    place: str
    indicator: str
    label: str
    value: str
    unit: str
    period: str
    ministry: str
    revision: int | None
    author: str


def edition_rows(
    store: StoreInterface, reference: str
) -> tuple[list[EditionItem], list[EditionValue]]:
    """The published edition's items and values as flat rows (for its XLSX)."""
    row = round_row(store, reference)
    if row.published_document is None:
        raise QueryError(
            f"ラウンド{row.id}はまだ公表されていません / round {row.id} is not published yet"
        )
    document_id = row.published_document
    content = round_content(store.load_document(document_id))
    origin = {p.element_id: p for p in store.survey_provenance(document_id)}
    items: list[EditionItem] = []
    for r in content.initiatives:
        for kind, code, found in (("実施状況", "st", r.status), ("今後の取組方針", "a", r.actions)):
            for n, item in enumerate(found, start=1):
                element_id = f"{document_id}:{r.path}.{code}{n}"
                source = origin.get(element_id)
                items.append(
                    EditionItem(
                        element_id,
                        r.place,
                        r.commitment,
                        kind,
                        n,
                        item.text,
                        item.ministries,
                        r.owner,
                        source.revision if source else None,
                        source.author if source else "",
                    )
                )
    values = [
        EditionValue(
            f"{document_id}:{o.path}",
            o.place,
            o.indicator,
            o.label,
            o.value,
            o.unit,
            o.period,
            o.owner,
            *_origin(origin.get(f"{document_id}:{o.path}")),
        )
        for o in content.observations
    ]
    return items, values


def _origin(found: ProvenanceRow | None) -> tuple[int | None, str]:
    return (found.revision, found.author) if found is not None else (None, "")
