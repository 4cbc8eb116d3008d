"""An initiative across editions on its page and in the API: each edition's row, what changed
from the edition before (word-level, escaped), ministries and lead, and the edition it left."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI

from stiplan.model import Action, Document, StatusItem
from stiplan.store import Store
from stiplan.web import create_app
from tests.unit.store.conftest import lead, make_document, plain

from .conftest import SCRIPT, Client
from .conftest import _edition as numeric_edition
from .test_pages import one, page, text

COMMITMENT = "若手研究者の自立を支える研究費の仕組みを設け、公募を開始する。"


def _edition(doc_id: str, edition: str) -> Document:
    """An edition whose initiative i1 has a commitment of its own (so it matches by text)."""
    doc = make_document(doc_id, f"hash-{doc_id}", edition)
    initiative = doc.chapters[0].sections[0].subsections[0].initiatives[0]
    initiative.commitment = COMMITMENT
    item = initiative.status_items[0]
    item.text = "研究費の仕組みを設け、約100人の若手研究者を採択。"
    initiative.actions[0].text = "採択者の研究の進み具合を追跡して検証する。"
    return doc


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    first = _edition("histA", "2023")
    second = _edition("histB", "2024")
    initiative = second.chapters[0].sections[0].subsections[0].initiatives[0]
    initiative.ministries = [lead("経"), plain("文"), plain("外")]
    initiative.status_items[0].text = f"研究費の仕組みを拡充し、約150人の若手研究者を採択。{SCRIPT}"
    initiative.status_items.append(
        StatusItem("histB:i1.st2", "追跡調査を開始し、結果を公表。", initiative.span)
    )
    initiative.actions.append(
        Action("histB:i1.a2", "支援の対象と水準を見直す。", initiative.span, [plain("文")])
    )
    third = _edition("histC", "2025")
    del third.chapters[0].sections[0].subsections[0].initiatives[0]  # i1 left the report
    path = tmp_path_factory.mktemp("history") / "history.sqlite"
    with Store.open(path) as store:
        for doc in (first, second, third):
            store.ingest(doc)
    app: FastAPI = create_app(path)
    yield Client(app)
    app.state.pool.close()


def test_each_edition_of_the_initiative_is_shown_and_linked(history: Client) -> None:
    soup = page(history, "/initiatives/histB:i1")
    section = one(soup, "section.history")
    assert text(one(section, "h2")) == "版ごとの推移"
    steps = section.select("li.history-step")
    assert [s["data-document"] for s in steps] == ["histA", "histB", "histC"]
    assert [text(s.select("h3")[0]) for s in steps] == [
        "版 2023",
        "版 2024 表示中 変更あり",
        "版 2025 削除",
    ]
    assert "shown" in steps[1]["class"]
    links = [a["href"] for a in section.select("a.edition-link")]
    assert links == ["/initiatives/histA:i1", "/initiatives/histB:i1"]
    assert text(one(steps[0], ".history-first")) == "保存されている最初の版"
    assert text(steps[0].select(".status-history li")[0]).startswith("研究費の仕組みを設け")
    assert "対応する取組がありません" in text(one(steps[2], ".history-gone"))


def test_changes_from_the_edition_before_are_word_level_and_escaped(history: Client) -> None:
    response = history.get("/initiatives/histB:i1")
    assert SCRIPT not in response.text
    soup = page(history, "/initiatives/histB:i1")
    step = soup.select("li.history-step")[1]
    items = step.select(".status-history li.history-item")
    assert [i["data-change"] for i in items] == ["reworded", "added"]
    reworded = items[0]
    assert [d.get_text() for d in reworded.select("del")] == ["削除：設け", "削除：100"]
    added = [i.get_text() for i in reworded.select("ins")]
    assert added[:2] == ["追加：拡充し", "追加：150"]
    assert SCRIPT in "".join(added)  # the script is text inside <ins>, never markup
    assert not reworded.select("script")
    assert text(one(items[1], ".badge")) == "追加"
    actions = step.select(".action-history li.history-item")
    assert [a["data-change"] for a in actions] == ["unchanged", "added"]
    change = one(step, "dd.initiative-ministries")
    assert [t.get_text() for t in change.select(".tag.lead")] == ["文（主担当）", "経（主担当）"]
    moved = [text(m) for m in change.select(".moved")]
    assert moved == ["追加: 外", "主担当に: 経", "主担当でなくなった: 文"]
    gone = soup.select("li.history-step")[2]
    removed = gone.select("li.history-item")
    assert {r["data-change"] for r in removed} == {"removed"}
    # a removed item's source link points into the edition it was in
    assert str(removed[0].select("a.src")[0]["href"]).startswith("/documents/histB#L")


def test_the_history_is_the_same_from_any_edition(history: Client) -> None:
    soup = page(history, "/initiatives/histA:i1", lang="en")
    steps = soup.select("li.history-step")
    assert [s["data-document"] for s in steps] == ["histA", "histB", "histC"]
    assert "shown" in steps[0]["class"]
    assert text(one(soup, "#history-h")) == "Across editions"


def test_api_carries_the_history(history: Client) -> None:
    data = history.get("/api/v1/initiatives/histB:i1").json()["history"]
    assert data["editions"] == 3
    steps = data["steps"]
    assert [s["edition"]["edition"] for s in steps] == ["2023", "2024", "2025"]
    assert [s["change"] for s in steps] == [None, "changed", "removed"]
    assert [s["initiative"] and s["initiative"]["id"] for s in steps] == [
        "histA:i1",
        "histB:i1",
        None,
    ]
    assert [s["shown"] for s in steps] == [False, True, False]
    ministries = steps[1]["diff"]["ministries"]
    assert ministries["added"] == ["外"] and ministries["lead_gained"] == ["経"]
    segments = steps[1]["diff"]["status_items"][0]["segments"]
    assert {"op": "removed", "text": "100"} in segments
    assert steps[0]["diff"] is None and len(steps[0]["status_items"]) == 1


def test_the_samples_initiative_history(client: Client) -> None:
    latest = client.get("/api/v1/overview").json()["document"]["id"]
    soup = page(client, f"/initiatives/{latest}:c2.s1.ss1.i3")
    steps = soup.select("li.history-step")
    assert [text(s.select("h3")[0]) for s in steps] == ["版 2024", "版 2025 表示中 変更あり"]
    reworded = steps[1].select(".status-history li.history-item")[1]
    assert reworded.select("del")[0].get_text() == "削除：12"
    assert reworded.select("ins")[0].get_text() == "追加：15"
    new = page(client, f"/initiatives/{latest}:c2.s3.ss2.i3")
    (only,) = new.select("li.history-step")
    assert text(one(only, ".history-new")) == "この版で新たに記載"
    assert {i["data-change"] for i in only.select("li.history-item")} == {"added"}


def test_a_single_edition_says_so(tmp_path: Path) -> None:
    path = tmp_path / "one.sqlite"
    with Store.open(path) as store:
        store.ingest(_edition("solo", "2023"))
    app = create_app(path)
    try:
        soup = page(Client(app), "/initiatives/solo:i1")
    finally:
        app.state.pool.close()
    assert "他の版にはありません" in text(one(soup, ".history-single"))
    assert not soup.select("li.history-step")


def test_the_indicator_series_follows_a_renamed_indicator(tmp_path: Path) -> None:
    old = numeric_edition("renA", "2023", "72.57", 2022)
    new = numeric_edition("renB", "2024", "73.10", 2023)
    indicator = new.chapters[0].sections[0].indicators[0]
    indicator.name = "健康寿命（平均）"  # renamed: same-name lookup alone would lose 2022
    path = tmp_path / "renamed.sqlite"
    with Store.open(path) as store:
        store.ingest(old)
        store.ingest(new)
    app = create_app(path)
    try:
        client = Client(app)
        soup = page(client, "/indicators/renB:s11.ind1")
        series = client.get("/api/v1/indicators/renB:s11.ind1").json()["series"]
    finally:
        app.state.pool.close()
    rows = soup.select("table.series tbody tr")
    assert [text(r.select("td")[0]) for r in rows][:2] == ["2022年", "2023年"]
    assert [text(r.select("td")[3]) for r in rows][:2] == ["フォローアップ"] * 2  # by title
    assert [c.get_text() for c in soup.select("svg .series circle")][:2] == [
        "男性 72.57歳（2022年）",
        "男性 73.10歳（2023年）",
    ]
    assert series[0]["observation"]["id"] == "renA:s11.ind1.o1"
