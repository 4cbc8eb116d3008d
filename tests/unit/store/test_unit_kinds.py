"""Unit numbers carry their unit's kind (migration 0015, ``search_sql.KIND_SLOTS``): the codes
are ``UNIT_TYPES``' order in both dialects' migration, and a store numbered before it keeps
every hit, in the same order, once migrated."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from stiplan.search import build_query
from stiplan.store import SearchFilter, Store
from stiplan.store.migrate import load_migrations
from stiplan.store.search_sql import KIND_SLOTS, OTHER_KIND, kind_code, unit_number
from stiplan.store.tables import UNIT_TYPES

from .conftest import make_briefing, make_document

pytestmark = pytest.mark.sqlite_only

QUESTIONS: list[tuple[str, dict[str, object]]] = [
    ("取組", {}),
    ("研究", {}),
    ("博士人材", {}),
    ("取組", {"element_type": "initiative"}),
    ("博士人材", {"element_type": "block"}),
    ("取組", {"ministry": "文"}),
]


def hits(store: Store) -> list[list[tuple[str, float, int]]]:
    """Every question's hits: element, score and round, in ranking order."""
    return [
        [
            (r.element_id, r.score, r.type_rank)
            for r in store.search(build_query(q), SearchFilter(**f))  # type: ignore[arg-type]
        ]
        for q, f in QUESTIONS
    ]


@pytest.mark.parametrize("dialect", ["sqlite", "postgres"])
def test_the_migration_codes_each_type_by_its_place_in_unit_types(dialect: str) -> None:
    (migration,) = [m for m in load_migrations(dialect) if m.version == 15]
    codes = re.findall(r"WHEN '(\w+)' THEN (\d+)", migration.sql)
    assert codes == [(t, str(i)) for i, t in enumerate(UNIT_TYPES)]
    assert f"* {KIND_SLOTS} +" in migration.sql and f"ELSE {OTHER_KIND}" in migration.sql


def test_a_number_is_the_sequence_and_the_kind() -> None:
    assert unit_number(7, "action") == 7 * KIND_SLOTS + UNIT_TYPES.index("action")
    assert unit_number(1, "block") % KIND_SLOTS == kind_code("block")
    assert kind_code("no such type") == OTHER_KIND
    assert len(UNIT_TYPES) < OTHER_KIND  # room for new types before the spare code


def test_a_store_numbered_before_kinds_migrates_with_the_same_hits(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.ingest(make_document())
        store.ingest(make_briefing())
        expected = hits(store)
    assert any(expected) and all(len(h) > 0 for h in expected[:4])
    with sqlite3.connect(db_path) as conn:  # back to plain numbers, as before 0015
        conn.execute("UPDATE search_units SET unit_no = -unit_no")
        conn.execute(f"UPDATE search_units SET unit_no = (-unit_no) / {KIND_SLOTS}")
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        conn.execute("DROP TABLE search_unit_ministries")
        conn.execute("DROP TABLE search_frequent")  # migration 0016 came later
        conn.execute("DROP TABLE search_frequent_words")
        conn.execute("DELETE FROM schema_migrations WHERE version >= 15")
        plain = sorted(r[0] for r in conn.execute("SELECT unit_no FROM search_units"))
    conn.close()
    assert plain == list(range(1, len(plain) + 1))
    with Store.open(db_path) as store:
        assert hits(store) == expected
        rows = store._conn.execute("SELECT unit_no, type FROM search_units").fetchall()
        assert all(unit_number(n // KIND_SLOTS, t) == n for n, t in rows)
        assert sorted(n // KIND_SLOTS for n, _ in rows) == plain  # the order is kept
        store.ingest(make_document("doc2024", "hash-2024", "2024"))
        first_new = min(
            n
            for (n,) in store._conn.execute(
                "SELECT unit_no FROM search_units WHERE document_id = 'doc2024'"
            )
        )
        assert first_new // KIND_SLOTS == len(plain) + 1  # numbered on after the last


def test_the_units_a_ministry_answers_for_follow_their_tags_and_go_with_them(
    db_path: Path,
) -> None:
    """``search_unit_ministries`` holds, for each unit, the ministries tagged on the element
    its tags come from (``tags_from``), as an ingest and a rebuild write it; deleting the
    document takes its rows."""
    with Store.open(db_path) as store:
        store.ingest(make_document())
        store.ingest(make_briefing())

        def recorded() -> set[tuple[int, str, bool]]:
            rows = store._conn.execute("SELECT unit_no, code, lead FROM search_unit_ministries")
            return {(int(n), str(c), bool(lead)) for n, c, lead in rows}

        units = store._conn.execute("SELECT unit_no, document_id, tags_from FROM search_units")
        tags = store._conn.execute(
            "SELECT document_id, element_id, code, lead FROM element_ministries"
        )
        by_element: dict[tuple[str, str], set[tuple[str, bool]]] = {}
        for document_id, element_id, code, lead in tags:
            by_element.setdefault((document_id, element_id), set()).add((code, bool(lead)))
        expected = {
            (int(n), code, lead)
            for n, document_id, tags_from in units
            for code, lead in by_element.get((document_id, tags_from), set())
        }
        assert expected and recorded() == expected
        store.reindex()
        assert recorded() != set() and len(recorded()) == len(expected)
        store.delete_document("doc2023")
        assert recorded() == set()
