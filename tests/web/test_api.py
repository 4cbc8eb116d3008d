"""The JSON API in-process: every endpoint's data on the samples, filters, paging, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from stiplan.exports.diff_json import DiffJson
from stiplan.web import create_app
from tests.unit.store.conftest import snapshot

from .conftest import Client


def _section_id(latest: dict[str, Any], label: str) -> str:
    for chapter in latest["chapters"]:
        for section in chapter["sections"]:
            if f"{section['chapter_number']}.({section['number']})" == label:
                return str(section["id"])
    raise AssertionError(label)


def _envelope(response: Any, status: int) -> str:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["error"]["status"] == status
    assert set(body) == {"ok", "error"} and set(body["error"]) == {"status", "message"}
    return str(body["error"]["message"])


def test_documents_lists_both_editions_with_counts(client: Client) -> None:
    rows = client.get("/api/v1/documents").json()
    assert [r["document"]["source_name"] for r in rows] == [
        "followup_2024.txt",
        "followup_2025.txt",
    ]
    assert [r["counts"]["initiatives"] for r in rows] == [13, 13]
    assert [r["counts"]["status_items"] for r in rows] == [17, 20]
    # 6 of the inventory, and title_unknown and date_unknown: no head lines in the samples
    assert all(r["counts"]["warnings"] == 8 for r in rows)
    assert all(r["counts"]["observations"] == 19 for r in rows)
    # named by title (here their chapter heading) and dated (here undated): additive fields
    assert all(r["document"]["title"].startswith("2. 知のフロンティア") for r in rows)
    assert [r["document"]["date"] for r in rows] == [None, None]


def test_overview_shows_the_latest_edition_and_can_pick_another(
    client: Client, latest: dict[str, Any]
) -> None:
    assert latest["document"]["source_name"] == "followup_2025.txt"
    (chapter,) = latest["chapters"]
    assert chapter["chapter"]["number"] == 2
    assert chapter["chapter"]["title"].startswith("知のフロンティア")
    assert [(s["number"], s["initiative_count"]) for s in chapter["sections"]] == [
        (1, 5),
        (2, 4),
        (3, 4),
    ]
    assert latest["counts"]["warnings"] == 8
    older = client.get("/api/v1/overview", params={"document": "followup_2024.txt"}).json()
    assert older["document"]["source_name"] == "followup_2024.txt"
    by_prefix = client.get("/api/v1/overview", params={"document": older["document"]["id"][:6]})
    assert by_prefix.json()["document"]["id"] == older["document"]["id"]


def test_sections(client: Client) -> None:
    rows = client.get("/api/v1/sections").json()
    assert [r["title"][:6] for r in rows] == ["挑戦的で多様", "オープンサイ", "大学の経営機"]
    assert rows[0]["span"] == {"first_line": 23, "last_line": 99, "page": None, "box": None}


def test_section_page_data_filtered_by_ministry_and_lead(
    client: Client, latest: dict[str, Any]
) -> None:
    section_id = _section_id(latest, "2.(1)")
    everything = client.get(f"/api/v1/sections/{section_id}").json()
    assert len(everything["initiatives"]) == 5
    assert len(everything["goals"]) == 1 and len(everything["targets"]) == 3
    assert [len(i["observations"]) for i in everything["indicators"]] == [1, 2, 2, 1]
    provisional = everything["indicators"][3]["observations"][0]["quantity"]
    assert (provisional["text"], provisional["provisional"]) == ("34.1%", True)
    assert [len(s["initiatives"]) for s in everything["subsections"]] == [3, 2]
    assert {f["number"] for f in everything["footnotes"]} >= {5, 6, 8, 9, 12}
    lead = client.get(
        f"/api/v1/sections/{section_id}", params={"ministry": "文", "lead_only": "true"}
    ).json()
    # 文 leads ①-1 and ①-3 on their own tags and ②-2 through an action (inventory)
    places = [(i["subsection_number"], i["number"]) for i in lead["initiatives"]]
    assert places == [(1, 1), (1, 3), (2, 2)]
    assert all(i["match"]["lead"] for i in lead["initiatives"])
    assert lead["ministry"] == "文" and lead["lead_only"] is True


def test_initiatives_list_filters_and_pages(client: Client) -> None:
    found = client.get("/api/v1/initiatives", params={"ministry": "科技"}).json()
    assert found["document"]["source_name"] == "followup_2025.txt"
    assert found["total"] == len(found["items"]) > 0
    page = client.get("/api/v1/initiatives", params={"limit": 4, "offset": 10}).json()
    assert (page["total"], page["offset"], page["limit"], len(page["items"])) == (13, 10, 4, 3)
    section = client.get("/api/v1/initiatives", params={"section": "2.(3)"}).json()
    assert [i["number"] for i in section["items"]] == [1, 1, 2, 3]
    old = client.get(
        "/api/v1/initiatives", params={"section": "(3)", "document": "followup_2024.txt"}
    )
    assert [i["number"] for i in old.json()["items"]] == [1, 2, 1, 2]
    assert client.get("/api/v1/initiatives", params={"ministry": "存在しない"}).json()["total"] == 0


def test_initiative_with_items_source_lines_and_footnotes(client: Client) -> None:
    items = client.get("/api/v1/initiatives", params={"section": "2.(1)"}).json()["items"]
    third = items[2]
    data = client.get(f"/api/v1/initiatives/{third['id']}").json()
    assert data["initiative"]["span"] == {
        "first_line": 81,
        "last_line": 92,
        "page": None,
        "box": None,
    }
    assert [line["line_no"] for line in data["source"]] == list(range(81, 93))
    assert len(data["status_items"]) == 3 and len(data["actions"]) == 2
    assert [f["number"] for f in data["footnotes"]] == [17]
    assert data["section"]["number"] == 1 and data["subsection"]["number"] == 1
    assert [(m["code"], m["lead"]) for m in data["initiative"]["ministries"]] == [
        ("文", True),
        ("科技", False),
    ]


def test_indicators_and_targets(client: Client) -> None:
    rows = client.get("/api/v1/indicators").json()
    assert len(rows) == 12
    assert [r["place"] for r in rows[:4]] == ["2.", "2.", "2.", "2.(1)"]
    assert rows[0]["indicator"]["attrs"]["name"] == "論文の国際的地位"
    targets = client.get("/api/v1/targets").json()
    assert len(targets) == 7 and targets[0]["place"] == "2.(1)"
    detail = client.get(f"/api/v1/indicators/{rows[3]['indicator']['id']}").json()
    assert detail["parent"]["type"] == "section"
    assert detail["source"][0]["line_no"] == detail["indicator"]["span"]["first_line"]
    # the same indicator in both editions: one value each, oldest period first
    assert [
        (
            p["document"]["source_name"],
            p["observation"]["quantity"]["text"],
            p["observation"]["period"]["text"],
        )
        for p in detail["series"]
    ] == [("followup_2024.txt", "22.1%", "令和4年度"), ("followup_2025.txt", "23.0%", "令和5年度")]


def test_indicator_series_across_editions_with_its_target(built: Client) -> None:
    data = built.get("/api/v1/indicators/doc2024:s11.ind1").json()
    men = [p for p in data["series"] if p["observation"]["attrs"]["label"] == "男性"]
    assert [(p["document"]["id"], p["observation"]["quantity"]["value"]) for p in men] == [
        ("doc2023", "72.57"),
        ("doc2024", "73.10"),
    ]
    assert [p["observation"]["period"]["text"] for p in men] == ["2022年", "2023年"]
    (target,) = data["targets"]
    assert target["quantity"]["text"] == "75歳以上" and target["period"]["text"] == "2025年度"


def test_ministries_and_one_ministry(client: Client) -> None:
    rows = client.get("/api/v1/ministries").json()
    assert rows[0]["code"] == "文" and rows[0]["info"]["name_ja"] == "文部科学省"
    unknown = {r["code"]: r for r in rows}["研開"]
    assert unknown["info"] is None and unknown["use"]["initiatives"] == 1
    mext = client.get("/api/v1/ministries/文").json()
    # every 2025 initiative names 文; it leads ten of them (own tag or an action's, inventory)
    assert (len(mext["lead"]), len(mext["support"])) == (10, 3)
    assert all(r["match"]["lead"] for r in mext["lead"])
    assert not any(r["match"]["lead"] for r in mext["support"])
    assert "no ministry" in _envelope(client.get("/api/v1/ministries/XYZ"), 404)


def test_warnings_and_document_lines(client: Client, latest: dict[str, Any]) -> None:
    warnings = client.get("/api/v1/warnings").json()
    assert [(w["line"], w["code"]) for w in warnings] == [
        (1, "title_unknown"),  # the samples print no head lines: named by their chapter
        (1, "date_unknown"),
        (47, "target_several_values"),
        (51, "target_value_unread"),
        (97, "footnote_undefined"),
        (98, "ministry_tag_repaired"),
        (142, "ministry_code_repaired"),
        (183, "unknown_ministry_code"),
    ]
    doc_id = latest["document"]["id"]
    page = client.get(f"/api/v1/documents/{doc_id}").json()
    assert (page["page"], page["pages"], len(page["lines"])) == (1, 1, 191)
    assert len(page["warnings"]) == 8
    lines = client.get(f"/api/v1/documents/{doc_id}/lines", params={"first": 3, "last": 4}).json()
    assert [line["line_no"] for line in lines] == [3, 4]
    assert lines[0]["text"].startswith("2. 知のフロンティア")
    _envelope(client.get(f"/api/v1/documents/{doc_id}", params={"page": 2}), 400)
    _envelope(client.get(f"/api/v1/documents/{doc_id}/lines", params={"first": 5, "last": 4}), 400)
    _envelope(client.get(f"/api/v1/documents/{doc_id}/lines", params={"last": 9000}), 400)


def test_element_traces_to_source(client: Client) -> None:
    first = client.get("/api/v1/initiatives").json()["items"][0]
    data = client.get(f"/api/v1/elements/{first['id']}").json()
    assert data["element"]["type"] == "initiative"
    assert data["source"][0]["line_no"] == 79
    assert [c["type"] for c in data["children"]][:1] == ["status_item"]


def test_wrong_type_and_unknown_ids_are_404(client: Client, latest: dict[str, Any]) -> None:
    section_id = _section_id(latest, "2.(1)")
    assert "it is a section" in _envelope(client.get(f"/api/v1/initiatives/{section_id}"), 404)
    _envelope(client.get(f"/api/v1/indicators/{section_id}"), 404)
    _envelope(client.get("/api/v1/sections/nope"), 404)
    _envelope(client.get("/api/v1/overview", params={"document": "nope"}), 404)
    _envelope(client.get("/api/v1/nope"), 404)


def test_bad_parameters_are_400(client: Client) -> None:
    assert "lead_only" in _envelope(client.get("/api/v1/initiatives?lead_only=true"), 400)
    assert "limit" in _envelope(client.get("/api/v1/initiatives?limit=0"), 400)
    _envelope(client.get("/api/v1/initiatives?lead_only=maybe"), 400)
    _envelope(client.get("/api/v1/initiatives", params={"ministry": "文" * 41}), 400)
    _envelope(client.get("/api/v1/initiatives", params={"ministry": "a\x00b"}), 400)


def test_other_methods_and_huge_urls(client: Client) -> None:
    _envelope(client.request("POST", "/api/v1/documents"), 405)
    _envelope(client.request("DELETE", "/api/v1/documents"), 405)
    _envelope(client.get("/api/v1/initiatives", params={"section": "x" * 9000}), 414)


def test_openapi_documents_every_api_route(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/api/v1/documents",
        "/api/v1/overview",
        "/api/v1/sections/{section_id}",
        "/api/v1/initiatives",
        "/api/v1/indicators/{indicator_id}",
        "/api/v1/ministries/{code}",
        "/api/v1/warnings",
        "/download/{name}.xlsx",
        "/download/all.zip",
    } <= paths
    assert "InitiativeRow" in schema["components"]["schemas"]
    diff = schema["paths"]["/api/v1/diff"]["get"]
    assert diff["description"].startswith("版") and "stiplan-diff/2" in diff["description"]
    assert "What changed" in diff["description"]
    ok = diff["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/DiffJson"}
    quantity = schema["components"]["schemas"]["QuantityJson"]["properties"]
    assert quantity["value"]["type"] == "string"


def test_serving_never_writes_the_store(samples_db: Path, client: Client) -> None:
    before = snapshot(samples_db)
    for path in ("/", "/api/v1/overview", "/api/v1/initiatives", "/download/all.zip"):
        assert client.get(path).status_code == 200
    assert snapshot(samples_db) == before


def test_app_refuses_a_missing_store(tmp_path: Path) -> None:
    from stiplan.store import StoreError

    with pytest.raises(StoreError, match="no stiplan store here"):
        create_app(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()


def test_an_empty_store_shows_empty_pages(tmp_path: Path) -> None:
    from stiplan.store import Store

    path = tmp_path / "empty.sqlite"
    Store.open(path).close()
    app = create_app(path)
    empty = Client(app)
    assert empty.get("/api/v1/overview").json()["document"] is None
    assert empty.get("/api/v1/documents").json() == []
    assert empty.get("/api/v1/sections").json() == []
    _envelope(empty.get("/api/v1/initiatives"), 404)
    assert empty.get("/").status_code == 200
    assert empty.get("/download/all.zip").status_code == 200
    app.state.pool.close()


def test_documents_ingested_while_serving_appear(tmp_path: Path) -> None:
    from stiplan import queries
    from stiplan.store import Store
    from tests.conftest import SAMPLES

    path = tmp_path / "live.sqlite"
    Store.open(path).close()
    app = create_app(path)
    live = Client(app)
    assert live.get("/api/v1/documents").json() == []
    with Store.open(path) as writer:  # the CLI ingesting beside the running server
        queries.ingest_paths(writer, [SAMPLES / "followup_2024.txt"])
    assert [d["document"]["source_name"] for d in live.get("/api/v1/documents").json()] == [
        "followup_2024.txt"
    ]
    app.state.pool.close()


def test_progress_of_targets_and_commitments(client: Client) -> None:
    data = client.get("/api/v1/progress").json()
    statuses = {a["target_id"].split(":")[1]: a["status"] for a in data["assessments"]}
    assert statuses == {
        "c2.s1.t1": "not_assessable",
        "c2.s1.t2": "not_assessable",
        "c2.s1.t3": "not_assessable",
        "c2.s2.t1": "overdue",
        "c2.s2.t2": "not_assessable",
        "c2.s3.t1": "needs_acceleration",
        "c2.s3.t2": "overdue",
    }
    growth = next(a for a in data["assessments"] if a["status"] == "needs_acceleration")
    assert growth["ratio"].startswith("0.60") and growth["latest"]["unit"] == "円"
    done = [
        c["initiative_id"].split(":")[1]
        for c in data["commitments"]
        if c["status"] == "done_as_reported"
    ]
    assert done == ["c2.s1.ss1.i3", "c2.s2.ss1.i1"]


def test_editions_and_their_diff(client: Client) -> None:
    (part,) = client.get("/api/v1/editions").json()
    assert [e["source_name"] for e in part["editions"]] == [
        "followup_2024.txt",
        "followup_2025.txt",
    ]
    old, new = (e["document_id"] for e in part["editions"])
    data = client.get("/api/v1/diff", params={"old": old, "new": new}).json()
    assert data["same_part"] is True and data["summary"]
    assert "initiative_added" in data["summary"] and "initiative_removed" in data["summary"]
    assert data["format"] == "stiplan-diff/2"
    TypeAdapter(DiffJson).validate_python(data, strict=True)
    changed = next(d for d in data["differences"] if d["code"] == "observation_changed")
    assert changed["old"]["span"]["document_id"] == old
    assert changed["new"]["value"]["quantity"]["value"] == "12"
    assert changed["new"]["value"]["period"]["start"] == "2023-01-01"
    assert client.get("/api/v1/diff", params={"old": old}).json()["error"]["status"] == 400
    assert client.get("/api/v1/diff", params={"old": "nope", "new": new}).status_code == 404


@pytest.mark.parametrize("name", ["文部科学省", " 文部科学省 "])
def test_ministry_filter_takes_the_official_name(client: Client, name: str) -> None:
    by_code = client.get("/api/v1/initiatives", params={"ministry": "文"}).json()
    by_name = client.get("/api/v1/initiatives", params={"ministry": name}).json()
    assert by_code["total"] > 0 and by_name["items"] == by_code["items"]
    page = client.get("/api/v1/search", params={"q": "研究", "ministry": name})
    assert page.status_code == 200
    assert (
        page.json() == client.get("/api/v1/search", params={"q": "研究", "ministry": "文"}).json()
    )


def test_resolve_ministry_keeps_codes_and_unknown_text() -> None:
    from stiplan.queries import resolve_ministry

    assert resolve_ministry("文") == "文"
    assert resolve_ministry("文部科学省") == "文"
    assert resolve_ministry("no such office") == "no such office"


@pytest.mark.parametrize("path", ["/api/v1/initiatives", "/api/v1/progress", "/api/v1/search"])
def test_a_section_filter_that_names_no_section_is_404_naming_the_sections(
    client: Client, path: str
) -> None:
    """A mistyped 9.(9) said nothing (200 and no rows); it is refused, listing what there is."""
    message = _envelope(client.get(path, params={"section": "9.(9)", "q": "研究"}), 404)
    assert "9.(9)" in message and "2.(1)" in message and "節" in message


def test_a_real_section_that_matches_nothing_is_still_an_empty_answer(client: Client) -> None:
    found = client.get("/api/v1/initiatives", params={"section": "2.(1)", "ministry": "防"})
    assert found.status_code == 200 and found.json()["items"] == []
    assert client.get("/api/v1/search", params={"q": "量子", "section": "(1)"}).status_code == 200


def test_an_offset_past_the_end_is_404_as_a_page_past_the_last(client: Client) -> None:
    """The page said 13 件（100001–100000 件を表示）; lists by offset now refuse it as lists by
    page do, naming how many there are. Offset 0 of an empty list is still an empty page."""
    message = _envelope(client.get("/api/v1/initiatives", params={"offset": 13}), 404)
    assert "13" in message and "範囲外" in message
    assert client.get("/initiatives", params={"offset": 100000}).status_code == 404
    last = client.get("/api/v1/initiatives", params={"offset": 12}).json()
    assert len(last["items"]) == 1
    empty = client.get("/api/v1/initiatives", params={"ministry": "防"})
    assert empty.status_code == 200 and empty.json()["items"] == []
