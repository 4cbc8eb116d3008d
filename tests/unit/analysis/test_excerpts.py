"""Excerpt editions: a file that holds only some sections of a chapter and begins at a section
heading is an edition of those sections, matched to the full edition by what it holds.

The bundled excerpt ``samples/excerpts/followup_2023_excerpt.txt`` (sections (2) and (4), the
latter a renumbered (3), no chapter heading; values on continuation lines and under a shared
bracketed period) is checked against the full sample editions; a hypothesis test cuts random
excerpts out of a full edition, changes random values and checks that the diff reports exactly
those values, typed, with both spans.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stiplan.analysis.chapters import chapter_pairs
from stiplan.analysis.editions import (
    EditionDiff,
    ObservationDiff,
    compare,
    differences,
    report_parts,
    same_part,
)
from stiplan.model import Document
from stiplan.normalize.numbers import parse_quantity
from stiplan.readers.followup import read_followup
from tests.conftest import SAMPLES
from tests.unit.analysis.edits import bumped, path

EXCERPT = SAMPLES / "excerpts" / "followup_2023_excerpt.txt"


def read(source: Path) -> Document:
    return read_followup(source.read_text(encoding="utf-8"), source.name)


FULL_2024 = read(SAMPLES / "followup_2024.txt")
FULL_2025 = read(SAMPLES / "followup_2025.txt")
EXCERPT_2023 = read(EXCERPT)


def codes(diff: EditionDiff) -> list[tuple[str, str]]:
    return sorted((d.code, d.where) for d in differences(diff))


def test_an_excerpt_has_an_unstated_chapter_and_is_named_after_its_first_section() -> None:
    (chapter,) = EXCERPT_2023.chapters
    assert (chapter.number, chapter.title, chapter.stated, chapter.label) == (0, "", False, "")
    assert [s.label for s in chapter.sections] == ["(2)", "(4)"]
    assert EXCERPT_2023.title.startswith("(2) オープンサイエンス")
    assert EXCERPT_2023.edition == "2023"
    assert [w.code for w in EXCERPT_2023.warnings if w.line == 1] == [
        "section_without_chapter",
        "title_unknown",  # named after its first section, with a warning: no head line
        "date_unknown",
    ]


def test_the_excerpt_is_an_edition_of_the_full_report_part() -> None:
    assert same_part(EXCERPT_2023, FULL_2024) and same_part(FULL_2025, EXCERPT_2023)
    (part,) = report_parts([FULL_2025, EXCERPT_2023, FULL_2024])
    assert part.key.startswith("2. 知のフロンティア") and part.chapters == (2,)
    assert [e.edition for e in part.editions] == ["2023", "2024", "2025"]
    assert part.editions[0].sections == ("(2)", "(4)")


def test_the_unstated_chapter_is_matched_by_its_sections_and_says_so() -> None:
    (pairing,) = chapter_pairs(EXCERPT_2023.chapters, FULL_2024.chapters)
    assert pairing.score.component("sections") == 1.0
    assert pairing.score.component("number") == 0.0


def test_an_unrelated_excerpt_is_not_the_same_part() -> None:
    other = read_followup(
        "(1) 宇宙空間の利用拡大\n\n【目標】\n\n- ・ 衛星の打上げを増やす。\n", "other.txt"
    )
    assert not same_part(other, FULL_2024)
    assert len(report_parts([other, FULL_2024])) == 2


def test_the_diff_compares_the_shared_sections_and_says_which_the_excerpt_lacks() -> None:
    diff = compare(EXCERPT_2023, FULL_2024)
    assert diff.same_part and not diff.chapters[0].covered
    found = codes(diff)
    assert ("section_added", "2.(1)") in found  # (1) is not in the excerpt
    assert ("section_renumbered", "2.(3)") in found  # printed as (4) in the excerpt
    # The chapter level (heading, overarching goal, chapter indicators, their footnotes) is
    # not printed by the excerpt, so it is not "added".
    assert not [c for c, where in found if where.startswith("2. ") or c.startswith("chapter")]
    assert not [c for c, _ in found if c == "footnote_added"]
    changed = [w for c, w in found if c == "observation_changed"]
    assert len(changed) == 8
    removed = [w for c, w in found if c == "indicator_removed"]
    assert removed == ["(2) ind3"]  # 全都道府県, only in 2023


def test_continuation_values_and_shared_periods_of_the_excerpt_are_read() -> None:
    section = EXCERPT_2023.chapters[0].sections[0]
    shares, usage, counted = section.indicators[0], section.indicators[1], section.indicators[2]
    assert [(o.label, o.period.text if o.period else None) for o in shares.observations] == [
        ("国立研究開発法人", "令和4年度末"),
        ("国立大学", "令和4年度末"),
    ]
    assert usage.name == "研究データ基盤の利用状況"
    assert [(o.label, o.span.first_line) for o in usage.observations] == [
        ("延べ利用者数", 24),
        ("公開メタデータ", 25),
    ]
    (everywhere,) = counted.observations
    assert everywhere.quantity is not None and everywhere.quantity.derived
    assert (everywhere.quantity.value, everywhere.quantity.text) == (Decimal(47), "全都道府県")
    amounts = EXCERPT_2023.chapters[0].sections[1].indicators[0].observations
    assert [o.period.text if o.period else None for o in amounts] == ["令和3年度", "令和3年度"]
    assert amounts[0].span.last_line == amounts[0].span.first_line + 1  # the period's line


# --- random excerpts of a full edition with random values changed ---------------------------

LINES = (SAMPLES / "followup_2025.txt").read_text(encoding="utf-8").split("\n")
SECTIONS = FULL_2025.chapters[0].sections
OBSERVATIONS = [
    (k, o) for k, s in enumerate(SECTIONS) for i in s.indicators for o in i.observations
]


def excerpt_of(kept: list[int], changed: set[int]) -> tuple[str, dict[str, str]]:
    """The kept sections' lines (no chapter heading), with the chosen values bumped."""
    lines = list(LINES)
    new_texts: dict[str, str] = {}
    for index in sorted(changed):
        _, observation = OBSERVATIONS[index]
        assert observation.quantity is not None
        line = observation.span.first_line - 1
        written = observation.quantity.text
        new_texts[path(observation.id)] = bumped(written)
        lines[line] = lines[line].replace(written, bumped(written), 1)
    picked: list[str] = []
    for k in kept:
        span = SECTIONS[k].span
        picked += lines[span.first_line - 1 : span.last_line]
    return "\n".join(picked) + "\n", new_texts


