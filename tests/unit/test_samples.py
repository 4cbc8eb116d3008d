"""The bundled samples read exactly as their inventory (``samples/README.md``) says."""

from __future__ import annotations

import pytest

from stiplan.model import Document, MinistryRef
from stiplan.readers.followup import read_followup
from tests.conftest import SAMPLES


def _read(name: str) -> Document:
    path = SAMPLES / name
    return read_followup(path.read_text(encoding="utf-8"), path.name)


def _codes(refs: list[MinistryRef]) -> str:
    return " ".join(f"*{r.code}" if r.lead else r.code for r in refs)


def _rows(doc: Document) -> list[tuple[object, ...]]:
    return [
        (
            f"({s.number}){ss.number}.{i.number}",
            (i.span.first_line, i.span.last_line),
            _codes(i.ministries),
            len(i.status_items),
            [_codes(a.ministries) for a in i.actions],
            i.repeated,
        )
        for c in doc.chapters
        for s in c.sections
        for ss in s.subsections
        for i in ss.initiatives
    ]


COMMON = [
    ("(1)1.2", (80, 80), "科技", 1, ["*科技 文"], False),
    ("(1)2.1", (97, 97), "*科技 文 関係府省", 2, [], False),
    ("(1)2.2", (98, 98), "*科技 関係府省", 0, ["*文", "科技 文"], False),
    ("(2)1.1", (136, 136), "*文 科技", 2, ["*文"], False),
    ("(2)2.1", (142, 142), "科 *文", 2, ["*文", "文 厚"], False),
    ("(2)2.2", (143, 148), "総 *文", 1, ["*文", "文"], False),
    ("(3)1.1", (183, 183), "*文 研開", 1, ["*文"], False),
]


@pytest.mark.parametrize(
    ("name", "differing", "totals"),
    [
        (
            "followup_2024.txt",
            [
                ("(1)1.1", (79, 79), "*文 経", 2, ["*文", "経 文"], False),
                ("(1)1.3", (81, 92), "*文 科技", 2, ["文", "*文"], False),
                ("(2)1.2", (137, 137), "文 *科技", 1, ["文 *科技"], True),
                ("(3)1.2", (184, 184), "文 経", 1, ["*文"], False),
                ("(3)2.1", (189, 189), "*文 科技 財", 1, ["*文 科技"], False),
                ("(3)2.2", (190, 190), "*文 科技 経 総", 1, ["*文 経"], False),
            ],
            (13, 17, 17),
        ),
        (
            "followup_2025.txt",
            [
                ("(1)1.1", (79, 79), "*文 経", 3, ["*文", "経 文"], False),
                ("(1)1.3", (81, 92), "*文 科技", 3, ["文", "*文"], False),
                ("(2)1.2", (137, 137), "文 *科技", 2, ["文 *科技"], True),
                ("(3)2.1", (188, 188), "*文 科技 財", 1, ["*文 科技"], False),
                ("(3)2.2", (189, 189), "*文 科技 経 総", 1, ["*文 経"], False),
                ("(3)2.3", (190, 190), "*文 外 法", 1, ["*文", "法"], False),
            ],
            (13, 20, 18),
        ),
    ],
)
def test_sample_initiatives_match_the_inventory(
    name: str, differing: list[tuple[object, ...]], totals: tuple[int, int, int]
) -> None:
    doc = _read(name)
    rows = _rows(doc)
    assert sorted(rows, key=str) == sorted(COMMON + differing, key=str)
    assert (len(rows), sum(r[3] for r in rows), sum(len(r[4]) for r in rows)) == totals  # type: ignore[misc, arg-type]


@pytest.mark.parametrize("name", ["followup_2024.txt", "followup_2025.txt"])
def test_sample_warnings_and_footnotes_match_the_inventory(name: str) -> None:
    doc = _read(name)
    assert [(w.line, w.code) for w in doc.warnings] == [
        (47, "target_several_values"),
        (51, "target_value_unread"),
        (97, "footnote_undefined"),
        (98, "ministry_tag_repaired"),
        (142, "ministry_code_uncertain"),
        (183, "unknown_ministry_code"),
    ]
    assert sorted(f.number for f in doc.footnotes) == [*range(1, 18), *range(19, 27)]
    by_number = {f.number: f for f in doc.footnotes}
    assert (by_number[17].span.first_line, by_number[17].span.last_line) == (89, 90)
    assert all(f.cited_by for f in doc.footnotes)
    section = doc.chapters[0].sections[0]
    assert len(section.paragraphs) == 4
    assert (section.paragraphs[1].span.first_line, section.paragraphs[1].span.last_line) == (29, 35)
    assert [len(s.targets) for s in doc.chapters[0].sections] == [3, 2, 2]
    assert [len(s.indicators) for s in doc.chapters[0].sections] == [4, 3, 2]


@pytest.mark.parametrize("name", ["followup_2024.txt", "followup_2025.txt"])
def test_sample_indicator_values_match_the_inventory(name: str) -> None:
    chapter = _read(name).chapters[0]
    counts = [[len(i.observations) for i in chapter.indicators]] + [
        [len(i.observations) for i in s.indicators] for s in chapter.sections
    ]
    assert counts == [[2, 2, 1], [1, 2, 2, 1], [2, 2, 1], [2, 1]]
    observations = [o for s in chapter.sections for i in s.indicators for o in i.observations]
    assert all(o.quantity is not None and o.period is not None for o in observations)
