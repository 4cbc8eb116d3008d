"""Editions: every match and every difference between two editions is found, and nothing else.

Second editions are built in code from the project's samples and, where present, from the real
report ``../shared/corpus/001…`` by the edits real editions show (see ``edits.py``); the two
bundled sample editions are checked against the list of differences in ``samples/README.md``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from stiplan.analysis.editions import (
    Change,
    EditionDiff,
    compare,
    differences,
    matches,
    report_parts,
    same_part,
)
from stiplan.analysis.matching import Method
from stiplan.model import Document, Initiative, MinistryRef
from stiplan.readers.followup import read_followup
from tests.conftest import FIXTURES, SAMPLES, corpus_file
from tests.unit.analysis.edits import Edition, find, indicators, initiatives, path

CORPUS_001 = "001_0e8a8b9cad5e63ab.txt"


def read(source: Path) -> Document:
    return read_followup(source.read_text(encoding="utf-8"), source.name)


def second(edition: Edition, name: str = "second.txt") -> Document:
    return read_followup(edition.render(), name)


def found_matches(diff: EditionDiff) -> set[tuple[str, str]]:
    return {(path(m.old.id), path(m.new.id)) for m in matches(diff)}


def found_differences(diff: EditionDiff) -> set[tuple[str, str | None, str | None]]:
    return {
        (d.code, path(d.old.id) if d.old else None, path(d.new.id) if d.new else None)
        for d in differences(diff)
    }


def assert_exactly(edition: Edition, new: Document) -> EditionDiff:
    """The comparison finds exactly the matches and differences the edits imply."""
    diff = compare(edition.doc, new)
    expected = edition.expected_matches()
    got = found_matches(diff)
    assert sorted(expected - got) == [], "matches missed"
    assert sorted(got - expected) == [], "matches that should not be there"
    expected_differences = edition.expected_differences()
    got_differences = found_differences(diff)
    assert sorted(expected_differences - got_differences) == [], "differences missed"
    assert sorted(got_differences - expected_differences) == [], "differences not made"
    return diff


# --- the two sample editions ------------------------------------------------------------------

# samples/README.md, "Initiatives (2025 edition): what changed", and its notes on values.
SAMPLE_DIFFERENCES = [
    ("observation_changed", "2. ind1 o1", "13位／60 @ 2022年 → 12位／60 @ 2023年"),
    ("observation_changed", "2. ind1 o2", "5位 @ 2022年 → 5位 @ 2023年"),
    ("observation_changed", "2. ind2 o1", "4.123兆円 @ 2022年度 → 4.205兆円 @ 2023年度"),
    ("observation_changed", "2. ind2 o2", "16.21兆円 @ 2022年度 → 16.87兆円 @ 2023年度"),
    ("observation_changed", "2. ind3 o1", "90.46万人 @ 2023年3月31日 → 91.23万人 @ 2024年3月31日"),
    ("observation_changed", "2.(1) ind1 o1", "22.1% @ 2022年度 → 23.0% @ 2023年度"),
    ("observation_changed", "2.(1) ind2 o1", "1.39万人 @ 2023年度 → 1.58万人 @ 2024年度"),
    ("observation_changed", "2.(1) ind2 o2", "9800人 @ 2023年度 → 1.12万人 @ 2024年度"),
    ("observation_changed", "2.(1) ind3 o1", "27.9% @ 2023年度 → 28.3% @ 2024年度"),
    ("observation_changed", "2.(1) ind3 o2", "10.28万件 @ 2023年度 → 10.43万件 @ 2024年度"),
    (
        "observation_changed",
        "2.(1) ind4 o1",
        "32.9%（暫定値） @ 2023年1月末 → 34.1%（暫定値） @ 2024年1月末",
    ),
    ("commitment_reworded", "2.(1)①1", ""),
    ("status_reworded", "2.(1)①1 st1", ""),
    ("status_reworded", "2.(1)①1 st2", ""),
    ("status_added", "2.(1)①1 st3", ""),
    ("action_reworded", "2.(1)①1 a1", ""),
    ("status_reworded", "2.(1)①2 st1", ""),
    ("status_reworded", "2.(1)①3 st1", ""),
    ("status_reworded", "2.(1)①3 st2", ""),
    ("status_added", "2.(1)①3 st3", ""),
    ("action_reworded", "2.(1)①3 a2", ""),
    ("status_reworded", "2.(1)②1 st2", ""),
    ("action_reworded", "2.(1)②2 a1", ""),
    ("observation_changed", "2.(2) ind1 o1", "100% @ 2023年度末 → 100% @ 2024年度末"),
    ("observation_changed", "2.(2) ind1 o2", "88.4% @ 2023年度末 → 96.5% @ 2024年度末"),
    ("observation_changed", "2.(2) ind2 o1", "3.45億人 @ 2023年度 → 4.12億人 @ 2024年度"),
    ("observation_changed", "2.(2) ind2 o2", "152万件 @ 2024年3月末 → 187万件 @ 2025年3月末"),
    (
        "observation_changed",
        "2.(2) ind3 o1",
        "1012機関 @ 2024年4月1日 → 1034機関 @ 2025年4月1日",
    ),
    ("status_reworded", "2.(2)①1 st1", ""),
    ("status_reworded", "2.(2)①1 st2", ""),
    ("status_added", "2.(2)①2 st2", ""),
    ("status_reworded", "2.(2)②1 st1", ""),
    ("status_reworded", "2.(2)②2 st1", ""),
    ("observation_changed", "2.(3) ind1 o1", "1.234兆円 @ 2022年度 → 1.298兆円 @ 2023年度"),
    ("observation_changed", "2.(3) ind1 o2", "1020億円 @ 2022年度 → 1110億円 @ 2023年度"),
    ("observation_changed", "2.(3) ind2 o1", "1150億円 @ 2022年度 → 1210億円 @ 2023年度"),
    ("status_reworded", "2.(3)①1 st1", ""),
    ("initiative_removed", "2.(3)①2", ""),
    ("status_reworded", "2.(3)②1 st1", ""),
    ("action_reworded", "2.(3)②1 a1", ""),
    ("status_reworded", "2.(3)②2 st1", ""),
    ("initiative_added", "2.(3)②3", ""),
    ("footnote_reworded", "fn2", ""),
    ("footnote_reworded", "fn3", ""),
]


@pytest.fixture(scope="module")
def samples() -> tuple[Document, Document]:
    return read(SAMPLES / "followup_2024.txt"), read(SAMPLES / "followup_2025.txt")


def test_the_sample_editions_differ_exactly_as_their_readme_says(
    samples: tuple[Document, Document],
) -> None:
    diff = compare(*samples)
    found = [
        (d.code, d.where, d.detail if d.code == "observation_changed" else "")
        for d in differences(diff)
    ]
    assert found == SAMPLE_DIFFERENCES
    assert diff.same_part
    # Brackets switched in (1)②1 (（e-Rad）→ (e-Rad)) are no difference: the row is matched
    # exactly, and only its second status item changed.
    (row,) = [m for m in matches(diff) if m.old.where == "2.(1)②1"]
    assert row.score.method is Method.EXACT and row.score.value == pytest.approx(1.0)


def test_the_sample_pair_matches_everything_else_one_to_one(
    samples: tuple[Document, Document],
) -> None:
    old, new = samples
    diff = compare(old, new)
    pairs = found_matches(diff)
    assert len({o for o, _ in pairs}) == len(pairs) == len({n for _, n in pairs})
    # 13 initiatives on each side; one removed ((3)①2) and one added ((3)②3).
    initiative_pairs = sorted((o, n) for o, n in pairs if re.fullmatch(r"c2(\.\w+)+\.i\d", o))
    assert len(initiative_pairs) == 12
    assert ("c2.s3.ss2.i1", "c2.s3.ss2.i1") in initiative_pairs
    assert all(o == n for o, n in pairs), "the samples keep their numbering"
    # Every indicator's values join one series: 19 observations on both sides, all matched.
    observations = [m for m in matches(diff) if m.kind == "observation"]
    assert len(observations) == 19


def test_typo_fix_is_a_reworded_commitment_with_a_word_diff(
    samples: tuple[Document, Document],
) -> None:
    diff = compare(*samples)
    (reworded,) = [d for d in differences(diff) if d.code == "commitment_reworded"]
    changed = [(s.op.value, s.text) for s in reworded.segments if s.op.value != "kept"]
    assert changed == [("removed", "産業会"), ("added", "産業界")]


# --- second editions built from the samples ------------------------------------------------------


def test_sample_second_edition_built_by_edits(samples: tuple[Document, Document]) -> None:
    first = samples[0]
    edition = Edition(first)
    chapter_indicators = indicators(first)
    edition.update_values(chapter_indicators[0], values=True, periods=True)  # 令和4年 → 2023年
    edition.update_values(chapter_indicators[2], values=False, periods=True)  # same value
    edition.update_values(chapter_indicators[4], values=True, periods=False)
    edition.update_values(chapter_indicators[7], values=False, periods=True)  # 年度末
    edition.rewrite_status(find(first, "c2.s3.ss1.i1"))
    edition.drop_last_status(find(first, "c2.s2.ss2.i1"))
    edition.reword_action(find(first, "c2.s3.ss2.i2"))
    edition.change_ministries(find(first, "c2.s3.ss2.i1"))
    edition.fix_typo(find(first, "c2.s1.ss1.i1"), "産業会", "産業界")
    edition.switch_brackets(find(first, "c2.s1.ss2.i1"))
    edition.respace(find(first, "c2.s2.ss1.i1"))
    edition.add_row_after(find(first, "c2.s1.ss2.i2"))
    edition.remove_row(find(first, "c2.s3.ss1.i2"))
    edition.resplit(find(first, "c2.s1.ss1.i3"), find(first, "c2.s1.ss1.i2"))
    edition.renumber_footnotes(5, 2)
    edition.refresh_footnote(first.footnotes[2])
    new = second(edition)
    # The edits read as intended: a row more and a row less, the re-split rows changed lines.
    assert len(initiatives(new)) == len(initiatives(first))
    assert find(new, "c2.s1.ss1.i2").span.last_line > find(new, "c2.s1.ss1.i2").span.first_line
    assert find(new, "c2.s1.ss1.i3").span.first_line == find(new, "c2.s1.ss1.i3").span.last_line
    assert {f.number for f in new.footnotes} == {1, 2, 3, 4} | set(range(7, 29)) - {20}
    diff = assert_exactly(edition, new)
    # Ministries: 外 joins, the lead passes from 文 to 科技.
    (ministries,) = [d for d in differences(diff) if d.code == "ministries_changed"]
    assert ministries.detail == "+外; lead +科技 −文"
    # Only rows with a difference of their own are CHANGED.
    changed_rows = {
        i.pair.new.where
        for c in diff.chapters
        for s in c.sections
        for ss in s.subsections
        for i in ss.initiatives
        if i.change is Change.CHANGED and i.pair.new
    }
    assert changed_rows == {"2.(1)①1", "2.(2)②1", "2.(3)①1", "2.(3)②1", "2.(3)②2"}


def test_sample_edition_covering_two_sections(samples: tuple[Document, Document]) -> None:
    first = samples[0]
    edition = Edition(first)
    edition.keep_sections(first.chapters[0], {1, 3})
    new = second(edition)
    assert [s.number for s in new.chapters[0].sections] == [1, 3]
    assert same_part(first, new)
    diff = assert_exactly(edition, new)
    (removed,) = [s for s in diff.chapters[0].sections if s.change is Change.REMOVED]
    assert removed.old_counts is not None and removed.old_counts.initiatives == 4
    assert removed.new_counts is None
    # Footnotes 19–24 went with section (2); they are accounted for by it, not listed.
    gone = [f.old_number for f in diff.footnotes if f.change is Change.REMOVED]
    assert gone == [19, 20, 21, 22, 23, 24]
    assert {f.with_section for f in diff.footnotes if f.change is Change.REMOVED} == {"2.(2)"}


def test_an_edition_compared_with_itself_has_no_differences(
    samples: tuple[Document, Document],
) -> None:
    old = samples[1]
    diff = compare(old, old)
    assert differences(diff) == []
    found = matches(diff)
    assert all(m.old.id == m.new.id and m.score.method is Method.EXACT for m in found)
    assert {m.kind for m in found} >= {"initiative", "status_item", "action", "observation"}


def _sample_lines() -> list[str]:
    return (SAMPLES / "followup_2024.txt").read_text(encoding="utf-8").split("\n")


def test_repeated_rows_pair_by_position() -> None:
    """A （再掲） row printed in two places keeps each copy's own partner."""
    lines = _sample_lines()
    repeated = lines[136]  # (2)①2, a （再掲） row
    both = [*lines[:98], repeated, *lines[98:]]  # also printed as (1)②3
    old = read_followup("\n".join(both), "old.txt")
    without_first_copy = [*lines[:98], *lines[98:]]
    new = read_followup("\n".join(without_first_copy), "new.txt")
    diff = compare(old, new)
    assert [(d.code, d.where) for d in differences(diff)] == [("initiative_removed", "2.(1)②3")]
    (kept,) = [m for m in matches(diff) if m.old.where == "2.(2)①2" and m.kind == "initiative"]
    assert kept.new.where == "2.(2)①2"
    assert kept.score.component("position") == pytest.approx(1.0)


