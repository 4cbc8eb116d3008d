"""Hand-ins of a survey round: each ministry's workbook out, a filled workbook in (validated,
all or nothing), and answers saved from the browser. Each hand-in becomes a new ``Revision``
(the old ones are kept) and sets the ministry's state: 提出済, or 作業中 for a draft."""

from __future__ import annotations

from dataclasses import dataclass

from stiplan.auth.roles import MINISTRY_WRITE, SURVEY_MANAGE, Actor
from stiplan.queries.accounts import audit_event, authorize, now_text, refusal_recorded
from stiplan.queries.base import QueryError
from stiplan.queries.survey import (
    ACCEPTED,
    IN_PROGRESS,
    SUBMITTED,
    RevisionView,
    content_of,
    ministry_code,
    ministry_name,
    require_open,
    revision_view,
    round_row,
    state_of,
)
from stiplan.store import StoreInterface
from stiplan.store.survey import MinistryStateRow, RevisionRow, RoundRow
from stiplan.survey.answers import Answer, InitiativeAnswer, ObservationAnswer
from stiplan.survey.content import RoundContent
from stiplan.survey.layout import layout_of, signature
from stiplan.survey.validate import open_workbook, read_answer, read_stamp, workbook_refused

WEB_SOURCE = "web"


@dataclass(frozen=True, slots=True)
class WorkbookFile:
    """One ministry's workbook: the file name (``文部科学省.xlsx``) and its bytes."""

    ministry: str
    name: str
    data: bytes


def _workbook(row: RoundRow, content: RoundContent, ministry: str) -> WorkbookFile:
    name = ministry_name(ministry)
    title = f"調査ラウンド {row.id}（{row.edition}年版） {name}"
    if row.due:
        title += f" 提出期限 {row.due}"
    from stiplan.survey.workbook import workbook_bytes  # openpyxl: not needed to start the CLI

    data = workbook_bytes(layout_of(content, row.id, ministry), row.secret, title)
    return WorkbookFile(ministry, f"{name}.xlsx", data)


def workbook_for(
    store: StoreInterface, actor: Actor, reference: str, ministry: str
) -> WorkbookFile:
    """The workbook of one ministry (its own officers, or the secretariat)."""
    row = round_row(store, reference)
    code = ministry_code(ministry)
    authorize(
        store,
        actor,
        MINISTRY_WRITE,
        audit_action="survey.workbook",
        target=f"{row.id}/{code}",
        ministry=code,
    )
    state_of(store, row, code)
    return _workbook(row, content_of(store, row)[1], code)


def workbooks(store: StoreInterface, actor: Actor, reference: str) -> list[WorkbookFile]:
    """Every ministry's workbook of a round (the secretariat sends them out)."""
    row = round_row(store, reference)
    authorize(store, actor, SURVEY_MANAGE, audit_action="survey.workbooks", target=row.id)
    content = content_of(store, row)[1]
    return [_workbook(row, content, m) for m in content.ministries()]


def _check_stamp(
    row: RoundRow, content: RoundContent, data: bytes, file_name: str
) -> tuple[str, Answer]:
    """The ministry and answer of a workbook of this round, or ``WorkbookRefused``."""
    book = open_workbook(data, file_name)
    stamp = read_stamp(book, file_name)
    if stamp.round_id != row.id:
        raise workbook_refused(file_name, "other_round", found=stamp.round_id, round=row.id)
    if stamp.ministry not in content.ministries():
        raise workbook_refused(file_name, "not_in_round", ministry=stamp.ministry)
    layout = layout_of(content, row.id, stamp.ministry)
    expected = signature(row.secret, row.id, stamp.ministry, layout.digest())
    if stamp.digest != layout.digest() or stamp.signature != expected:
        raise workbook_refused(file_name, "bad_signature")
    return stamp.ministry, read_answer(book, file_name, layout)


