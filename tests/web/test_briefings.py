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

BRIEFING_TITLE = "「研究力強化加速戦略2025」について"
# The sample follow-ups state no title: they are named by their chapter.
FOLLOWUP_TITLE = "2. 知のフロンティアを開拓し価値創造の源泉となる研究力の強化"


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


def _programme_rows(soup: BeautifulSoup, name: str) -> list[Tag]:
    return [
        r
        for r in soup.select("table.programmes tbody tr")
        if r.th and text(r.th).split(" （")[0] == name
    ]


def test_programmes_list_each_place_once_named_by_its_title(
    briefing_client: Client, brief: str
) -> None:
    soup = page(briefing_client, "/programmes")
    rows = _programme_rows(soup, "創発的研究支援事業")
    places = [(text(r.select_one(".doc-name")), text(r.select_one("a.src"))) for r in rows]
    assert len(places) == len(set(places))  # each place once
    assert {name for name, _ in places} == {
        "briefing_2025.txt",
        "followup_2024.txt",
        "followup_2025.txt",
    }
    (slide,) = [r for r in rows if text(r.select_one(".doc-name")) == "briefing_2025.txt"]
    place = slide.select_one("a.place")
    assert place["href"] == f"/elements/{brief}:sl3.b5"
    assert text(place) == "主な施策"  # the slide's title, not its id
    assert slide.select_one("a.src")["href"] == f"/documents/{brief}#L37"
    report = [r for r in rows if text(r.select_one(".doc-name")) == "followup_2025.txt"]
    assert [text(r.select_one("a.place")) for r in report] == ["若手研究者の自立と挑戦の支援"]
    assert "（3）" in text(slide.th)  # named in three documents


def test_programmes_can_be_limited_to_those_a_followup_mentions(
    briefing_client: Client,
) -> None:
    every = page(briefing_client, "/programmes")
    linked = page(briefing_client, "/programmes", linked_only="true")
    names = {text(r.th).split(" （")[0] for r in linked.select("table.programmes tbody tr")}
    assert names == {"創発的研究支援事業", "科学研究費助成事業"}
    assert len(every.select("table.programmes tbody tr")) > len(names)
    assert linked.select_one("#programmes-linked").has_attr("checked")
    following = linked.select_one("a[rel=next]")
    assert following is None or "linked_only=true" in following["href"]


def test_programme_text_from_a_document_is_escaped(briefing_client: Client) -> None:
    soup = page(briefing_client, "/programmes", document="hostile.txt")
    (row,) = _programme_rows(soup, "戦略的イノベーション創造プログラム")
    assert SCRIPT in text(row)  # shown as text, never as markup


def test_programmes_are_paged_with_links_and_a_total(briefing_client: Client) -> None:
    first = page(briefing_client, "/programmes", per_page=5)
    second = page(briefing_client, "/programmes", per_page=5, page=2)
    total = briefing_client.get("/api/v1/programmes", params={"per_page": 200}).json()
    assert first.select_one(".page-status") is not None
    assert f"· {total['paging']['total']} 件" in text(first.select_one(".page-status"))
    rows_of = [[text(r) for r in p.select("table.programmes tbody tr")] for p in (first, second)]
    assert len(rows_of[0]) == len(rows_of[1]) == 5 and not set(rows_of[0]) & set(rows_of[1])
    assert first.select_one("a[rel=next]")["href"] == "/programmes?page=2&per_page=5"
    assert second.select_one("a[rel=prev]")["href"] == "/programmes?per_page=5"
    assert first.select_one("a[rel=prev]") is None


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
    titles = {text(t) for r in rows for t in r.select(".doc-title")}
    assert {FOLLOWUP_TITLE, BRIEFING_TITLE} <= titles  # documents named by title, file beside
    (cabinet,) = [r for r in rows if text(r.select("td")[2]) == "研究力強化加速戦略2025"]
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
    older = doc_id(briefing_client, "followup_2024.txt")
    assert {text(r.select_one(".doc-title")) for r in only.select("tbody tr")} == {FOLLOWUP_TITLE}
    sources = {str(r.select_one("a.src")["href"]).split("#")[0] for r in only.select("tbody tr")}
    assert sources == {f"/documents/{older}"}  # the 2024 edition's lines, not the 2025's
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
    assert programmes["paging"] == {"page": 1, "per_page": 50, "total": 6, "pages": 1}
    emergent = [p for p in programmes["rows"] if p["name"] == "創発的研究支援事業"]
    assert {p["kind"] for p in emergent} == {"programme"}
    assert {p["source_name"] for p in emergent} == {
        "briefing_2025.txt",
        "followup_2024.txt",
        "followup_2025.txt",
    }
    timeline = briefing_client.get(
        "/api/v1/timeline", params={"document": brief, "since": "2025-04-01"}
    ).json()
    assert timeline["paging"]["total"] == 3
    rows = timeline["rows"]
    assert [(d["date"]["start"], d["body"], d["action"]) for d in rows] == [
        ("2025-04-01", "", "選定"),
        ("2025-04-18", "統合イノベーション戦略推進会議", "決定"),
        ("2025-06-06", "閣議", "閣議決定"),
    ]
    (source,) = rows[-1]["sources"]
    assert source["span"] == {"first_line": 22, "last_line": 22, "page": None, "box": None}
    assert rows[-1]["source_count"] == 1


def test_the_timeline_api_pages_through_every_decision(briefing_client: Client) -> None:
    whole = briefing_client.get("/api/v1/timeline", params={"per_page": 200}).json()
    pages = [
        briefing_client.get("/api/v1/timeline", params={"per_page": 5, "page": n}).json()
        for n in (1, 2)
    ]
    assert [p["paging"]["total"] for p in pages] == [whole["paging"]["total"]] * 2
    assert pages[0]["paging"]["pages"] == -(-whole["paging"]["total"] // 5)
    assert pages[0]["rows"] + pages[1]["rows"] == whole["rows"][:10]
    assert pages[0]["rows"] != pages[1]["rows"]
    seen = [(r["date"]["start"], r["what"], r["action"]) for r in whole["rows"]]
    assert len(seen) == len(set(seen))  # each decision once, however many documents state it
    (shared,) = [r for r in whole["rows"] if r["what"] == "共用の指針"]  # in both editions
    assert shared["source_count"] == 2
    assert {s["source_name"] for s in shared["sources"]} == {
        "followup_2024.txt",
        "followup_2025.txt",
    }


def test_a_page_past_the_last_is_404_and_names_the_last(briefing_client: Client) -> None:
    for path in ("/api/v1/timeline", "/api/v1/programmes", "/timeline", "/programmes"):
        response = briefing_client.get(path, params={"page": 999})
        assert response.status_code == 404, path
        assert "page 999 is past the last page (1 pages" in response.text, path
    assert briefing_client.get("/api/v1/timeline", params={"per_page": 0}).status_code == 400


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
