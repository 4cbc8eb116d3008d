"""A workbook is imported whole or not at all: every tampering is refused with the file,
sheet and cell at fault, and the store is left as it was (no revision, no state change)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest
from openpyxl.workbook.workbook import Workbook

from stiplan import queries
from stiplan.queries import StoreInterface
from tests.unit.survey.conftest import actor, last_year_id, row_of, saved, workbook_of

NAME = "文部科学省.xlsx"
Tamper = Callable[[Workbook, Workbook], None]
"""Changes 文's workbook (the first), given 科技's (the second)."""


def _refused(store: StoreInterface, round_id: str, data: bytes, name: str = NAME) -> list[str]:
    with pytest.raises(queries.WorkbookRefused) as refused:
        queries.import_workbook(store, actor(store, "mext"), round_id, data, name)
    assert queries.survey_revisions(store, round_id) == []
    states = {m.ministry: m.state for m in queries.round_status(store, round_id).ministries}
    assert states["文"] == "未着手"
    return refused.value.errors


def _changed_id(book: Workbook, theirs: Workbook) -> None:
    book["取組"]["A2"] = "c2.s1.ss1.i9#st1"


def _other_ministrys_row(book: Workbook, theirs: Workbook) -> None:
    # the first row of 科技's own initiative i2, pasted over 文's first row
    row = row_of(theirs, "取組", "c2.s1.ss1.i2#st1")
    for column in range(1, 12):
        book["取組"].cell(2, column).value = theirs["取組"].cell(row, column).value


def _added_row(book: Workbook, theirs: Workbook) -> None:
    sheet = book["取組"]
    sheet.cell(sheet.max_row + 1, 10).value = "一行足した記載"


def _deleted_row(book: Workbook, theirs: Workbook) -> None:
    book["取組"].delete_rows(3)


def _formula(book: Workbook, theirs: Workbook) -> None:
    book["取組"]["J2"] = '=HYPERLINK("http://example.com")'


def _locked_cell(book: Workbook, theirs: Workbook) -> None:
    book["取組"]["C2"] = "取組の文言を書き換えた"


@pytest.mark.parametrize(
    ("tamper", "expected"),
    [
        (_changed_id, f"{NAME} 取組!A2: 行IDは「c2.s1.ss1.i1#st1」のはずです"),
        (_other_ministrys_row, f"{NAME} 取組!A2: 行IDは「c2.s1.ss1.i1#st1」のはずです"),
        (_added_row, f"{NAME} 取組!J77: 行が追加されています"),
        (_deleted_row, f"{NAME} 取組!A3: 行IDは「c2.s1.ss1.i1#st2」のはずです"),
        (_formula, f"{NAME} 取組!J2: 数式は使えません"),
        (_locked_cell, f"{NAME} 取組!C2: 変更できないセルです"),
    ],
    ids=["changed-id", "other-ministry-row", "added-row", "deleted-row", "formula", "locked"],
)
def test_tampered_workbooks_are_refused_cell_by_cell(
    people: StoreInterface, round_id: str, tamper: Tamper, expected: str
) -> None:
    book = workbook_of(people, round_id, "文")
    tamper(book, workbook_of(people, round_id, "科技"))
    errors = _refused(people, round_id, saved(book))
    assert any(e.startswith(expected) for e in errors), errors


def test_unreadable_values_periods_and_empty_required_cells_name_their_cells(
    people: StoreInterface, round_id: str
) -> None:
    book = workbook_of(people, round_id, "文")
    value = row_of(book, "指標", "c2.s2.ind1.o2")
    book["指標"].cell(value, 8).value = "たくさん"
    book["指標"].cell(value, 9).value = "去年"
    for key in ("c2.s1.ss1.i1#st1", "c2.s1.ss1.i1#st2"):
        book["取組"].cell(row_of(book, "取組", key), 10).value = None
    book["取組"].cell(row_of(book, "取組", "c2.s1.ss1.i1#a1"), 11).value = "*文、謎"
    errors = _refused(people, round_id, saved(book))
    first = row_of(book, "取組", "c2.s1.ss1.i1#st1")
    action = row_of(book, "取組", "c2.s1.ss1.i1#a1")
    assert any(e.startswith(f"{NAME} 指標!H{value}: 値「たくさん」") for e in errors), errors
    assert any(e.startswith(f"{NAME} 指標!I{value}: 時点「去年」") for e in errors), errors
    assert any(e.startswith(f"{NAME} 取組!J{first}: 記入してください") for e in errors), errors
    assert any(e.startswith(f"{NAME} 取組!K{action}: 府省略称「謎」") for e in errors), errors


def test_formula_and_locked_cell_problems_are_listed_with_the_content_problems(
    people: StoreInterface, round_id: str
) -> None:
    # QA: a formula in 取組!J2 hid a bad value in 指標: reading stopped after the layout checks
    book = workbook_of(people, round_id, "文")
    book["取組"]["J2"] = '=HYPERLINK("http://example.com")'
    book["取組"]["C3"] = "取組の文言を書き換えた"
    value = row_of(book, "指標", "c2.s2.ind1.o2")
    book["指標"].cell(value, 8).value = "たくさん"
    action = row_of(book, "取組", "c2.s1.ss1.i1#a1")
    book["取組"].cell(action, 11).value = "*文、謎"
    errors = _refused(people, round_id, saved(book))
    assert any(e.startswith(f"{NAME} 取組!J2: 数式は使えません") for e in errors), errors
    assert any(e.startswith(f"{NAME} 取組!C3: 変更できないセルです") for e in errors), errors
    assert any(e.startswith(f"{NAME} 指標!H{value}: 値「たくさん」") for e in errors), errors
    assert any(e.startswith(f"{NAME} 取組!K{action}: 府省略称「謎」") for e in errors), errors
    # the formula cell is named once, as a formula, and filled in (not 記入してください)
    assert [e for e in errors if " 取組!J2:" in e] == [e for e in errors if "数式" in e], errors


def test_a_moved_row_is_named_once_and_the_other_rows_are_still_read(
    people: StoreInterface, round_id: str
) -> None:
    book = workbook_of(people, round_id, "文")
    book["取組"].delete_rows(row_of(book, "取組", "c2.s1.ss1.i1#st2"))
    value = row_of(book, "指標", "c2.s2.ind1.o2")
    book["指標"].cell(value, 9).value = "去年"
    errors = _refused(people, round_id, saved(book))
    assert any(e.startswith(f"{NAME} 指標!I{value}: 時点「去年」") for e in errors), errors
    # rows after the deleted one are out of place: named by their id, their cells not read
    assert not any("記入してください" in e for e in errors), errors


def test_values_are_read_with_the_projects_normalisers(
    people: StoreInterface, round_id: str
) -> None:
    book = workbook_of(people, round_id, "文")
    row = row_of(book, "指標", "c2.ind2.o1")
    book["指標"].cell(row, 8).value = "4兆2,050億円"  # 万/億/兆
    book["指標"].cell(row, 9).value = "令和5年度"  # 和暦 and 年度
    book["指標"].cell(row_of(book, "指標", "c2.ind2.o2"), 8).value = "16兆人"  # wrong unit
    errors = _refused(people, round_id, saved(book))
    assert len(errors) == 1 and "単位が昨年度（円）と異なります" in errors[0], errors


def test_a_macro_book_and_bytes_that_are_not_xlsx_are_refused(
    people: StoreInterface, round_id: str
) -> None:
    data = saved(workbook_of(people, round_id, "文"))
    assert "マクロ付きブック" in _refused(people, round_id, data, "文部科学省.xlsm")[0]
    with_macro = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(with_macro, "w") as out:
        for info in source.infolist():
            out.writestr(info, source.read(info))
        out.writestr("xl/vbaProject.bin", b"\x00macro")
    assert "vbaProject" in _refused(people, round_id, with_macro.getvalue())[0]
    assert "XLSX ファイルではありません" in _refused(people, round_id, b"name,value\n")[0]


def test_a_workbook_of_another_round_or_with_a_forged_signature_is_refused(
    people: StoreInterface, round_id: str
) -> None:
    sec = actor(people, "sec")
    other = queries.open_round(people, sec, "2027", last_year_id(people)).round.id
    foreign = saved(workbook_of(people, other, "文"))
    assert f"ラウンド {other} の調査票です" in _refused(people, round_id, foreign)[0]
    forged = workbook_of(people, round_id, "科技")
    forged["署名"]["B2"] = "文"  # claim to be 文's workbook
    assert "署名が一致しません" in _refused(people, round_id, saved(forged))[0]


def test_texts_that_look_like_formulas_are_kept_as_text(
    people: StoreInterface, round_id: str
) -> None:
    book = workbook_of(people, round_id, "文")
    texts = ["=SUM(A1)と書いた計画", "+5件の増加", "-3件の減少", "@研究者の声"]
    for n, text in enumerate(texts, start=1):
        cell = book["取組"].cell(row_of(book, "取組", f"c2.s1.ss1.i1#st{n}"), 10)
        cell.value = text
        cell.data_type = "s"
    queries.import_workbook(people, actor(people, "mext"), round_id, saved(book), NAME)
    answer = queries.latest_answer(people, round_id, "文")
    assert [i.text for i in answer.initiatives["c2.s1.ss1.i1"].status] == texts


def test_roles_and_scopes_are_checked_and_refusals_audited(
    people: StoreInterface, round_id: str
) -> None:
    theirs = saved(workbook_of(people, round_id, "科技"))
    with pytest.raises(queries.Refused, match="outside the scope"):
        queries.import_workbook(people, actor(people, "mext"), round_id, theirs, "科技.xlsx")
    with pytest.raises(queries.Refused):
        queries.accept_submission(people, actor(people, "mext"), round_id, "文")
    with pytest.raises(queries.Refused):
        queries.open_round(people, actor(people, "meti"), "2027", last_year_id(people))
    with pytest.raises(queries.QueryError, match=f"round {round_id} is open for 2026 already"):
        queries.open_round(people, actor(people, "sec"), "2026", last_year_id(people))
    with pytest.raises(queries.QueryError, match="later edition than 2024"):
        queries.open_round(people, actor(people, "sec"), "2024", last_year_id(people))
    refused = people.audit(queries.AuditFilter(outcome="refused"), limit=10)
    assert refused[-1].event.target == f"{round_id}/科技"  # as a success would name it
    assert [(r.event.action, r.event.actor) for r in reversed(refused)] == [
        ("survey.import", "mext"),
        ("survey.accept", "mext"),
        ("survey.open", "meti"),
        ("survey.open", "sec"),  # refused for what it asks, not who asks: recorded too
        ("survey.open", "sec"),
    ]
    assert "later edition than 2024" in refused[0].event.reason
    assert queries.survey_revisions(people, round_id) == []


def test_a_write_refused_for_what_it_asks_is_in_the_trail_with_its_reason(
    people: StoreInterface, round_id: str
) -> None:
    book = workbook_of(people, round_id, "文")
    _formula(book, workbook_of(people, round_id, "科技"))
    _refused(people, round_id, saved(book))
    with pytest.raises(queries.QueryError, match="not accepted"):
        queries.publish_round(people, actor(people, "sec"), round_id)
    refused = people.audit(queries.AuditFilter(outcome="refused"), limit=10)
    assert [(r.event.action, r.event.target) for r in reversed(refused)] == [
        ("survey.import", round_id),
        ("survey.publish", round_id),
    ]
    imported, published = reversed(refused)
    assert f"{NAME} 取組!" in imported.event.reason and "数式" in imported.event.reason
    assert "\n" not in imported.event.reason and len(imported.event.reason) <= 500
    assert "文（未着手）" in published.event.reason


def test_publish_names_the_ministries_not_accepted_and_an_accepted_one_cannot_hand_in(
    people: StoreInterface, round_id: str
) -> None:
    sec = actor(people, "sec")
    data = saved(workbook_of(people, round_id, "文"))
    queries.import_workbook(people, actor(people, "mext"), round_id, data, NAME)
    queries.accept_submission(people, sec, round_id, "文")
    with pytest.raises(queries.QueryError, match="科技（未着手）"):
        queries.publish_round(people, sec, round_id)
    with pytest.raises(queries.QueryError, match="accepted"):
        queries.import_workbook(people, actor(people, "mext"), round_id, data, NAME)
    assert len(queries.survey_revisions(people, round_id)) == 1


def test_an_acceptance_is_of_the_revision_reviewed(people: StoreInterface, round_id: str) -> None:
    sec, mext = actor(people, "sec"), actor(people, "mext")
    data = saved(workbook_of(people, round_id, "文"))
    queries.import_workbook(people, mext, round_id, data, NAME)
    queries.import_workbook(people, mext, round_id, data, NAME)  # while revision 1 is reviewed
    with pytest.raises(queries.QueryError, match="handed in revision 2 after revision 1"):
        queries.accept_submission(people, sec, round_id, "文", revision=1)
    status = queries.accept_submission(people, sec, round_id, "文", revision=2)
    accepted = {m.ministry: m.accepted_revision for m in status.ministries}
    assert accepted == {"文": 2, "科技": None}


def test_a_refusal_names_the_round_and_ministry_as_a_success_would(
    people: StoreInterface, round_id: str
) -> None:
    """A round given by its edition is named by its id in the trail, and once the workbook's
    ministry is read, by ``round/ministry``, whatever refused the import."""
    theirs = saved(workbook_of(people, round_id, "科技"))
    edition = round_id.split("-")[0]
    with pytest.raises(queries.WorkbookRefused):
        queries.import_workbook(
            people, actor(people, "sec"), edition, theirs, "科技.xlsx", expected="文"
        )
    book = workbook_of(people, round_id, "文")
    _formula(book, workbook_of(people, round_id, "科技"))
    with pytest.raises(queries.WorkbookRefused):
        queries.import_workbook(people, actor(people, "mext"), edition, saved(book), NAME)
    refused = people.audit(queries.AuditFilter(outcome="refused"), limit=10)
    assert [r.event.target for r in reversed(refused)] == [f"{round_id}/科技", round_id]
