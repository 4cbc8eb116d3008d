"""Ranking and filters end to end (``queries.search``) on the project's two sample editions.

The expected elements were found by reading ``samples/followup_2024.txt`` and
``followup_2025.txt``; ids are given without their document prefix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stiplan import queries
from stiplan.store import Store
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("search") / "samples.sqlite"
    with Store.open(path) as opened:
        outcomes = queries.ingest_paths(opened, sorted(SAMPLES.glob("followup_*.txt")))
        assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 2
        yield opened


def edition_id(store: Store, edition: str) -> str:
    """The id of the stored sample of that edition (ids follow the samples' content)."""
    (found,) = [d.id for d in store.documents() if d.edition == edition]
    return found


def ids(hits: list[queries.SearchHit], document: str | None = None) -> list[str]:
    return [h.element_id.split(":", 1)[1] for h in hits if document in (None, h.document_id)]


def top(store: Store, query: str, n: int = 5, **filters: object) -> list[str]:
    return ids(queries.search(store, query, limit=n, **filters))  # type: ignore[arg-type]


def test_a_latin_acronym_finds_its_indicator_and_initiative(store: Store) -> None:
    hits = queries.search(store, "SINET", edition="2025")
    # The indicator is short and names SINET first; the prose had it spaced out (S I N E T).
    assert ids(hits) == ["c2.s2.ind3", "c2.s2.ss1.i1", "c2.s2.p2"]
    assert {h.document_id for h in hits} == {edition_id(store, "2025")}


def test_a_word_written_without_spaces_is_found_as_a_phrase(store: Store) -> None:
    found = top(store, "博士人材", n=10)
    assert set(found) == {"c2.s1.ss1.i1.st2", "c2.s1.ss1.i1.a2"}


def test_a_spelling_variant_and_a_compound_part_are_found(store: Store) -> None:
    # The text says スーパーコンピュータ; the query says コンピューター.
    assert top(store, "コンピューター", edition="2024") == ["c2.s2.ss2.i1"]


def test_short_words_and_acronyms(store: Store) -> None:
    assert set(top(store, "AI", n=10, edition="2024")) == {"c2.s1.ss1.i3", "c2.s2.ss2.i1"}
    assert set(top(store, "e-Rad", n=10, edition="2024")) == {"c2.s1.ss2.i1", "c2.s1.ss2.i1.st1"}
    assert top(store, "CO2", edition="2025") == ["c2.s2.ss2.i1.st1"]


def test_a_subsection_title_ranks_high_for_its_own_words(store: Store) -> None:
    found = top(store, "研究DX", n=5, edition="2024")
    assert found[0] == "c2.s2.ss2"
    assert {"c2.s2.p3", "c2.s2.ss2.i2"} <= set(found)


def test_numbers_with_units_match_as_written(store: Store) -> None:
    # 187万件 is only in the 2025 edition (2024: 152万件); the longer indicator ranks last.
    assert top(store, "187万件") == ["c2.s2.ss1.i1.st2", "c2.s2.ind2.o2", "c2.s2.ind2"]
    hits = queries.search(store, "4兆2,050億円")
    assert ids(hits)[0] == "c2.ind2.o1" and hits[0].document_id == edition_id(store, "2025")


def test_a_quoted_phrase_needs_its_words_together(store: Store) -> None:
    assert set(top(store, '"共用の指針"', n=10, edition="2025")) == {
        "c2.s1.ss1.i3",
        "c2.s1.ss1.i3.st1",
    }


def test_or_exclusion_and_prefix(store: Store) -> None:
    either = set(top(store, "SINET OR e-Rad", n=20, edition="2024"))
    assert {"c2.s2.ind3", "c2.s1.ss2.i1"} <= either
    without = set(top(store, "メタデータ -公開", n=20, edition="2024"))
    assert "c2.s2.ss1.i1.st2" not in without and "c2.s2.t2" in without
    assert top(store, "リサーチ*", edition="2025") == ["c2.s1.ss2.i2.a1"]


def test_ministry_filter_uses_the_items_own_tag_else_its_initiatives(store: Store) -> None:
    found = set(top(store, "大学", n=50, ministry="法"))
    assert found == {"c2.s3.ss2.i3", "c2.s3.ss2.i3.st1"}  # a2 (法) says nothing of 大学
    assert top(store, "在留", ministry="法") == ["c2.s3.ss2.i3.a2"]
    assert top(store, "在留", ministry="法", lead_only=True) == []


def test_lead_only_keeps_units_where_the_ministry_is_underlined(store: Store) -> None:
    found = top(store, "研究時間", n=20, ministry="科技", lead_only=True, edition="2024")
    assert found == ["c2.s1.ss2.i2"]
    hits = queries.search(store, "研究時間", ministry="科技", lead_only=True, edition="2024")
    assert [(m.code, m.lead) for m in hits[0].ministries] == [("科技", True), ("関係府省", False)]


def test_section_type_and_document_filters(store: Store) -> None:
    in_section = queries.search(store, "研究", section="2.(2)", limit=50)
    assert in_section and {h.section_label for h in in_section} == {"2.(2)"}
    footnotes = top(
        store, "文部科学省", n=20, element_type="footnote", document="followup_2024.txt"
    )
    assert set(footnotes) == {"fn12", "fn13", "fn16", "fn26"}


def test_hits_carry_what_a_presenter_shows(store: Store) -> None:
    (hit,) = queries.search(store, "在留")
    assert (hit.type, hit.document_id, hit.source_name, hit.edition) == (
        "action",
        edition_id(store, "2025"),
        "followup_2025.txt",
        "2025",
    )
    assert hit.section_label == "2.(3)" and hit.section_id == f"{edition_id(store, '2025')}:c2.s3"
    assert (hit.span.first_line, hit.span.last_line) == (190, 190)
    assert hit.score > 0
    assert [s.text for s in hit.snippet.segments if s.highlighted] == ["在留"]


def test_hits_come_by_round_then_score_and_editions_rank_alike(store: Store) -> None:
    hits = queries.search(store, "博士人材")
    # the best action and the best status item first (the action scores higher), then the
    # second of each, their twins in the other edition: docs/search.md, "Ranking"
    assert [(h.type_rank, h.type) for h in hits] == [
        (1, "action"),
        (1, "status_item"),
        (2, "action"),
        (2, "status_item"),
    ]
    for rank in (1, 2):
        scores = [h.score for h in hits if h.type_rank == rank]
        assert scores == sorted(scores, reverse=True)
    assert {h.document_id for h in hits} == {edition_id(store, e) for e in ("2024", "2025")}
    one_type = queries.search(store, "研究", element_type="action", limit=50)
    assert [h.score for h in one_type] == sorted((h.score for h in one_type), reverse=True)
    assert [h.type_rank for h in one_type] == list(range(1, len(one_type) + 1))


@pytest.mark.parametrize("nonsense", ["ぬぽぽぴゃ", "xyzzyqq", '"大学 量子"', "SINET -SINET"])
def test_nonsense_finds_nothing(store: Store, nonsense: str) -> None:
    assert queries.search(store, nonsense) == []


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"query": "!!!"}, "no word"),
        ({"query": "-量子"}, "only excludes"),
        ({"query": "量子", "lead_only": True}, "--ministry"),
        ({"query": "量子", "element_type": "slides"}, "unknown element type"),
        ({"query": "量子", "limit": 0}, "limit"),
        ({"query": "量子", "document": "nope"}, "no stored document"),
    ],
)
def test_requests_that_cannot_be_answered_are_query_errors(
    store: Store, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(queries.QueryError, match=message):
        queries.search(store, **kwargs)  # type: ignore[arg-type]


def test_sql_in_the_search_box_is_only_text(store: Store, tmp_path: Path) -> None:
    before = queries.index_status(store)
    for hostile in ["'; DROP TABLE documents; --", '" OR 1=1 --', "search_fts MATCH '*'"]:
        queries.search(store, hostile)
    assert queries.index_status(store) == before
    assert len(queries.documents(store)) == 2