@st.composite
def excerpts(draw: st.DrawFn) -> tuple[list[int], set[int]]:
    kept = draw(st.lists(st.sampled_from(range(len(SECTIONS))), min_size=1, unique=True))
    candidates = [n for n, (k, o) in enumerate(OBSERVATIONS) if k in kept and o.quantity]
    changed = draw(st.sets(st.sampled_from(candidates))) if candidates else set()
    return sorted(kept), changed


def _unique_on_line(index: int) -> bool:
    _, observation = OBSERVATIONS[index]
    assert observation.quantity is not None
    line = LINES[observation.span.first_line - 1]
    return line.count(observation.quantity.text) == 1 and not observation.quantity.derived


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(excerpts())
def test_every_changed_value_of_a_random_excerpt_is_reported_typed(
    drawn: tuple[list[int], set[int]],
) -> None:
    kept, changed = drawn
    changed = {n for n in changed if _unique_on_line(n)}
    text, new_texts = excerpt_of(kept, changed)
    excerpt = read_followup(text, "excerpt.txt")
    assert same_part(FULL_2025, excerpt)
    diff = compare(FULL_2025, excerpt)
    found = differences(diff)
    reported = {path(d.old.id) for d in found if d.code == "observation_changed" and d.old}
    assert reported == set(new_texts)
    removed = {d.where for d in found if d.code == "section_removed"}
    assert removed == {f"2.{SECTIONS[k].label}" for k in range(len(SECTIONS)) if k not in kept}
    for observation in _observation_diffs(diff):
        if observation.value_changed:
            assert observation.old is not None and observation.new is not None
            assert observation.new.quantity is not None
            old_id = path(observation.pair.old.id) if observation.pair.old else ""
            expected = parse_quantity(new_texts[old_id])
            assert observation.new.quantity.value == expected.value
            assert observation.pair.old and observation.pair.new
            assert observation.pair.new.span.first_line >= 1


def _observation_diffs(diff: EditionDiff) -> list[ObservationDiff]:
    return [
        o
        for chapter in diff.chapters
        for section in chapter.sections
        for indicator in section.indicators
        for o in indicator.observations
    ]
