"""Guard suite: hostile lines are read in time linear in their length, and never crash.

Every payload of ``tests/unit/adversarial.py`` goes into every place of a follow-up report and
of a slide deck where text is read, at 200,000 characters per place (about two megabytes per
document). A pattern that backtracks quadratically on one of them takes minutes there and hits
the per-test timeout; a linear reader takes well under a second. ``benchmarks/bench_hostile.py``
prints the seconds per megabyte beside ordinary text.
"""

from __future__ import annotations

import pytest

from stiplan.ingest import IngestError, read_bytes
from stiplan.model import DocumentKind
from stiplan.readers.followup import read_followup
from tests.unit.adversarial import followup_with, payloads, slides_with

SIZE = 200_000
PAYLOADS = payloads(SIZE)


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_hostile_follow_up_is_read_in_linear_time(name: str) -> None:
    document = read_bytes(followup_with(PAYLOADS[name]).encode(), f"{name}.txt")
    assert document.kind is DocumentKind.FOLLOWUP
    assert document.chapters and document.chapters[0].sections


@pytest.mark.timeout(30)
@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_a_hostile_slide_deck_is_read_in_linear_time_or_refused(name: str) -> None:
    try:
        document = read_bytes(slides_with(PAYLOADS[name]).encode(), f"{name}.txt")
    except IngestError as refused:  # mostly not Japanese: refused as no known format
        assert f"{name}.txt" in str(refused) and "little Japanese text" in str(refused)
        return
    assert document.kind is DocumentKind.SLIDES and document.slides


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "line",
    ["- ・ a" + ":" * 1_000_000, "【" + " " * 1_000_000 + "x", "¹" * 1_000_000],
    ids=["colons", "bracket_spaces", "superscripts"],
)
def test_a_megabyte_line_alone_is_refused_quickly(line: str) -> None:
    with pytest.raises(IngestError, match="unknown document format"):
        read_bytes(line.encode(), "one-line.txt")


@pytest.mark.timeout(30)
def test_prose_long_after_a_page_number_is_read_in_linear_time() -> None:
    """Whether text resumes after a page number is asked of every prose line; a scan from the
    page number forward made 200,000 lines after one take minutes."""
    head = "1. 章\n\n（1）節\n\n【あるべき姿とその実現に向けた方向性】\n\n- 3 -\n"
    document = read_followup(head + "研究を進める。\n" * 200_000, "long.txt")
    assert len(document.chapters[0].sections[0].paragraphs) == 200_000
