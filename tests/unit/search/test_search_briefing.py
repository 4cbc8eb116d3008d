"""Search over the sample briefing (``samples/briefing_2025.txt``): blocks and slide titles
are found, repaired passages as repaired, and nothing of the garbled line.

The expected ids were found by reading the sample (a fictional deck written for the tests);
ids are given without their document prefix.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stiplan import queries
from stiplan.store import Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("briefing") / "briefing.sqlite"
    with Store.open(path) as opened:
        paths = [SAMPLES / "briefing_2025.txt", SAMPLES / "followup_2025.txt"]
        outcomes = queries.ingest_paths(opened, paths)
        assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 2
        yield opened


def found(store: Store, query: str, **filters: object) -> list[tuple[str, str]]:
    hits = queries.search(
        store,
        query,
        limit=50,
        document="briefing_2025.txt",
        **filters,  # type: ignore[arg-type]
    )
    return [(h.type, h.element_id.split(":", 1)[1]) for h in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("K Program", [("block", "sl3.b8")]),
        ("BRIDGE", [("block", "sl3.b7")]),
        ("博士号取得者", [("block", "sl4.b3")]),  # a heading under 2030年目標
        ("予算の状況", [("slide", "sl5")]),  # a slide by its title (its title block: no hit)
        ("共用拠点の選定", [("block", "sl5.b6")]),  # a table row
        ("1,200億円", [("block", "sl5.b2")]),  # a number with its unit
        ("ムーンショット型研究開発制度", [("block", "sl5.b10")]),  # a source line
    ],
)
def test_words_of_the_briefing_are_found_in_their_blocks(
    store: Store, query: str, expected: list[tuple[str, str]]
) -> None:
    assert found(store, query) == expected


def test_vertical_text_and_radicals_are_found_as_repaired(store: Store) -> None:
    # written one character a line, with ⽂ (Kangxi) and a foreign letter for の
    assert found(store, "研究基盤整備推進法") == [("block", "sl6.b4")]
    assert found(store, "改正する法律") == [("block", "sl6.b4")]
    assert ("block", "sl6.b3") in found(store, "文部科学省")
    assert ("block", "sl6.b3") in found(store, "⽂部科学省")  # typed as the PDF wrote it
    assert found(store, "装置") == [("block", "sl6.b15")]  # 利⽤ in the line


def test_nothing_is_found_from_the_garbled_line(store: Store) -> None:
    # line 124 holds a letter that cannot be read; its block is shown, never searched
    assert found(store, "読み替えられない") == []
    assert found(store, "推進体制") == []
    hits = queries.search(store, "整備", limit=50)
    assert all(h.span.first_line != 124 for h in hits)


def test_the_type_filter_accepts_blocks_and_slides(store: Store) -> None:
    assert found(store, "施策", element_type="slide") == [("slide", "sl3"), ("slide", "sl4")]
    assert ("block", "sl3.b1") not in found(store, "施策", element_type="block")
    everywhere = queries.search(store, "研究", limit=200)
    assert {h.type for h in everywhere} >= {"block", "slide", "initiative"}


def test_a_hit_carries_document_span_and_snippet(store: Store) -> None:
    (hit,) = queries.search(store, "K Program", document="briefing_2025.txt")
    assert hit.source_name == "briefing_2025.txt" and hit.edition == "2025"
    assert (hit.span.first_line, hit.span.last_line) == (42, 42)
    assert hit.snippet.marked("[", "]") == "[K] [Program]による重要技術の育成"
    assert hit.section_label is None and hit.ministries == ()
