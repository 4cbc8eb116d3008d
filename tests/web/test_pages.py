"""The HTML pages in-process: what a person sees, read with CSS selectors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES

from .conftest import SCRIPT, Client


def page(client: Client, url: str, **params: Any) -> BeautifulSoup:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)}"
    return found[0]


def text(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


def test_layout_is_accessible(client: Client) -> None:
    soup = page(client, "/")
    assert one(soup, "html")["lang"] == "ja"
    skip = soup.select("body > a")[0]
    assert skip["href"] == "#main" and text(skip) == "本文へ移動"
    assert one(soup, "main")["id"] == "main"
    nav = one(soup, "header nav")
    assert nav["aria-label"] == "メインメニュー"
    assert one(nav, "a[aria-current=page]").get_text() == "概要"
    assert [text(a) for a in nav.select("a")] == [
        "概要",
        "検索",
        "指標",
        "具体的な取組",
        "進捗",
        "府省",
        "版の比較",
        "施策・戦略",
        "決定の年表",
        "読取警告",
        "文書",
        "API",
    ]
    for link in soup.select("link[rel=stylesheet], script[src]"):
        assert (link.get("href") or link.get("src", "")).startswith("/static/"), link


def test_overview_shows_the_plan_tree_with_counts(client: Client) -> None:
    soup = page(client, "/")
    assert "知のフロンティア" in text(one(soup, "h1"))
    cards = soup.select(".section-card")
    assert [text(c.select("h3")[0])[:7] for c in cards] == ["2.(1) 挑", "2.(2) オ", "2.(3) 大"]
    first = text(cards[0])
    assert "取組 5" in first and "主要指標 3" in first and "参考指標 4" in first
    assert cards[0].select("a.src")[0].get_text() == "L23–99"
    summary = text(one(soup, "ul.summary"))
    assert "13 具体的な取組" in summary and "8 読取警告" in summary
    options = [o.get_text() for o in soup.select("#document-picker option")]
    assert len(options) == 2 and options[1].endswith("研究力の強化（2025）")  # title, edition


def test_overview_of_another_edition(client: Client) -> None:
    soup = page(client, "/", document="followup_2024.txt")
    assert "followup_2024.txt" in text(one(soup, "p.meta"))
    assert one(soup, "#document-picker option[selected]").get_text().endswith("（2024）")


def _section_url(client: Client) -> str:
    soup = page(client, "/")
    return str(soup.select(".section-card h3 a")[0]["href"])


def test_section_page_with_its_parts_and_a_ministry_filter(client: Client) -> None:
    url = _section_url(client)
    soup = page(client, url)
    assert text(one(soup, "h1")).startswith("2.(1) 挑戦的で多様な研究")
    assert [text(h) for h in soup.select("main h2")][:5] == [
        "あるべき姿とその実現に向けた方向性",
        "目標",
        "主要指標（数値目標）",
        "現状データ（参考指標）",
        "具体的な取組",
    ]
    assert len(soup.select("table.initiatives tbody tr")) == 5
    assert one(soup, "label[for=ministry]") and one(soup, "label[for=lead_only]")
    codes = [o["value"] for o in soup.select("#ministry option")]
    assert codes[0] == "" and "文" in codes and "科技" in codes
    filtered = page(client, url, ministry="文", lead_only="true")
    rows = filtered.select("table.initiatives tbody tr")
    assert [text(r.select("td")[0]) for r in rows] == ["2.(1) ①-1", "2.(1) ①-3", "2.(1) ②-2"]
    assert one(filtered, "#initiative-count").get_text() == "3"
    assert one(filtered, "#ministry option[selected]")["value"] == "文"
    assert one(filtered, "#lead_only").has_attr("checked")
    xlsx = one(filtered, ".downloads a[data-format=xlsx]")["href"]
    assert "ministry=%E6%96%87" in xlsx and "lead_only=true" in xlsx


def test_lead_tags_are_marked_for_eyes_and_screen_readers(client: Client) -> None:
    soup = page(client, _section_url(client))
    lead = soup.select("table.initiatives .tag.lead")[0]
    assert lead["title"] == "文部科学省"
    assert one(lead, ".visually-hidden").get_text() == "（主担当）"


def test_initiative_page_traces_to_source_lines(client: Client) -> None:
    soup = page(client, _section_url(client))
    href = soup.select("table.initiatives tbody tr")[2].select("a")[0]["href"]
    initiative = page(client, str(href))
    assert text(one(initiative, "h1")) == "具体的な取組 2.(1) ①-3"
    assert "共用" in text(one(initiative, "blockquote.commitment"))
    assert len(initiative.select("#status-h ~ ul li")) == 3
    assert len(initiative.select("#actions-h ~ ul li")) == 2
    numbers = [a.get_text() for a in initiative.select(".source-excerpt .ln")]
    assert numbers == [str(n) for n in range(81, 93)]
    link = initiative.select(".source-excerpt .ln")[0]["href"]
    assert str(link).endswith("#L81")
    assert one(initiative, "#fn17").get_text().startswith("「研究設備")
    meta_src = one(initiative, "p.meta a.src")
    assert meta_src.get_text() == "L81–92" and str(meta_src["href"]).endswith("#L81-L92")


def test_document_page_has_line_anchors_and_warnings(client: Client) -> None:
    latest = client.get("/api/v1/overview").json()["document"]["id"]
    soup = page(client, f"/documents/{latest}")
    lines = soup.select(".source .line")
    assert len(lines) == 191 and lines[96]["id"] == "L97"
    assert "warned" in lines[96]["class"]
    assert "定義のない脚注" in text(lines[96])  # the warning's label, not its code
    assert lines[96].select_one(".line-warning")["data-code"] == "footnote_undefined"
    assert [a.get_text() for a in soup.select(".warning-list a")] == [
        "L1",  # title_unknown, date_unknown: the sample states neither
        "L1",
        "L47",
        "L51",
        "L97",
        "L98",
        "L142",
        "L183",
    ]
    # the source's own HTML fragments are shown as text
    assert "<p>" in lines[78].select("code")[0].get_text()


def test_indicator_page_charts_the_samples_across_editions(client: Client) -> None:
    soup = page(client, "/indicators")
    links = soup.select("table.indicators tbody a:not(.src)")
    assert len(links) == 12
    indicator = page(client, str(links[3]["href"]))
    assert text(one(indicator, "h1")) == "40歳未満の大学本務教員の割合"
    svg = one(indicator, "svg.chart-svg")
    assert [text(c) for c in svg.select(".series circle")] == [
        "22.1%（令和4年度）",
        "23.0%（令和5年度）",
    ]
    rows = indicator.select("table.series tbody tr")
    titles = [text(r.select("td")[3]) for r in rows]  # documents by title (samples: chapter)
    assert titles == ["2. 知のフロンティアを開拓し価値創造の源泉となる研究力の強化"] * 2


def test_indicator_without_values_says_so(built: Client) -> None:
    soup = page(built, "/indicators/doc2024:c1.ind1")
    assert "数値として読み取られていません" in text(one(soup, ".notice"))
    assert not soup.select("svg")


def test_indicator_chart_with_target_line_and_as_of_periods(built: Client) -> None:
    soup = page(built, "/indicators/doc2024:s11.ind1")
    svg = one(soup, "svg.chart-svg")
    assert svg["role"] == "img"
    assert "健康寿命" in text(one(svg, "svg > title"))
    circles = svg.select(".series circle")
    assert [text(c) for c in circles] == ["男性 72.57歳（2022年）", "男性 73.10歳（2023年）"]
    assert [t.get_text() for t in svg.select(".point-label")] == ["2022年", "2023年"]
    target = one(svg, "g.target")
    assert "目標 75歳以上（2025年度）" in text(target)
    line = one(target, "line")
    ys = [float(c["cy"]) for c in circles]
    assert float(line["y1"]) < min(ys)  # the target is above both values
    xs = [float(c["cx"]) for c in circles]
    assert xs[0] < xs[1] < float(one(target, "path")["d"].split()[1])
    rows = soup.select("table.series tbody tr")
    assert [text(r.select("td")[0]) for r in rows][:2] == ["2022年", "2023年"]
    assert "this-document" in rows[1]["class"]


def test_document_text_is_always_escaped(built: Client) -> None:
    for url in ("/sections/doc2024:s11", "/initiatives/doc2024:i1", "/documents/doc2024"):
        response = built.get(url)
        assert response.status_code == 200
        assert SCRIPT not in response.text and "<b>太字</b>" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    soup = page(built, "/initiatives/doc2024:i1")
    assert SCRIPT in text(one(soup, "blockquote.commitment"))


def test_ministry_pages(client: Client) -> None:
    soup = page(client, "/ministries")
    first = soup.select("table.ministries tbody tr")[0]
    assert text(first.select("th")[0]) == "文" and "文部科学省" in text(first)
    assert "辞書にない略称" in text(soup.select("table.ministries")[0])
    mext = page(client, str(first.select("a")[0]["href"]))
    assert text(one(mext, "h1")) == "文 文部科学省"
    assert len(mext.select("#lead-h ~ div table tbody tr")) == 10
    assert len(mext.select("#support-h ~ div table tbody tr")) == 3


def test_warnings_page_links_to_lines(client: Client) -> None:
    soup = page(client, "/warnings")
    links = [a["href"] for a in soup.select("table.warnings a")]
    assert len(links) == 8 and all("#L" in str(h) for h in links)


def test_element_ids_redirect_to_their_page(client: Client) -> None:
    items = client.get("/api/v1/initiatives").json()["items"]
    first = items[0]["id"]
    response = client.get(f"/elements/{first}")
    assert response.status_code == 303 and response.headers["location"] == f"/initiatives/{first}"
    action = client.get(f"/api/v1/initiatives/{first}").json()["actions"][0]["id"]
    assert client.get(f"/elements/{action}").headers["location"] == f"/initiatives/{first}#{action}"
    doc = items[0]["document_id"]
    footnote = client.get(f"/elements/{doc}:fn1").headers["location"]
    assert footnote == f"/documents/{doc}#L15"
    target = client.get("/api/v1/targets").json()[0]["target"]
    location = client.get(f"/elements/{target['id']}").headers["location"]
    assert location == f"/sections/{target['parent_id']}#{target['id']}"


def test_english_switch_is_remembered(client: Client) -> None:
    response = client.get("/", params={"lang": "en"})
    soup = BeautifulSoup(response.text, "html.parser")
    assert one(soup, "html")["lang"] == "en"
    assert [text(a) for a in soup.select("header nav a")][:3] == [
        "Overview",
        "Search",
        "Indicators",
    ]
    assert "stiplan_lang=en" in response.headers["set-cookie"]
    again = page(client, "/ministries", **{})
    assert one(again, "html")["lang"] == "ja"  # no cookie sent: Japanese
    remembered = client.get("/ministries", headers={"cookie": "stiplan_lang=en"})
    soup = BeautifulSoup(remembered.text, "html.parser")
    assert one(soup, "html")["lang"] == "en"
    assert soup.select("table.ministries td span[lang=ja]")[0].get_text() == "文部科学省"
    assert one(soup, ".lang-switch a")["href"] == "/ministries?lang=ja"


def test_error_pages_are_html_with_the_status(client: Client) -> None:
    response = client.get("/initiatives/nope")
    assert response.status_code == 404
    soup = BeautifulSoup(response.text, "html.parser")
    assert text(one(soup, "h1")) == "エラー 404"
    assert "nope" in text(one(soup, "[role=alert]"))
    bad = client.get("/sections/x", params={"ministry": "文" * 100})
    assert bad.status_code == 400


def test_a_too_long_url_gets_the_sites_error_page(client: Client) -> None:
    # QA: the 414 page was a bare English page without the site's layout
    response = client.get("/documents", params={"x": "a" * 9000})
    assert response.status_code == 414
    assert response.headers["content-security-policy"]
    soup = BeautifulSoup(response.text, "html.parser")
    assert one(soup, "html")["lang"] == "ja"
    assert text(one(soup, "h1")) == "エラー 414"
    assert "URL が長すぎます" in text(one(soup, "[role=alert]"))
    assert soup.select("header nav a"), "the site's menu"
    assert "a" * 9000 not in response.text  # the page's links do not repeat the query
    english = client.get("/documents", params={"lang": "en", "x": "a" * 9000})
    assert text(one(BeautifulSoup(english.text, "html.parser"), "h1")) == "Error 414"


def test_api_reference_page_lists_the_endpoints(client: Client) -> None:
    soup = page(client, "/api/v1/docs")
    titles = [text(h) for h in soup.select("section.endpoint h2")]
    assert "GET /api/v1/initiatives" in titles and "GET /download/all.zip" in titles
    assert one(soup, "main a[href='/api/v1/openapi.json']")
    assert one(soup, "header .json-link a[href='/api/v1/openapi.json']")  # its JSON twin


def test_progress_badges_and_target_statuses(client: Client) -> None:
    soup = page(client, "/")
    cards = soup.select(".section-card")
    badges = [text(b) for b in cards[2].select(".progress-badges .badge")]
    assert badges == ["加速が必要 1", "期限超過（完了の報告なし） 1"]
    section = page(client, str(cards[2].select("h3 a")[0]["href"]))
    cells = [text(td) for td in section.select("table.targets td.progress-cell")]
    assert cells[0].startswith("加速が必要 0.61")
    reason = section.select("table.targets td.progress-cell .reason")[0]
    assert (reason["lang"], reason["data-reason"]) == ("ja", "growth")
    assert text(reason) == "実際の年率 10.29% に対し必要な年率は 16.99%（比 0.61）"
    english = page(client, str(cards[2].select("h3 a")[0]["href"]), lang="en")
    reason = english.select("table.targets td.progress-cell .reason")[0]
    assert reason["lang"] == "en" and "ratio 0.61" in text(reason)
    first = page(client, str(cards[0].select("h3 a")[0]["href"]))
    row = first.select("table.initiatives tbody tr")[2]
    assert "完了と報告" in text(row) and "2022年度中に" in text(row)


def test_targets_download_carries_the_status(client: Client) -> None:
    import csv
    import io

    english = client.get("/download/targets.csv", params={"lang": "en"}).text
    rows = list(csv.DictReader(io.StringIO(english)))
    assert [r["status"] for r in rows].count("overdue") == 2
    assert next(r for r in rows if r["status"] == "needs_acceleration")["ratio"].startswith("0.6")


def test_editions_page_links_each_edition_to_its_diff(client: Client) -> None:
    soup = page(client, "/editions")
    rows = soup.select("table.editions tbody tr")
    titles = [text(r.select("td")[1]) for r in rows]  # by title (the samples: their chapter)
    assert titles == ["2. 知のフロンティアを開拓し価値創造の源泉となる研究力の強化"] * 2
    assert text(rows[0].select("td")[2]) == "2.(1) 2.(2) 2.(3)"
    link = rows[1].select("td")[3].select("a")[0]
    response = client.get(str(link["href"]))
    assert response.status_code == 200
    # the diff is a page of the site: its layout, menu and policy (no inline style or script)
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "script-src 'self'" in policy
    diff = BeautifulSoup(response.text, "html.parser")
    assert diff.select_one("header.site-header nav") is not None
    assert all(s.get("src") for s in diff.select("script"))
    assert "followup_2025.txt" in response.text


def test_an_excerpt_edition_is_listed_with_the_sections_it_covers(tmp_path: Path) -> None:
    path = tmp_path / "with-excerpt.sqlite"
    with Store.open(path) as store:
        paths = [SAMPLES / "excerpts" / "followup_2023_excerpt.txt", SAMPLES / "followup_2024.txt"]
        queries.ingest_paths(store, paths)
    soup = page(Client(create_app(path)), "/editions")
    (part,) = soup.select("section.report-part")
    assert "2. 知のフロンティア" in text(part.select("h3")[0])
    rows = part.select("table.editions tbody tr")
    assert text(rows[0].select("td")[2]) == "(2) (4) 抜粋（章見出しなし）"
    assert text(rows[1].select("td")[3]) == "2023 → 2024"


def test_a_stored_briefing_does_not_displace_the_report_the_dashboard_shows(
    tmp_path: Path,
) -> None:
    path = tmp_path / "with-briefing.sqlite"
    with Store.open(path) as store:
        # The briefing is ingested last and shares the report's edition year.
        paths = [SAMPLES / "followup_2025.txt", SAMPLES / "briefing_2025.txt"]
        outcomes = queries.ingest_paths(store, paths)
        assert {o.status for o in outcomes} == {queries.IngestStatus.CREATED}
        shown = queries.latest_document(store)
        assert shown is not None and shown.source_name == "followup_2025.txt"
    client = Client(create_app(path))
    page = client.get("/")
    assert page.status_code == 200 and "followup_2025.txt" in page.text
