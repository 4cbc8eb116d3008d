"""Reading pauses the cycle collector and restores it as it was, even on failure."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from stiplan import ingest
from stiplan.model import Document
from tests.conftest import SAMPLES


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_the_collector_is_off_while_reading_and_extracting_and_on_after(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    real_read, real_extract = ingest.read_followup_lines, ingest.extract_document

    def reading(lines: list[str], digest: str, source_name: str) -> Document:
        seen.append(gc.isenabled())
        return real_read(lines, digest, source_name)

    def extracting(document: Document) -> object:
        seen.append(gc.isenabled())
        return real_extract(document)

    monkeypatch.setattr(ingest, "read_followup_lines", reading)
    monkeypatch.setattr(ingest, "extract_document", extracting)
    document = ingest.read_path(SAMPLES / "followup_2025.txt")
    assert document.chapters
    assert seen == [False, False]
    assert gc.isenabled()


def test_the_collector_is_restored_when_the_reader_fails(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(lines: list[str], digest: str, source_name: str) -> Document:
        raise RuntimeError("reader bug")

    monkeypatch.setattr(ingest, "read_followup_lines", broken)
    with pytest.raises(RuntimeError, match="reader bug"):
        ingest.read_path(SAMPLES / "followup_2025.txt")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(collector_on: None) -> None:
    gc.disable()
    with ingest.cycle_collection_paused():
        pass
    assert not gc.isenabled()


def test_many_new_objects_are_collected_once_at_the_end(
    collector_on: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    collections: list[int] = []
    monkeypatch.setattr(ingest, "COLLECT_AFTER", 1_000)

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "stop":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        with ingest.cycle_collection_paused():
            kept = [[i] for i in range(5_000)]
            assert collections == []
        assert collections[:1] == [2]  # one full collection as the pause ends
    finally:
        gc.callbacks.remove(count)
    assert len(kept) == 5_000
