"""The cross-cutting pages (/initiatives, /progress, /progress/method), the JSON twin of every
page, the source view without markup and a crawl of every link a person can follow."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from stiplan.model import Document, Qualifier, Quantity
from stiplan.normalize.numbers import format_amount
from stiplan.store import Store
from stiplan.web import create_app
from stiplan.web.twins import TWINS, wants_json

from .conftest import Client, _edition, _year
from .crawl import crawl

JSON_ACCEPT = {"accept": "application/json"}


def _soup(client: Client, url: str, **params: Any) -> BeautifulSoup:
    response = client.get(url, params=params) if params else client.get(url)
    assert response.status_code == 200, response.text[:300]
    return BeautifulSoup(response.text, "html.parser")


def _rows(soup: BeautifulSoup, selector: str) -> list[str]:
    return [str(tr.get("data-target") or tr.get("data-initiative")) for tr in soup.select(selector)]


# -- /initiatives ------------------------------------------------------------------------------


def test_the_official_name_filters_as_the_code_does(client: Client) -> None:
    lead = {"lead_only": "true"}
    by_name = client.get("/api/v1/initiatives", params={"ministry": "文部科学省", **lead}).json()
    by_code = client.get("/api/v1/initiatives", params={"ministry": "文", **lead}).json()
    everything = client.get("/api/v1/initiatives").json()
    assert by_name == by_code and by_name["ministry"] == "文"
    assert 0 < by_name["total"] < everything["total"]
    counts = {f["key"]: f["count"] for f in by_name["by_ministry"]}
    assert counts["文"] == by_name["total"]  # every row shown tags 文 somewhere
    assert sum(f["count"] for f in by_name["by_section"]) == by_name["total"]
    assert {f["key"]: f["label"] for f in by_name["by_ministry"]}["文"] == "文部科学省"
    # a ministry's count is what filtering by it gives
    for facet in everything["by_ministry"]:
        narrowed = client.get("/api/v1/initiatives", params={"ministry": facet["key"]}).json()
        assert narrowed["total"] == facet["count"], facet


def test_the_initiatives_page_narrows_rows_and_counts(client: Client) -> None:
    whole = _soup(client, "/initiatives")
    narrowed = _soup(client, "/initiatives", ministry="文部科学省", lead_only="true")
    total = int(str(narrowed.select_one(".result-count")["data-total"]))  # type: ignore[index]
    assert total < int(str(whole.select_one(".result-count")["data-total"]))  # type: ignore[index]
    assert len(narrowed.select("table.initiatives tbody tr")) == total
    assert narrowed.select_one("#f-ministry option[selected]")["value"] == "文"  # type: ignore[index]
    whole_counts = [li.get_text(" ", strip=True) for li in whole.select(".by-section li")]
    narrowed_counts = [li.get_text(" ", strip=True) for li in narrowed.select(".by-section li")]
    assert whole_counts != narrowed_counts


def test_the_initiatives_page_is_paginated(client: Client) -> None:
    total = client.get("/api/v1/initiatives").json()["total"]
    first = _soup(client, "/initiatives", limit=5)
    assert len(first.select("table.initiatives tbody tr")) == 5 and total > 5
    following = first.select_one(".pager a[rel=next]")
    assert following is not None and "offset=5" in str(following["href"])
    second = _soup(client, str(following["href"]))
    assert second.select_one(".pager a[rel=prev]") is not None
    ids = lambda s: [a["href"] for a in s.select("table.initiatives tbody td:nth-child(2) a")]  # noqa: E731
    assert not set(ids(first)) & set(ids(second))


def test_lead_only_and_section_filters_agree_with_the_api(client: Client) -> None:
    params = {"ministry": "文部科学省", "lead_only": "true", "section": "2.(1)"}
    api = client.get("/api/v1/initiatives", params=params).json()
    soup = _soup(client, "/initiatives", **params)
    links = [a["href"] for a in soup.select("table.initiatives tbody td:nth-child(2) a")]
    assert [f"/initiatives/{i['id']}" for i in api["items"]] == links and links


def gap_document() -> Document:
    """An edition whose two targets both have a latest value: gaps 1.90歳 and 0.5歳, so that
    sorting by gap reorders them."""
    doc = _edition("gapdoc", "", "73.10", 2023)
    first, second = doc.chapters[0].sections[0], doc.chapters[0].sections[1]
    first.indicators[0].observations = first.indicators[0].observations[:1]
    target = copy.deepcopy(first.targets[0])
    indicator = copy.deepcopy(first.indicators[0])
    target.id, indicator.id = f"{second.id}.t1", f"{second.id}.ind1"
    target.name = indicator.name = "平均寿命"
    target.quantity = Quantity(Decimal("90"), "歳", "90歳以上", qualifier=Qualifier.AT_LEAST)
    value = indicator.observations[0]
    value.id = f"{indicator.id}.o1"
    value.quantity = Quantity(Decimal("89.5"), "歳", "89.5歳")
    value.period = _year(2023)
    second.targets.append(target)
    second.indicators.append(indicator)
    return doc


@pytest.fixture(scope="module")
def gaps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    db = tmp_path_factory.mktemp("gaps") / "gaps.sqlite"
    with Store.open(db) as store:
        store.ingest(gap_document())
    app = create_app(db)
    yield Client(app)
    app.state.pool.close()


def test_sorting_by_gap_and_ratio_reorders_the_targets(gaps: Client) -> None:
    def order(sort: str) -> list[str]:
        data = gaps.get("/api/v1/progress", params={"sort": sort}).json()
        return [a["target_id"].rsplit(".", 1)[0] for a in data["assessments"]]

    assert order("") == order("place") == ["gapdoc:s11", "gapdoc:s12"]
    assert order("gap") == ["gapdoc:s12", "gapdoc:s11"]  # 0.5歳 before 1.90歳
    assert order("-gap") == ["gapdoc:s11", "gapdoc:s12"]
    assert order("-achieved") == ["gapdoc:s12", "gapdoc:s11"]  # 99.4 % before 97.5 %
    assert order("-place") == ["gapdoc:s12", "gapdoc:s11"]
    page = BeautifulSoup(gaps.get("/progress", params={"sort": "gap"}).text, "html.parser")
    assert [td.get_text(strip=True) for td in page.select("td.gap")] == ["0.5歳", "1.9歳"]
    assert page.select_one("th[data-sort=gap]")["aria-sort"] == "ascending"  # type: ignore[index]


def test_a_bare_count_targets_gap_takes_the_unit_of_its_data(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # QA: 目標までの差 of a unit-less target (100以上) was shown without any unit
    doc = gap_document()
    doc.chapters[0].sections[1].targets[0].quantity = Quantity(
        Decimal("90"), "", "90以上", qualifier=Qualifier.AT_LEAST
    )
    db = tmp_path_factory.mktemp("bare") / "bare.sqlite"
    with Store.open(db) as store:
        store.ingest(doc)
    app = create_app(db)
    try:
        page = BeautifulSoup(Client(app).get("/progress").text, "html.parser")
    finally:
        app.state.pool.close()
    assert [td.get_text(strip=True) for td in page.select("td.gap")] == ["1.9歳", "0.5歳"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("16800000000000", "16.8兆"),
        ("61880000000.0", "618.8億"),
        ("490000", "49万"),
        ("-390000", "-39万"),
        ("9999", "9,999"),
        ("1.90", "1.9"),
    ],
)
def test_bare_amounts_are_shown_in_japanese_units(value: str, shown: str) -> None:
    assert format_amount(Decimal(value)) == shown


# -- /progress ---------------------------------------------------------------------------------


def test_progress_sorts_by_a_whitelisted_column(client: Client) -> None:
    plain = client.get("/api/v1/progress").json()["assessments"]
    by_status = client.get("/api/v1/progress", params={"sort": "-status"}).json()["assessments"]
    assert sorted(a["target_id"] for a in plain) == sorted(a["target_id"] for a in by_status)
    order = [a["status"] for a in by_status]
    from stiplan.queries import STATUSES

    assert order == sorted(order, key=STATUSES.index, reverse=True)
    for bad in ("gap;drop", "reason", "--gap"):
        assert client.get("/progress", params={"sort": bad}).status_code == 400
        assert client.get("/api/v1/progress", params={"sort": bad}).status_code == 400


def test_progress_filters_by_status_section_and_ministry(client: Client) -> None:
    every = client.get("/api/v1/progress").json()
    status = every["assessments"][0]["status"]
    only = client.get("/api/v1/progress", params={"status": status}).json()
    assert only["assessments"] and {a["status"] for a in only["assessments"]} == {status}
    section = every["assessments"][0]["section_id"]
    within = client.get("/api/v1/progress", params={"section": section}).json()
    assert {a["section_id"] for a in within["assessments"]} == {section}
    ministry = client.get("/api/v1/progress", params={"ministry": "文部科学省"}).json()
    assert ministry["assessments"] == []  # targets carry no ministry
    assert 0 < len(ministry["commitments"]) <= len(every["commitments"])
    page = _soup(client, "/progress", ministry="文部科学省")
    assert len(page.select("table.commitments-table tbody tr[data-initiative]")) == len(
        ministry["commitments"]
    )


def test_the_progress_page_shows_gap_ratio_trend_and_source(client: Client) -> None:
    soup = _soup(client, "/progress")
    data = client.get("/api/v1/progress").json()
    assert _rows(soup, "table.progress-table tbody tr[data-target]") == [
        a["target_id"] for a in data["assessments"]
    ]
    with_gap = next(a for a in data["assessments"] if a["gap"] is not None)
    row = soup.select_one(f"tr[data-target='{with_gap['target_id']}']")
    assert row is not None
    assert row.select_one("td.gap").get_text(strip=True)  # type: ignore[union-attr]
    assert row.select_one("td.achieved").get_text(strip=True).endswith("%")  # type: ignore[union-attr]
    assert row.select_one("a.src")["href"].endswith("/source")  # type: ignore[index]
    heads = [th["data-sort"] for th in soup.select("table.progress-table th[data-sort]")]
    assert {"gap", "achieved", "status", "name"} <= set(heads)


def test_the_method_page_replaces_the_repository_path(client: Client) -> None:
    method = _soup(client, "/progress/method")
    assert "0.95" in method.get_text() and method.select_one("html")["lang"] == "ja"  # type: ignore[index]
    english = _soup(client, "/progress/method", lang="en")
    assert "How progress is judged" in english.get_text()
    doc = client.get("/api/v1/overview").json()["document"]["id"]
    section = _soup(client, f"/sections/{doc}:c2.s2")
    assert "docs/progress.md" not in section.get_text()
    assert section.select_one("a[href='/progress/method']") is not None
    assert client.get("/api/v1/progress/method").json()["thresholds"]["on_track"] == "0.95"


# -- JSON twins --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "json"),
    [
        ("application/json", True),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", False),
        ("*/*", False),
        ("", False),
        ("application/json;q=0.5, text/html", False),
        ("text/html;q=0.1, application/json", True),
        ("application/json;q=0", False),
    ],
)
def test_accept_decides_between_page_and_json(accept: str, json: bool) -> None:
    assert wants_json(accept) is json


def _page_urls(client: Client, latest: dict[str, Any]) -> dict[str, str]:
    """One URL of every page route with a twin, with parameters the twin needs."""
    doc = latest["document"]["id"]
    older = client.get("/api/v1/documents").json()[0]["document"]["id"]
    section = f"{doc}:c2.s2"
    initiative = f"{doc}:c2.s2.ss1.i1"
    indicator = client.get("/api/v1/indicators").json()[0]["indicator"]["id"]
    return {
        "page_overview": "/",
        "page_documents": "/documents",
        "page_document": f"/documents/{doc}",
        "page_section": f"/sections/{section}?ministry=文部科学省",
        "page_initiatives": "/initiatives?ministry=文部科学省&limit=3",
        "page_initiative": f"/initiatives/{initiative}",
        "page_indicators": "/indicators",
        "page_indicator": f"/indicators/{indicator}",
        "page_progress": "/progress?sort=-gap",
        "page_progress_method": "/progress/method",
        "page_ministries": "/ministries",
        "page_ministry": "/ministries/文",
        "page_warnings": "/warnings",
        "page_search": "/search?q=研究",
        "page_editions": "/editions",
        "page_diff": f"/editions/diff?old={older}&new={doc}",
        "page_element": f"/elements/{initiative}",
        "page_source": f"/elements/{initiative}/source",
        "page_programmes": "/programmes",
        "page_timeline": "/timeline",
        "page_api_docs": "/api/v1/docs",
    }


def test_every_page_answers_json_equal_to_its_twin(client: Client, latest: dict[str, Any]) -> None:
    urls = _page_urls(client, latest)
    assert set(urls) == set(TWINS)
    for name, url in urls.items():
        answer = client.get(url, headers=JSON_ACCEPT)
        assert answer.status_code == 200, (name, answer.text[:200])
        assert answer.headers["content-type"].startswith("application/json"), name
        assert "accept" in answer.headers.get("vary", "").lower(), name
        html = client.get(url, follow_redirects=True)
        assert html.headers["content-type"].startswith("text/html"), name
        link = BeautifulSoup(html.text, "html.parser").select_one("header .json-link a")
        if name == "page_diff":  # a report page of its own, outside the layout
            link_url = "/api/v1/diff?" + urlsplit(url).query
        elif name == "page_element":  # redirects to the page showing the element
            link_url = "/api/v1" + url
        else:
            assert link is not None, name
            link_url = str(link["href"])
        twin = client.get(link_url)
        assert twin.status_code == 200, (name, link_url)
        assert answer.json() == twin.json(), name


def test_a_page_without_its_twins_parameters_has_no_json_link(client: Client) -> None:
    soup = _soup(client, "/search")
    assert soup.select_one("header .json-link") is None
    assert (
        client.get("/search", headers=JSON_ACCEPT).headers["content-type"].startswith("text/html")
    )


# -- the source view ---------------------------------------------------------------------------


def test_the_source_view_shows_text_without_markup(client: Client, latest: dict[str, Any]) -> None:
    doc = latest["document"]["id"]
    lines = client.get(f"/api/v1/documents/{doc}/lines", params={"first": 1, "last": 400}).json()
    marked = next(line for line in lines if "<p>" in line["text"] and "<u>" in line["text"])
    items = client.get("/api/v1/initiatives", params={"document": doc}).json()["items"]
    element = next(
        i["id"]
        for i in items
        if i["span"]["first_line"] <= marked["line_no"] <= i["span"]["last_line"]
    )
    soup = _soup(client, f"/elements/{element}/source")
    shown = soup.select_one(".source-excerpt")
    assert shown is not None
    text = shown.get_text()
    assert "<p>" not in text and "<u>" not in text and "</p>" not in text
    assert shown.select(".underlined"), "the lead ministry keeps its underline as a mark"
    assert all(u.get_text() for u in shown.select(".underlined"))


# -- the crawl ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_internal_link_from_the_overview_answers_200(client: Client) -> None:
    """Follow every link from / and two filled forms (pages, JSON twins, downloads) on the
    sample store: none answers other than 200 (a redirect is followed), and every href is
    percent-encoded ASCII."""
    # the overview, and two links a form makes (Japanese in the query: search words, a name)
    found = crawl(client, ["/", "/search?q=研究 データ", "/initiatives?ministry=文部科学省"])
    failures = [f"{status} {url}" for url, status in found.statuses.items() if status != 200]
    assert not failures, failures[:20]
    assert not found.unencoded, sorted(found.unencoded)[:20]
    assert found.pages > 50
    seen = set(found.statuses)
    for route in ("/initiatives", "/progress", "/progress/method", "/api/v1/progress"):
        assert any(u == route or u.startswith(route + "?") for u in seen), route
    assert any("%E6%96%87" in u for u in seen)  # 文, percent-encoded, was followed


@pytest.mark.parametrize("path", ["/initiatives", "/progress", "/progress/method"])
def test_the_new_pages_show_no_english_ui_phrase_in_japanese(client: Client, path: str) -> None:
    from .test_i18n_catalogue import _english_phrases

    page = client.get(path, params={"lang": "ja"})
    text = re.sub(r"<[^>]+>", " ", page.text)
    assert not sorted(p for p in _english_phrases() if p in text)
    english = client.get(path, params={"lang": "en"}).text
    assert 'lang="en"' in english and "主要指標と期限付きの取組の進捗" not in english
