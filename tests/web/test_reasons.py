"""Progress reasons in Japanese: every reason code has a text, the pages and downloads use it,
and ``?lang=en`` keeps the analysis's English sentence."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import pytest

from stiplan.analysis.progress import REASON_CODES
from stiplan.web.i18n import REASONS_JA, reason_text
from tests.conftest import REPO

from .conftest import Client
from .test_pages import page, text


@dataclass
class Result:
    reason: str
    reason_code: str
    reason_params: dict[str, str] = field(default_factory=dict)


def test_every_reason_code_has_japanese_and_is_documented() -> None:
    assert set(REASONS_JA) == set(REASON_CODES)
    documented = set(
        re.findall(r"^\| `([a-z_]+)` \|", (REPO / "docs/progress.md").read_text(), re.M)
    )
    assert set(REASON_CODES) <= documented


@pytest.mark.parametrize("code", REASON_CODES)
def test_each_japanese_reason_fills_in_its_parameters(code: str) -> None:
    names = re.findall(r"\{(\w+)\}", REASONS_JA[code][0])
    result = Result("english", code, {n: "0.5" for n in names})
    shown = reason_text(result, "ja")
    assert shown != "english" and "{" not in shown
    assert reason_text(result, "en") == "english"


def test_numbers_and_rates_are_written_for_people() -> None:
    growth = Result("e", "growth", {"actual": "0.0210", "required": "0.0281", "ratio": "0.75"})
    assert reason_text(growth, "ja") == "実際の年率 2.10% に対し必要な年率は 2.81%（比 0.75）"
    achieved = Result(
        "e", "achieved", {"latest": "1200000", "latest_period": "令和5年度", "target": "1000000.0"}
    )
    assert reason_text(achieved, "ja") == "最新値 120万（令和5年度）が目標値 100万 に達しています"
    count = Result("e", "unit_mismatch", {"target_unit": "", "data_unit": "円"})
    assert reason_text(count, "ja") == "単位が合いません（目標は単位のない数、データは円）"


def test_unknown_codes_and_missing_parameters_fall_back_to_english() -> None:
    assert reason_text(Result("english", "from_a_newer_analysis"), "ja") == "english"
    assert reason_text(Result("english", "growth", {}), "ja") == "english"


def test_initiative_page_says_the_commitment_reason_in_japanese(client: Client) -> None:
    latest = client.get("/api/v1/overview").json()["document"]["id"]
    progress = client.get("/api/v1/progress").json()
    done = next(c for c in progress["commitments"] if c["reason_code"] == "commitment_done")
    assert done["reason_params"]["word"] and done["reason"].startswith("status reports")
    soup = page(client, f"/initiatives/{done['initiative_id']}")
    reason = soup.select("dl.facts .reason")[0]
    assert reason["lang"] == "ja" and reason["data-reason"] == "commitment_done"
    assert text(reason).startswith(f"実施状況に「{done['reason_params']['word']}」の記載があります")
    english = page(client, f"/initiatives/{done['initiative_id']}", lang="en")
    assert text(english.select("dl.facts .reason")[0]) == done["reason"]
    assert latest in done["initiative_id"]


def test_targets_download_carries_the_code_and_the_japanese_reason(client: Client) -> None:
    english = client.get("/download/targets.csv", params={"lang": "en"}).text
    rows = list(csv.DictReader(io.StringIO(english)))
    growth = next(r for r in rows if r["reason_code"] == "growth")
    assert growth["reason"].startswith("actual ")
    assert growth["reason_ja"].startswith("実際の年率 ")
    assert all(r["reason_code"] for r in rows)