def test_a_row_moved_to_another_subsection_is_reported_as_moved() -> None:
    lines = _sample_lines()
    moved = lines[79]  # (1)①2
    new_lines = [*lines[:79], *lines[80:96], moved, *lines[96:]]  # now first row of (1)②
    diff = compare(
        read_followup("\n".join(lines), "old.txt"), read_followup("\n".join(new_lines), "new.txt")
    )
    assert [(d.code, d.where, d.detail) for d in differences(diff)] == [
        ("initiative_moved", "2.(1)②1", "2.(1)①")
    ]


def test_identical_footnotes_follow_the_elements_that_cite_them() -> None:
    """Two notes both saying 内閣府調べ swap numbers: each goes where its citers went."""
    lines = _sample_lines()
    lines[71] = "¹³ 内閣府調べ"  # was 文部科学省調べ; 21 already says 内閣府調べ
    old = read_followup("\n".join(lines), "old.txt")
    text = "\n".join(lines)
    swapped = text.replace("¹³", "\x00").replace("²¹", "¹³").replace("\x00", "²¹")
    new = read_followup(swapped, "new.txt")
    diff = compare(old, new)
    assert differences(diff) == []
    notes = {(f.old_number, f.new_number) for f in diff.footnotes}
    assert {(13, 21), (21, 13)} <= notes


