"""The SQL builders: values travel as parameters, never inside the SQL text."""

from __future__ import annotations

import pytest

from stiplan.model import parse_section_label
from stiplan.store import sql
from stiplan.store.tables import COLUMNS, insert_sql, select_document_sql

EVIL = "x'; DROP TABLE documents; --"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(2)", (None, 2)),
        ("（2）", (None, 2)),
        ("1.(2)", (1, 2)),
        (" 3．（10） ", (3, 10)),
        ("1.2", None),
        ("(a)", None),
        ("doc:c1.s2", None),
    ],
)
def test_parse_section_label(text: str, expected: tuple[int | None, int] | None) -> None:
    assert parse_section_label(text) == expected


@pytest.mark.parametrize(
    "filters",
    [
        sql.InitiativeFilter(section=EVIL),
        sql.InitiativeFilter(ministry=EVIL, lead_only=True),
        sql.InitiativeFilter(document_id=EVIL, section="1.(2)", ministry="文"),
    ],
)
def test_initiative_filters_are_parameters(filters: sql.InitiativeFilter) -> None:
    for text, params in (sql.initiatives_sql(filters), sql.initiative_ministries_sql(filters)):
        assert EVIL not in text
        assert text.count("?") == len(params)


def test_lead_only_binds_a_boolean() -> None:
    _, params = sql.initiatives_sql(sql.InitiativeFilter(ministry="文", lead_only=True))
    assert params == ("文", True)


@pytest.mark.parametrize(
    "query",
    [
        sql.documents_sql(EVIL),
        sql.sections_sql(EVIL),
        sql.element_owners_sql(EVIL, EVIL),
        sql.counts_sql(EVIL),
        sql.warnings_sql(EVIL),
        sql.source_lines_sql(EVIL, 1, 2),
    ],
)
def test_read_builders_keep_values_out_of_sql(query: sql.Query) -> None:
    text, params = query
    assert EVIL not in text
    assert EVIL in params
    assert text.count("?") == len(params)


@pytest.mark.parametrize("table", list(COLUMNS))
def test_table_sql_names_every_column(table: str) -> None:
    assert insert_sql(table).count(":") == len(COLUMNS[table])
    assert select_document_sql(table).count("?") == 1
