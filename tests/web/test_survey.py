"""The survey's web pages (issue 17), in-process with a cookie-keeping client: a ministry
officer edits and submits in the form, the same validation as a workbook import refuses bad
entries field by field, uploads go through the workbook checks, the secretariat's board and
review; CSRF and role refusals; user text always escaped; no English in the Japanese pages."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI
from openpyxl import load_workbook

from stiplan import queries
from stiplan.queries import Actor
from stiplan.store import Store
from stiplan.web import create_app
from stiplan.web.i18n import MESSAGES
from tests.conftest import SAMPLES
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)
from tests.web.test_auth import PASSWORD, Browser

ROUND = "2026-1"
PAGE = f"/survey/{ROUND}/文"


@pytest.fixture
def survey_db(tmp_path: Path) -> Path:
    path = tmp_path / "survey.sqlite"
    with Store.open(path) as store:
        queries.add_user(store, Actor("operator"), "root", "admin", [], PASSWORD)
        root = queries.actor_of(store, "root")
        queries.add_user(store, root, "sec", "secretariat", [], PASSWORD)
        queries.add_user(store, root, "mext", "ministry", ["文"], PASSWORD)
        queries.add_user(store, root, "cstp", "ministry", ["科技"], PASSWORD)
        queries.ingest_paths(store, [SAMPLES / "followup_2024.txt"])
        sec = queries.actor_of(store, "sec")
        queries.open_round(store, sec, "2026", store.documents()[0].id, "2026-06-30")
    return path


@pytest.fixture
def survey_app(survey_db: Path) -> Iterator[FastAPI]:
    app = create_app(survey_db)
    yield app
    app.state.auth.writer.close()


def _signed_in(app: FastAPI, name: str) -> Browser:
    browser = Browser(app)
    assert browser.login(name).status_code == 303
    return browser


def _form(browser: Browser, url: str = PAGE) -> dict[str, str]:
    """The edit form's fields as the page fills them (what a browser would post)."""
    soup = BeautifulSoup(browser.get(url).text, "html.parser")
    form = soup.find("form", id="survey-edit")
    assert form is not None
    fields: dict[str, str] = {}
    for element in form.find_all(["input", "textarea"]):
        name = element.get("name")
        if name:
            fields[name] = element.text if element.name == "textarea" else element.get("value", "")
    return fields


def _revisions(path: Path) -> list[queries.RevisionView]:
    with Store.open(path, read_only=True) as store:
        return queries.survey_revisions(store, ROUND)


def _trail(path: Path, action: str) -> list[queries.AuditRow]:
    with Store.open(path, read_only=True) as store:
        return store.audit(queries.AuditFilter(action=action), limit=100)


def test_a_ministry_officer_edits_sees_the_diff_and_submits(
    survey_app: FastAPI, survey_db: Path
) -> None:
    browser = _signed_in(survey_app, "mext")
    fields = _form(browser)
    fields["c2.s1.ss1.i1#st1|t"] = "令和6年度は約1万5,800人を支援。"
    draft = browser.post(PAGE + "/save", {**fields, "submit": "draft"})
    assert draft.status_code == 303 and draft.headers["location"].endswith("saved=draft")
    page = browser.get(draft.headers["location"])
    assert "下書きを保存しました" in page.text and "作業中" in page.text
    assert "<ins>" in page.text  # the edit shown as a word diff against last year
    submitted = browser.post(PAGE + "/save", {**_form(browser), "submit": "submit"})
    assert submitted.status_code == 303
    assert [(r.number, r.draft, r.source) for r in _revisions(survey_db)] == [
        (1, True, "web"),
        (2, False, "web"),
    ]
    assert [r.event.actor for r in _trail(survey_db, "survey.edit")] == ["mext", "mext"]