def test_report_parts_group_editions_and_order_them_by_their_data(
    samples: tuple[Document, Document],
) -> None:
    old, new = samples
    partial = Edition(new)
    partial.keep_sections(new.chapters[0], {2, 3})
    only_two = second(partial, "followup_2025_part.txt")
    other_chapter = read(FIXTURES / "followup" / "basic.txt")
    parts = report_parts([new, other_chapter, only_two, old])
    assert [p.chapters for p in parts] == [(2,), (3,)]
    editions = parts[0].editions
    assert [e.source_name for e in editions] == [
        "followup_2024.txt",
        "followup_2025.txt",
        "followup_2025_part.txt",
    ]
    assert [e.edition for e in editions] == ["2024", "2025", "2025"]
    assert editions[2].sections == ("2.(2)", "2.(3)")
    assert str(editions[0].data_until) == "2024-04-01"
    assert not same_part(old, other_chapter)


# --- second editions built from the real report ----------------------------------------------


@pytest.fixture(scope="module")
def report() -> Document:
    return read(corpus_file(CORPUS_001))


class _Picker:
    """Distinct one-line rows of the real report for the edits, chosen by what each needs."""

    def __init__(self, doc: Document) -> None:
        counts = Counter(i.commitment for i in initiatives(doc))
        warned = {w.line for w in doc.warnings}
        self.doc = doc
        self.pool = [
            i
            for i in initiatives(doc)
            if i.span.first_line == i.span.last_line
            and counts[i.commitment] == 1
            and i.span.first_line not in warned
        ]
        self.used: set[str] = set()

    def __call__(self, wanted: Callable[[Initiative], object]) -> Initiative:
        for initiative in self.pool:
            if initiative.id not in self.used and wanted(initiative):
                self.used.add(initiative.id)
                return initiative
        raise LookupError("no row fits")

    def first_cell(self, initiative: Initiative) -> str:
        return self.doc.lines[initiative.span.first_line - 1].split("\t")[0]


