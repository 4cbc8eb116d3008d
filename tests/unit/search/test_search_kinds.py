"""The ranking rule of ``docs/search.md`` ("Ranking") over all three samples: every kind of
document on the first page, hits interleaved by type, pages that fit together.

研究設備 and 共用 are in the sample briefing (blocks of slides 2, 4, 5 and 6) and in both
follow-up editions (an initiative, its status item and actions, a footnote): by BM25 alone
the briefing's short blocks took the whole first page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest

from stiplan import queries
from stiplan.model import DocumentKind
from stiplan.store import Store
from tests.conftest import SAMPLES

TOPIC_WORDS = ("研究設備", "共用", "研究時間", "博士")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("kinds") / "samples.sqlite"
    with Store.open(path) as opened:
        outcomes = queries.ingest_paths(opened, sorted(SAMPLES.glob("*.txt")))
        assert [o.status for o in outcomes] == [queries.IngestStatus.CREATED] * 3
        yield opened


def kinds(store: Store, hits: list[queries.SearchHit]) -> set[DocumentKind]:
    kind_of = {d.id: d.kind for d in store.documents()}
    return {kind_of[h.document_id] for h in hits}


def interleaved(per_type: dict[str, list[queries.SearchHit]]) -> list[list[str]]:
    """Round-robin of per-type lists, written independently of the SQL: round n holds the
    n-th hit of every type that has one (as ids; the order inside a round is by score)."""
    deepest = max(len(hits) for hits in per_type.values())
    return [
        sorted(hits[n].element_id for hits in per_type.values() if n < len(hits))
        for n in range(deepest)
    ]


@pytest.mark.parametrize("word", TOPIC_WORDS)
def test_a_topic_word_shows_both_kinds_of_document_on_the_first_page(
    store: Store, word: str
) -> None:
    first_page = queries.search(store, word, limit=5)
    assert kinds(store, first_page) == {DocumentKind.FOLLOWUP, DocumentKind.SLIDES}
    assert len({h.type for h in first_page}) >= 3  # blocks and at least two follow-up types


def test_bm25_alone_would_have_shown_only_the_briefing(store: Store) -> None:
    # The case the rule is for: every block of 研究設備 outscores every follow-up unit.
    everything = queries.search(store, "研究設備", limit=100)
    best_follow_up = max(h.score for h in everything if h.type != "block")
    blocks_above = [h for h in everything if h.type == "block" and h.score > best_follow_up]
    assert len(blocks_above) >= 5
    assert everything[0].type == "block" and everything[1].type != "block"


@pytest.mark.parametrize("word", TOPIC_WORDS)
def test_hits_follow_the_documented_rule(store: Store, word: str) -> None:
    everything = queries.search(store, word, limit=1000)
    per_type = {
        kind: queries.search(store, word, element_type=kind, limit=1000)
        for kind in {h.type for h in everything}
    }
    # within a type: BM25 order, numbered 1, 2, 3… (one type alone is plain BM25)
    for kind, hits in per_type.items():
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert [h.type_rank for h in hits] == list(range(1, len(hits) + 1))
        assert [h.element_id for h in everything if h.type == kind] == [h.element_id for h in hits]
    # across types: round by round, and by score inside a round
    rounds: dict[int, list[queries.SearchHit]] = defaultdict(list)
    for hit in everything:
        rounds[hit.type_rank].append(hit)
    assert [h.type_rank for h in everything] == sorted(h.type_rank for h in everything)
    for hits in rounds.values():
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert [sorted(h.element_id for h in rounds[n]) for n in sorted(rounds)] == interleaved(
        per_type
    )


@pytest.mark.parametrize("size", [1, 2, 3, 7])
@pytest.mark.parametrize(
    ("word", "filters"),
    [
        ("研究", {}),
        ("共用", {}),
        ("研究", {"edition": "2025"}),
        ("大学", {"section": "(1)"}),
        ("研究", {"element_type": "block"}),  # one type: plain BM25, paged the same way
    ],
)
def test_pages_continue_each_other_without_repeat_or_gap(
    store: Store, word: str, filters: dict[str, str], size: int
) -> None:
    everything = queries.search(store, word, limit=1000, **filters)  # type: ignore[arg-type]
    assert len(everything) > size
    paged: list[queries.SearchHit] = []
    while True:
        page = queries.search(
            store,
            word,
            limit=size,
            offset=len(paged),
            **filters,  # type: ignore[arg-type]
        )
        paged.extend(page)
        if len(page) < size:
            break
    assert [h.element_id for h in paged] == [h.element_id for h in everything]
    assert [h.type_rank for h in paged] == [h.type_rank for h in everything]
    assert len({h.element_id for h in paged}) == len(paged)


def test_a_page_past_the_end_is_empty_and_a_negative_offset_is_refused(store: Store) -> None:
    count = len(queries.search(store, "共用", limit=1000))
    assert queries.search(store, "共用", offset=count) == []
    with pytest.raises(queries.QueryError, match="offset"):
        queries.search(store, "共用", offset=-1)


def test_phrases_and_acronyms_keep_their_meaning_among_interleaved_kinds(store: Store) -> None:
    # A phrase finds only units with its words together, whatever their type.
    phrase = queries.search(store, '"研究設備共用プログラム"', limit=50)
    assert phrase and {h.type for h in phrase} == {"block"}
    assert all("研究設備共用プログラム" in h.snippet.text for h in phrase)
    # An acronym: the briefing's SIP block and nothing that only spells the letters inside.
    sip = queries.search(store, "SIP", limit=50)
    assert [h.element_id.split(":", 1)[1] for h in sip] == ["sl3.b7"]
    assert queries.search(store, "CSTI", limit=50)[0].type == "block"
