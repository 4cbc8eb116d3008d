"""A published survey edition as one XLSX: its status items and next steps, and its
indicator values, each with the ministry, revision and author it came from."""

from __future__ import annotations

from collections.abc import Sequence

from stiplan import queries
from stiplan.exports.tabular import Column, Table, tables_to_xlsx

ITEM_COLUMNS = (
    Column("element_id", "要素ID"),
    Column("place", "節"),
    Column("commitment", "基本計画における具体的な取組"),
    Column("kind", "種別"),
    Column("number", "番号"),
    Column("text", "記載"),
    Column("ministries", "府省"),
    Column("ministry", "回答府省"),
    Column("revision", "版"),
    Column("author", "回答者"),
)
VALUE_COLUMNS = (
    Column("element_id", "要素ID"),
    Column("place", "節"),
    Column("indicator", "参考指標"),
    Column("label", "内訳"),
    Column("value", "値"),
    Column("unit", "単位"),
    Column("period", "時点"),
    Column("ministry", "回答府省"),
    Column("revision", "版"),
    Column("author", "回答者"),
)


def edition_xlsx(
    items: Sequence[queries.EditionItem], values: Sequence[queries.EditionValue]
) -> bytes:
    """The two tables as one workbook (every text stored as text, never a formula)."""
    item_rows = [{c.key: getattr(i, c.key) for c in ITEM_COLUMNS} for i in items]
    value_rows = [{c.key: getattr(v, c.key) for c in VALUE_COLUMNS} for v in values]
    return tables_to_xlsx(
        [
            Table("items", "取組", ITEM_COLUMNS, item_rows),
            Table("values", "指標", VALUE_COLUMNS, value_rows),
        ]
    )
