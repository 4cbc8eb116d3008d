"""Migration 0008: a store written before plans existed is upgraded, its documents get a plan
from their edition year where that year can mean only one plan, and the migration's SQL agrees
with ``stiplan.extract.plans`` on that rule."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from stiplan.extract.plans import edition_fiscal_years
from stiplan.model import DocumentKind
from stiplan.normalize.plans import plan_covering
from stiplan.store import Store
from stiplan.store.errors import StoreError
from stiplan.store.migrate import load_migrations, split_statements
from tests.unit.store.conftest import make_briefing, make_document

(PLAN_MIGRATION,) = [m for m in load_migrations() if m.version == 8]


def _as_before_plans(path: Path, editions: dict[str, str]) -> None:
    """Turn a store back into what stiplan wrote before migration 0008, with these editions."""
    with sqlite3.connect(path) as conn:
        conn.execute("DROP INDEX documents_plan")
        conn.execute("ALTER TABLE documents DROP COLUMN plan")
        conn.execute("DELETE FROM schema_migrations WHERE version = 8")
        for doc_id, edition in editions.items():
            conn.execute("UPDATE documents SET edition = ? WHERE id = ?", (edition, doc_id))
    conn.close()


def test_an_old_store_gets_plans_from_edition_years(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        store.ingest(make_document("doc2024", "hash-2024", "2024"))
        store.ingest(make_document("doc2027", "hash-2027", "2027"))
        store.ingest(make_document("doc2029", "hash-2029", "2029"))
        store.ingest(make_briefing("brief25", "hash-brief-2025"))
    _as_before_plans(path, {"brief25": "2025"})
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(documents)")]
    conn.close()
    assert "plan" not in columns
    with Store.open(path) as store:
        plans = {d.id: d.plan for d in store.documents()}
        assert store.load_document("doc2024").plan == 6
    assert plans == {"doc2024": 6, "doc2027": None, "doc2029": 7, "brief25": 6}


def test_a_read_only_open_refuses_an_old_store_until_it_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    with Store.open(path) as store:
        store.ingest(make_document())
    _as_before_plans(path, {})
    with pytest.raises(StoreError, match=r"lacks migration\(s\) \[8\]"):
        Store.open(path, read_only=True)


@pytest.mark.parametrize("kind", [DocumentKind.FOLLOWUP, DocumentKind.SLIDES])
def test_the_migration_applies_the_same_year_rule_as_the_code(kind: DocumentKind) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE documents (id TEXT, kind TEXT, edition TEXT)")
    years = range(2015, 2036)
    conn.executemany(
        "INSERT INTO documents VALUES (?, ?, ?)", [(str(y), kind.value, str(y)) for y in years]
    )
    for statement in split_statements(PLAN_MIGRATION.sql):
        conn.execute(statement)
    stored = dict(conn.execute("SELECT id, plan FROM documents").fetchall())
    for year in years:
        plan = plan_covering(edition_fiscal_years(kind, year))
        assert stored[str(year)] == (None if plan is None else plan.ordinal), year
