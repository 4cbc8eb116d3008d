"""The search index inside the store: written with the document, gone with it, rebuilt on demand."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stiplan import queries
from stiplan.model import Document, Paragraph, Span
from stiplan.search import build_query
from stiplan.search.tokenize import signature
from stiplan.store import SearchFilter, Store, StoreError
from stiplan.store.migrate import load_migrations, split_statements
from stiplan.store.search_sql import fts_match, kind_code, ministries_of_sql, search_sql
from stiplan.store.tables import Record

from .conftest import (
    InsertRows,
    Snap,
    indexed_terms,
    logical,
    make_briefing,
    make_document,
    replace_insert_rows,
    snapshot,
)


def found(store: Store, query: str, **filters: object) -> list[str]:
    rows = store.search(build_query(query), SearchFilter(**filters))  # type: ignore[arg-type]
    return [r.element_id for r in rows]


def with_pdf_artefacts(document: Document) -> Document:
    """Text as a careless reader might store it: Kangxi radicals and spaced-out letters."""
    document.chapters[0].sections[0].paragraphs.append(
        Paragraph(
            f"{document.id}:s11.p2", "⽂部科学省が A I 教育と S I P 4 D を進める。", Span(4, 4)
        )
    )
    return document


def test_every_element_with_text_or_title_is_one_unit(snap: Snap, store: Store) -> None:
    store.ingest(make_document())
    tables = snap()
    elements = [r for r in tables["elements"] if r[6] or r[7]]  # title or text
    assert len(tables["search_units"]) == len(elements)
    status = store.index_status()
    assert (status.documents, status.units, status.stale_document_ids) == (1, len(elements), ())
    assert status.bytes is not None and status.bytes > 0
    (row,) = tables["search_documents"]
    assert row == ("doc2023", signature(), len(elements))


def test_the_index_cleans_what_it_is_given(store: Store) -> None:
    store.ingest(with_pdf_artefacts(make_document()))
    for query in ("AI教育", "SIP4D", "A I", "S I P 4 D"):
        assert found(store, query) == ["doc2023:s11.p2"], query
    for query in ("文部科学省", "⽂部科学省", "科学"):  # and the footnote 文部科学省調べ
        assert set(found(store, query)) == {"doc2023:s11.p2", "doc2023:fn2"}, query


def test_units_know_their_section_and_whose_tags_answer_for_them(store: Store) -> None:
    store.ingest(make_document())
    assert found(store, "実施状況", section="1.(1)") == ["doc2023:i2.st1"]
    # i1's status item has its own tag (文); the others have none and answer for their
    # initiative: i2 (経), i3 (環), i4 (文), i5 (文).
    assert set(found(store, "状況", ministry="文")) == {
        "doc2023:i1.st1",
        "doc2023:i4.st1",
        "doc2023:i5.st1",
    }
    assert found(store, "実施状況", ministry="経") == ["doc2023:i2.st1"]
    assert found(store, "次の一手", ministry="総", lead_only=True) == ["doc2023:i1.a1"]
    assert found(store, "次の一手", ministry="文", lead_only=True) == []
    assert found(store, "取組", element_type="initiative", section="(2)") == [
        "doc2023:i3",
        "doc2023:i4",
        "doc2023:i5",
    ]


def test_editions_and_documents_filter(store: Store) -> None:
    store.ingest(make_document("ed2022", "h2022", "2022", prefix="fu"))
    store.ingest(make_document("ed2023", "h2023", "2023", prefix="fu"))
    assert found(store, "論文数", edition="2023") == ["fu:s11.t1"]
    rows = store.search(build_query("論文数"), SearchFilter(document_id="ed2022"))
    assert [(r.document_id, r.edition) for r in rows] == [("ed2022", "2022")]
    assert len(found(store, "論文数")) == 2


def _failing_at(table: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    written: list[str] = []

    def make(real_insert: InsertRows) -> InsertRows:
        def insert_then_fail(conn: object, name: str, records: list[Record]) -> None:
            real_insert(conn, name, records)
            written.append(name)
            if name == table:
                raise RuntimeError("disk on fire")

        return insert_then_fail

    replace_insert_rows(monkeypatch, make)
    return written


@pytest.mark.parametrize("table", ["search_units", "search_documents"])
@pytest.mark.parametrize("kind", ["followup", "briefing"])
def test_a_failed_ingest_leaves_no_index_rows(
    snap: Snap, store: Store, monkeypatch: pytest.MonkeyPatch, table: str, kind: str
) -> None:
    store.ingest(make_document())
    store.ingest(make_briefing())
    before = snap()  # raw: FTS5's own tables too
    written = _failing_at(table, monkeypatch)
    second = (
        make_document("doc2024", "hash-2024", "2024")
        if kind == "followup"
        else make_briefing("brief26", "hash-brief-2026")
    )
    with pytest.raises(StoreError, match="disk on fire"):
        store.ingest(second)
    assert table in written
    assert snap() == before
    monkeypatch.undo()
    assert store.ingest(second).created
    if kind == "briefing":
        assert found(store, "博士人材", document_id=second.id) == ["brief26:sl1.b3"]


def test_reindex_rebuilds_a_lost_or_stale_index(db_path: Path, store: Store) -> None:
    store.ingest(make_document())
    expected = found(store, "取組")
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM search_units")
        conn.execute("UPDATE search_documents SET tokenizer = 'terms-0 old'")
    conn.close()
    assert found(store, "取組") == []
    assert store.stale_documents() == ("doc2023",)
    status = store.reindex()
    assert status.stale_document_ids == () and status.documents == 1
    assert found(store, "取組") == expected
    assert logical(snapshot(db_path))["search_units"]


def test_reindex_twice_gives_the_same_index(db_path: Path, store: Store) -> None:
    store.ingest(make_document())
    store.reindex()
    first = logical(snapshot(db_path))
    terms = indexed_terms(db_path)
    store.reindex()
    assert logical(snapshot(db_path)) == first
    assert indexed_terms(db_path) == terms


def test_documents_stored_before_the_index_existed_are_reported_then_indexed(
    db_path: Path,
) -> None:
    with Store.open(db_path) as store:
        store.ingest(make_document())
    with sqlite3.connect(db_path) as conn:  # the database as stiplan 0.1 left it
        for statement in (
            "DROP TABLE search_fts",
            "DROP TABLE search_unit_ministries",  # migration 0015 came later
            "DROP TABLE search_frequent",  # and 0016
            "DROP TABLE search_frequent_words",
            "DROP TABLE search_units",
            "DROP TABLE search_documents",
            *(
                f"DROP TABLE {table}"  # migration 0004 (briefings) came later still
                for table in (
                    "mention_periods",
                    "mention_quantities",
                    "organisations",
                    "budgets",
                    "numeric_targets",
                    "decisions",
                    "programmes",
                    "slide_blocks",
                    "slides",
                )
            ),
            *COLUMNS_ADDED_AFTER_0006,
            "DELETE FROM schema_migrations WHERE version > 1",
        ):
            conn.execute(statement)
    conn.close()
    with Store.open(db_path) as store:
        assert store.stale_documents() == ("doc2023",)
        assert found(store, "取組") == []
        store.reindex()
        reindexed = found(store, "取組")
    with Store.memory() as fresh:
        fresh.ingest(make_document())
        assert reindexed == found(fresh, "取組")


def test_the_query_reaches_sqlite_only_as_a_parameter() -> None:
    hostile = "x'); DROP TABLE documents; --"
    match = fts_match(build_query(hostile))
    sql, params = search_sql(match, SearchFilter(ministry="文'", section="(1)"), 20)
    assert "DROP" not in sql and "文'" not in sql
    # the last three: the rounds that can reach the page, the limit and the offset
    assert params[0] == match and "文'" in params and params[-3:] == (20, 20, 0)
    sql, params = search_sql(match, SearchFilter(), 10, offset=30)
    assert params == (match, 40, 10, 30)
    sql, params = search_sql(match, SearchFilter(element_type="action"), 10, offset=30)
    # one type, by its code in unit numbers: the offset numbers the page
    assert params == (30, match, kind_code("action"), 10, 30)
    sql, params = ministries_of_sql([("d'1", "e'1")])
    assert "d'1" not in sql and params == ("d'1", "e'1")


def test_match_expressions_quote_every_term() -> None:
    match = fts_match(build_query('文部科学省 "AI 教育" OR DX -NEAR コンピュ*'))
    assert match == (
        '(((terms : "文部科学省" OR subterms : "文部 科学 省"))'
        ' AND ({terms subterms} : "ai 教育" OR {terms subterms} : "dx")'
        ' AND ({terms subterms} : "コンピュ" *)) NOT ({terms subterms} : "near")'
    )


def test_lead_only_without_a_ministry_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="lead_only"):
        store.search(build_query("取組"), SearchFilter(lead_only=True))


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite")
    store.ingest(with_pdf_artefacts(make_document()))
    return store


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_query_answers_or_raises_only_a_query_error(sample_store: Store, text: str) -> None:
    try:
        hits = queries.search(sample_store, text)
    except queries.QueryError:
        return
    assert all(h.score > 0 or h.score == pytest.approx(0) for h in hits)


def test_tree_order_restores_the_encoders_document_order() -> None:
    import random

    from stiplan.store.encode import encode_document
    from stiplan.store.index import tree_order

    elements = encode_document(make_document(), "now")["elements"]
    shuffled = elements[:]
    random.Random(7).shuffle(shuffled)
    assert [e["id"] for e in tree_order(shuffled)] == [e["id"] for e in elements]


def test_a_limit_below_one_is_refused_not_read_as_no_limit(store: Store) -> None:
    store.ingest(make_document())
    with pytest.raises(StoreError, match="limit"):
        store.search(build_query("取組"), limit=-1)
    assert len(store.search(build_query("取組"), limit=2)) == 2


# -- briefings: slides and blocks are units too (migrations 0005, 0006) -------------------------


def test_blocks_and_slide_titles_are_units_and_garbled_blocks_are_not(
    snap: Snap, store: Store
) -> None:
    store.ingest(make_briefing())
    units = {
        (r[2], r[3], r[4], r[5])  # element_id, slide_id, block_id, type
        for r in snap()["search_units"]
    }
    assert units == {
        (None, "brief25:sl1", None, "slide"),  # its title block b1 is not a unit again
        (None, None, "brief25:sl1.b2", "block"),
        (None, None, "brief25:sl1.b3", "block"),
        (None, None, "brief25:sl1.b4", "block"),
        (None, None, "brief25:sl1.b5", "block"),
        (None, None, "brief25:sl2.b1", "block"),  # repaired: indexed as repaired
        # sl2 has no title and sl2.b2 is garbled: neither is a unit
    }
    assert store.index_status().stale_document_ids == ()
    assert found(store, "読めない") == []
    assert found(store, "博士人材") == ["brief25:sl1.b3"]
    assert found(store, "研究力") == ["brief25:sl1"]


def test_a_block_hit_carries_its_id_type_document_span_and_text(store: Store) -> None:
    store.ingest(make_document())
    store.ingest(make_briefing())
    (hit,) = store.search(build_query("出典"))
    assert (hit.element_id, hit.type, hit.document_id, hit.source_name) == (
        "brief25:sl1.b5",
        "block",
        "brief25",
        "briefing-2025.txt",
    )
    assert (hit.span.first_line, hit.span.last_line, hit.text) == (5, 6, "出典：内閣府作成")
    assert (hit.section_id, hit.section_label, hit.ministries) == (None, None, ())
    (title,) = store.search(build_query("方向性"))
    assert (title.element_id, title.type, title.text, title.span.last_line) == (
        "brief25:sl1",
        "slide",
        "研究力強化の方向性",
        6,
    )


def test_the_type_filter_keeps_blocks_or_slides_and_other_filters_leave_them_out(
    store: Store, backend: str
) -> None:
    store.ingest(make_document())
    store.ingest(make_briefing())
    blocks = found(store, "内閣府", element_type="block")
    assert set(blocks) == {"brief25:sl2.b1", "brief25:sl1.b5"}
    if backend == "sqlite":  # BM25's order; PostgreSQL ranks otherwise (docs/search.md)
        assert blocks == ["brief25:sl2.b1", "brief25:sl1.b5"]
    assert found(store, "研究力", element_type="slide") == ["brief25:sl1"]
    assert found(store, "研究力", element_type="block") == []
    assert found(store, "内閣府", section="(1)") == []  # blocks lie in no section
    assert found(store, "内閣府", ministry="文") == []  # and carry no ministry tag
    assert set(found(store, "内閣府", edition="2025")) == {"brief25:sl2.b1", "brief25:sl1.b5"}


def test_deleting_a_briefing_takes_its_units_out_of_the_index(db_path: Path, store: Store) -> None:
    store.ingest(make_document())
    terms = indexed_terms(db_path)
    store.ingest(make_briefing())
    assert indexed_terms(db_path) != terms
    store.delete_document("brief25")
    assert indexed_terms(db_path) == terms
    assert found(store, "博士人材") == []


def test_reindex_rebuilds_a_briefings_units_as_ingest_wrote_them(
    db_path: Path, store: Store
) -> None:
    store.ingest(make_document())
    store.ingest(make_briefing())
    written = logical(snapshot(db_path))["search_units"]
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM search_units WHERE document_id = 'brief25'")
        conn.execute("DELETE FROM search_documents WHERE document_id = 'brief25'")
    conn.close()
    assert store.stale_documents() == ("brief25",)
    assert found(store, "博士人材") == []
    store.reindex()
    assert store.stale_documents() == ()
    rebuilt = logical(snapshot(db_path))["search_units"]
    assert [r[1:] for r in rebuilt] == [r[1:] for r in written]  # numbers move, rows do not
    assert found(store, "博士人材") == ["brief25:sl1.b3"]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    ("refs", "kind"),
    [
        (("e", None, None), "block"),  # an element unit must have the element's type
        ((None, "brief25:sl1", "brief25:sl1.b2"), "slide"),  # two references
        ((None, None, None), "block"),  # none
        ((None, None, "brief25:sl9.b1"), "block"),  # a block that does not exist
    ],
)
def test_a_unit_names_exactly_one_existing_element_slide_or_block(
    store: Store, refs: tuple[str | None, str | None, str | None], kind: str
) -> None:
    store.ingest(make_briefing())
    with pytest.raises(sqlite3.IntegrityError):
        store._conn.execute(
            "INSERT INTO search_units (unit_no, document_id, element_id, slide_id, block_id, "
            "type, terms, subterms) VALUES (999, 'brief25', ?, ?, ?, ?, 'x', 'x')",
            (*refs, kind),
        )


def test_a_store_from_before_briefings_were_indexed_migrates_and_reports_them(
    db_path: Path,
) -> None:
    with Store.open(db_path) as store:
        store.ingest(make_document())
        store.ingest(make_briefing())
        expected = found(store, "取組")
    with sqlite3.connect(db_path) as conn:  # the index as migrations 0002-0004 left it
        for statement in (
            "DELETE FROM search_units WHERE element_id IS NULL",
            "UPDATE search_documents SET unit_count = 0 WHERE document_id = 'brief25'",
            "CREATE TABLE old_units AS SELECT unit_no, document_id, element_id, type, "
            "section_id, tags_from, terms, subterms FROM search_units",
            "DROP TABLE search_unit_ministries",  # migration 0015 came later
            "DROP TABLE search_frequent",  # and 0016
            "DROP TABLE search_frequent_words",
            "DROP TABLE search_units",
            *[s for s in split_statements(MIGRATION_0002) if "search_units (" in s],
            "INSERT INTO search_units SELECT * FROM old_units",
            "DROP TABLE old_units",
            "INSERT INTO search_fts (search_fts) VALUES ('rebuild')",
            *[s for s in split_statements(MIGRATION_0003) if "TRIGGER" in s],
            *COLUMNS_ADDED_AFTER_0006,
            "ALTER TABLE mention_quantities DROP COLUMN derived",
            *(  # 0009 (PDF pages) added them to the tables of 0004 too
                f"ALTER TABLE {table} DROP COLUMN {column}"
                for table in ("slides", "slide_blocks")
                for column in ("page", "box")
            ),
            "DELETE FROM schema_migrations WHERE version > 4",
        ):
            conn.execute(statement)
    conn.close()
    with Store.open(db_path) as store:
        assert found(store, "取組") == expected  # the follow-up units survive as they were
        assert store.stale_documents() == ("brief25",)
        assert found(store, "博士人材") == []
        store.reindex()
        assert found(store, "博士人材") == ["brief25:sl1.b3"]
        assert found(store, "取組") == expected


MIGRATION_0002, MIGRATION_0003 = (
    m.sql for m in load_migrations() if m.name in ("search_units", "search_fts")
)

# Columns later migrations add to tables that 0001 created, and tables added after 0009: a store
# "as 0001 left it" lacks them. (0004 recreates mention_quantities as it was then, so only the
# tables of 0001 are listed.)
COLUMNS_ADDED_AFTER_0006 = (
    "DROP TABLE survey_provenance",  # 0014 (references documents: dropped first)
    "DROP TABLE survey_revisions",
    "DROP TABLE survey_ministries",
    "DROP TABLE survey_rounds",
    "ALTER TABLE quantities DROP COLUMN derived",  # 0007
    "DROP INDEX documents_plan",  # 0008
    "ALTER TABLE documents DROP COLUMN plan",
    "ALTER TABLE elements DROP COLUMN page",  # 0009
    "ALTER TABLE elements DROP COLUMN box",
    "DROP TABLE document_files",  # 0010
    "DROP TABLE user_ministries",  # 0012
    "DROP TABLE users",
    "DROP TABLE app_settings",
    "DROP TABLE audit",  # 0013 (its triggers go with it)
    "ALTER TABLE documents DROP COLUMN document_date",  # 0011
)
