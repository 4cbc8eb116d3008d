"""A chart with a relative target in a real browser (Debian's headless Chromium).

The sample indicator measured by the relative target ``2018年度の約3倍（2025年度）`` is opened as
a person would; the dashed target line must stand at the computed value (3 × the baseline's
約680億円 = 2,040億円) read off the chart's own value ticks, and the baseline point must be
marked at its value. The chart's screenshot goes to the artifacts folder, and to
``docs/img/chart-relative-target.png`` (linked from ``docs/web.md``) when
``STIPLAN_DOC_IMAGES=1`` is set: the tests never write into the repository unasked.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO

from .test_browser import (  # the same server, browser and helpers as the other browser tests
    _all,
    _css,
    _wait,
    artifacts,
    base_url,
    browser,
    downloads,
    pytestmark,
)

__all__ = ["artifacts", "base_url", "browser", "downloads", "pytestmark"]

DOC_IMAGE = REPO / "docs" / "img" / "chart-relative-target.png"


def _value_at(browser: Any, y: float) -> float:
    """The value at height ``y`` of the chart, read off its labelled y ticks."""
    ticks = [
        (float(t.text.replace(",", "")), float(t.get_attribute("y")) - 4)
        for t in _all(browser, "svg.chart-svg text.y-tick")
    ]
    (v0, y0), (v1, y1) = ticks[0], ticks[-1]
    return v0 + (y - y0) * (v1 - v0) / (y1 - y0)


def test_a_relative_target_stands_at_its_computed_value_with_its_baseline(
    browser: Any, base_url: str, artifacts: Path
) -> None:
    from selenium.webdriver.common.by import By

    browser.get(base_url + "/indicators")
    browser.find_element(By.PARTIAL_LINK_TEXT, "大学等の外部資金受入額").click()
    _wait(browser, lambda b: "/indicators/" in b.current_url)
    svg = _css(browser, "svg.chart-svg")
    assert svg.is_displayed() and svg.size["width"] > 300
    assert _css(browser, ".chart .unit-text").text == "兆円"
    target = _css(browser, "svg g.target.relative line")
    y = float(target.get_attribute("y1"))
    assert _value_at(browser, y) == pytest.approx(0.204, abs=0.002)  # 2,040億円 in 兆円
    label = _css(browser, "svg g.target.relative text").text
    assert "2018年度の約3倍（2025年度）" in label and "2,040億円" in label
    baseline = _css(browser, "svg g.baseline rect")
    middle = float(baseline.get_attribute("y")) + 5
    assert _value_at(browser, middle) == pytest.approx(0.068, abs=0.002)  # 約680億円
    legend = [e.text for e in _all(browser, ".chart figcaption .legend")]
    assert "基準値: 2018年度 680億円" in legend
    # the axis of an amount starts at zero; the ticks say both calendars
    assert float(_all(browser, "svg.chart-svg text.y-tick")[0].text) == 0
    assert not _all(browser, "svg .axis-break")
    eras = [t.text for t in _all(browser, "svg text.x-tick-era")]
    assert "令和元年度" in eras and "平成30年度" in eras  # FY2019 and FY2018
    figure = _css(browser, "figure.chart")
    figure.screenshot(str(artifacts / "chart-relative-target.png"))
    if os.environ.get("STIPLAN_DOC_IMAGES") == "1":
        DOC_IMAGE.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(artifacts / "chart-relative-target.png", DOC_IMAGE)
