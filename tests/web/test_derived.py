"""A count the report states in words is shown as such wherever people read values."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from stiplan import queries
from stiplan.exports.csv_export import documents_to_csv
from stiplan.normalize.counts import derived_count
from stiplan.store import Store
from stiplan.web.render import quantity_text
from tests.conftest import SAMPLES

EXCERPT = SAMPLES / "excerpts" / "followup_2023_excerpt.txt"


def test_the_dashboard_shows_the_word_with_its_count_marked_derived() -> None:
    quantity = derived_count("全都道府県")
    assert quantity is not None and quantity.value == Decimal(47)
    assert quantity_text(quantity) == "全都道府県（=47都道府県、語から導出）"


def test_the_csv_export_names_the_word_a_count_was_read_from(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        queries.ingest_paths(store, [EXCERPT])
        documents = queries.load_documents(store)
    rows = list(csv.DictReader(io.StringIO(documents_to_csv(documents, lang="en"))))
    derived = [r for r in rows if r["derived_from"]]
    assert [(r["value"], r["unit"], r["derived_from"]) for r in derived] == [
        ("47", "都道府県", "全都道府県")
    ]
    japanese = list(csv.DictReader(io.StringIO(documents_to_csv(documents))))
    assert [r["導出元の語"] for r in japanese if r["導出元の語"]] == ["全都道府県"]
