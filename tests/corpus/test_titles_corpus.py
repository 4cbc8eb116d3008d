"""Titles and dates of the real documents (skipped without ``../shared/corpus``): a briefing's
cover states both; a report without head lines and a deck whose cover was not converted (its
first slide is a numbered divider) say they lack them."""

from __future__ import annotations

from datetime import date
from functools import cache

from stiplan.ingest import read_path
from stiplan.model import Document
from tests.conftest import corpus_file

FILES = {
    "001": "001_0e8a8b9cad5e63ab.txt",
    "002": "002_57911e9c0807c863.txt",
    "003": "003_5393b671f54dd828.txt",
}


@cache
def _read(prefix: str) -> Document:
    return read_path(corpus_file(FILES[prefix]))  # skips cleanly without the corpus


def _head_codes(document: Document) -> set[str]:
    return {w.code for w in document.warnings} & {"title_unknown", "date_unknown"}


def test_a_briefing_cover_states_its_title_and_date() -> None:
    deck = _read("002")
    assert deck.date == date(2023, 9, 14) and deck.edition == "2023"
    assert deck.title == deck.slides[0].title and deck.title.endswith("について")
    assert _head_codes(deck) == set()


def test_a_report_without_head_lines_warns_and_is_named_by_its_chapter() -> None:
    report = _read("001")
    assert report.date is None
    assert report.title.startswith("1. ")
    assert _head_codes(report) == {"title_unknown", "date_unknown"}


def test_a_deck_opening_on_a_divider_has_no_stated_title() -> None:
    deck = _read("003")
    assert _head_codes(deck) == {"title_unknown"}
    assert deck.title == deck.slides[0].title  # still named, by its first slide
