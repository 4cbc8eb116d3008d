"""What a report's form may vary without changing what is read (texts, values, periods,
footnotes, ministries):

- a page number left in the text by a conversion (``- 12 -``, ``12/40``, a bare ``12``), put
  between any two lines, with or without blank lines around it;
- the order of the initiatives table's three columns, header and rows alike;
- where an excerpt starts: cut at any line, a report keeps every initiative below the cut
  (under stand-in headings numbered 0 where the cut left out its headings);
- cells without block markup, lines indented by spaces or a full-width space, and digits,
  ``％``, ``．`` and ``，`` written full width.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SAMPLES
from tests.docwalk import differences
from tests.variants import FORMS, initiatives_below, with_columns

from stiplan.readers.followup import read_followup

REPORTS = [SAMPLES / "followup_2025.txt", SAMPLES / "excerpts" / "followup_2023_excerpt.txt"]
PAGE_NUMBERS = ("- 12 -", "－ 3 －", "12/40", "12", "—7—")


@settings(max_examples=60, deadline=None)
@given(
    report=st.sampled_from(REPORTS),
    at=st.integers(min_value=1),
    page_number=st.sampled_from(PAGE_NUMBERS),
    blank_around=st.booleans(),
)
def test_a_page_number_between_any_two_lines_changes_nothing_read(
    report: Path, at: int, page_number: str, blank_around: bool
) -> None:
    text = report.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = 1 + at % (len(lines) - 1)
    inserted = ["", page_number, ""] if blank_around else [page_number]
    with_number = "\n".join([*lines[:i], *inserted, *lines[i:]])
    read = read_followup(text, report.name)
    assert differences(read, read_followup(with_number, report.name)) == []


def test_a_bare_number_after_a_bullet_waiting_for_its_value_is_the_value() -> None:
    """The one place a bare number is content: a bullet that ends open (``…の数：``)."""
    text = "1. 章\n\n（1）節\n\n【現状データ】（参考指標）\n\n- ・ 拠点の数（令和6年度）：\n42\n"
    (indicator,) = read_followup(text, "a.txt").chapters[0].sections[0].indicators
    assert [str(o.quantity.value) for o in indicator.observations if o.quantity] == ["42"]


@pytest.mark.parametrize("order", list(itertools.permutations(range(3)))[1:])
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_the_table_columns_in_any_order_read_the_same(report: Path, order: tuple[int, ...]) -> None:
    text = report.read_text(encoding="utf-8")
    reordered = read_followup(with_columns(text, order), report.name)
    assert differences(read_followup(text, report.name), reordered) == []


@settings(max_examples=60, deadline=None)
@given(report=st.sampled_from(REPORTS), at=st.integers(min_value=1))
def test_an_excerpt_starting_at_any_line_keeps_every_initiative_below_it(
    report: Path, at: int
) -> None:
    text = report.read_text(encoding="utf-8")
    lost = initiatives_below(text, report.name, 1 + at % (text.count("\n") - 1))
    assert lost == []


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_another_producers_form_reads_the_same(report: Path, form: str) -> None:
    text = report.read_text(encoding="utf-8")
    varied = FORMS[form](text)
    assert varied != text
    assert differences(read_followup(text, report.name), read_followup(varied, report.name)) == []
