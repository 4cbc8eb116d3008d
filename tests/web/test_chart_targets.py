"""Every indicator with a numeric target and an observation gets its target line, on the sample
store (and on the real report, in ``tests/corpus/test_charts_corpus.py``); a relative target is
drawn at the value the progress analysis computed, with its baseline marked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from stiplan.web.chart import Chart, build_charts

from .conftest import Client


def chart_coverage(store: Store) -> tuple[int, list[str]]:
    """How many target lines the charts of every follow-up's indicators draw, and the
    indicators that have a computed numeric target and plottable values but no line for it."""
    memo = queries.EditionMemo()
    drawn, missing = 0, []
    for doc in store.documents():
        if doc.kind != "followup":
            continue
        for row in queries.indicators(store, doc.id):
            detail = queries.indicator(store, row.indicator.id, doc.id, memo)
            charts = build_charts(detail.series, detail.target_lines)
            plotted = {c.unit: c for c in charts}
            for line in detail.target_lines:
                if line.value is None or not _plots_unit(plotted, line.unit):
                    continue
                if any(m.target_id == line.target.id for c in charts for m in c.targets):
                    drawn += 1
                else:
                    missing.append(row.indicator.id)
    return drawn, missing


def _plots_unit(charts: dict[str, Chart], unit: str) -> bool:
    """Whether some chart draws values of ``unit`` (its shown unit may carry 万/億/兆)."""
    return any(shown.removeprefix(word) == unit for shown in charts for word in "万億兆")


def test_every_numeric_target_with_values_has_its_line_on_the_samples(samples_db: Path) -> None:
    with Store.open(samples_db, read_only=True) as store:
        drawn, missing = chart_coverage(store)
    assert missing == []
    assert drawn >= 2  # the relative target, in both sample editions


def test_every_indicator_with_a_dated_value_has_a_chart(samples_db: Path) -> None:
    with Store.open(samples_db, read_only=True) as store:
        for doc in store.documents():
            for row in queries.indicators(store, doc.id):
                detail = queries.indicator(store, row.indicator.id, doc.id)
                dated = [o for o in row.observations if o.quantity and o.period]
                charts = build_charts(detail.series, detail.target_lines)
                assert bool(charts) == bool(dated), row.indicator.id
                drawn = sum(len(s.points) for c in charts for s in c.series)
                assert drawn >= len(dated)  # this edition's values, and earlier ones


def _relative_indicator(client: Client) -> str:
    """The sample indicator measured by the relative target (共同研究受入額, 2018年度の約3倍)."""
    for row in client.get("/api/v1/indicators").json():
        detail = client.get(f"/api/v1/indicators/{row['indicator']['id']}").json()
        if any(line["relative"] for line in detail["target_lines"]):
            return str(row["indicator"]["id"])
    raise AssertionError("no sample indicator has a relative target")


def test_the_relative_target_is_drawn_at_its_computed_value(client: Client) -> None:
    indicator = _relative_indicator(client)
    detail = client.get(f"/api/v1/indicators/{indicator}").json()
    (line,) = [t for t in detail["target_lines"] if t["relative"]]
    # 約680億円 in 2018年度 (footnote 25) × 約3 = 2,040億円, as the progress analysis says
    assert Decimal(line["baseline"]["value"]) == Decimal("68000000000")
    assert Decimal(line["value"]) == 3 * Decimal("68000000000") and line["unit"] == "円"
    page = client.get(f"/indicators/{indicator}")
    assert page.status_code == 200
    html = page.text
    assert 'class="target relative"' in html and 'class="baseline"' in html
    assert "2018年度の約3倍（2025年度） = 2,040億円" in html
    assert "基準値: 2018年度 680億円" in html
    # the desc says it too, for a screen reader; and the table beside the chart
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html, re.S)
    assert desc is not None and "2,040億円" in desc.group(1) and "基準値 2018年度" in desc.group(1)
    assert 'class="target-lines"' in html and "2,040億円" in html.split("target-lines", 1)[1]
    assert "単位: 兆円" in html  # the axis unit, whole


def test_the_english_page_translates_the_chart_words(client: Client) -> None:
    indicator = _relative_indicator(client)
    html = client.get(f"/indicators/{indicator}", params={"lang": "en"}).text
    assert "Baseline: 2018年度 680億円" in html and "Unit: 兆円" in html


FIXTURE = Path(__file__).parent / "fixtures" / "relative_no_baseline.txt"


@pytest.fixture(scope="module")
def no_baseline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    """A fictional follow-up whose relative target's baseline year has no value, beside a
    share (%) far from zero and its target, and a value without a date."""
    db = tmp_path_factory.mktemp("no-baseline") / "store.sqlite"
    with Store.open(db) as store:
        queries.ingest_paths(store, [FIXTURE])
    app = create_app(db)
    yield Client(app)
    app.state.pool.close()


def _indicator_pages(client: Client) -> list[str]:
    rows = client.get("/api/v1/indicators").json()
    return [client.get(f"/indicators/{row['indicator']['id']}").text for row in rows]


def test_a_missing_baseline_is_said_in_the_chart(no_baseline: Client) -> None:
    counts, share, undated = _indicator_pages(no_baseline)
    figure = counts.split('<figure class="chart"', 1)[1].split("</figure>", 1)[0]
    assert 'class="target' not in figure and 'class="baseline"' not in figure
    note = "2016年度の約1.5倍（2027年度）: 基準となる時点の値が見つからないため、目標線は描けません（2016年度）"
    assert note in figure  # in the caption, and in the SVG's desc for screen readers
    assert figure.count(note) == 2
    assert "axis-break" not in figure  # 件 is a count: zero-based, nothing cut
    # the share's axis leaves zero out, and says so
    figure = share.split('<figure class="chart"', 1)[1].split("</figure>", 1)[0]
    assert 'class="axis-break"' in figure and "縦軸は0から始まっていません" in figure
    assert 'class="target"' in figure and "80%以上（2027年度）" in figure
    # a value without a date cannot be placed in time: the page says so, the table shows it
    assert "<svg" not in undated and "時点が書かれていないため、グラフにできません" in undated
    assert "42拠点" in undated.split('class="series"', 1)[1]
