"""The whole follow-up survey round on the bundled sample, on both stores: open a round from
last year's edition, write the workbooks, fill them as ministries would, import, review,
publish; the published edition differs from last year's by exactly the edits made, keeps the
author and revision of each answered element, and every step is in the audit trail."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from stiplan import queries
from stiplan.exports.survey_xlsx import edition_xlsx
from stiplan.ingest import read_bytes
from stiplan.queries import StoreInterface
from stiplan.survey.dating import today_in_japan
from tests.unit.survey.conftest import actor, last_year_id, row_of, saved, workbook_of

NEW_STATUS = "創発的研究支援事業の採択者は累計で約1,250人となった。"
ADDED_STATUS = "=あえて等号で始まる記載も文字として扱う。"
NEW_VALUE = "96.5%"


def _fill_mext(store: StoreInterface, round_id: str) -> bytes:
    """文's officer: rewrites a status item, adds one, changes a value and its period."""
    book = workbook_of(store, round_id, "文")
    sheet = book["取組"]
    first = row_of(book, "取組", "c2.s1.ss1.i1#st1")
    sheet.cell(first, 10).value = "令和6年度は約1万5,800人を支援。"
    spare = row_of(book, "取組", "c2.s1.ss1.i1#st3")
    sheet.cell(spare, 10).value = ADDED_STATUS
    sheet.cell(spare, 10).data_type = "s"
    indicators = book["指標"]
    value = row_of(book, "指標", "c2.s2.ind1.o2")
    indicators.cell(value, 8).value = NEW_VALUE
    indicators.cell(value, 9).value = "令和6年度末"
    return saved(book)


def _fill_cstp(store: StoreInterface, round_id: str) -> bytes:
    """科技's officer: rewrites the status of the initiative it leads."""
    book = workbook_of(store, round_id, "科技")
    sheet = book["取組"]
    sheet.cell(row_of(book, "取組", "c2.s1.ss1.i2#st1"), 10).value = NEW_STATUS
    return saved(book)


def test_a_round_goes_from_workbooks_to_a_published_edition(
    people: StoreInterface, round_id: str
) -> None:
    store = people
    sec = actor(store, "sec")
    status = queries.round_status(store, round_id)
    assert {m.ministry: m.state for m in status.ministries} == {"文": "未着手", "科技": "未着手"}
    assert status.round.due == "2026-06-30"

    mext = queries.import_workbook(
        store, actor(store, "mext"), round_id, _fill_mext(store, round_id), "文部科学省.xlsx"
    )
    cstp = queries.import_workbook(
        store, actor(store, "cstp"), round_id, _fill_cstp(store, round_id), "科技.xlsx"
    )
    assert (mext.number, cstp.number) == (1, 1)
    queries.return_submission(store, sec, round_id, "文", "数値の時点を確認してください")
    assert queries.round_status(store, round_id).ministries[0].state == "差戻し"
    again = queries.import_workbook(
        store, actor(store, "mext"), round_id, _fill_mext(store, round_id), "文部科学省.xlsx"
    )
    assert again.number == 2  # a re-import is a new revision; the first is kept
    assert [r.number for r in queries.survey_revisions(store, round_id, "文")] == [1, 2]
    queries.accept_submission(store, sec, round_id, "文")
    queries.accept_submission(store, sec, round_id, "科技")

    done = queries.publish_round(store, sec, round_id)
    old = last_year_id(store)
    differences = queries.differences(queries.diff(store, old, done.document_id))
    changed = {(d.code, d.new.text if d.new else "") for d in differences}
    assert changed == {
        ("status_reworded", "令和6年度は約1万5,800人を支援。"),
        ("status_added", ADDED_STATUS),
        ("status_reworded", NEW_STATUS),
        ("observation_changed", f"国立大学 {NEW_VALUE}（令和6年度末）"),
    }, changed

    published = queries.round_status(store, round_id).round
    assert published.state == "published" and published.published_document == done.document_id
    provenance = {p.element_id: p for p in queries.survey_provenance(store, done.document_id)}
    item = provenance[f"{done.document_id}:c2.s1.ss1.i1.st3"]
    assert (item.ministry, item.revision, item.author) == ("文", 2, "mext")
    assert provenance[f"{done.document_id}:c2.s1.ss1.i2.st1"].author == "cstp"
    shown = queries.element(store, f"{done.document_id}:c2.s1.ss1.i1.st3").provenance
    assert shown is not None and (shown.round_id, shown.revision) == (round_id, 2)
    assert queries.element(store, f"{old}:c2.s1.ss1.i1.st1").provenance is None

    text, _ = queries.edition_text(store, round_id)
    again_read = read_bytes(text.encode("utf-8"), "copy.txt")
    assert again_read.id == done.document_id  # re-ingesting the exported text: the same document
    # dated the day it was published, in the text too (not last year's date, or none)
    assert store.document(done.document_id).date == today_in_japan() == again_read.date

    items, values = queries.edition_rows(store, round_id)
    book = load_workbook(io.BytesIO(edition_xlsx(items, values)))
    cells = [c for row in book["取組"].iter_rows() for c in row if c.value == ADDED_STATUS]
    assert len(cells) == 1 and cells[0].data_type == "s"  # a text, never a formula
    assert any(v.value == NEW_VALUE and v.author == "mext" for v in values)

    actions = [
        (r.event.actor, r.event.action, r.event.target)
        for r in reversed(store.audit(queries.AuditFilter(action="survey."), limit=100))
    ]
    assert actions == [
        ("sec", "survey.open", round_id),
        ("mext", "survey.import", f"{round_id}/文"),
        ("cstp", "survey.import", f"{round_id}/科技"),
        ("sec", "survey.return", f"{round_id}/文"),
        ("mext", "survey.import", f"{round_id}/文"),
        ("sec", "survey.accept", f"{round_id}/文"),
        ("sec", "survey.accept", f"{round_id}/科技"),
        ("sec", "survey.publish", round_id),
    ]
