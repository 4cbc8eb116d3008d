"""The follow-up survey on the real report (``../shared/corpus/001…``): every ministry's
workbook, handed back unchanged, imports cleanly (last year's text passes the checks as
starting text); an unchanged round publishes an edition that differs from last year's only by
its date (the day it is published); and with one status item and one period changed per
ministry, the published edition differs from last year's by exactly those edits. Nothing of the report is copied: the
edits are made in code."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

from openpyxl import load_workbook

from stiplan import queries
from stiplan.queries import Actor
from stiplan.store import Store
from stiplan.survey.dating import today_in_japan
from tests.conftest import corpus_file
from tests.unit.auth.cheap import cheap_hashes  # noqa: F401 (autouse fixture)

MARK = "（更新）"


def _edited(data: bytes) -> tuple[bytes, int]:
    """The workbook with its first own status item marked and its first dated value's
    period moved on; how many edits that made."""
    book = load_workbook(io.BytesIO(data))
    edits = 0
    rows = book["取組"]
    for r in range(2, rows.max_row + 1):
        text = rows.cell(r, 10).value
        if (
            rows.cell(r, 5).value == "回答"
            and rows.cell(r, 6).value == "実施状況"
            and text not in (None, "—")
        ):
            rows.cell(r, 10).value = f"{text}{MARK}"
            edits += 1
            break
    values = book["指標"]
    for r in range(2, values.max_row + 1):
        if values.cell(r, 9).value and values.cell(r, 9).value != "令和7年度":
            values.cell(r, 9).value = "令和7年度"
            edits += 1
            break
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), edits


def test_a_round_on_the_real_report_changes_exactly_what_was_edited(tmp_path: Path) -> None:
    source = corpus_file("001_0e8a8b9cad5e63ab.txt")
    with Store.open(tmp_path / "s.sqlite") as store:
        queries.add_user(store, Actor("operator"), "root", "admin", [], "a long enough password")
        root = queries.actor_of(store, "root")
        queries.ingest_paths(store, [source])
        old = store.documents()[0]
        edition = str(int(old.edition) + 1)
        queries.open_round(store, root, edition, old.id)
        files = queries.workbooks(store, root, edition)
        assert len(files) > 5
        for found in files:
            queries.import_workbook(store, root, edition, found.data, found.name)
            queries.accept_submission(store, root, edition, found.ministry)
        unchanged = queries.publish_round(store, root, edition)
        assert queries.differences(queries.diff(store, old.id, unchanged.document_id)) == []
        assert store.document(unchanged.document_id).date == today_in_japan() != old.date
        edition = str(int(edition) + 1)
        queries.open_round(store, root, edition, old.id)
        files = queries.workbooks(store, root, edition)
        total = 0
        for found in files:
            data, edits = _edited(found.data)
            total += edits
            queries.import_workbook(store, root, edition, data, found.name)
            queries.accept_submission(store, root, edition, found.ministry)
        done = queries.publish_round(store, root, edition)
        differences = queries.differences(queries.diff(store, old.id, done.document_id))
    codes = Counter(d.code for d in differences)
    assert set(codes) <= {"status_reworded", "observation_changed"}, codes
    assert sum(codes.values()) == total
    reworded = [d for d in differences if d.code == "status_reworded"]
    assert all(d.new is not None and d.new.text.endswith(MARK) for d in reworded)
