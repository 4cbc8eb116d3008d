"""The dashboard in a real browser: Debian's headless Chromium driven through chromedriver.

A uvicorn server on a free loopback port serves a store holding the project's samples and two
editions built in code (whose indicator has numeric values and a target, for the chart).
Each test does what a person would and asserts on what the page shows; a screenshot of every
step goes to ``$STIPLAN_ARTIFACTS`` (default: ``<system temp>/stiplan-artifacts``), outside the
repository. The tests skip only when ``/usr/bin/chromium`` is absent (``.ci/run`` installs it).
"""

from __future__ import annotations

import io
import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import uvicorn

from stiplan import queries
from stiplan.readers.followup import content_hash
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES

from .conftest import _edition

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="/usr/bin/chromium is absent: install Debian's chromium and chromium-driver "
        "(apt-get install chromium chromium-driver; .ci/run does) to run the browser tests",
    ),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def artifacts() -> Path:
    root = Path(
        os.environ.get("STIPLAN_ARTIFACTS") or Path(tempfile.gettempdir()) / "stiplan-artifacts"
    )
    folder = root / f"browser-{datetime.now().strftime('%Y%m%d-%H%M%S')}"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "browser.sqlite"
    with Store.open(db) as store:
        for doc in (
            _edition("doc2023", "2023", "72.57", 2022),
            _edition("doc2024", "2024", "73.10", 2023),
        ):
            doc.edition = ""  # like the samples, so that the samples, ingested last, are latest
            store.ingest(doc)
        queries.ingest_paths(store, sorted(SAMPLES.glob("*.txt")))
    yield from _serve(create_app(db))


