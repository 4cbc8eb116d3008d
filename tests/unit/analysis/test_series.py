"""Series: an indicator's values across editions, each point traceable to its element."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from stiplan import queries
from stiplan.analysis.series import join_series
from stiplan.model import Document
from stiplan.readers.followup import read_followup
from stiplan.store import Store
from tests.conftest import SAMPLES
from tests.unit.analysis.edits import Edition, indicators


def _read(name: str) -> Document:
    path = SAMPLES / name
    return read_followup(path.read_text(encoding="utf-8"), path.name)


def test_three_editions_join_into_series_oldest_first() -> None:
    old, new = _read("followup_2024.txt"), _read("followup_2025.txt")
    # A third edition: the 2025 values moved on a year and written in the other calendar.
    edition = Edition(new)
    for indicator in indicators(new):
        edition.update_values(indicator, values=True, periods=True)
    third = read_followup(edition.render(), "followup_2026.txt")
    series = join_series([old, new, third])
    assert len(series) == 19  # every observation continues through all three editions
    researchers = next(s for s in series if s.indicator == "研究者数")
    assert researchers.unit == "人"
    assert [p.quantity.value for p in researchers.points if p.quantity] == [
        Decimal("904600"),
        Decimal("912300"),
        Decimal("922300"),  # the edit changes the first number: 91万 → 92万
    ]
    assert [p.period.end for p in researchers.points if p.period] == [
        date(2023, 3, 31),
        date(2024, 3, 31),
        date(2025, 3, 31),
    ]
    assert [p.document_id for p in researchers.points] == [old.id, new.id, third.id]
    assert researchers.points[0].element_id == f"{old.id}:c2.ind3.o1"


def test_an_observation_without_a_partner_starts_its_own_series() -> None:
    old = _read("followup_2024.txt")
    lines = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8").split("\n")
    lines[173] = "- ・ 大学発ベンチャーの数：4,288社（令和6年度）²⁶"  # a new indicator
    changed = read_followup("\n".join(lines), "followup_2025b.txt")
    series = join_series([old, changed])
    single = [s for s in series if len(s.points) == 1]
    assert sorted(s.indicator for s in single) == ["大学への寄附金受入額", "大学発ベンチャーの数"]
    assert len(series) == 20


def test_series_query_finds_the_part_of_a_document(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        queries.ingest_paths(store, [SAMPLES / "followup_2025.txt", SAMPLES / "followup_2024.txt"])
        series = queries.series(store, "followup_2025.txt")
    assert len(series) == 19
    assert all(len(s.points) == 2 for s in series)
    assert [p.edition for p in series[0].points] == ["2024", "2025"]
