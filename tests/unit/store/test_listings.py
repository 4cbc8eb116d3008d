"""The paged lists of the store: programme mentions one row per place, decisions one row per
decision across documents, each a count and a page (``Store.programme_mentions``,
``Store.decision_groups``) and the query layer's paging on top of them."""

from __future__ import annotations

import inspect
from dataclasses import fields, replace
from datetime import date

import pytest

from stiplan import queries
from stiplan.model import Decision, Document, Extractions, Programme, ProgrammeKind, Span
from stiplan.store import Store

from .conftest import make_briefing, make_document

SIP = "戦略的イノベーション創造プログラム"
WORD = "研究力"
"""In every test briefing's first slide."""
ASKED = queries.SearchQuestion(WORD)


def _programme(pid: str, name: str, line: int, element_id: str) -> Programme:
    return Programme(pid, name, ProgrammeKind.PROGRAMME, name, Span(line, line), element_id)


def _briefing(doc_id: str, extra: list[Programme] | None = None) -> Document:
    """The test briefing under another id, its decision unchanged."""
    deck = make_briefing(doc_id, content_hash=f"hash-{doc_id}")
    deck.source_name = f"{doc_id}.txt"
    first = deck.extractions.programmes[0]
    deck.extractions.programmes = [
        replace(first, id=f"{doc_id}:pg1", element_id=f"{doc_id}:sl1.b2"),
        *(extra or []),
    ]
    return deck


def _report() -> Document:
    """A follow-up report naming SIP three times on lines 12–14 (the initiative, its status and
    its action: one table row) and once more on line 15."""
    report = make_document()
    p = "doc2023:"
    report.extractions = Extractions(
        programmes=[
            _programme(f"{p}pg1", SIP, 12, f"{p}i1"),
            _programme(f"{p}pg2", SIP, 12, f"{p}i1.st1"),
            _programme(f"{p}pg3", SIP, 12, f"{p}i1.a1"),
            _programme(f"{p}pg4", SIP, 15, f"{p}i2"),
        ],
        decisions=[
            Decision(
                f"{p}dc1",
                make_briefing().extractions.decisions[0].date,
                "",
                "研究力強化戦略",
                "閣議決定",
                "令和7年6月6日に研究力強化戦略を閣議決定",
                Span(12, 12),
                f"{p}i1.st1",
            )
        ],
    )
    return report


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest(
        _briefing("brief25", [_programme("brief25:pg2", "大学ファンド", 3, "brief25:sl1.b3")])
    )
    store.ingest(_briefing("brief26"))
    store.ingest(_report())
    return store


def test_the_same_place_shows_once(filled: Store) -> None:
    found = filled.programme_mentions()
    places = [(r.name, r.source_name, r.span.first_line) for r in found.rows]
    assert len(places) == len(set(places)) == found.total == 5
    report = [r for r in found.rows if r.document_id == "doc2023"]
    assert [(r.span.first_line, r.element_id) for r in report] == [
        (12, "doc2023:i1"),  # initiative, status and action on line 12: one place
        (15, "doc2023:i2"),
    ]
    assert [r.place for r in report] == ["人材", "人材"]  # the subsection, not an id


def test_programmes_named_in_most_documents_come_first(filled: Store) -> None:
    rows = filled.programme_mentions().rows
    assert [r.name for r in rows] == [SIP] * 4 + ["大学ファンド"]
    assert rows[0].named_in == 3 and rows[-1].named_in == 1
    assert {r.place for r in rows if r.document_kind.value == "slides"} == {"研究力強化の方向性"}


def test_linked_only_keeps_the_programmes_a_followup_names(filled: Store) -> None:
    linked = filled.programme_mentions(linked_only=True)
    assert {r.name for r in linked.rows} == {SIP} and linked.total == 4
    one = filled.programme_mentions("brief25")
    assert [r.name for r in one.rows] == [SIP, "大学ファンド"]


def test_one_decision_in_two_briefings_and_a_report_is_one_row_with_its_sources(
    filled: Store,
) -> None:
    found = filled.decision_groups()
    assert found.total == 1
    (decision,) = found.rows
    assert (decision.what, decision.action, decision.body) == ("研究力強化戦略", "閣議決定", "閣議")
    assert decision.source_count == 3
    assert sorted(s.source_name for s in decision.sources) == [
        "brief25.txt",
        "brief26.txt",
        "followup-2023.md",
    ]
    (capped,) = filled.decision_groups(sources=2).rows
    assert len(capped.sources) == 2 and capped.source_count == 3
    assert filled.decision_groups(since=date(2026, 1, 1)).total == 0


def test_pages_differ_and_count_the_whole_list(filled: Store) -> None:
    first = queries.programme_list(filled, per_page=4)
    second = queries.programme_list(filled, page=2, per_page=4)
    assert first.paging == queries.Paging(1, 4, 5, 2)
    assert second.paging == queries.Paging(2, 4, 5, 2)
    assert len(first.rows) == 4 and len(second.rows) == 1
    assert not {(r.document_id, r.span) for r in first.rows} & {
        (r.document_id, r.span) for r in second.rows
    }


def test_a_page_past_the_last_is_refused_clearly(filled: Store) -> None:
    with pytest.raises(queries.PageOutOfRange, match="past the last page \\(2 pages, 5 rows\\)"):
        queries.programme_list(filled, page=3, per_page=4)
    with pytest.raises(queries.PageOutOfRange, match="ページ2はありません"):
        queries.timeline_list(filled, page=2)
    with pytest.raises(queries.QueryError, match="per_page 1 to 200"):
        queries.timeline_list(filled, per_page=500)
    with Store.memory() as empty:  # an empty list still has its page 1
        assert queries.timeline_list(empty).paging == queries.Paging(1, 50, 0, 1)


