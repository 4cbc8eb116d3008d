"""``plan=`` on the JSON API (documented in OpenAPI) and the plan selector and column of the
documents and editions pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from bs4 import BeautifulSoup

from stiplan import queries
from stiplan.store import Store
from stiplan.web import create_app
from tests.conftest import SAMPLES
from tests.unit.plan_texts import write_seventh_plan_followup
from tests.web.conftest import Client

PLAN_ENDPOINTS = ("documents", "editions", "initiatives", "sections", "warnings", "progress")


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    folder = tmp_path_factory.mktemp("plans")
    path = folder / "plans.sqlite"
    files = [*sorted(SAMPLES.glob("followup_*.txt")), write_seventh_plan_followup(folder)]
    with Store.open(path) as store:
        outcomes = queries.ingest_paths(store, files)
    assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 3
    app = create_app(path)
    yield Client(app)
    app.state.pool.close()


def test_documents_carry_their_plan_and_filter_by_it(plans: Client) -> None:
    every = plans.get("/api/v1/documents").json()
    assert sorted(d["document"]["plan"] for d in every) == [6, 6, 7]
    only = plans.get("/api/v1/documents", params={"plan": "第7期"}).json()
    assert [d["document"]["source_name"] for d in only] == ["followup_7th.txt"]


def test_editions_are_per_plan(plans: Client) -> None:
    parts = plans.get("/api/v1/editions").json()
    assert [(p["plan"], len(p["editions"])) for p in parts] == [(6, 2), (7, 1)]
    assert [p["plan"] for p in plans.get("/api/v1/editions?plan=6").json()] == [6]


def test_latest_document_is_taken_within_the_plan(plans: Client) -> None:
    sixth = plans.get("/api/v1/initiatives", params={"plan": 6}).json()
    seventh = plans.get("/api/v1/initiatives", params={"plan": 7}).json()
    assert sixth["document"]["source_name"] == "followup_2025.txt"
    assert seventh["document"]["source_name"] == "followup_7th.txt"


def test_search_filters_by_plan(plans: Client) -> None:
    hits = plans.get("/api/v1/search", params={"q": "研究", "plan": 7, "limit": 100}).json()
    assert hits and {h["source_name"] for h in hits} == {"followup_7th.txt"}


@pytest.mark.parametrize("endpoint", [*PLAN_ENDPOINTS, "search"])
def test_an_unknown_plan_is_a_404_in_the_envelope(plans: Client, endpoint: str) -> None:
    response = plans.get(f"/api/v1/{endpoint}", params={"plan": "9", "q": "研究"})
    assert response.status_code == 404
    body = response.json()
    assert body["ok"] is False and "第6期" in body["error"]["message"]


def test_openapi_documents_the_plan_parameter(plans: Client) -> None:
    schema = plans.get("/api/v1/openapi.json").json()
    for endpoint in [*PLAN_ENDPOINTS, "search"]:
        params = schema["paths"][f"/api/v1/{endpoint}"]["get"]["parameters"]
        (plan,) = [p for p in params if p["name"] == "plan"]
        assert "基本計画" in plan["description"], endpoint


def test_documents_page_shows_the_plan_and_a_selector(plans: Client) -> None:
    page = BeautifulSoup(plans.get("/documents").text, "html.parser")
    options = [o.get_text() for o in page.select("form.plan-filter select[name=plan] option")]
    assert options[0] == "すべての基本計画" and any("第7期" in o for o in options)
    assert sorted(s.get_text() for s in page.select("table.documents .plan")) == [
        "第6期",
        "第6期",
        "第7期",
    ]
    filtered = BeautifulSoup(plans.get("/documents?plan=7").text, "html.parser")
    assert [s.get_text() for s in filtered.select("table.documents .plan")] == ["第7期"]
    selected = filtered.select_one("form.plan-filter option[selected]")
    assert selected is not None and selected["value"] == "7"
    english = BeautifulSoup(plans.get("/documents?lang=en").text, "html.parser")
    assert "7th Science, Technology and Innovation Basic Plan" in english.get_text()


def test_editions_page_lists_parts_under_their_plan(plans: Client) -> None:
    page = BeautifulSoup(plans.get("/editions").text, "html.parser")
    assert [h.get_text(strip=True) for h in page.select("h2.plan-heading")] == ["第6期", "第7期"]
    only = BeautifulSoup(plans.get("/editions?plan=7").text, "html.parser")
    assert [h.get_text(strip=True) for h in only.select("h2.plan-heading")] == ["第7期"]


def test_documents_page_refuses_an_unknown_plan(plans: Client) -> None:
    assert plans.get("/documents?plan=9").status_code == 404
