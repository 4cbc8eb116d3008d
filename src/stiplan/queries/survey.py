"""The follow-up survey round (issue 17, ``docs/survey.md``): opening a round from a stored
follow-up report, each ministry's review state, accepting and returning hand-ins.

Every write is checked (``survey.manage`` for the secretariat's steps, ``ministry.write``
within the ministry's scope for a hand-in) and written with its audit entry in one
transaction by the store. Hand-ins (workbook imports, browser edits) are in
``survey_answers``; publishing the accepted round as a new edition in ``survey_publish``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from stiplan.auth.roles import SURVEY_MANAGE, Actor, refusal
from stiplan.model import Document, DocumentKind
from stiplan.normalize.dates import PeriodError, parse_period
from stiplan.normalize.ministries import lookup
from stiplan.queries.accounts import audit_event, authorize, now_text, refusal_recorded
from stiplan.queries.base import QueryError, UnknownId, resolve_document
from stiplan.queries.ministries import resolve_ministry
from stiplan.store import StoreInterface
from stiplan.store.survey import MinistryStateRow, RevisionRow, RoundRow
from stiplan.survey.content import RoundContent, round_content

NOT_STARTED, IN_PROGRESS, SUBMITTED, RETURNED, ACCEPTED = (
    "未着手",
    "作業中",
    "提出済",
    "差戻し",
    "確定",
)
OPEN, PUBLISHED = "open", "published"


@dataclass(frozen=True, slots=True)
class RoundView:
    """A ``SurveyRound`` as shown (its secret is never shown)."""

    id: str
    edition: str
    source_document: str
    due: str | None
    state: str
    published_document: str | None
    created_at: str
    created_by: str


@dataclass(frozen=True, slots=True)
class MinistryStatus:
    """Where a ministry stands in a round, with its revisions' count."""

    ministry: str
    name: str
    state: str
    comment: str
    updated_at: str
    updated_by: str
    revisions: int
    accepted_revision: int | None = None


@dataclass(frozen=True, slots=True)
class RoundStatus:
    round: RoundView
    ministries: list[MinistryStatus]


@dataclass(frozen=True, slots=True)
class RevisionView:
    """A ``Revision`` as listed (its content is read with ``revision_answer``)."""

    round_id: str
    ministry: str
    number: int
    author: str
    created_at: str
    draft: bool
    source: str


def ministry_name(code: str) -> str:
    """The official Japanese name of a ministry code (the code itself when unknown)."""
    info = lookup(code)
    return info.name_ja if info is not None else code


def _view(row: RoundRow) -> RoundView:
    return RoundView(
        row.id,
        row.edition,
        row.source_document,
        row.due,
        row.state,
        row.published_document,
        row.created_at,
        row.created_by,
    )


def revision_view(row: RevisionRow) -> RevisionView:
    return RevisionView(
        row.round_id, row.ministry, row.number, row.author, row.created_at, row.draft, row.source
    )


def round_row(store: StoreInterface, reference: str) -> RoundRow:
    """The round an id names (``2026-1``), or the latest round of an edition (``2026``)."""
    found = store.survey_round(reference)
    if found is not None:
        return found
    of_edition = [r for r in store.survey_rounds() if r.edition == reference]
    if not of_edition:
        raise UnknownId(
            f"調査ラウンド {reference!r} はありません（一覧は stiplan survey list）"
            f" / no survey round {reference!r} (stiplan survey list)"
        )
    return of_edition[-1]


def survey_rounds(store: StoreInterface) -> list[RoundView]:
    """Every round, oldest first."""
    return [_view(r) for r in store.survey_rounds()]


def content_of(store: StoreInterface, row: RoundRow) -> tuple[Document, RoundContent]:
    """The source edition of a round and the rows the round asks about."""
    document = store.load_document(row.source_document)
    return document, round_content(document)


