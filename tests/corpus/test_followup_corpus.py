"""The follow-up reader on the real 2025 edition of chapter 1 (``../shared/corpus/001…``).

Expected values were checked by reading the document; the initiative snapshot
(``expected_001_initiatives.json``) holds, per initiative, its lines, its commitment's
ministry codes (``_code_`` = underlined lead), the （再掲） flag, item counts and footnotes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from stiplan.model import Document
from stiplan.readers.followup import read_followup
from tests.conftest import corpus_file

EXPECTED = json.loads(
    (Path(__file__).parent / "expected_001_initiatives.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def doc() -> Document:
    path = corpus_file("001_0e8a8b9cad5e63ab.txt")
    return read_followup(path.read_text(encoding="utf-8"), path.name)


def _initiatives(doc: Document) -> dict[str, object]:
    found = {}
    for chapter in doc.chapters:
        for section in chapter.sections:
            for subsection in section.subsections:
                for i in subsection.initiatives:
                    found[i.id.split(":")[1]] = {
                        "lines": [i.span.first_line, i.span.last_line],
                        "ministries": "、".join(
                            f"_{m.code}_" if m.lead else m.code for m in i.ministries
                        ),
                        "repeated": i.repeated,
                        "status_items": len(i.status_items),
                        "actions": len(i.actions),
                        "footnotes": i.footnotes,
                    }
    return found


def test_all_103_initiatives_in_their_subsections_with_exact_ministries(doc: Document) -> None:
    found = _initiatives(doc)
    assert len(found) == 103
    assert found == EXPECTED


def test_structure_counts(doc: Document) -> None:
    chapter = doc.chapters[0]
    assert (chapter.number, len(chapter.sections)) == (1, 6)
    assert [len(s.subsections) for s in chapter.sections] == [7, 4, 6, 6, 4, 5]
    assert chapter.sections[0].subsections[-1].title == "新たな政策的課題"


def test_every_bullet_of_the_file_is_an_element(doc: Document) -> None:
    bullets = sum(1 for line in doc.lines if re.match(r"^- ・", line))
    chapter = doc.chapters[0]
    elements = (
        len(chapter.goals)
        + len(chapter.indicators)
        + sum(len(s.goals) + len(s.targets) + len(s.indicators) for s in chapter.sections)
    )
    assert elements == bullets
    assert [len(s.targets) for s in chapter.sections] == [1, 3, 6, 6, 3, 3]
    assert [len(s.indicators) for s in chapter.sections] == [11, 9, 6, 4, 8, 8]


def test_every_cited_footnote_is_resolved_or_warned(doc: Document) -> None:
    defined = {f.number for f in doc.footnotes}
    assert len(defined) == 114
    undefined = sorted(w.message for w in doc.warnings if w.code == "footnote_undefined")
    assert [int(re.search(r"\d+", m).group()) for m in undefined] == [30, 31]  # type: ignore[union-attr]
    assert all(f.cited_by for f in doc.footnotes)
    by_id = {f.number: f for f in doc.footnotes}
    assert by_id[24].cited_by == [f"{doc.id}:c1.s1.ss1.i1"]
    assert "\n" in by_id[47].text  # runs over a page break


def test_cut_paragraph_is_rejoined(doc: Document) -> None:
    paragraph = doc.chapters[0].sections[0].paragraphs[3]
    assert (paragraph.span.first_line, paragraph.span.last_line) == (27, 41)
    assert "分野に関しては" in paragraph.text


def test_garbled_tags_are_warned_with_their_lines(doc: Document) -> None:
    repaired = sorted(w.line for w in doc.warnings if w.code == "ministry_tag_repaired")
    completed = sorted(w.line for w in doc.warnings if w.code == "ministry_code_repaired")
    assert repaired == [303, 794]
    # A lone 科 where the report writes 科技 elsewhere: repaired, each repair warned at its line.
    assert completed == [794, 800, 800, 800, 800, 801]
    assert not [w for w in doc.warnings if w.code == "ministry_code_uncertain"]
    assert not [w for w in doc.warnings if w.code == "unknown_ministry_code"]


def test_no_element_lacks_a_span_and_no_text_keeps_markup(doc: Document) -> None:
    for chapter in doc.chapters:
        for section in chapter.sections:
            for subsection in section.subsections:
                for i in subsection.initiatives:
                    for item in [i, *i.status_items, *i.actions]:
                        text = getattr(item, "commitment", None) or item.text  # type: ignore[attr-defined]
                        assert item.span.first_line >= 1
                        assert not re.search(r"</?(p|u|ul|li)\b", text), item.id
                        assert not re.search("[⁰¹²³⁴⁵⁶⁷⁸⁹]", text), item.id


def test_subsection_prose_is_kept_not_skipped(doc: Document) -> None:
    subsection = doc.chapters[0].sections[2].subsections[5]
    assert [(p.span.first_line, p.span.last_line) for p in subsection.paragraphs] == [(456, 456)]
    assert not [w for w in doc.warnings if w.code == "line_skipped"]


def test_indicators_carry_typed_observations(doc: Document) -> None:
    chapter = doc.chapters[0]
    indicators = chapter.indicators + [i for s in chapter.sections for i in s.indicators]
    assert sum(len(i.observations) for i in indicators) == 73
    by_name = {i.name: i for i in indicators}
    (ghg,) = by_name["温室効果ガス排出量"].observations
    assert (str(ghg.quantity.value), ghg.quantity.unit) == ("1071000000", "トン")  # type: ignore[union-attr]
    assert (ghg.period.start.isoformat(), ghg.period.kind.value) == ("2023-04-01", "fiscal_year")  # type: ignore[union-attr]
    men, women = by_name["健康寿命"].observations
    assert (men.label, str(men.quantity.value), women.label) == ("男性", "72.57", "女性")  # type: ignore[union-attr]
    rank = by_name["IMDデジタル競争力ランキング"].observations[0].quantity
    assert (str(rank.value), rank.unit, str(rank.of)) == ("31", "位", "67")  # type: ignore[union-attr]
    for indicator in indicators:
        if indicator.value_text:
            assert indicator.observations, indicator.name


def test_targets_carry_values_and_initiatives_deadlines(doc: Document) -> None:
    section2 = doc.chapters[0].sections[1]
    productivity = section2.targets[1]
    assert (str(productivity.quantity.value), productivity.quantity.per) == ("490000", "トン")  # type: ignore[union-attr]
    assert productivity.period.start.isoformat() == "2025-04-01"  # type: ignore[union-attr]
    first = doc.chapters[0].sections[0].subsections[0].initiatives[0]
    assert [(d.kind.value, d.period.end.isoformat()) for d in first.deadlines] == [
        ("within", "2021-12-31")
    ]


def test_warnings_list_exactly_what_could_not_be_read(doc: Document) -> None:
    unread = sorted(
        (w.line, w.code) for w in doc.warnings if w.code.endswith(("_unread", "several_values"))
    )
    assert unread == [
        (55, "target_several_values"),
        (384, "target_value_unread"),
        (385, "target_value_unread"),  # its deadline is read, its number is not
        (715, "target_value_unread"),
        (719, "target_value_unread"),
        (720, "target_value_unread"),
        (727, "observation_period_unread"),
        (727, "observation_period_unread"),
    ]
