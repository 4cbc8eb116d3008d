"""A page and its JSON twin are served from one data function: the API holds what the page
shows (progress, filter choices, a briefing's slides, where an element is shown), and the
lists keep answering as before (404 for an empty store where they did)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stiplan.store import Store
from stiplan.web.app import create_app
from tests.web.conftest import Client


def _progress(client: Client, document_id: str) -> dict[str, Any]:
    data: dict[str, Any] = client.get("/api/v1/progress", params={"document": document_id}).json()
    return data


def test_the_overview_carries_the_progress_badges_of_each_section(
    client: Client, latest: dict[str, Any]
) -> None:
    progress = _progress(client, latest["document"]["id"])
    expected: dict[str, dict[str, int]] = {}
    for a in progress["assessments"]:
        counts = expected.setdefault(a["section_id"], {})
        counts[a["status"]] = counts.get(a["status"], 0) + 1
    statuses = latest["statuses"]
    assert statuses and {k: dict(v) for k, v in statuses.items()} == expected
    page = client.get("/").text
    for section_id, counts in statuses.items():
        assert section_id in page and all(f"status-{s}" in page for s, _ in counts)


def test_the_section_json_holds_its_progress_and_the_ministries_to_filter_by(
    client: Client, latest: dict[str, Any]
) -> None:
    doc = latest["document"]["id"]
    section_id = f"{doc}:c2.s2"
    data = client.get(f"/api/v1/sections/{section_id}").json()
    progress = _progress(client, doc)
    assert data["assessments"] == [
        a for a in progress["assessments"] if a["section_id"] == section_id
    ]
    assert [a["status"] for a in data["assessments"]] == ["overdue", "not_assessable"]
    shown = {i["id"] for i in data["initiatives"]}
    assert data["commitments"] == [
        c for c in progress["commitments"] if c["initiative_id"] in shown
    ]
    assert [
        c["initiative_id"].split(":")[1]
        for c in data["commitments"]
        if c["status"] == "done_as_reported"
    ] == ["c2.s2.ss1.i1"]
    codes = [m["code"] for m in client.get("/api/v1/ministries", params={"document": doc}).json()]
    assert [c["code"] for c in data["choices"]] == codes
    page = client.get(f"/sections/{section_id}").text
    assert all(f'value="{code}"' in page for code in codes)


def test_the_initiative_json_holds_the_progress_of_its_commitment(
    client: Client, latest: dict[str, Any]
) -> None:
    doc = latest["document"]["id"]
    done = client.get(f"/api/v1/initiatives/{doc}:c2.s2.ss1.i1").json()["commitment"]
    assert done["status"] == "done_as_reported" and done["initiative_id"] == f"{doc}:c2.s2.ss1.i1"
    assert "status-done_as_reported" in client.get(f"/initiatives/{doc}:c2.s2.ss1.i1").text


def test_the_ministry_json_holds_the_progress_of_its_commitments(
    client: Client, latest: dict[str, Any]
) -> None:
    doc = latest["document"]["id"]
    code = client.get("/api/v1/ministries", params={"document": doc}).json()[0]["code"]
    data = client.get(f"/api/v1/ministries/{code}", params={"document": doc}).json()
    ids = {r["id"] for r in data["lead"] + data["support"]}
    progress = _progress(client, doc)
    assert data["commitments"] == [c for c in progress["commitments"] if c["initiative_id"] in ids]
    assert data["commitments"]


def test_a_briefing_document_json_holds_its_slides(briefing_client: Client) -> None:
    rows = briefing_client.get("/api/v1/documents").json()
    by_name = {d["document"]["source_name"]: d["document"]["id"] for d in rows}
    deck = briefing_client.get(f"/api/v1/documents/{by_name['briefing_2025.txt']}").json()
    own = briefing_client.get(f"/api/v1/briefings/{by_name['briefing_2025.txt']}").json()
    assert deck["briefing"]["slides"] == own["slides"] and own["slides"]
    report = briefing_client.get(f"/api/v1/documents/{by_name['followup_2025.txt']}").json()
    assert report["briefing"] is None


def test_an_element_says_which_page_shows_it(client: Client, latest: dict[str, Any]) -> None:
    doc = latest["document"]["id"]
    action = f"{doc}:c2.s2.ss1.i1.a1"
    assert client.get(f"/api/v1/elements/{action}").json()["parent_type"] == "initiative"
    assert client.get(f"/api/v1/elements/{doc}:c2").json()["parent_type"] is None
    moved = client.get(f"/elements/{action}", follow_redirects=False)
    assert moved.status_code == 303
    assert (
        moved.headers["location"].endswith(f"#{action}")
        and "/initiatives/" in moved.headers["location"]
    )


def test_lists_answer_as_before_on_an_empty_store(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    Store.open(path).close()
    app = create_app(path)
    empty = Client(app)
    for url in ("/api/v1/indicators", "/api/v1/ministries"):
        assert empty.get(url).status_code == 404
    assert empty.get("/api/v1/warnings").json() == []
    for url in ("/indicators", "/ministries", "/warnings", "/search", "/programmes", "/timeline"):
        assert empty.get(url).status_code == 200
    app.state.pool.close()


def test_a_blank_api_search_is_still_refused(client: Client) -> None:
    assert client.get("/api/v1/search", params={"q": " "}).status_code == 400
    assert client.get("/search", params={"q": " "}).status_code == 200
