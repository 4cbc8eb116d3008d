"""The briefing queries over the bundled samples: programmes with links, one timeline, targets,
and slides traced like any element."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from stiplan import queries
from stiplan.store import Store
from tests.conftest import SAMPLES

BRIEFING = SAMPLES / "briefing_2025.txt"


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store.memory() as opened:
        outcomes = queries.ingest_paths(opened, sorted(SAMPLES.glob("*.txt")))
        assert {o.status for o in outcomes} == {queries.IngestStatus.CREATED}
        yield opened


def test_ingest_counts_slides_blocks_and_mentions(store: Store) -> None:
    doc = queries.resolve_document(store, "briefing_2025.txt")
    assert doc is not None
    counts = store.counts(doc)
    assert (counts.slides, counts.decisions, counts.numeric_targets, counts.budgets) == (6, 5, 4, 2)
    assert counts.chapters == 0 and counts.warnings == 9


def test_programmes_link_a_briefing_to_the_follow_up_initiatives_naming_them(store: Store) -> None:
    linked = {p.name: p for p in queries.programmes(store, linked_only=True)}
    assert set(linked) == {"創発的研究支援事業", "科学研究費助成事業"}
    emergent = linked["創発的研究支援事業"]
    assert emergent.briefings == ["briefing_2025.txt"]
    assert emergent.section_labels == ["2.(1)"]
    assert len(emergent.initiative_ids) == 2  # the same row in the 2024 and 2025 editions
    assert all(link.span.first_line == 80 for link in emergent.links)


def test_programmes_of_one_document(store: Store) -> None:
    names = [p.name for p in queries.programmes(store, "briefing_2025.txt")]
    assert "経済安全保障重要技術育成プログラム" in names
    assert "ムーンショット目標10" in names
    assert "研究力強化加速戦略2025" in names


def test_one_timeline_across_documents_oldest_first(store: Store) -> None:
    rows = queries.timeline(store)
    assert [r.date.start for r in rows] == sorted(r.date.start for r in rows)
    assert {r.source_name for r in rows} == {
        "briefing_2025.txt",
        "followup_2024.txt",
        "followup_2025.txt",
    }
    cabinet = [r for r in rows if r.action == "閣議決定"]
    assert [(r.date.start, r.body, r.what, r.span.first_line) for r in cabinet] == [
        (date(2025, 6, 6), "閣議", "研究力強化加速戦略2025", 22)
    ]


def test_timeline_between_two_days(store: Store) -> None:
    rows = queries.timeline(store, since=date(2025, 1, 1), until=date(2025, 12, 31))
    # A fiscal year overlapping the stretch counts; a period sorts by its first day.
    assert [(r.date.text, r.what) for r in rows] == [
        ("令和6年度", "20大学"),
        ("令和7年3月", "研究設備共用ビジョン"),
        ("令和7年度", "共用拠点"),
        ("2025年4月18日", "研究設備共用ビジョン"),
        ("令和7年6月6日", "研究力強化加速戦略2025"),
    ]


def test_targets_of_a_briefing_and_of_a_follow_up(store: Store) -> None:
    briefing = queries.numeric_targets(store, "briefing_2025.txt")
    assert [(t.subject, t.quantity.value if t.quantity else None) for t in briefing] == [
        ("博士号取得者", Decimal(20000)),
        ("大学発スタートアップ", Decimal(10000)),
        ("共用研究設備の利用件数", Decimal(3)),
        ("研究の自動化により科学的発見の速度", Decimal(10)),
    ]
    report = queries.numeric_targets(store, "followup_2025.txt")
    assert len(report) == 7
    assert report[0].id.endswith(":c2.s1.t1")


def test_a_block_is_shown_with_its_source_lines(store: Store) -> None:
    doc = queries.resolve_document(store, "briefing_2025.txt")
    view = queries.element(store, f"{doc}:sl6.b4")
    assert view.element.type == "block"
    assert view.element.text == "研究基盤整備推進法の一部を改正する法律"
    assert view.element.attrs["repaired"] is True
    assert [line.line_no for line in view.source][:2] == [91, 92]
    slide = queries.element(store, f"{doc}:sl6")
    assert slide.element.type == "slide" and len(slide.children) == len(
        store.load_document(doc).slides[5].blocks
    )


def test_an_unknown_id_is_a_query_error(store: Store) -> None:
    with pytest.raises(queries.QueryError, match="no element"):
        queries.element(store, "nope:sl1.b1")
