"""Briefings on the dashboard, in-process: programmes, the timeline, a briefing's slides,
blocks and targets, the element redirect for slides and blocks, and their JSON.

The store holds the project's samples (two follow-up editions and ``briefing_2025.txt``) and a
briefing made in code with script in its text. Expected values were read from the samples.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from .conftest import SCRIPT, Client


def page(client: Client, url: str, **params: Any) -> BeautifulSoup:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text[:500]
    assert SCRIPT not in response.text and "<b>太字</b>" not in response.text
    return BeautifulSoup(response.text, "html.parser")


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def doc_id(client: Client, source_name: str) -> str:
    (found,) = [
        d["document"]["id"]
        for d in client.get("/api/v1/documents").json()
        if d["document"]["source_name"] == source_name
    ]
    return str(found)


@pytest.fixture(scope="module")
def brief(briefing_client: Client) -> str:
    return doc_id(briefing_client, "briefing_2025.txt")


# -- /programmes --------------------------------------------------------------------------------


def _programme_row(soup: BeautifulSoup, name: str) -> Tag:
    (row,) = [r for r in soup.select("table.programmes tbody tr") if r.th and text(r.th) == name]
    return row


def test_programmes_list_where_each_is_named_and_the_followups_that_mention_it(
    briefing_client: Client, brief: str
) -> None:
    soup = page(briefing_client, "/programmes")
    row = _programme_row(soup, "創発的研究支援事業")
    mentions, links = row.select("td")[1], row.select("td")[2]
    assert "briefing_2025.txt" in text(mentions) and "followup_2025.txt" in text(mentions)
    hrefs = [a["href"] for a in mentions.select("a:not(.src)")]
    assert f"/elements/{brief}:sl3.b5" in hrefs
    assert f"/documents/{brief}#L37" in [a["href"] for a in mentions.select("a.src")]
    # linked to the initiative 2.(1) ①-2 of both follow-up editions, and to its section
    report = doc_id(briefing_client, "followup_2025.txt")
    initiative = links.select_one(f'a.initiative-link[href*="{report}:c2.s1.ss1.i2"]')
    assert initiative is not None and f"document={report}" in initiative["href"]
    sections = [a for a in links.select("a") if text(a) == "2.(1)"]
    assert len(sections) == 2 and sections[0]["href"].startswith("/sections/")


def test_programmes_can_be_limited_to_those_a_followup_mentions(
    briefing_client: Client,
) -> None:
    every = page(briefing_client, "/programmes")
    linked = page(briefing_client, "/programmes", linked_only="true")
    names = {text(r.th) for r in linked.select("table.programmes tbody tr") if r.th}
    assert names == {"創発的研究支援事業", "科学研究費助成事業"}
    assert len(every.select("table.programmes tbody tr")) > len(names)
    assert linked.select_one("#programmes-linked").has_attr("checked")


def test_programme_text_from_a_document_is_escaped(briefing_client: Client) -> None:
    soup = page(briefing_client, "/programmes", document="hostile.txt")
    row = _programme_row(soup, "戦略的イノベーション創造プログラム")
    assert SCRIPT in text(row)  # shown as text, never as markup


# -- /timeline ----------------------------------------------------------------------------------


def test_the_timeline_orders_decisions_of_all_documents_by_date(
    briefing_client: Client, brief: str
) -> None:
    soup = page(briefing_client, "/timeline")
    rows = soup.select("table.timeline tbody tr")
    dates = [r.select_one("time")["datetime"] for r in rows]
    assert dates == sorted(dates)
    sources = {text(r.select_one(".doc-name")) for r in rows}
    assert {"followup_2024.txt", "followup_2025.txt", "briefing_2025.txt"} <= sources
    (cabinet,) = [r for r in rows if "研究力強化加速戦略2025" in text(r)]
    cells = [text(td) for td in cabinet.select("td")]
    assert cells[0].startswith("令和7年6月6日") and "2025-06-06" in cells[0]
    assert cells[1] == "閣議" and cells[3] == "閣議決定"
    assert cabinet.select_one("a.src")["href"] == f"/documents/{brief}#L22"
    assert cabinet.select_one("td a")["href"] == f"/elements/{brief}:sl2.b4"


def test_the_timeline_filters_by_dates_and_document(briefing_client: Client) -> None:
    soup = page(briefing_client, "/timeline", since="2025-01-01", until="2025-04-30")
    assert [r.select_one("time")["datetime"] for r in soup.select("tbody tr")] == [
        "2024-04-01",  # 令和6年度 (a fiscal year to 2025-03-31) overlaps the stretch
        "2025-03-01",
        "2025-04-01",
        "2025-04-18",
    ]
    only = page(briefing_client, "/timeline", document="followup_2024.txt")
    assert {text(r.select_one(".doc-name")) for r in only.select("tbody tr")} == {
        "followup_2024.txt"
    }
    assert briefing_client.get("/timeline", params={"since": "yesterday"}).status_code == 400


# -- a briefing's page: slides, blocks, targets ------------------------------------------------


def test_a_briefing_page_shows_slides_and_blocks_with_their_lines(
    briefing_client: Client, brief: str
) -> None:
    soup = page(briefing_client, f"/documents/{brief}")
    slides = soup.select("article.slide")
    assert [s["id"] for s in slides] == [f"{brief}:sl{n}" for n in range(1, 7)]
    assert text(slides[4].h3).startswith("スライド 5: 予算の状況")
    bullet = soup.find(id=f"{brief}:sl3.b8")
    assert isinstance(bullet, Tag) and "block-bullet" in bullet["class"]
    assert "level-2" in bullet["class"]
    assert text(bullet.select_one(".block-text")) == "K Programによる重要技術の育成"
    assert bullet.select_one("a.src")["href"] == f"/documents/{brief}#L42"
    # the source text stays below, one anchor per line
    assert soup.find(id="L42") is not None


def test_repaired_and_garbled_blocks_say_so_with_their_warnings(
    briefing_client: Client, brief: str
) -> None:
    soup = page(briefing_client, f"/documents/{brief}")
    law = soup.find(id=f"{brief}:sl6.b4")
    assert isinstance(law, Tag)
    assert text(law.select_one(".block-text")) == "研究基盤整備推進法の一部を改正する法律"
    assert "文字化けを修復" in text(law)  # the flag, and the warning's label (not its code)
    codes = [w["data-code"] for w in law.select(".line-warning")]
    assert "letters_repaired" in codes
    assert "letters_repaired" not in text(law)
    assert law.select_one("a.src")["href"] == f"/documents/{brief}#L91-L109"
    garbled = soup.find(id=f"{brief}:sl6.b8")
    assert isinstance(garbled, Tag) and "garbled" in garbled["class"]
    assert "検索と抽出の対象外" in text(garbled) and "読めない文字" in text(garbled)
    assert "garbled_text" in [w["data-code"] for w in garbled.select(".line-warning")]


def test_a_briefing_page_lists_its_numeric_targets(briefing_client: Client, brief: str) -> None:
    soup = page(briefing_client, f"/documents/{brief}")
    rows = [[text(td) for td in r.select("td")] for r in soup.select("table.numeric-targets tr")]
    assert ["博士号取得者", "2万人", "2030年", "L53"] in rows
    assert ["研究の自動化により科学的発見の速度", "10倍に", "2050年", "L75"] in rows
    link = soup.select_one("table.numeric-targets td a")
    assert link is not None and link["href"] == f"#{brief}:sl4.b3"


def test_a_followup_page_has_no_slides(briefing_client: Client) -> None:
    soup = page(briefing_client, f"/documents/{doc_id(briefing_client, 'followup_2025.txt')}")
    assert soup.select("article.slide") == [] and soup.find(id="L1") is not None


def test_block_text_is_escaped_on_the_briefing_page(briefing_client: Client) -> None:
    soup = page(briefing_client, "/documents/hostile")
    block = soup.find(id="hostile:sl1.b3")
    assert isinstance(block, Tag) and SCRIPT in text(block)


@pytest.mark.parametrize("suffix", ["sl2", "sl3.b8", "sl6.b8"])
def test_slide_and_block_ids_redirect_to_their_anchor(
    briefing_client: Client, brief: str, suffix: str
) -> None:
    element = f"{brief}:{suffix}"
    response = briefing_client.get(f"/elements/{element}", follow_redirects=False)
    assert response.status_code == 303
    location = response.headers["location"]
    assert location == f"/documents/{brief}#{element}"
    soup = page(briefing_client, location.split("#")[0])
    assert soup.find(id=element) is not None


def test_an_unknown_block_is_404(briefing_client: Client, brief: str) -> None:
    assert briefing_client.get(f"/elements/{brief}:sl99.b1").status_code == 404


# -- JSON -----------------------------------------------------------------------------------------


def test_api_programmes_and_timeline(briefing_client: Client, brief: str) -> None:
    programmes = briefing_client.get("/api/v1/programmes", params={"linked_only": "true"}).json()
    (emergent,) = [p for p in programmes if p["name"] == "創発的研究支援事業"]
    assert emergent["kind"] == "programme"
    assert {m["source_name"] for m in emergent["mentions"]} == {
        "briefing_2025.txt",
        "followup_2024.txt",
        "followup_2025.txt",
    }
    assert {link["section_label"] for link in emergent["links"]} == {"2.(1)"}
    timeline = briefing_client.get(
        "/api/v1/timeline", params={"document": brief, "since": "2025-04-01"}
    ).json()
    assert [(d["date"]["start"], d["body"], d["action"]) for d in timeline] == [
        ("2025-04-01", "", "選定"),
        ("2025-04-18", "統合イノベーション戦略推進会議", "決定"),
        ("2025-06-06", "閣議", "閣議決定"),
    ]
    assert timeline[-1]["span"] == {"first_line": 22, "last_line": 22, "page": None, "box": None}


def test_api_briefing_targets_and_slides(briefing_client: Client, brief: str) -> None:
    targets = briefing_client.get(f"/api/v1/briefings/{brief}/targets").json()
    assert [(t["subject"], t["quantity"]["value"], t["period"]["text"]) for t in targets] == [
        ("博士号取得者", "20000", "2030年"),
        ("大学発スタートアップ", "10000", "2030年"),
        ("共用研究設備の利用件数", "3", "2030年"),
        ("研究の自動化により科学的発見の速度", "10", "2050年"),
    ]
    data = briefing_client.get(f"/api/v1/briefings/{brief}").json()
    assert len(data["slides"]) == 6 and data["document"]["kind"] == "slides"
    garbled = [b["id"] for s in data["slides"] for b in s["blocks"] if b["garbled"]]
    assert garbled == [f"{brief}:sl6.b8"]


def test_api_briefing_routes_refuse_a_followup_report(briefing_client: Client) -> None:
    for path in (
        "/api/v1/briefings/followup_2025.txt",
        "/api/v1/briefings/followup_2025.txt/targets",
    ):
        response = briefing_client.get(path)
        assert response.status_code == 404
        assert "not a briefing" in response.json()["error"]["message"]


def test_the_new_pages_are_in_the_menu_and_speak_english(briefing_client: Client) -> None:
    soup = page(briefing_client, "/timeline", lang="en")
    nav = soup.select_one("header nav")
    assert nav is not None
    assert nav.select_one("a[aria-current=page]").get_text() == "Timeline"
    assert "Programmes" in text(nav)
    assert text(soup.select_one("table.timeline thead")).startswith("Date Deciding body")


def test_the_search_page_finds_blocks_and_opens_them_at_their_anchor(
    briefing_client: Client, brief: str
) -> None:
    soup = page(briefing_client, "/search", q="K Program", type="block")
    options = [o["value"] for o in soup.select("select[name=type] option")]
    assert "block" in options and "slide" in options
    links = [a["href"] for a in soup.select("a.hit-link")]
    assert links == [f"/elements/{brief}:sl3.b8"]
    garbled = page(briefing_client, "/search", q="読み替えられない")
    assert garbled.select("a.hit-link") == []
    api = briefing_client.get("/api/v1/search", params={"q": "予算の状況", "type": "slide"})
    assert [(h["element_id"], h["type"]) for h in api.json()] == [(f"{brief}:sl5", "slide")]