def store_revision(
    store: StoreInterface,
    actor: Actor,
    row: RoundRow,
    ministry: str,
    answer: Answer,
    draft: bool,
    source: str,
    action: str,
) -> RevisionView:
    """Keep a checked answer as the ministry's next revision and set its state (作業中 for a
    draft, else 提出済), audited as ``action``; refused once the ministry is accepted."""
    state = state_of(store, row, ministry)
    if state.state == ACCEPTED:
        raise QueryError(
            f"{ministry}の回答はラウンド{row.id}で確定しています"
            "（先に事務局に差戻しを依頼してください）"
            f" / {ministry} is accepted (確定) in {row.id}: ask the secretariat to return it first"
        )
    stamp = now_text()
    to = IN_PROGRESS if draft else SUBMITTED
    revision = RevisionRow(row.id, ministry, 0, actor.name, stamp, draft, source, answer.to_json())
    changed = MinistryStateRow(row.id, ministry, to, "", stamp, actor.name)
    before = {"state": state.state}
    after = {"state": to, "source": source, "draft": draft}
    store.add_revision(
        revision, changed, audit_event(actor, action, f"{row.id}/{ministry}", before, after)
    )
    mine = [
        r
        for r in store.survey_revisions(row.id, ministry)
        if r.author == actor.name and r.created_at == stamp
    ]
    return revision_view(mine[-1] if mine else store.survey_revisions(row.id, ministry)[-1])


def import_workbook(
    store: StoreInterface,
    actor: Actor,
    reference: str,
    data: bytes,
    file_name: str,
    draft: bool = False,
    expected: str | None = None,
) -> RevisionView:
    """Import a filled workbook as a new revision (``survey.import``); all or nothing: any
    problem raises ``WorkbookRefused`` naming each cell, and the store is unchanged.
    ``expected``: the ministry the workbook must be of (an upload on that ministry's page)."""
    action = "survey.import"
    with refusal_recorded(store, actor, action, reference) as aimed:
        row = round_row(store, reference)
        aimed.target = row.id
        require_open(row)
        content = content_of(store, row)[1]
        ministry, answer = _check_stamp(row, content, data, file_name)
        aimed.target = f"{row.id}/{ministry}"
        if expected is not None and ministry != ministry_code(expected):
            name = ministry_name(ministry)
            raise workbook_refused(file_name, "other_ministry", name=name, expected=expected)
        authorize(
            store,
            actor,
            MINISTRY_WRITE,
            audit_action=action,
            target=aimed.target,
            ministry=ministry,
        )
        return store_revision(store, actor, row, ministry, answer, draft, file_name, action)


def latest_answer(store: StoreInterface, reference: str, ministry: str) -> Answer:
    """The ministry's latest answer, or last year's content when it has handed nothing in."""
    row = round_row(store, reference)
    code = ministry_code(ministry)
    found = store.survey_revisions(row.id, code)
    if found:
        return Answer.from_json(found[-1].content)
    return starting_answer(content_of(store, row)[1], code)


def revision_answer(store: StoreInterface, reference: str, ministry: str, number: int) -> Answer:
    """The content of one revision."""
    row = round_row(store, reference)
    for revision in store.survey_revisions(row.id, ministry_code(ministry)):
        if revision.number == number:
            return Answer.from_json(revision.content)
    raise QueryError(
        f"ラウンド{row.id}に{ministry}の第{number}版の回答はありません"
        f" / no revision {number} of {ministry} in {row.id}"
    )


def starting_answer(content: RoundContent, ministry: str) -> Answer:
    """Last year's items and values of what the ministry owns: where every answer starts."""
    initiatives = {
        r.path: InitiativeAnswer(r.status, r.actions)
        for r in content.initiatives
        if r.owner == ministry
    }
    observations = {
        o.path: ObservationAnswer(o.value, o.period) for o in content.observations_of(ministry)
    }
    return Answer(initiatives, observations)
