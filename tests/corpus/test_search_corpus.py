"""Search on the real 2025 follow-up report (``../shared/corpus/001…``), skipped when absent.

Every expectation was checked by reading the document: the elements named contain the words
asked for (spaced-out PDF text such as ``S I P 4 D``, ``e - G o v`` and ``令和 9 年度末``
included), and the counts are the numbers of elements whose cleaned text contains them.
Only short query words and element ids appear here, never the report's sentences.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from stiplan import queries
from stiplan.ingest import read_path
from stiplan.model import DocumentKind
from stiplan.store import Store
from tests.conftest import corpus_file

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    document = read_path(corpus_file("001_0e8a8b9cad5e63ab.txt"))
    with Store.open(tmp_path_factory.mktemp("corpus") / "corpus.sqlite") as opened:
        opened.ingest(document)
        yield opened


def hits(store: Store, query: str, **filters: object) -> list[str]:
    found = queries.search(store, query, limit=200, **filters)  # type: ignore[arg-type]
    return [h.element_id.split(":", 1)[1] for h in found]


# (query, elements expected among the first `top` hits of their own type, total number of
# hits): hits are ranked by BM25 within each type, and the types interleaved (docs/search.md)
CASES = [
    # one- and two-character words, found alone and inside compounds
    ("量子", {"c1.s6.ss5.i1.a6", "c1.s6.ind1.o3"}, 3, 18),
    ("博士", {"c1.s4.ss3.i1.st2", "c1.s4.ss5.i2.st1"}, 2, 14),
    ("宇宙 OR 海洋", {"c1.s3.ss5", "c1.s3.ss5.i1"}, 2, 22),
    # Latin acronyms and mixed forms
    ("AI", {"c1.s1.ss4.i3", "c1.s1.ss4"}, 10, 61),
    ("AI教育", {"c1.s1.ind10", "c1.s1.ss5.i1.st2"}, 2, 5),
    ("SIP4D", {"fn62", "fn7", "c1.s3.t1"}, 3, 6),
    ("e-CSTI", {"c1.s6.ss1.i3"}, 1, 1),
    ("GX", {"c1.s2.ss1.i1.st3"}, 1, 13),
    ("DX", set(), 0, 10),
    ("BRIDGE", {"c1.s4.ss1.i1.a17", "c1.s4.ss1.i1.st16"}, 2, 5),
    ("IMD", {"fn6", "fn109", "fn13"}, 3, 7),
    ("5G", {"c1.s1.ind8.o1"}, 1, 17),
    ("Beyond 5G", {"c1.s1.ss4.i2.a3", "c1.s1.ss4.i2"}, 3, 9),
    ("SOBO-WEB", {"c1.s3.ss1.i1.st1"}, 5, 5),
    ('"Society 5.0"', {"c1.s1.ind9"}, 1, 11),
    # ministries named in the text
    ("文部科学省", {"fn84", "fn82"}, 2, 8),
    ("経済産業省", set(), 0, 4),
    ("内閣府", set(), 0, 27),
    # numbers with units, as written in the report
    ("72.57歳", {"c1.ind3.o1", "c1.ind3"}, 2, 2),
    ("592.17兆円", {"c1.ind4.o1", "c1.ind4"}, 2, 2),
    ("31,709 USD", {"c1.ind2.o1", "c1.ind2"}, 2, 2),
    ("1兆500億円", {"c1.s1.ss4.i1.st4"}, 1, 2),
    ("CO₂", {"c1.s2.ind6.o1", "c1.s2.ind6"}, 4, 26),
    # phrases, prefixes, exclusions
    ('"地域の防災力"', {"c1.s3.ss1.i1"}, 1, 1),
    ("ムーンショット", {"c1.s1.ss6.i3.st2", "c1.s1.ss6.i3.a2"}, 2, 4),
    ("サイバー*", set(), 0, 20),
    ("デジタルツイン", {"c1.s3.ss2.i1.st2"}, 2, 5),
    ("健康寿命", {"c1.ind3", "fn4"}, 2, 2),
]


@pytest.mark.parametrize(("query", "expected", "top", "count"), CASES, ids=[c[0] for c in CASES])
def test_expected_elements_are_found_near_the_top(
    store: Store, query: str, expected: set[str], top: int, count: int
) -> None:
    found = queries.search(store, query, limit=200)
    near_top = {h.element_id.split(":", 1)[1] for h in found if h.type_rank <= top}
    assert expected <= near_top, sorted(near_top)
    assert len(found) == count


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("A I", "AI"),  # letters spaced out by the PDF, typed as they were pasted
        ("⽂部科学省", "文部科学省"),  # Kangxi radical ⽂ from a broken PDF font
        ("CO2", "CO₂"),
        ("31709 USD", "31,709 USD"),
        ("ＡＩ教育", "AI教育"),
    ],
)
def test_variants_of_a_query_find_the_same(store: Store, query: str, same_as: str) -> None:
    assert hits(store, query) == hits(store, same_as)


def test_spaced_pdf_text_is_found_by_the_word_as_written_normally(store: Store) -> None:
    assert "fn7" in hits(store, "SIP4D")  # S I P 4 D in the source
    assert hits(store, "e-Gov") == ["fn9"]  # e - G o v in the source
    assert set(hits(store, "令和9年度末")) == {"fn29", "c1.s1.ss4.i1.a2"}  # 令和 9 年度末


def test_ai_inside_latin_words_is_not_a_match(store: Store) -> None:
    found = set(hits(store, "AI"))
    assert not found & {"c1.ind1", "fn2", "c1.s2.ss1.i5.st8"}  # Sustainable, AIM


def test_exclusion_removes_what_it_names(store: Store) -> None:
    with_sip4d = set(hits(store, "防災 SIP4D"))
    without = set(hits(store, "防災 -SIP4D"))
    assert with_sip4d == {"c1.s3.ss1.i1", "c1.s3.ss1.i1.st1", "c1.s3.t1"}
    assert len(without) == 29 and not without & with_sip4d


def test_prefix_finds_longer_words(store: Store) -> None:
    found = set(hits(store, "カーボン*"))
    assert {
        "c1.s2.ss3.i1.a7",
        "c1.s2.ss3.i2.st2",
    } <= found  # カーボンニュートラル, カーボンリサイクル


def test_ministry_lead_filter(store: Store) -> None:
    found = queries.search(store, "防災", ministry="防災", lead_only=True, limit=50)
    assert {h.element_id.split(":")[1] for h in found} == {
        "c1.s3.ss1.i2",
        "c1.s3.ss1.i2.st1",
        "c1.s3.ss1.i2.st2",
        "c1.s3.ss1.i2.st3",
    }
    assert all(("防災", True) in [(m.code, m.lead) for m in h.ministries] for h in found)


def test_section_and_type_filters(store: Store) -> None:
    in_section = queries.search(store, "量子", section="1.(6)", limit=50)
    assert len(in_section) == 10 and {h.section_label for h in in_section} == {"1.(6)"}
    assert len(hits(store, "文部科学省", element_type="footnote")) == 6


def test_snippets_mark_the_words_found(store: Store) -> None:
    (hit,) = queries.search(store, "e-CSTI")
    assert [s.text for s in hit.snippet.segments if s.highlighted] == ["e-CSTI"]


@pytest.mark.parametrize("nonsense", ["ぬぽぽぴゃ", "zzqxjv", "量子 ムーンショット SIP4D"])
def test_nonsense_returns_nothing(store: Store, nonsense: str) -> None:
    assert hits(store, nonsense) == []


# --- briefings 002-004: their blocks and slide titles are searched too ---------------------------

DECKS = ("002_57911e9c0807c863.txt", "003_5393b671f54dd828.txt", "004_90b13c8531426e22.txt")


@pytest.fixture(scope="module")
def decks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("decks") / "decks.sqlite") as opened:
        for name in DECKS:
            opened.ingest(read_path(corpus_file(name)))
        yield opened


def deck_hits(store: Store, query: str, deck: str) -> list[tuple[str, str, int]]:
    """(type, id without the document, first line) of every hit in one deck (by number)."""
    (name,) = [n for n in DECKS if n.startswith(deck)]
    found = queries.search(store, query, limit=200, document=name)
    return [(h.type, h.element_id.split(":", 1)[1], h.span.first_line) for h in found]


# (query, deck, a hit expected there as (type, id, first line), number of hits in that deck:
# the blocks whose text holds the query, a slide's heading counted as the slide)
DECK_CASES = [
    ("K Program", "002", ("block", "sl16.b13", 614), 1),
    ("目黒", "002", ("block", "sl38.b5", 1225), 1),
    ("フュージョンエネルギー", "002", ("slide", "sl12", 479), 19),
    ("ムーンショット", "004", ("block", "sl10.b37", 270), 1),
    ("国際卓越研究大学", "004", ("block", "sl10.b26", 250), 5),
    ("経済安全保障", "004", ("slide", "sl12", 315), 9),
    # 003: words whose glyphs the PDF garbled and the reader repaired
    ("論文指標", "003", ("block", "sl1.b2", 3), 1),  # 論⽂ (Kangxi 文)
    ("論⽂指標", "003", ("block", "sl1.b2", 3), 1),  # the same word typed as the PDF wrote it
    ("大規模言語モデル", "003", ("block", "sl1.b5", 10), 1),  # ⼤ ⾔
    ("目黒", "003", ("block", "sl14.b14", 878), 1),  # ⿊, not 黑
    ("国際卓越研究大学", "003", ("block", "sl10.b30", 578), 6),  # vertical, भ for の
]


@pytest.mark.parametrize(
    ("query", "deck", "expected", "count"),
    DECK_CASES,
    ids=[f"{c[1]}-{c[0]}" for c in DECK_CASES],
)
def test_words_of_the_briefings_are_found_in_their_blocks(
    decks: Store, query: str, deck: str, expected: tuple[str, str, int], count: int
) -> None:
    found = deck_hits(decks, query, deck)
    assert expected in found
    assert len(found) == count, found


def test_a_repaired_passage_is_found_by_any_of_its_words(decks: Store) -> None:
    # The vertical law name of 003 (lines 578-613, one character a line, भ and ल for kana)
    # is one block, found by words from its middle and its end.
    for query in ("研究成果の活用", "体制の強化", "関する法律"):
        assert ("block", "sl10.b30", 578) in deck_hits(decks, query, "003"), query


# --- the four documents together: every kind of document on the first page -----------------------


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("all") / "all.sqlite") as opened:
        for name in ("001_0e8a8b9cad5e63ab.txt", *DECKS):
            opened.ingest(read_path(corpus_file(name)))
        yield opened


def test_a_topic_word_shows_follow_up_and_briefing_hits_on_the_first_page(
    everything: Store,
) -> None:
    # 量子 is in all four documents; by BM25 alone the decks' short blocks filled page one.
    kind_of = {d.id: d.kind for d in everything.documents()}
    first_page = queries.search(everything, "量子")
    assert {kind_of[h.document_id] for h in first_page} == {
        DocumentKind.FOLLOWUP,
        DocumentKind.SLIDES,
    }
    round_one = {h.type for h in first_page if h.type_rank == 1}
    assert {"block", "slide", "initiative", "status_item", "action"} <= round_one
    assert [h.type_rank for h in first_page] == sorted(h.type_rank for h in first_page)
    second_page = queries.search(everything, "量子", offset=20)
    both = queries.search(everything, "量子", limit=40)
    assert [h.element_id for h in first_page + second_page] == [h.element_id for h in both]
