"""The read functions for the query layer: rows, filters, counts and source lines."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stiplan import queries
from stiplan.model import DocumentKind, MinistryRef, Span
from stiplan.store import (
    Counts,
    InitiativeRow,
    MinistryMatch,
    NotFound,
    SourceLine,
    Store,
    StoreError,
)

from .conftest import make_document


@pytest.fixture
def filled(store: Store) -> Store:
    store.ingest(make_document())
    store.ingest(make_document("doc2024", "hash-2024", "2024"))
    return store


def _ids(rows: list[InitiativeRow]) -> list[str]:
    return [r.id for r in rows]


def test_documents_and_document(filled: Store) -> None:
    rows = filled.documents()
    assert [(d.id, d.edition) for d in rows] == [("doc2023", "2023"), ("doc2024", "2024")]
    one = filled.document("doc2023")
    assert one.kind is DocumentKind.FOLLOWUP
    assert one.content_hash == "hash-2023"
    assert one.line_count == 60
    assert one.ingested_at.endswith("+00:00")


def test_sections_with_counts(filled: Store) -> None:
    rows = filled.sections("doc2023")
    assert [(s.full_label, s.label, s.title) for s in rows] == [
        ("1.(1)", "(1)", "研究力の強化"),
        ("1.(2)", "(2)", "産学連携"),
        ("2.(2)", "(2)", "社会実装"),
    ]
    first = rows[0]
    assert (
        first.subsection_count,
        first.initiative_count,
        first.target_count,
        first.indicator_count,
    ) == (1, 2, 1, 1)
    assert (rows[1].subsection_count, rows[1].initiative_count) == (2, 2)
    assert first.chapter_id == "doc2023:c1"
    assert first.span == Span(3, 20)
    assert len(filled.sections()) == 6


def test_initiatives_in_document_order_with_their_place(filled: Store) -> None:
    rows = filled.initiatives(document_id="doc2023")
    assert _ids(rows) == [f"doc2023:i{n}" for n in range(1, 6)]
    i1 = rows[0]
    assert i1.section_label == "1.(1)"
    assert i1.subsection_id == "doc2023:s11.ss1"
    assert i1.ministries == (MinistryRef("文", True, "<u>文</u>"), MinistryRef("経", False, "経"))
    assert i1.lead_codes == ("文",)
    assert (i1.status_item_count, i1.action_count) == (1, 1)
    assert i1.match is None
    assert rows[1].repeated


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ("(1)", ["i1", "i2"]),
        ("(2)", ["i3", "i4", "i5"]),
        ("1.(2)", ["i3", "i4"]),
        ("１．（２）", ["i3", "i4"]),  # as printed in the reports: full-width digits
        ("1．（2）", ["i3", "i4"]),
        ("2.(2)", ["i5"]),
        ("doc2023:s12", ["i3", "i4"]),
        ("3.(1)", []),
        ("'; DROP TABLE elements; --", []),
    ],
)
def test_initiatives_by_section(filled: Store, section: str, expected: list[str]) -> None:
    rows = filled.initiatives(section=section, document_id="doc2023")
    assert _ids(rows) == [f"doc2023:{i}" for i in expected]


def test_ministry_on_the_initiative_or_on_an_action(filled: Store) -> None:
    rows = filled.initiatives(ministry="文", document_id="doc2023")
    assert _ids(rows) == [f"doc2023:i{n}" for n in (1, 2, 4, 5)]
    by_id = {r.id: r.match for r in rows}
    assert by_id["doc2023:i1"] == MinistryMatch("文", True, ("doc2023:i1.a1",), lead=True)
    assert by_id["doc2023:i2"] == MinistryMatch("文", False, ("doc2023:i2.a1",), lead=False)
    assert by_id["doc2023:i4"] == MinistryMatch("文", True, (), lead=False)
    # The status item of i1 also names 文 but is not what "responsible for" means here.
    assert filled.initiatives(ministry="総", document_id="doc2023")[0].match == MinistryMatch(
        "総", False, ("doc2023:i1.a1",), lead=True
    )


def test_lead_only(filled: Store) -> None:
    lead = filled.initiatives(ministry="文", lead_only=True, document_id="doc2023")
    assert _ids(lead) == ["doc2023:i1", "doc2023:i5"]
    by_action = filled.initiatives(ministry="国", lead_only=True, document_id="doc2023")
    assert _ids(by_action) == ["doc2023:i4"]
    assert filled.initiatives(ministry="経", lead_only=True) == []
    with pytest.raises(StoreError, match="lead_only needs a ministry"):
        filled.initiatives(lead_only=True)


def test_filters_combine_and_span_documents(filled: Store) -> None:
    both = filled.initiatives(section="1.(2)", ministry="国")
    assert [(r.document_id, r.id) for r in both] == [
        ("doc2023", "doc2023:i4"),
        ("doc2024", "doc2024:i4"),
    ]
    assert filled.initiatives(ministry="存在しない") == []
    assert len(filled.initiatives()) == 10


@pytest.mark.parametrize(
    "filters",
    [{}, {"document_id": "doc2023"}, {"ministry": "文"}, {"ministry": "国", "lead_only": True}],
)
def test_a_listing_carries_the_codes_of_each_initiative_and_its_actions(
    filled: Store, filters: dict[str, object]
) -> None:
    """The codes come from the list's own tag query: the same as reading every initiative's
    and every action's element row, and the rows the same as ``initiatives`` gives."""
    listing = filled.initiative_listing(**filters)  # type: ignore[arg-type]
    assert listing.rows == filled.initiatives(**filters)  # type: ignore[arg-type]
    for row in listing.rows:
        element = filled.element(row.id, row.document_id)
        actions = [c for c in filled.children(row.id, row.document_id) if c.type == "action"]
        expected = [m.code for e in [element, *actions] for m in e.ministries]
        assert listing.codes.get((row.document_id, row.id), ()) == tuple(dict.fromkeys(expected))


