"""The invariants of ``tests/unit/readers/test_followup_invariants.py`` on the real report: a
page number put between any two of its lines, or its table columns in another order, change
nothing that is read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.readers.followup import read_followup
from tests.conftest import corpus_file
from tests.docwalk import differences
from tests.variants import FORMS, initiatives_below, with_columns


@settings(max_examples=25, deadline=None)
@given(at=st.integers(min_value=1), page_number=st.sampled_from(("- 12 -", "12/40", "12")))
def test_a_page_number_anywhere_in_the_real_report_changes_nothing_read(
    at: int, page_number: str
) -> None:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    i = 1 + at % (len(lines) - 1)
    with_number = "\n".join([*lines[:i], page_number, *lines[i:]])
    read = read_followup(text, path.name)
    assert differences(read, read_followup(with_number, path.name)) == []


def test_the_real_reports_table_columns_in_another_order_read_the_same() -> None:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    text = path.read_text(encoding="utf-8")
    reordered = read_followup(with_columns(text, (2, 0, 1)), path.name)
    assert differences(read_followup(text, path.name), reordered) == []


@settings(max_examples=20, deadline=None)
@given(at=st.integers(min_value=1))
def test_an_excerpt_of_the_real_report_keeps_every_initiative_below_its_start(at: int) -> None:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    text = path.read_text(encoding="utf-8")
    assert initiatives_below(text, path.name, 1 + at % (text.count("\n") - 1)) == []


@pytest.mark.parametrize("form", sorted(FORMS))
def test_the_real_report_in_another_producers_form_reads_the_same(form: str) -> None:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    text = path.read_text(encoding="utf-8")
    varied = read_followup(FORMS[form](text), path.name)
    assert differences(read_followup(text, path.name), varied) == []
