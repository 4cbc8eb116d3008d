"""Documents by title and date on the pages and in the API; search hits headed by their slide
or section (issue 14, item 4). The sample briefing states its title and 令和7年7月1日 on its
cover; the sample follow-ups state neither (named by their chapter, undated, with warnings)."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup, Tag

from tests.web.conftest import Client

BRIEFING_TITLE = "「研究力強化加速戦略2025」について"
BRIEFING_DAY = "2025年7月1日（令和7年）"


def page(client: Client, url: str, **params: Any) -> BeautifulSoup:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text[:500]
    return BeautifulSoup(response.text, "html.parser")


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def _briefing(client: Client) -> dict[str, Any]:
    rows = client.get("/api/v1/documents").json()
    (found,) = [r["document"] for r in rows if r["document"]["source_name"] == "briefing_2025.txt"]
    assert isinstance(found, dict)
    return found


def test_the_api_gives_each_document_its_title_and_date(briefing_client: Client) -> None:
    briefing = _briefing(briefing_client)
    assert (briefing["title"], briefing["date"]) == (BRIEFING_TITLE, "2025-07-01")
    rows = briefing_client.get("/api/v1/documents").json()
    undated = [r["document"] for r in rows if r["document"]["kind"] == "followup"]
    assert undated and all(d["date"] is None for d in undated)


def test_the_documents_list_names_documents_by_title_and_date(briefing_client: Client) -> None:
    soup = page(briefing_client, "/documents")
    rows = {text(one_of(tr, "a.doc-title")): tr for tr in soup.select("table.documents tbody tr")}
    assert BRIEFING_TITLE in rows
    day = rows[BRIEFING_TITLE].select("time")
    assert [(text(t), t["datetime"]) for t in day] == [(BRIEFING_DAY, "2025-07-01")]
    assert "briefing_2025.txt" not in text(one_of(soup, "table.documents"))  # not by file name


def one_of(node: Tag, selector: str) -> Tag:
    found = node.select(selector)
    assert len(found) == 1, selector
    return found[0]


def test_the_document_page_keeps_file_name_and_id_beside_the_title(
    briefing_client: Client,
) -> None:
    briefing = _briefing(briefing_client)
    soup = page(briefing_client, f"/documents/{briefing['id']}")
    assert text(one_of(soup, "h1")) == BRIEFING_TITLE
    assert text(one_of(soup, ".breadcrumbs [aria-current=page]")) == BRIEFING_TITLE
    meta = text(one_of(soup, "p.meta"))
    assert BRIEFING_DAY in meta and "briefing_2025.txt" in meta and briefing["id"] in meta


def test_search_hits_are_headed_by_their_slide_and_document(briefing_client: Client) -> None:
    hits = briefing_client.get("/api/v1/search", params={"q": "研究設備", "limit": 50}).json()
    on_slides = [h for h in hits if h["document_title"] == BRIEFING_TITLE]
    assert on_slides and all(h["slide_number"] and h["heading"] for h in on_slides)
    briefing = briefing_client.get(f"/api/v1/documents/{_briefing(briefing_client)['id']}")
    titles = {s["number"]: s["title"] for s in briefing.json()["briefing"]["slides"]}
    assert all(h["heading"] == titles[h["slide_number"]] for h in on_slides)
    followup = [h for h in hits if h["section_label"]]
    assert followup and all(h["heading"] and h["slide_number"] is None for h in followup)
    soup = page(briefing_client, "/search", q="研究設備", limit="50")
    first = on_slides[0]
    (hit,) = [li for li in soup.select("li.hit") if li["data-element"] == first["element_id"]]
    assert text(one_of(hit, ".hit-section")) == f"スライド {first['slide_number']}"
    assert text(one_of(hit, ".hit-heading")) == first["heading"]
    assert text(one_of(hit, ".hit-document")).startswith(BRIEFING_TITLE)


def test_the_documents_download_has_the_date(briefing_client: Client) -> None:
    csv_text = briefing_client.get("/download/documents.csv").text
    (row,) = [line for line in csv_text.splitlines() if "briefing_2025.txt" in line]
    assert BRIEFING_TITLE in row and "2025-07-01" in row


def test_the_documents_list_is_paged(briefing_client: Client) -> None:
    """A page holds ``per_page`` documents, the pager says where it sits and links on with the
    page size kept; every stored document is on exactly one page; past the last page is 404
    (issue 15: a page's cost does not grow with the archive)."""
    stored = {r["document"]["id"] for r in briefing_client.get("/api/v1/documents").json()}
    size = len(stored) - 1  # two pages: all but one document, then the last one
    assert size >= 2
    first = page(briefing_client, "/documents", per_page=size)
    assert "1 / 2" in text(first.select(".pager .page-status")[0])
    links = [str(a["href"]) for a in first.select(".pager a[rel=next]")]
    assert links and all("page=2" in h and f"per_page={size}" in h for h in links)
    second = page(briefing_client, "/documents", per_page=size, page=2)
    assert not second.select(".pager a[rel=next]") and second.select(".pager a[rel=prev]")
    assert len(second.select("table.documents tbody tr")) == 1
    shown = [
        str(a["href"]).rsplit("/", 1)[1]
        for soup in (first, second)
        for a in soup.select("table.documents tbody a.doc-title")
    ]
    assert sorted(shown) == sorted(stored)
    too_far = briefing_client.get("/documents", params={"page": 3, "per_page": size})
    assert too_far.status_code == 404
    assert briefing_client.get("/documents", params={"per_page": 0}).status_code == 400
    assert not page(briefing_client, "/documents").select(".pager")  # one page: no pager