def test_the_form_is_validated_like_a_workbook_field_by_field(
    survey_app: FastAPI, survey_db: Path
) -> None:
    browser = _signed_in(survey_app, "mext")
    fields = _form(browser)
    fields["c2.s2.ind1.o2|m"] = "去年"
    fields["c2.s1.ss1.i1#a1|m"] = "*文、謎"
    page = browser.post(PAGE + "/save", {**fields, "submit": "submit"})
    assert page.status_code == 422
    assert "時点「去年」を日付として読めません" in page.text
    assert "府省略称「謎」は府省の一覧にありません" in page.text
    assert page.text.count('aria-invalid="true"') == 2
    english = browser.post(PAGE + "/save?lang=en", {**fields, "submit": "submit"})
    assert "The period “去年” cannot be read as a date" in english.text
    assert _revisions(survey_db) == []


def test_user_text_is_escaped_everywhere(survey_app: FastAPI, survey_db: Path) -> None:
    browser = _signed_in(survey_app, "mext")
    fields = _form(browser)
    fields["c2.s1.ss1.i1#st1|t"] = "<script>alert(1)</script>と&amp;"
    assert browser.post(PAGE + "/save", {**fields, "submit": "draft"}).status_code == 303
    page = browser.get(PAGE).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_writes_need_the_csrf_token_and_the_right_role_and_scope(
    survey_app: FastAPI, survey_db: Path
) -> None:
    browser = _signed_in(survey_app, "mext")
    fields = _form(browser)
    without = {k: v for k, v in fields.items() if k != "csrf_token"}
    assert browser.post(PAGE + "/save", {**without, "submit": "submit"}).status_code == 403
    other = f"/survey/{ROUND}/科技"
    token = browser.token(PAGE)
    assert browser.post(other + "/save", {"csrf_token": token}).status_code == 403
    assert browser.post(PAGE + "/accept", {"csrf_token": token}).status_code == 403
    assert browser.get(other).status_code == 403
    assert _revisions(survey_db) == []
    refused = _trail(survey_db, "survey_save") + _trail(survey_db, "survey_accept")
    assert {r.event.outcome for r in refused} == {"refused"}
    anonymous = Browser(survey_app)
    assert anonymous.get(PAGE).status_code == 401


def test_the_secretariat_reviews_from_the_board(survey_app: FastAPI, survey_db: Path) -> None:
    mext = _signed_in(survey_app, "mext")
    assert mext.post(PAGE + "/save", {**_form(mext), "submit": "submit"}).status_code == 303
    sec = _signed_in(survey_app, "sec")
    board = sec.get(f"/survey/{ROUND}")
    assert board.status_code == 200
    assert "提出済" in board.text and "未着手" in board.text
    assert "2026年6月30日（令和8年）" in board.text  # the due date in both calendars
    assert "確定する" in sec.get(PAGE).text
    token = sec.token(PAGE)
    returned = sec.post(PAGE + "/return", {"csrf_token": token, "comment": "時点を確認"})
    assert returned.status_code == 303
    assert "時点を確認" in mext.get(PAGE).text
    assert mext.post(PAGE + "/save", {**_form(mext), "submit": "submit"}).status_code == 303
    assert sec.post(PAGE + "/accept", {"csrf_token": sec.token(PAGE)}).status_code == 303
    assert "確定" in sec.get(f"/survey/{ROUND}").text
    assert "確定済み" in mext.get(PAGE).text  # no more edits
    actions = [r.event.action for r in reversed(_trail(survey_db, "survey."))]
    assert actions[-3:] == ["survey.return", "survey.edit", "survey.accept"]


