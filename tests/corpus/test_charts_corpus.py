"""Charts of the real 2025 edition: every indicator with a dated value has a chart, and every
numeric target the progress analysis links to an indicator is drawn on it (the dashboard once
drew 1 target line on 51 charts). Skipped when ``../shared/corpus`` is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from stiplan import queries
from stiplan.store import Store
from stiplan.web.chart import build_charts
from tests.conftest import corpus_file
from tests.web.test_chart_targets import chart_coverage


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    db = tmp_path_factory.mktemp("charts-corpus") / "store.sqlite"
    with Store.open(db) as store:
        queries.ingest_paths(store, [path])
    return db


def test_every_linked_numeric_target_is_drawn(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        drawn, missing = chart_coverage(store)
    assert missing == []
    assert drawn >= 3  # a zero target, a rate (円/トン) and a relative target (×2 of FY2000)


def test_charts_for_dated_values_units_whole_and_baselines_marked(store_path: Path) -> None:
    with Store.open(store_path, read_only=True) as store:
        (doc,) = store.documents()
        plottable = charted = relative = 0
        for row in queries.indicators(store, doc.id):
            detail = queries.indicator(store, row.indicator.id, doc.id)
            charts = build_charts(detail.series, detail.target_lines)
            plottable += any(o.quantity and o.period for o in row.observations)
            charted += bool(charts)
            for point in detail.series:
                q = point.observation.quantity
                if q is not None and q.per and point.observation.period:
                    # a rate's unit is shown whole (万円/トン), never cut to its numerator
                    assert any(c.unit.endswith(f"{q.unit}/{q.per}") for c in charts)
            for line in detail.target_lines:
                if line.relative and line.baseline is not None:
                    relative += 1
                    assert any(b.target_id == line.target.id for c in charts for b in c.baselines)
    assert charted == plottable > 40
    assert relative >= 1
