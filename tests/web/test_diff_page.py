"""The edition diff page: a page of the site, Japanese by default, English on the switch, each
row labelled by section and by indicator or initiative name, each side linked to its source."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from stiplan.web.i18n import DIFF_MESSAGES
from tests.conftest import FIXTURES, SAMPLES

from .conftest import Client

OLD, NEW = "followup_2024.txt", "followup_2025.txt"


def _diff(client: Client, old: str = OLD, new: str = NEW, **params: str) -> BeautifulSoup:
    response = client.get("/editions/diff", params={"old": old, "new": new, **params})
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html.parser")


def _row(soup: BeautifulSoup, label_part: str) -> Tag:
    rows = [r for r in soup.select("tr.diff-row") if label_part in r.select_one(".diff-label").text]
    assert rows, label_part
    return rows[0]


def test_the_diff_is_a_japanese_page_of_the_site(client: Client) -> None:
    soup = _diff(client, lang="ja")
    assert soup.html is not None and soup.html["lang"] == "ja"
    assert soup.select_one("nav [aria-current=page]").text == "版の比較"
    assert soup.select_one("h1").text == "2024年版 から 2025年版 への変更点"
    switch = soup.select_one(".lang-switch a")
    assert switch.text == "English" and "lang=en" in str(switch["href"])
    row = _row(soup, "研究者の職務時間に占める研究時間の割合")
    label = row.select_one(".diff-label").text
    assert label == (
        "2.(1) 挑戦的で多様な研究を支える環境の再構築 — 指標「研究者の職務時間に占める研究時間の"
        "割合」 観測値1"
    )
    assert row.select_one("code.where").text == "2.(1) ind4 o1"  # the code, kept for tracing
    assert row.select_one(".diff-what").text == "値の変更"
    assert row.select_one(".diff-change del").text == "32.9%（暫定値） @ 2023年1月末"


def test_every_change_links_to_its_source_in_both_editions(client: Client) -> None:
    soup = _diff(client, lang="ja")
    for row in soup.select("tr.diff-row"):
        sides = {s["class"][-1]: s for s in row.select(".diff-source")}
        assert sides, row.select_one(".diff-label").text
        for side in sides.values():
            link = side.select_one("a.src")
            assert re.fullmatch(r"/documents/[0-9a-f]{12}(\?page=\d+)?#L\d+(-L\d+)?", link["href"])
    changed = _row(soup, "研究者の職務時間に占める研究時間の割合")
    old_link = changed.select_one(".diff-source-old a.src")["href"]
    new_link = changed.select_one(".diff-source-new a.src")["href"]
    assert old_link != new_link and old_link.endswith("#L58") and new_link.endswith("#L58")
    added = _row(soup, "実施状況3")
    assert added.select(".diff-source-old") == [] and added.select_one(".diff-source-new")
    assert client.get(str(old_link)).status_code == 200


def test_the_english_page_says_the_same_in_english(client: Client) -> None:
    soup = _diff(client, lang="en")
    assert soup.html is not None and soup.html["lang"] == "en"
    assert soup.select_one("h1").text == "What changed from 2024 edition to 2025 edition"
    label = _row(soup, "研究者の職務時間").select_one(".diff-label").text
    assert label.endswith("indicator “研究者の職務時間に占める研究時間の割合” value 1")
    text = soup.select_one("main").text
    assert "値の変更" not in text and "変更の件数" not in text


def test_the_japanese_page_shows_no_english_phrase_of_the_diff(client: Client) -> None:
    text = _diff(client, lang="ja").select_one("main").text
    english = [en for _, en in DIFF_MESSAGES.values() if "{" not in en and " " in en]
    assert [e for e in english if e in text] == []
    assert not re.search(r"\b(changed|added|removed|edition|value|indicator)\b", text)


def test_an_empty_diff_and_documents_of_different_reports_read_well(
    client: Client, tmp_path: Path
) -> None:
    soup = _diff(client, NEW, NEW, lang="ja")
    assert soup.select_one(".diff-empty").text == "2つの版の間に違いはありません。"
    assert soup.select("tr.diff-row") == []
    path = tmp_path / "other.sqlite"
    with Store.open(path) as store:
        queries.ingest_paths(store, [FIXTURES / "followup" / "basic.txt", SAMPLES / OLD])
    other = _diff(Client(create_app(path)), "basic.txt", OLD, lang="ja")
    assert "同じ報告書の版ではありません" in other.select_one(".diff-note").text


def test_an_excerpt_names_the_sections_only_one_edition_covers(tmp_path: Path) -> None:
    path = tmp_path / "excerpt.sqlite"
    excerpt = SAMPLES / "excerpts" / "followup_2023_excerpt.txt"
    with Store.open(path) as store:
        queries.ingest_paths(store, [excerpt, SAMPLES / OLD])
    soup = _diff(Client(create_app(path)), excerpt.name, OLD, lang="ja")
    note = soup.select_one(".diff-note").text
    assert "片方の版にしか収録されていない節があります" in note and "（新版のみ）" in note
    added = [r for r in soup.select("table.diff-sections tbody tr") if "追加" in r.text]
    assert added and added[0].select_one(".badge.change-added")


def test_a_pdf_editions_changes_link_to_its_page(tmp_path: Path) -> None:
    """Against an edition read from a PDF, the new side also opens the page with the box."""
    path = tmp_path / "pdf.sqlite"
    with Store.open(path) as store:
        queries.ingest_paths(store, [SAMPLES / OLD, SAMPLES / "followup_2025.pdf"])
    client = Client(create_app(path, cache_dir=tmp_path / "cache"))
    soup = _diff(client, OLD, "followup_2025.pdf", lang="ja")
    row = _row(soup, "研究者の職務時間に占める研究時間の割合")
    assert row.select(".diff-source-old a.page-link") == []  # a text edition has no pages
    page = row.select_one(".diff-source-new a.page-link")
    assert re.fullmatch(r"p\. \d+", page.text)
    assert re.fullmatch(r"/elements/[0-9a-f]{12}:[\w.]+/source", str(page["href"]))
    assert client.get(str(page["href"])).status_code == 200


def test_a_kept_diff_page_is_the_page_rendered_afresh(samples_db: Path) -> None:
    """The app keeps the diff and the page's body per pair of stored documents, language and
    references, and the API's JSON per pair: asked again, in another language or by other
    references, it answers exactly what a fresh app answers."""
    kept = Client(create_app(samples_db))
    asks = [
        {"old": OLD, "new": NEW, "lang": "ja"},
        {"old": OLD, "new": NEW, "lang": "en"},
        {"old": OLD[:13], "new": NEW, "lang": "ja"},
        {"old": OLD, "new": NEW, "lang": "ja"},
    ]
    for params in asks:
        fresh = Client(create_app(samples_db)).get("/editions/diff", params=params)
        again = kept.get("/editions/diff", params=params)
        assert again.status_code == fresh.status_code == 200
        assert again.text == fresh.text
        api = {k: v for k, v in params.items() if k != "lang"}
        assert kept.get("/api/v1/diff", params=api).json() == fresh_json(samples_db, api)
    assert len(kept.app.state.diff_pages) == 3
    assert len(kept.app.state.diff_json) == 1  # one pair of documents, however named


def fresh_json(db: Path, params: dict[str, str]) -> object:
    return Client(create_app(db)).get("/api/v1/diff", params=params).json()


def test_a_memo_keeps_the_diff_it_computed(samples_db: Path) -> None:
    """``queries.diff`` with a memo answers what it answers without one, computed once."""
    with Store.open(samples_db, read_only=True) as store:
        memo = queries.EditionMemo()
        first = queries.diff(store, OLD, NEW, memo)
        assert first == queries.diff(store, OLD, NEW)
        assert queries.diff(store, OLD[:13], NEW, memo) is first
        assert queries.diff(store, NEW, OLD, memo) == queries.diff(store, NEW, OLD)