def _serve(app: Any) -> Iterator[str]:
    """Serve ``app`` on a free loopback port until the fixture using it ends."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def _wait(browser: Any, condition: Any, timeout: float = 10) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, timeout).until(condition)


def _css(browser: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector)


def _all(browser: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(browser.find_elements(By.CSS_SELECTOR, selector))


def _shot(browser: Any, artifacts: Path, name: str) -> None:
    browser.save_screenshot(str(artifacts / f"{name}.png"))


def _open_first_section(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/")
    _css(browser, ".section-card h3 a").click()
    _wait(browser, lambda b: "/sections/" in b.current_url)


def test_overview_loads_with_the_plan_tree(browser: Any, base_url: str, artifacts: Path) -> None:
    from selenium.webdriver.common.keys import Keys

    browser.get(base_url + "/")
    _shot(browser, artifacts, "01-overview")
    assert browser.title.startswith("概要")
    assert "知のフロンティア" in _css(browser, "h1").text
    cards = _all(browser, ".section-card")
    assert [c.find_element("css selector", "h3").text[:5] for c in cards] == [
        "2.(1)",
        "2.(2)",
        "2.(3)",
    ]
    assert "取組 5" in cards[0].text
    # keyboard: the first Tab reaches the skip link, which moves focus to the content
    _css(browser, "body").send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "本文へ移動"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []  # no blocked script, style or missing asset


def test_filter_a_sections_initiatives_by_ministry(
    browser: Any, base_url: str, artifacts: Path
) -> None:
    from selenium.webdriver.support.ui import Select

    _open_first_section(browser, base_url)
    assert len(_all(browser, "table.initiatives tbody tr")) == 5
    Select(_css(browser, "#ministry")).select_by_value("文")
    _css(browser, "label[for=lead_only]").click()  # the label toggles the box
    _css(browser, "form.filter button[type=submit]").click()
    _wait(browser, lambda b: "ministry=" in b.current_url)
    _shot(browser, artifacts, "02-section-filtered")
    rows = _all(browser, "table.initiatives tbody tr")
    assert [r.find_element("css selector", "td").text for r in rows] == [
        "2.(1) ①-1",
        "2.(1) ①-3",
        "2.(1) ②-2",
    ]
    assert _css(browser, "#initiative-count").text == "3"
    assert _css(browser, "#lead_only").is_selected()
    assert Select(_css(browser, "#ministry")).first_selected_option.get_attribute("value") == "文"


def test_open_an_indicator_chart(browser: Any, base_url: str, artifacts: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(base_url + "/indicators")
    Select(_css(browser, "#document-picker")).select_by_value("doc2024")
    _css(browser, "form.picker button").click()
    _wait(browser, lambda b: "document=doc2024" in b.current_url)
    browser.find_element(By.LINK_TEXT, "健康寿命").click()
    _wait(browser, lambda b: "/indicators/doc2024" in b.current_url)
    svg = _css(browser, "svg.chart-svg")
    assert svg.is_displayed() and svg.size["width"] > 300
    _shot(browser, artifacts, "03-indicator-chart")
    assert len(_all(browser, "svg .series circle")) == 2
    labels = [t.text for t in _all(browser, "svg .point-label")]
    assert labels == ["2022年", "2023年"]
    assert "目標 75歳以上（2025年度）" in _css(browser, "svg g.target text").text
    rows = _all(browser, "table.series tbody tr")
    assert "73.10歳" in rows[1].text and "2023年" in rows[1].text


def test_follow_a_fact_to_its_source_line(browser: Any, base_url: str, artifacts: Path) -> None:
    _open_first_section(browser, base_url)
    target = _all(browser, "table.targets tbody tr")[0]
    name = target.find_element("css selector", "th").text
    link = target.find_element("css selector", "a.src")
    assert link.text == "L47–49"
    link.click()
    _wait(browser, lambda b: b.current_url.endswith("#L47-L49"))
    _wait(browser, lambda b: len(_all(b, ".line.hl")) == 3)
    _shot(browser, artifacts, "04-source-lines")
    highlighted = _all(browser, ".line.hl")
    assert [h.get_attribute("id") for h in highlighted] == ["L47", "L48", "L49"]
    assert name.rstrip("0123456789,") in highlighted[0].text
    assert browser.switch_to.active_element.get_attribute("id") == "L47"
    assert highlighted[0].is_displayed()


def test_download_an_xlsx_of_what_the_page_shows(
    browser: Any, base_url: str, downloads: Path, artifacts: Path
) -> None:
    browser.get(base_url + "/ministries")
    _css(browser, "table.ministries tbody tr th a").click()
    _wait(browser, lambda b: "/ministries/" in b.current_url)
    _shot(browser, artifacts, "05-ministry")
    shown = [
        a.get_attribute("href").rsplit("/", 1)[-1]
        for a in _all(browser, "#lead-h ~ div table.initiatives tbody td[lang=ja] a")
    ]
    assert len(shown) == 10
    before = set(downloads.glob("*.xlsx"))
    _all(browser, "a[data-format=xlsx]")[0].click()
    deadline = time.monotonic() + 15
    while not (new := set(downloads.glob("*.xlsx")) - before):
        assert time.monotonic() < deadline, "no XLSX arrived"
        time.sleep(0.1)
    (path,) = new
    while list(downloads.glob("*.crdownload")):
        time.sleep(0.1)
    sheet = openpyxl.load_workbook(io.BytesIO(path.read_bytes())).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "取組ID"
    assert [r[1] for r in rows[1:]] == shown  # the lead table's initiatives, in order


def test_search_from_the_menu_highlights_the_words_found(
    browser: Any, base_url: str, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    browser.get(base_url + "/")
    browser.find_element(By.LINK_TEXT, "検索").click()
    _wait(browser, lambda b: b.current_url.endswith("/search"))
    box = _css(browser, "#q")
    assert _css(browser, "label[for=q]").text == "検索語"
    box.send_keys("在留")
    box.send_keys(Keys.ENTER)
    _wait(browser, lambda b: "q=" in b.current_url and _all(b, "#hit-count"))
    _shot(browser, artifacts, "06-search")
    assert _css(browser, "#q").get_attribute("value") == "在留"
    assert _css(browser, "#hit-count").text == "1"
    (hit,) = _all(browser, "li.hit")
    assert hit.find_element(By.CSS_SELECTOR, ".hit-type").text == "今後の取組方針"
    assert "（2025）" in hit.find_element(By.CSS_SELECTOR, ".hit-document").text  # by title
    marks = hit.find_elements(By.CSS_SELECTOR, ".snippet mark")
    assert [m.text for m in marks] == ["在留"]
    assert marks[0].value_of_css_property("font-weight") == "700"  # the highlight is styled
    # narrowing by type keeps the query and finds nothing among footnotes
    Select(_css(browser, "#search-type")).select_by_value("footnote")
    _css(browser, "form[role=search] button[type=submit]").click()
    _wait(browser, lambda b: "type=footnote" in b.current_url)
    assert _css(browser, "#hit-count").text == "0"
    assert _css(browser, ".no-hits").is_displayed()
    # the hit's link opens the initiative at the action found
    browser.back()
    _wait(browser, lambda b: "type=footnote" not in b.current_url and _all(b, "li.hit"))
    _css(browser, "li.hit a.hit-link").click()
    _wait(browser, lambda b: "/initiatives/" in b.current_url)
    _shot(browser, artifacts, "07-search-hit")
    assert "#" in browser.current_url
    anchor = browser.current_url.rsplit("#", 1)[1]
    assert "在留" in _css(browser, f"li[id='{anchor}']").text


def test_follow_an_initiative_to_its_earlier_edition(
    browser: Any, base_url: str, artifacts: Path
) -> None:
    _open_first_section(browser, base_url)
    _all(browser, "table.initiatives tbody td[lang=ja] a")[2].click()
    _wait(browser, lambda b: "/initiatives/" in b.current_url)
    steps = _all(browser, "li.history-step")
    assert [s.find_element("css selector", "h3").text for s in steps] == [
        "版 2024",
        "版 2025 表示中 変更あり",
    ]
    browser.execute_script("arguments[0].scrollIntoView()", steps[1])
    _shot(browser, artifacts, "08-initiative-history")
    deleted = steps[1].find_elements("css selector", ".status-history del")
    assert deleted and deleted[0].value_of_css_property("text-decoration-line") == "line-through"
    shown = browser.current_url
    steps[0].find_element("css selector", "a.edition-link").click()
    _wait(browser, lambda b: b.current_url != shown)
    older = content_hash((SAMPLES / "followup_2024.txt").read_text(encoding="utf-8"))[:12]
    assert f"{older}:" in _css(browser, "p.meta").text  # the 2024 edition's element id
    assert "shown" in _all(browser, "li.history-step")[0].get_attribute("class")


@pytest.fixture(scope="module")
def pdf_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server over a store holding the sample PDF, caching page images in a temp folder."""
    folder = tmp_path_factory.mktemp("browser-pdf")
    with Store.open(folder / "pdf.sqlite") as store:
        queries.ingest_paths(store, [SAMPLES / "followup_2025.pdf"])
    yield from _serve(create_app(folder / "pdf.sqlite", cache_dir=folder / "cache"))