def test_element_with_values_ministries_and_footnotes(filled: Store) -> None:
    target = filled.element("doc2023:s11.t1")
    assert (target.type, target.document_id, target.parent_id) == (
        "target",
        "doc2023",
        "doc2023:s11",
    )
    assert target.attrs == {"name": "論文数", "value_text": "約2倍"}
    assert target.footnotes == (1,)
    assert target.quantity is not None
    assert target.quantity.value == Decimal("2.0")
    assert target.quantity.baseline is not None
    assert target.period is not None and target.period.text == "2025年度"
    initiative = filled.element("doc2023:i1", "doc2023")
    assert initiative.text == "取組 i1 を推進する。"
    assert initiative.number == 1
    assert [m.code for m in initiative.ministries] == ["文", "経"]
    assert [d.text for d in initiative.deadlines] == ["2025年度までに", "目途"]
    assert initiative.attrs == {"repeated": False}


def test_children_in_order(filled: Store) -> None:
    kids = filled.children("doc2023:s11")
    assert [(k.type, k.ordinal) for k in kids] == [
        ("paragraph", 0),
        ("goal", 1),
        ("target", 2),
        ("indicator", 3),
        ("subsection", 4),
    ]
    observations = filled.children("doc2023:s11.ind1")
    assert [o.attrs["label"] for o in observations] == ["男性", "順位", ""]
    assert observations[1].quantity is not None and observations[1].quantity.of == 67
    assert filled.children("doc2023:i1.a1") == []


def test_element_ids_shared_by_editions_need_the_document(store: Store) -> None:
    store.ingest(make_document("a", "ha", prefix="x"))
    store.ingest(make_document("b", "hb", prefix="x"))
    with pytest.raises(StoreError, match="several documents"):
        store.element("x:c1")
    assert store.element("x:c1", "b").document_id == "b"
    assert [k.document_id for k in store.children("x:c1", "a")] == ["a"] * 4


def test_unknown_element(filled: Store) -> None:
    with pytest.raises(NotFound, match="nope"):
        filled.element("nope")
    with pytest.raises(NotFound):
        filled.element("doc2023:c1", "doc1999")


def test_source_lines_range(filled: Store) -> None:
    lines = filled.source_lines("doc2023", 3, 5)
    assert [ln.line_no for ln in lines] == [3, 4, 5]
    assert lines[0] == SourceLine("doc2023", 3, "行3 テキスト ' \" ; <b>")
    assert [ln.line_no for ln in filled.source_lines("doc2023", 59, 70)] == [59, 60]
    with pytest.raises(StoreError, match="empty line range"):
        filled.source_lines("doc2023", 5, 4)
    with pytest.raises(NotFound):
        filled.source_lines("nope", 1, 2)


def test_an_element_shows_with_its_source_lines(filled: Store) -> None:
    element = filled.element("doc2023:s11.ind1")
    lines = filled.source_lines(
        element.document_id, element.span.first_line, element.span.last_line
    )
    assert [ln.line_no for ln in lines] == [8, 9, 10]


def test_warnings(filled: Store) -> None:
    rows = filled.warnings("doc2023")
    assert [(w.position, w.code, w.line) for w in rows] == [
        (0, "unknown_ministry", 12),
        (1, "odd_number", 9),
    ]
    assert len(filled.warnings()) == 4
    with pytest.raises(NotFound):
        filled.warnings("nope")


def test_counts(filled: Store) -> None:
    assert filled.counts("doc2023") == Counts(
        chapters=2,
        sections=3,
        subsections=4,
        paragraphs=1,
        goals=2,
        targets=1,
        indicators=2,
        observations=3,
        initiatives=5,
        status_items=5,
        actions=5,
        footnotes=2,
        warnings=2,
    )
    with pytest.raises(NotFound):
        filled.counts("nope")


def test_counts_by_document_agree_with_counts_of_each(filled: Store) -> None:
    """The grouped query of the document list gives every document the counts that the
    per-document query gives it, and the two editions stay apart."""
    by_document = filled.counts_by_document(["doc2023", "doc2024", "nope"])
    assert set(by_document) == {"doc2023", "doc2024"}
    assert set(filled.counts_by_document(["doc2024"])) == {"doc2024"}
    assert filled.counts_by_document([]) == {}
    for document_id, counts in by_document.items():
        assert counts == filled.counts(document_id)
    assert by_document["doc2023"].initiatives == 5


def test_a_kept_document_list_counts_as_the_store_does(filled: Store) -> None:
    memo = queries.EditionMemo()
    assert queries.document_list(filled, memo=memo) == queries.document_list(filled)
    kept = memo.counts(filled, ("doc2023", "doc2024"))
    assert memo.counts(filled, ("doc2023", "doc2024")) is kept
    page = queries.document_list_page(filled, page=1, per_page=1, memo=memo)
    assert page.rows == queries.document_list(filled)[:1]