def test_workbook_download_and_upload(survey_app: FastAPI, survey_db: Path) -> None:
    mext = _signed_in(survey_app, "mext")
    download = mext.get(PAGE + "/workbook.xlsx")
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(download.content))
    book["取組"]["J2"] = "=1+1"
    bad = io.BytesIO()
    book.save(bad)
    token = mext.token(PAGE)
    files = {"workbook": ("文部科学省.xlsx", bad.getvalue(), "application/octet-stream")}
    refused = mext.post(PAGE + "/upload", {"csrf_token": token}, files=files)
    assert (
        refused.status_code == 422 and "文部科学省.xlsx 取組!J2: 数式は使えません" in refused.text
    )
    files = {"workbook": ("文部科学省.xlsx", download.content, "application/octet-stream")}
    assert mext.post(PAGE + "/upload", {"csrf_token": token}, files=files).status_code == 303
    assert [r.source for r in _revisions(survey_db)] == ["文部科学省.xlsx"]
    sec = _signed_in(survey_app, "sec")
    theirs = sec.get(f"/survey/{ROUND}/科技/workbook.xlsx").content
    files = {"workbook": ("科技.xlsx", theirs, "application/octet-stream")}
    wrong = sec.post(PAGE + "/upload", {"csrf_token": sec.token(PAGE)}, files=files)
    assert wrong.status_code == 422 and "の調査票です" in wrong.text


def _english(text: str) -> list[str]:
    phrases = {en for _, en in MESSAGES.values() if " " in en and "{" not in en and len(en) > 8}
    visible = re.sub(r"<[^>]+>", " ", text)
    return sorted(p for p in phrases if p in visible)


@pytest.mark.parametrize("who", ["mext", "sec"])
def test_survey_pages_show_no_english_in_japanese_and_switch_to_english(
    survey_app: FastAPI, who: str
) -> None:
    browser = _signed_in(survey_app, who)
    for url in ("/survey", f"/survey/{ROUND}", PAGE):
        page = browser.get(url, params={"lang": "ja"})
        assert page.status_code == 200, url
        assert not _english(page.text), (url, _english(page.text))
    english = browser.get(PAGE, params={"lang": "en"})
    assert "Save draft (in progress)" in english.text
    assert "Next step" in english.text and "今後の取組方針" not in english.text


def test_the_published_round_is_an_edition_like_any_other(
    survey_app: FastAPI, survey_db: Path
) -> None:
    mext = _signed_in(survey_app, "mext")
    fields = _form(mext)
    fields["c2.s1.ss1.i1#st1|t"] = "量子技術の人材を新たに育成した。"
    assert mext.post(PAGE + "/save", {**fields, "submit": "submit"}).status_code == 303
    sec = _signed_in(survey_app, "sec")
    refused = sec.post(f"/survey/{ROUND}/publish", {"csrf_token": sec.token(f"/survey/{ROUND}")})
    assert refused.status_code == 409 and "科技（未着手）" in refused.text
    with Store.open(survey_db) as store:
        cstp = queries.actor_of(store, "cstp")
        data = queries.workbook_for(store, cstp, ROUND, "科技").data
        queries.import_workbook(store, cstp, ROUND, data, "科技.xlsx")
    for ministry in ("文", "科技"):
        url = f"/survey/{ROUND}/{ministry}/accept"
        assert sec.post(url, {"csrf_token": sec.token(PAGE)}).status_code == 303
    token = sec.token(f"/survey/{ROUND}")
    assert sec.post(f"/survey/{ROUND}/publish", {"csrf_token": token}).status_code == 303
    with Store.open(survey_db, read_only=True) as store:
        published = queries.round_status(store, ROUND).round.published_document
    assert published is not None
    assert published in sec.get(f"/survey/{ROUND}").text
    reader = Browser(survey_app)
    assert reader.get(f"/documents/{published}").status_code == 200
    found = reader.get("/search", params={"q": "量子技術の人材"})
    assert found.status_code == 200 and published in found.text
    assert reader.get("/editions").status_code == 200
    # the refused publish (a round not accepted yet) is in the trail with its reason, then the
    # publish itself
    publishes = _trail(survey_db, "survey.publish")
    outcomes = [(r.event.actor, r.event.outcome) for r in reversed(publishes)]
    assert outcomes == [("sec", "refused"), ("sec", "ok")]
    assert "科技（未着手）" in publishes[-1].event.reason