def test_the_cli_list_shows_each_place_once_too(filled: Store) -> None:
    (sip,) = [p for p in queries.programmes(filled) if p.name == SIP]
    assert [(m.document_id, m.span.first_line) for m in sip.mentions] == [
        ("brief25", 2),
        ("brief26", 2),
        ("doc2023", 12),
        ("doc2023", 15),
    ]


@pytest.mark.parametrize("page", [1, 2])
def test_a_kept_list_pages_as_the_store_does(filled: Store, page: int) -> None:
    memo = queries.EditionMemo()
    kept = queries.programme_list(filled, page=page, per_page=3, memo=memo)
    assert kept == queries.programme_list(filled, page=page, per_page=3)
    assert queries.timeline_list(filled, memo=memo) == queries.timeline_list(filled)
    with pytest.raises(queries.PageOutOfRange):
        queries.timeline_list(filled, page=3, memo=memo)


def test_a_kept_list_changes_when_a_document_is_stored(filled: Store) -> None:
    memo = queries.EditionMemo()
    before = queries.programme_list(filled, memo=memo).paging.total
    filled.ingest(_briefing("brief27"))
    assert queries.programme_list(filled, memo=memo).paging.total == before + 1


def test_the_search_form_choices_are_kept_per_stored_documents(filled: Store) -> None:
    memo = queries.EditionMemo()
    first = queries.search_page(filled, None, memo=memo).choices
    assert queries.search_page(filled, None, memo=memo).choices is first
    filled.ingest(_briefing("brief27"))
    again = queries.search_page(filled, None, memo=memo).choices
    assert len(again.documents) == len(first.documents) + 1


def test_a_page_of_search_hits_is_kept_per_question_and_stored_documents(filled: Store) -> None:
    memo = queries.EditionMemo()
    first = queries.search_page(filled, ASKED, memo).hits
    assert first and first == queries.search_page(filled, ASKED).hits
    assert queries.search_page(filled, ASKED, memo).hits is first
    other_page = queries.search_page(
        filled, queries.SearchQuestion(WORD, limit=1, offset=1), memo
    ).hits
    assert other_page == first[1:2]
    filled.ingest(_briefing("brief27"))
    again = queries.search_page(filled, ASKED, memo).hits
    assert again is not first and again == queries.search_page(filled, ASKED).hits
    assert len(again) > len(first)


def test_a_search_question_holds_the_arguments_of_search_in_its_order() -> None:
    """``search_page`` passes a question's fields to ``search`` by position."""
    names = list(inspect.signature(queries.search).parameters)[1:]
    assert [f.name for f in fields(queries.SearchQuestion)] == names


@pytest.mark.parametrize(
    ("section", "ministry", "lead_only", "offset", "limit"),
    [
        (None, None, False, 0, None),
        (None, None, False, 1, 2),
        ("(1)", None, False, 0, None),
        (None, "文", False, 0, 3),
        (None, "文部科学省", True, 0, None),
    ],
)
def test_a_kept_initiative_list_is_the_list_read_afresh(
    filled: Store,
    section: str | None,
    ministry: str | None,
    lead_only: bool,
    offset: int,
    limit: int | None,
) -> None:
    """The app's memo keeps a document's list per filter; every page and count it answers is
    the one a fresh read gives, asked once or twice."""
    memo = queries.EditionMemo()
    args = (section, ministry, lead_only, "doc2023", offset, limit)
    fresh = queries.initiative_list(filled, *args)
    assert queries.initiative_list(filled, *args, memo=memo) == fresh
    assert queries.initiative_list(filled, *args, memo=memo) == fresh
    page = queries.initiatives_page(filled, *args[:4], offset, limit, memo=memo)
    assert page.list == fresh


def test_kept_indicators_are_the_indicators_read_afresh(filled: Store) -> None:
    memo = queries.EditionMemo()
    for document in ("doc2023", None):
        fresh = queries.indicators(filled, document)
        assert queries.indicators(filled, document, memo) == fresh
        assert queries.indicators(filled, document, memo) is queries.indicators(
            filled, document, memo
        )
        assert queries.indicators_page(filled, document, memo).rows == fresh


@pytest.mark.parametrize(
    ("query", "filters"),
    [("研究力", {}), ("研究力", {"limit": 1, "offset": 1}), ("研究力", {"document": "doc2023"})],
)
def test_a_kept_search_page_is_the_page_searched_afresh(
    filled: Store, query: str, filters: dict[str, object]
) -> None:
    """The app's memo keeps a page of hits while the stored documents and the index stay as
    they are; asked again, after a rebuild of the index or after an ingest, every answer is
    the one a fresh search gives."""
    memo = queries.EditionMemo()

    def kept() -> queries.SearchPage:
        return queries.search_page(filled, queries.SearchQuestion(query, **filters), memo)  # type: ignore[arg-type]

    def fresh() -> queries.SearchPage:
        return queries.search_page(filled, queries.SearchQuestion(query, **filters))  # type: ignore[arg-type]

    assert kept().hits and kept() == fresh()
    assert kept().hits is kept().hits
    mark = filled.index_mark()
    queries.reindex(filled, queries.Actor("test"))
    assert filled.index_mark() != mark  # a rebuild renumbers the units: the key moves
    assert kept() == fresh()
    filled.ingest(_briefing("brief27"))
    assert kept() == fresh()