def due_day(text: str | None) -> str | None:
    """A due date as ISO text: ``2026-06-30``, or any date the normalisers read (``令和8年6月
    30日``; a month or year means its last day)."""
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        pass
    try:
        return parse_period(text).end.isoformat()
    except PeriodError as error:
        raise QueryError(
            f"--due {text!r} を日付として読めません（例: 2026-06-30、令和8年6月30日）"
            f" / --due {text!r}: not a date (2026-06-30, 令和8年6月30日)"
        ) from error


def open_round(
    store: StoreInterface, actor: Actor, edition: str, source: str, due: str | None = None
) -> RoundStatus:
    """Open a round for ``edition`` from a stored follow-up report: every ministry owning
    rows starts at 未着手 (``survey.open``)."""
    authorize(store, actor, SURVEY_MANAGE, audit_action="survey.open", target=edition)
    with refusal_recorded(store, actor, "survey.open", edition):
        if not edition.isdigit() or len(edition) != 4:
            raise QueryError(
                f"版 {edition!r} は年（2026など）で指定してください"
                f" / edition {edition!r}: a year such as 2026"
            )
        document_id = resolve_document(store, source)
        assert document_id is not None
        row = store.document(document_id)
        if row.kind != DocumentKind.FOLLOWUP:
            raise QueryError(
                f"{document_id} はフォローアップの報告書ではありません"
                f" / {document_id} is not a follow-up report"
            )
        if row.edition.isdigit() and int(edition) <= int(row.edition):
            raise QueryError(
                f"ラウンドで作成する版は{row.edition}より後の年にしてください"
                f"（{edition}は指定できません）"
                f" / a round writes a later edition than {row.edition}, not {edition}"
            )
        content = round_content(store.load_document(document_id))
        if not content.initiatives and not content.observations:
            raise QueryError(
                f"{document_id} には調査する取組も指標もありません"
                f" / {document_id} has no initiatives or indicators to survey"
            )
        running = [r.id for r in store.survey_rounds() if r.edition == edition and r.state == OPEN]
        if running:
            raise QueryError(
                f"{edition}年版のラウンド{running[0]}が既に実施中です"
                f" / round {running[0]} is open for {edition} already"
            )
        taken = {r.id for r in store.survey_rounds()}
        number = 1 + sum(1 for r in store.survey_rounds() if r.edition == edition)
        while f"{edition}-{number}" in taken:
            number += 1
        stamp = now_text()
        new = RoundRow(
            f"{edition}-{number}",
            edition,
            document_id,
            due_day(due),
            secrets.token_hex(32),
            OPEN,
            None,
            stamp,
            actor.name,
        )
        states = [
            MinistryStateRow(new.id, m, NOT_STARTED, "", stamp, actor.name)
            for m in content.ministries()
        ]
        after = {
            "edition": edition,
            "source": document_id,
            "due": new.due,
            "ministries": list(content.ministries()),
        }
        store.open_round(new, states, audit_event(actor, "survey.open", new.id, after=after))
        return round_status(store, new.id)


def round_status(store: StoreInterface, reference: str) -> RoundStatus:
    """The round and every ministry's state."""
    row = round_row(store, reference)
    counts: dict[str, int] = {}
    for revision in store.survey_revisions(row.id):
        counts[revision.ministry] = counts.get(revision.ministry, 0) + 1
    ministries = [
        MinistryStatus(
            s.ministry,
            ministry_name(s.ministry),
            s.state,
            s.comment,
            s.updated_at,
            s.updated_by,
            counts.get(s.ministry, 0),
            s.accepted_revision,
        )
        for s in store.survey_states(row.id)
    ]
    return RoundStatus(_view(row), ministries)


def state_of(store: StoreInterface, row: RoundRow, ministry: str) -> MinistryStateRow:
    """A ministry's state in a round; a ministry without rows in it is an unknown id."""
    for state in store.survey_states(row.id):
        if state.ministry == ministry:
            return state
    raise UnknownId(
        f"府省 {ministry!r} がラウンド{row.id}で回答する行はありません"
        f" / ministry {ministry!r} has no rows in round {row.id}"
    )


def require_open(row: RoundRow) -> None:
    if row.state != OPEN:
        raise QueryError(
            f"ラウンド{row.id}は公表済みです（{row.published_document}）"
            f" / round {row.id} is published already ({row.published_document})"
        )


