"""The survey in the browser: a ministry's rows as a form (last year beside this year's
answer, with a word diff of the edits), saving a draft or submitting it, and the same page as
the secretariat reviews it. The form is checked by the code that checks an imported workbook
(``survey.form``), so both refuse the same things with the same words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from stiplan.analysis.similarity import Segment, word_diff
from stiplan.auth.roles import MINISTRY_WRITE, SURVEY_MANAGE, Actor, refusal
from stiplan.queries.accounts import authorize, refusal_recorded
from stiplan.queries.base import QueryError
from stiplan.queries.survey import (
    ACCEPTED,
    OPEN,
    RevisionView,
    RoundView,
    content_of,
    ministry_code,
    ministry_name,
    revision_view,
    round_row,
    round_status,
    state_of,
)
from stiplan.queries.survey_answers import WEB_SOURCE, latest_answer, store_revision
from stiplan.store import StoreInterface
from stiplan.survey.form import answer_fields, field_name, field_of, form_workbook
from stiplan.survey.layout import INDICATORS_SHEET, Layout, layout_of
from stiplan.survey.messages import Message
from stiplan.survey.validate import WorkbookRefused, read_answer


class FormRefused(QueryError):
    """A form with problems: ``problems`` maps each field to what is wrong with it (a
    ``Message``: ``.text(lang)``); ``fields`` are the values as posted (shown again)."""

    def __init__(
        self, problems: dict[str, Message], other: list[Message], fields: Mapping[str, str]
    ):
        super().__init__("; ".join(m.text() for m in [*problems.values(), *other]))
        self.problems = problems
        self.other = other
        self.fields = dict(fields)


@dataclass(frozen=True, slots=True)
class EditRow:
    """One row of the form: where it sits, last year's text, this year's, whether the
    ministry may edit it, and the word diff between the two."""

    key: str
    sheet: str
    place: str
    subject: str
    kind: str
    number: str
    last: tuple[str, str]
    now: tuple[str, str]
    fields: tuple[str, str]
    editable: bool
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return self.last != self.now


@dataclass(frozen=True, slots=True)
class EditPage:
    """A ministry's page of a round."""

    round: RoundView
    ministry: str
    name: str
    state: str
    comment: str
    rows: list[EditRow]
    revisions: list[RevisionView]
    may_edit: bool
    may_review: bool


def _rows(layout: Layout, fields: Mapping[str, str]) -> list[EditRow]:
    rows: list[EditRow] = []
    for spec in layout.sheets:
        for r in spec.rows:
            names = (field_name(r.key, 0), field_name(r.key, 1))
            now = (fields.get(names[0], r.start[0]), fields.get(names[1], r.start[1]))
            if spec.name == INDICATORS_SHEET:
                place, subject, kind, number = r.locked[1], r.locked[2], r.locked[3], r.locked[4]
                last = (r.locked[5], r.locked[6])
            else:
                place, subject, kind, number = r.locked[1], r.locked[2], r.locked[5], r.locked[6]
                last = (r.locked[7], r.locked[8])
            segments = word_diff(last[0], now[0]) if now[0] != last[0] else ()
            rows.append(
                EditRow(
                    r.key,
                    spec.name,
                    place,
                    subject,
                    kind,
                    number,
                    last,
                    now,
                    names,
                    r.editable,
                    segments,
                )
            )
    return rows


def edit_page(
    store: StoreInterface,
    actor: Actor,
    reference: str,
    ministry: str,
    posted: Mapping[str, str] | None = None,
) -> EditPage:
    """The page of a ministry in a round: its officers edit, the secretariat reviews.
    ``posted`` shows a refused form's values again."""
    row = round_row(store, reference)
    code = ministry_code(ministry)
    authorize(
        store,
        actor,
        MINISTRY_WRITE,
        audit_action="survey.view",
        target=f"{row.id}/{code}",
        ministry=code,
    )
    state = state_of(store, row, code)
    layout = layout_of(content_of(store, row)[1], row.id, code)
    fields = (
        dict(posted)
        if posted is not None
        else answer_fields(layout, latest_answer(store, row.id, code))
    )
    revisions = [revision_view(r) for r in store.survey_revisions(row.id, code)]
    manage = refusal(actor, SURVEY_MANAGE) is None
    editable = row.state == OPEN and state.state != ACCEPTED
    status = round_status(store, row.id).round
    return EditPage(
        status,
        code,
        ministry_name(code),
        state.state,
        state.comment,
        _rows(layout, fields),
        revisions,
        editable,
        manage and row.state == OPEN,
    )


def save_form(
    store: StoreInterface,
    actor: Actor,
    reference: str,
    ministry: str,
    fields: Mapping[str, str],
    draft: bool,
) -> RevisionView:
    """Check a posted form as a workbook is checked and keep it as a new revision
    (``survey.edit``: 作業中 for a draft, else 提出済); ``FormRefused`` names each field."""
    row = round_row(store, reference)
    code = ministry_code(ministry)
    target = f"{row.id}/{code}"
    authorize(
        store, actor, MINISTRY_WRITE, audit_action="survey.edit", target=target, ministry=code
    )
    with refusal_recorded(store, actor, "survey.edit", target):
        if row.state != OPEN:
            raise QueryError(
                f"ラウンド{row.id}は公表済みです / round {row.id} is published already"
            )
        layout = layout_of(content_of(store, row)[1], row.id, code)
        try:
            answer = read_answer(form_workbook(layout, fields), WEB_SOURCE, layout)
        except WorkbookRefused as refused:
            problems: dict[str, Message] = {}
            other: list[Message] = []
            for problem in refused.problems:
                name = field_of(layout, problem)
                if name is None:
                    other.append(problem.message)
                else:
                    problems.setdefault(name, problem.message)
            raise FormRefused(problems, other, fields) from refused
        return store_revision(store, actor, row, code, answer, draft, WEB_SOURCE, "survey.edit")
