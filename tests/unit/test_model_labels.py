"""How places are cited: one subsection mark for the pages, the CLI, diffs and the survey."""

from __future__ import annotations

import pytest

from stiplan.model import chapter_label, parse_section_label, subsection_mark


@pytest.mark.parametrize(
    ("number", "mark"), [(1, "①"), (7, "⑦"), (20, "⑳"), (21, "[21]"), (0, "[0]")]
)
def test_subsection_mark(number: int, mark: str) -> None:
    # 0 is an excerpt's stand-in; the CLI's own slice gave it ⑩ (index -1)
    assert subsection_mark(number) == mark


def test_labels_round_trip() -> None:
    assert chapter_label(2) == "2." and chapter_label(0) == ""
    assert parse_section_label("2．（1）") == (2, 1) and parse_section_label("c2.s1") is None