def test_a_pdf_elements_page_shows_with_its_box_highlighted(
    browser: Any, pdf_url: str, tmp_path: Path
) -> None:
    """From an initiative read from a PDF, "p. N" opens the page image with the box over it."""
    browser.get(pdf_url + "/")
    _css(browser, ".section-card h3 a").click()
    _wait(browser, lambda b: "/sections/" in b.current_url)
    _css(browser, "table.initiatives tbody tr a").click()
    _wait(browser, lambda b: "/initiatives/" in b.current_url)
    _css(browser, "p.meta a.page-link").click()
    _wait(browser, lambda b: b.current_url.endswith("/source"))
    image = _css(browser, "img.page-image")
    _wait(browser, lambda b: b.execute_script("return arguments[0].naturalWidth", image) > 0)
    browser.execute_script("arguments[0].scrollIntoView()", image)
    browser.save_screenshot(str(tmp_path / "pdf-source-view.png"))
    shown = image.rect
    box = _css(browser, "rect.element-box").rect
    size = browser.execute_script(
        "const v = document.querySelector('svg.page-highlight').viewBox.baseVal;"
        "return [v.width, v.height];"
    )
    rect = _css(browser, "rect.element-box")
    x0, top = float(rect.get_attribute("x")), float(rect.get_attribute("y"))
    scale = shown["width"] / size[0]
    assert abs(box["x"] - (shown["x"] + x0 * scale)) < 3  # the box sits where the text is
    assert abs(box["y"] - (shown["y"] + top * shown["height"] / size[1])) < 3
    assert 10 < box["width"] < shown["width"] and 5 < box["height"] < shown["height"]
    assert _css(browser, ".source-text").text  # the extracted text beside it
    assert (tmp_path / "pdf-source-view.png").stat().st_size > 10_000
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []  # the image is same-origin: the CSP lets it through
