"""A document's title and date read from its head lines (fixtures in ``fixtures/heads``: each
``name.txt`` is a fictional document, ``name.json`` the title, date and head warnings expected).

``followup_*`` files are read by the follow-up reader, ``briefing_*`` by the slide reader; then
``--title``/``--date`` (``ReadOptions``) must win over what the document states and silence the
warnings."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import FIXTURES

from stiplan.ingest import ReadOptions, given_day, read_bytes
from stiplan.model import Document, DocumentKind
from stiplan.normalize.dates import format_day
from stiplan.readers.heads import MAX_TITLE_CHARS, day_alone, read_head

HEADS = FIXTURES / "heads"
HEAD_CODES = {"title_unknown", "date_unknown", "edition_unknown"}


def _read(path: Path, options: ReadOptions | None = None) -> Document:
    """Read as ``stiplan ingest`` does, checking the fixture is detected as what it is named."""
    document = read_bytes(path.read_bytes(), path.name, options)
    kind = DocumentKind.FOLLOWUP if path.name.startswith("followup") else DocumentKind.SLIDES
    assert document.kind is kind
    return document


def _summary(document: Document) -> dict[str, object]:
    return {
        "title": document.title,
        "date": document.date.isoformat() if document.date else None,
        "warnings": [w.code for w in document.warnings if w.code in HEAD_CODES],
    }


@pytest.mark.parametrize("path", sorted(HEADS.glob("*.txt")), ids=lambda p: p.stem)
def test_head_fixture_reads_to_expected_title_and_date(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert _summary(_read(path)) == expected


@pytest.mark.parametrize("path", sorted(HEADS.glob("*.txt")), ids=lambda p: p.stem)
def test_a_given_title_and_date_win_and_silence_the_warnings(path: Path) -> None:
    stated = _read(path)
    document = _read(path, ReadOptions(title=" 利用者が付けた表題 ", date=date(2030, 4, 1)))
    assert document.title == "利用者が付けた表題"
    assert document.date == date(2030, 4, 1)
    assert not {w.code for w in document.warnings} & {"title_unknown", "date_unknown"}
    if document.kind is DocumentKind.SLIDES and not stated.edition:
        assert document.edition == "2030"  # an undated briefing's edition is the given year
    else:
        assert document.edition == stated.edition


def test_a_blank_given_title_is_no_title() -> None:
    document = _read(HEADS / "followup_no_head.txt", ReadOptions(title="  "))
    assert document.title == "1. 見出しだけの架空の章"
    assert "title_unknown" in {w.code for w in document.warnings}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和5年9月14日", date(2023, 9, 14)),
        ("**令和元年5月1日**", date(2019, 5, 1)),
        ("2025年6月1日（日）", date(2025, 6, 1)),
        ("令和5年9月", None),  # a month is not a day
        ("令和5年9月14日に決定", None),  # a sentence, not a date line
        ("架空の表題", None),
    ],
)
def test_a_date_line_is_a_day_standing_alone(text: str, expected: date | None) -> None:
    assert day_alone(text) == expected


def test_a_title_is_the_first_paragraph_that_is_not_a_date() -> None:
    head = read_head([(1, "令和6年1月5日"), (3, "Society 5.0"), (4, "Roadmap 2031"), (6, "事務局")])
    assert head.title == "Society 5.0 Roadmap 2031"
    assert head.date == date(2024, 1, 5)
    assert read_head([]).title == "" and read_head([]).date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-06-01", date(2025, 6, 1)), ("令和7年6月1日", date(2025, 6, 1))],
)
def test_a_given_day_is_iso_or_written_as_documents_write_it(text: str, expected: date) -> None:
    assert given_day(text) == expected


@pytest.mark.parametrize("text", ["2025-13-01", "来年", "令和7年"])
def test_a_given_day_that_is_no_day_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a day"):
        given_day(text)


@given(st.lists(st.tuples(st.integers(1, 40), st.text(max_size=60)), max_size=12))
def test_any_head_lines_give_a_bounded_title_and_a_date_that_a_line_states(
    lines: list[tuple[int, str]],
) -> None:
    head = read_head(sorted(lines))
    assert len(head.title) <= MAX_TITLE_CHARS
    assert head.date is None or any(day_alone(text) == head.date for _, text in lines)


# 平成 and 令和: the eras a date line of these documents is written in (``heads.DATE_ONLY``).
@given(st.dates(min_value=date(1989, 1, 8), max_value=date(2117, 12, 31)))
def test_a_day_written_in_either_calendar_is_read_back(day: date) -> None:
    gregorian, era = format_day(day).rstrip("）").split("（")
    assert day_alone(gregorian) == day
    assert day_alone(f"{era}{day.month}月{day.day}日") == day
    assert read_head([(1, "架空の表題"), (3, era + f"{day.month}月{day.day}日")]).date == day
