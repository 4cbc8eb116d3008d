"""Links from programme names to the follow-up elements that mention them."""

from __future__ import annotations

from stiplan.analysis.links import link_programmes
from stiplan.model import (
    Action,
    Chapter,
    Document,
    DocumentKind,
    Initiative,
    Paragraph,
    Section,
    Span,
    StatusItem,
    Subsection,
)


def _report() -> Document:
    """Chapter 2, section (3): prose, and two initiatives whose texts name programmes."""
    i1 = Initiative(
        "r:c2.s3.ss1.i1",
        1,
        "S I P 第3期の成果を社会実装する。",
        Span(20, 22),
        status_items=[StatusItem("r:c2.s3.ss1.i1.st1", "SIP4Dで情報を共有。", Span(21, 21))],
        actions=[
            Action("r:c2.s3.ss1.i1.a1", "経済安全保障重要技術育成プログラムを推進。", Span(22, 22))
        ],
    )
    i2 = Initiative(
        "r:c2.s3.ss1.i2",
        2,
        "統合イノベーション戦略2019に基づく取組。",
        Span(23, 23),
    )
    section = Section(
        "r:c2.s3",
        3,
        "研究開発",
        Span(10, 30),
        paragraphs=[Paragraph("r:c2.s3.p1", "ムーンショット型研究開発制度の推進。", Span(11, 11))],
        subsections=[Subsection("r:c2.s3.ss1", 1, "実装", Span(19, 30), initiatives=[i1, i2])],
    )
    return Document(
        "r",
        DocumentKind.FOLLOWUP,
        "report.txt",
        "h",
        "2. 研究",
        lines=[""] * 30,
        chapters=[Chapter("r:c2", 2, "研究", Span(1, 30), sections=[section])],
    )


def test_links_name_the_element_its_initiative_and_its_section() -> None:
    links = link_programmes(
        ["戦略的イノベーション創造プログラム", "経済安全保障重要技術育成プログラム"], [_report()]
    )
    assert [
        (k.programme, k.element_id, k.element_type, k.initiative_id, k.section_label, k.span)
        for k in links
    ] == [
        (
            "戦略的イノベーション創造プログラム",
            "r:c2.s3.ss1.i1",
            "initiative",
            "r:c2.s3.ss1.i1",
            "2.(3)",
            Span(20, 22),
        ),
        (
            "経済安全保障重要技術育成プログラム",
            "r:c2.s3.ss1.i1.a1",
            "action",
            "r:c2.s3.ss1.i1",
            "2.(3)",
            Span(22, 22),
        ),
    ]
    assert links[0].text == "SIP第3期の成果を社会実装する。"  # cleaned: spaced S I P repaired


def test_sip_does_not_link_to_sip4d_and_editions_stay_apart() -> None:
    links = link_programmes(
        [
            "基盤的防災情報流通ネットワーク",
            "統合イノベーション戦略2023",
            "統合イノベーション戦略2019",
        ],
        [_report()],
    )
    assert [(k.programme, k.element_id) for k in links] == [
        ("基盤的防災情報流通ネットワーク", "r:c2.s3.ss1.i1.st1"),
        ("統合イノベーション戦略2019", "r:c2.s3.ss1.i2"),
    ]


def test_prose_links_to_the_section_without_an_initiative() -> None:
    (link,) = link_programmes(["ムーンショット型研究開発制度"], [_report()])
    assert (link.element_type, link.initiative_id, link.section_id) == (
        "paragraph",
        None,
        "r:c2.s3",
    )


def test_briefings_are_not_linked_to() -> None:
    briefing = Document("b", DocumentKind.SLIDES, "b.txt", "hb", "", lines=[])
    assert link_programmes(["戦略的イノベーション創造プログラム"], [briefing]) == []