def _review(
    store: StoreInterface,
    actor: Actor,
    reference: str,
    ministry: str,
    to: str,
    comment: str,
    reviewed: int | None = None,
) -> RoundStatus:
    """Accept (確定) or return (差戻し) a submitted hand-in, with its audit entry. An
    acceptance records the revision accepted: the latest, which must be ``reviewed`` when
    given (a newer hand-in since the review is refused, to be reviewed first)."""
    action = "survey.accept" if to == ACCEPTED else "survey.return"
    row = round_row(store, reference)
    authorize(store, actor, SURVEY_MANAGE, audit_action=action, target=f"{row.id}/{ministry}")
    with refusal_recorded(store, actor, action, f"{row.id}/{ministry}"):
        require_open(row)
        code = ministry_code(ministry)
        state = state_of(store, row, code)
        if state.state != SUBMITTED and not (to == RETURNED and state.state == ACCEPTED):
            raise QueryError(
                f"{code}の状態は{state.state}です（{SUBMITTED}でないため確認するものがありません）"
                f" / {code} is {state.state}, not {SUBMITTED}: nothing to review"
            )
        latest = max((r.number for r in store.survey_revisions(row.id, code)), default=None)
        if to == ACCEPTED and reviewed is not None and reviewed != latest:
            newer = f"{code} handed in revision {latest} after revision {reviewed}"
            raise QueryError(
                f"{code}は第{reviewed}版の後に第{latest}版を提出しています"
                "（新しい版を確認してください）"
                f" / {newer}: review it"
            )
        accepted = latest if to == ACCEPTED else None
        changed = MinistryStateRow(row.id, code, to, comment, now_text(), actor.name, accepted)
        before = {"state": state.state}
        after: dict[str, object] = {"state": to}
        after |= {"comment": comment} if comment else {"revision": accepted}
        event = audit_event(actor, action, f"{row.id}/{code}", before, after)
        store.set_survey_state(changed, event)
        return round_status(store, row.id)


def ministry_code(ministry: str) -> str:
    """A ministry code from a code or an official name (文 or 文部科学省)."""
    return resolve_ministry(ministry)


def accept_submission(
    store: StoreInterface,
    actor: Actor,
    reference: str,
    ministry: str,
    revision: int | None = None,
) -> RoundStatus:
    """Accept a ministry's latest revision (提出済 → 確定); ``revision``: the one reviewed,
    refused if a newer one has arrived since. Publishing uses the revision accepted."""
    return _review(store, actor, reference, ministry, ACCEPTED, "", revision)


def return_submission(
    store: StoreInterface, actor: Actor, reference: str, ministry: str, comment: str
) -> RoundStatus:
    """Return a submission for rework with a comment (提出済 or 確定 → 差戻し)."""
    if not comment.strip():
        raise QueryError(
            "差戻しには修正を求める点をコメントに記入してください"
            " / a return needs a comment saying what to change"
        )
    return _review(store, actor, reference, ministry, RETURNED, comment.strip())


def survey_revisions(
    store: StoreInterface, reference: str, ministry: str | None = None
) -> list[RevisionView]:
    """The revisions of a round (of one ministry), oldest first per ministry."""
    row = round_row(store, reference)
    code = None if ministry is None else ministry_code(ministry)
    return [revision_view(r) for r in store.survey_revisions(row.id, code)]


def round_board(store: StoreInterface, actor: Actor, reference: str) -> RoundStatus:
    """The round's board: every ministry for the secretariat, a ministry's officers see
    their own ministries only."""
    status = round_status(store, reference)
    if actor.role is None:  # the operator of a store without users; refused once users exist
        target = status.round.id
        authorize(store, actor, SURVEY_MANAGE, audit_action="survey.board", target=target)
        return status
    if refusal(actor, SURVEY_MANAGE) is None:
        return status
    own = [m for m in status.ministries if m.ministry in actor.ministries]
    return RoundStatus(status.round, own)
