"""The search page and ``/api/v1/search`` in-process: hits known from the samples, filters,
errors, and snippets whose highlights are escaped text inside ``<mark>``."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from bs4 import BeautifulSoup

from .conftest import SCRIPT, Client
from .test_pages import one, page, text


def _latest_id(client: Client) -> str:
    return str(client.get("/api/v1/overview").json()["document"]["id"])


def test_search_is_in_the_menu_and_its_form_is_labelled(client: Client) -> None:
    soup = page(client, "/search")
    link = one(soup, "header nav a[aria-current=page]")
    assert text(link) == "検索" and link["href"] == "/search"
    form = one(soup, "form[role=search]")
    assert form["action"] == "/search" and form.get("method") == "get"
    fields = form.select("input:not([type=hidden]), select")
    assert [f["name"] for f in fields] == [
        "q",
        "document",
        "edition",
        "section",
        "ministry",
        "lead_only",
        "type",
        "limit",
    ]
    for field in fields:
        assert one(form, f"label[for={field['id']}]"), field["name"]
    assert not soup.select(".hit") and not soup.select("#hits-h")  # nothing asked yet
    editions = [o["value"] for o in soup.select("#search-edition option")]
    assert editions == ["", "2024", "2025"]
    assert "2.(3)" in [o["value"] for o in soup.select("#search-section option")]
    assert "今後の取組方針" in [text(o) for o in soup.select("#search-type option")]


def test_a_query_shows_its_known_hit_with_links_and_highlight(client: Client) -> None:
    latest = _latest_id(client)
    soup = page(client, "/search", q="在留")
    assert one(soup, "#q")["value"] == "在留"
    assert text(one(soup, "#hit-count")) == "1"
    hit = one(soup, "li.hit")
    assert hit["data-element"] == f"{latest}:c2.s3.ss2.i3.a2"
    assert text(one(hit, ".hit-type")) == "今後の取組方針"
    assert text(one(hit, ".hit-section")) == "2.(3)"
    assert text(one(hit, ".hit-heading")) == "大学の経営機能の強化と役割の拡張"
    assert (
        text(one(hit, ".hit-document"))
        == "2. 知のフロンティアを開拓し価値創造の源泉となる研究力の強化（2025）"
    )
    assert one(hit, "a.hit-link")["href"] == f"/elements/{latest}:c2.s3.ss2.i3.a2"
    source = one(hit, "a.src")
    assert text(source) == "L190" and source["href"] == f"/documents/{latest}#L190"
    assert [m.get_text() for m in hit.select(".snippet mark")] == ["在留"]
    assert "法" in [t.get_text() for t in hit.select(".tag")]
    # the element link leads to the initiative page, at the action
    location = client.get(str(one(hit, "a.hit-link")["href"])).headers["location"]
    assert location == f"/initiatives/{latest}:c2.s3.ss2.i3#{latest}:c2.s3.ss2.i3.a2"


def test_filters_narrow_the_hits_and_stay_in_the_form(client: Client) -> None:
    both = page(client, "/search", q="博士人材")
    assert text(one(both, "#hit-count")) == "4"
    documents = {text(d).split("（")[-1] for d in both.select(".hit-document")}
    assert documents == {"2024）", "2025）"}  # by title, told apart by their editions
    one_edition = page(client, "/search", q="博士人材", edition="2024", type="action")
    assert text(one(one_edition, "#hit-count")) == "1"
    assert text(one(one_edition, ".hit-type")) == "今後の取組方針"
    assert one(one_edition, "#search-edition option[selected]")["value"] == "2024"
    assert one(one_edition, "#search-type option[selected]")["value"] == "action"
    lead = page(client, "/search", q="在留", ministry="法", lead_only="true")
    assert text(one(lead, "#hit-count")) == "0" and one(lead, ".no-hits")
    assert one(lead, "#search-lead-only").has_attr("checked")
    assert one(lead, "#search-ministry option[selected]")["value"] == "法"
    limited = page(client, "/search", q="研究", limit="3")
    assert len(limited.select("li.hit")) == 3
    assert "「次へ」" in text(one(limited, ".result-count"))


def test_nonsense_finds_nothing(client: Client) -> None:
    soup = page(client, "/search", q="ぬぽぽぴゃ")
    assert text(one(soup, "#hit-count")) == "0"
    assert text(one(soup, ".no-hits")) == "該当する箇所は見つかりませんでした。"
    assert client.get("/api/v1/search", params={"q": "xyzzyqq"}).json() == []


def test_a_query_that_cannot_be_run_is_explained_on_the_page(client: Client) -> None:
    for params in ({"q": "-量子"}, {"q": "!!!"}, {"q": "量子", "lead_only": "true"}):
        response = client.get("/search", params=params)
        assert response.status_code == 400, params
        soup = BeautifulSoup(response.text, "html.parser")
        alert = one(soup, ".search-error[role=alert]")
        assert "検索できませんでした" in text(alert)
        assert one(soup, "#q")["value"] == params["q"]  # the form keeps what was typed
        assert not soup.select("li.hit")
    missing = client.get("/search", params={"q": "量子", "document": "nope"})
    assert missing.status_code == 404 and "nope" in missing.text
    english = client.get("/search", params={"q": "-量子", "lang": "en"})
    assert "The search could not be run" in english.text


def test_api_gives_the_hits_as_json(client: Client) -> None:
    latest = _latest_id(client)
    hits = client.get("/api/v1/search", params={"q": "在留"}).json()
    assert len(hits) == 1
    hit = hits[0]
    assert hit["element_id"] == f"{latest}:c2.s3.ss2.i3.a2"
    assert (hit["type"], hit["edition"], hit["section_label"]) == ("action", "2025", "2.(3)")
    assert hit["span"] == {"first_line": 190, "last_line": 190, "page": None, "box": None}
    assert [s["text"] for s in hit["snippet"]["segments"] if s["highlighted"]] == ["在留"]
    assert hit["score"] > 0
    footnotes = client.get(
        "/api/v1/search",
        params={"q": "文部科学省", "type": "footnote", "document": "followup_2024.txt"},
    ).json()
    assert {h["element_id"].split(":")[1] for h in footnotes} == {"fn12", "fn13", "fn16", "fn26"}
    assert len(client.get("/api/v1/search", params={"q": "研究", "limit": 2}).json()) == 2


def test_api_errors_are_the_envelope(client: Client) -> None:
    cases = [
        ({"q": "-量子"}, 400, "only excludes"),
        ({"q": "量子", "lead_only": "true"}, 400, "needs a ministry"),
        ({"q": "量子", "type": "slides"}, 400, "parameter 'type'"),
        ({"q": "量子", "limit": "0"}, 400, "limit"),
        ({"q": "量子", "document": "nope"}, 404, "no stored document"),
        ({}, 400, "'q'"),
        ({"q": "a" * 1001}, 400, "'q'"),
    ]
    for params, status, message in cases:
        response = client.get("/api/v1/search", params=params)
        body = response.json()
        assert response.status_code == status, params
        assert body["ok"] is False and body["error"]["status"] == status
        assert message in body["error"]["message"], body


def test_highlighted_snippets_are_escaped_text(built: Client) -> None:
    response = built.get("/search", params={"q": "alert 推進"})
    assert response.status_code == 200
    assert SCRIPT not in response.text and "<b>太字</b>" not in response.text
    soup = BeautifulSoup(response.text, "html.parser")
    snippets = soup.select(".snippet")
    assert snippets
    marks = [m.get_text() for m in snippets[0].select("mark")]
    assert "alert" in marks and "推進" in marks
    assert SCRIPT in snippets[0].get_text()  # shown as text
    assert not soup.select(".snippet script, .snippet b")
    assert "<mark>alert</mark>(1)&lt;/script&gt;" in response.text


def test_a_topic_word_shows_briefing_and_follow_up_hits_on_the_first_page(
    briefing_client: Client,
) -> None:
    soup = page(briefing_client, "/search", q="研究設備", limit="5")
    documents = {text(d).split("（")[0] for d in soup.select(".hit-document")}
    assert "「研究力強化加速戦略2025」について" in documents  # the briefing, by its title
    assert "2. 知のフロンティアを開拓し価値創造の源泉となる研究力の強化" in documents
    assert "種類" in text(one(soup, ".search-order"))
    hits = briefing_client.get("/api/v1/search", params={"q": "研究設備", "limit": 5}).json()
    assert {h["type"] for h in hits} >= {"block", "footnote", "initiative"}
    assert [h["type_rank"] for h in hits] == sorted(h["type_rank"] for h in hits)


def test_the_pager_continues_where_the_page_ended(briefing_client: Client) -> None:
    params = {"q": "共用", "limit": "3", "edition": "2025"}
    first = page(briefing_client, "/search", **params)
    assert text(one(first, ".hit-range")) == "1–3"
    assert not first.select(".pager a[rel=prev]")
    following = str(one(first, ".pager a[rel=next]")["href"])
    query = parse_qs(urlsplit(following).query)
    assert query == {"q": ["共用"], "limit": ["3"], "edition": ["2025"], "offset": ["3"]}
    second = page(briefing_client, "/search", **{k: v[0] for k, v in query.items()})
    assert one(second, "ol.hits")["start"] == "4"
    assert text(one(second, ".hit-range")).startswith("4–")
    back = parse_qs(urlsplit(str(one(second, ".pager a[rel=prev]")["href"])).query)
    assert "offset" not in back  # the first page
    shown = [li["data-element"] for li in first.select("li.hit") + second.select("li.hit")]
    api = briefing_client.get("/api/v1/search", params={**params, "limit": 6}).json()
    assert shown == [h["element_id"] for h in api][: len(shown)]
    assert len(set(shown)) == len(shown)
    paged = briefing_client.get("/api/v1/search", params={**params, "offset": 3}).json()
    assert [h["element_id"] for h in paged] == [h["element_id"] for h in api][3:6]
    refused = briefing_client.get("/api/v1/search", params={**params, "offset": -1})
    assert refused.status_code == 400 and "offset" in refused.json()["error"]["message"]