def _simple(refs: list[MinistryRef]) -> bool:
    """Tags written plainly (no repaired or uncertain codes), so they can be written back."""
    return all(r.raw in (r.code, f"<u>{r.code}</u>") for r in refs)


@pytest.mark.corpus
def test_real_report_second_edition_built_by_edits(report: Document) -> None:
    edition = Edition(report)
    for k, indicator in enumerate(indicators(report)):
        if k % 4 != 3:
            edition.update_values(indicator, values=k % 4 in (0, 1), periods=k % 4 in (0, 2))
    pick = _Picker(report)
    edition.rewrite_status(
        pick(
            lambda i: (
                len(i.status_items) == 1
                and not i.status_items[0].ministries
                and not i.status_items[0].footnotes
            )
        )
    )
    edition.drop_last_status(
        pick(
            lambda i: (
                len(i.status_items) >= 2
                and all(not s.ministries and not s.footnotes for s in i.status_items[:-1])
            )
        )
    )
    edition.reword_action(
        pick(
            lambda i: (
                i.actions
                and all(
                    a.ministries and not a.footnotes and _simple(a.ministries) for a in i.actions
                )
            )
        )
    )
    edition.change_ministries(
        pick(
            lambda i: (
                _simple(i.ministries)
                and any(not r.lead for r in i.ministries)
                and all(r.code != "外" for r in i.ministries)
            )
        )
    )
    typo = pick(lambda i: pick.first_cell(i).count(i.commitment[10:13]) == 1)
    edition.fix_typo(typo, typo.commitment[10:13], typo.commitment[10:12] + "案")
    edition.switch_brackets(
        pick(lambda i: any(b in pick.first_cell(i).replace("（再掲）", "") for b in "（()）"))
    )
    edition.respace(pick(lambda i: "、" in pick.first_cell(i)))
    edition.add_row_after(pick(lambda i: True))
    edition.remove_row(pick(lambda i: True))
    rows = initiatives(report)
    continued = [
        (after, before)
        for before, after in pairwise(rows)
        if after.span.first_line < after.span.last_line
        and before.span.first_line == before.span.last_line
        and before.id not in pick.used
        and after.id.rsplit(".", 1)[0] == before.id.rsplit(".", 1)[0]
        and report.lines[after.span.first_line].strip() == ""  # a blank, then the page break
        and any(
            "\t" not in report.lines[n - 1] and report.lines[n - 1].strip()
            for n in range(after.span.first_line + 1, after.span.last_line)
        )
    ]
    joined, split = continued[0]
    edition.resplit(joined, split)
    edition.renumber_footnotes(10, 3)
    texts = Counter(f.text for f in report.footnotes)
    edition.refresh_footnote(
        next(
            f
            for f in report.footnotes
            if texts[f.text] == 1
            and re.search(r"令和\d+年", f.text)
            and f.span.first_line == f.span.last_line
        )
    )
    new = second(edition)
    assert Counter(w.code for w in new.warnings) == Counter(w.code for w in report.warnings)
    diff = assert_exactly(edition, new)
    codes = Counter(d.code for d in differences(diff))
    assert codes["observation_changed"] > 30
    assert {c for c in codes if c != "observation_changed"} == {
        "status_reworded",
        "status_added",
        "status_removed",
        "action_reworded",
        "ministries_changed",
        "commitment_reworded",
        "initiative_added",
        "initiative_removed",
        "footnote_reworded",
    }


@pytest.mark.corpus
def test_real_report_edition_covering_two_sections(report: Document) -> None:
    edition = Edition(report)
    edition.keep_sections(report.chapters[0], {2, 5})
    new = second(edition)
    assert [s.number for s in new.chapters[0].sections] == [2, 5]
    diff = assert_exactly(edition, new)
    assert [d.code for d in differences(diff)] == ["section_removed"] * 4
    assert same_part(report, new)
