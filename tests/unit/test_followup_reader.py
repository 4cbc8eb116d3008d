"""The follow-up reader's rules and behaviours, each on a small text written for the test."""

from __future__ import annotations

from stiplan.model import Document
from stiplan.readers.cells import Fragment, read_commitment, read_items
from stiplan.readers.followup import Block, State, read_followup, split_name_value
from stiplan.readers.followup.rules import block_heading, footnote_def, separator_row
from stiplan.readers.followup.state import RawChapter

HEADER = "基本計画における具体的な取組\t実施状況・現状分析\t今後の取組方針"


def _doc(*lines: str) -> Document:
    return read_followup("\n".join(lines), "test.txt")


def _walk_spans(document: Document) -> list[tuple[str, int, int]]:
    """Every element id with its span, the whole tree down."""
    found: list[tuple[str, int, int]] = []

    def visit(node: object) -> None:
        span = getattr(node, "span", None)
        if span is not None:
            found.append((node.id, span.first_line, span.last_line))  # type: ignore[attr-defined]
        for name in (
            "chapters",
            "sections",
            "subsections",
            "initiatives",
            "status_items",
            "actions",
            "paragraphs",
            "goals",
            "targets",
            "indicators",
            "footnotes",
        ):
            for child in getattr(node, name, []) or []:
                if not isinstance(child, int):
                    visit(child)

    visit(document)
    return found


# --- single rules ----------------------------------------------------------------------------


def test_footnote_def_rule_takes_superscript_numbers_with_or_without_paren() -> None:
    state = State(["⁴⁹⁾ 架空の注記"])
    assert footnote_def(state, 1, "⁴⁹⁾ 架空の注記")
    assert footnote_def(state, 2, "¹² 別の注記")
    assert [f.number for f in state.footnotes] == [49, 12]
    assert state.in_footnotes


def test_footnote_def_rule_ignores_table_rows_and_plain_text() -> None:
    state = State([])
    assert not footnote_def(state, 1, "¹ 注\t表の行")
    assert not footnote_def(state, 2, "本文¹の途中")
    assert state.footnotes == []


def test_separator_row_needs_a_tab_and_only_dashes() -> None:
    state = State([])
    assert separator_row(state, 1, "--\t---\t--")
    assert not separator_row(state, 2, "---")
    assert not separator_row(state, 3, "-\tテキスト\t-")


def test_block_heading_recognises_each_block_and_keeps_marker_citations() -> None:
    state = State([])
    state.chapters.append(RawChapter(1, "章", 1))
    assert block_heading(state, 2, "【大目標】¹")
    assert state.block is Block.OVERARCHING_GOAL
    assert state.chapters[0].refs == [1]
    assert block_heading(
        state, 3, "【科学技術・イノベーション政策において目指す主要な数値目標】（主要指標）"
    )
    assert state.block is Block.TARGETS
    assert block_heading(state, 4, "【現状データ】（参考指標）")
    assert state.block is Block.INDICATORS
    assert not block_heading(state, 5, "【追補版】")


def test_split_name_value_ignores_colons_inside_brackets() -> None:
    assert split_name_value("指標（区分：全体）：12件（令和5年）") == (
        "指標（区分：全体）",
        "12件（令和5年）",
    )
    assert split_name_value("名前のみ\n内訳：3件") == ("名前のみ", "内訳：3件")


# --- cells ------------------------------------------------------------------------------------


def test_items_split_at_bullets_paragraphs_and_after_tags() -> None:
    warnings: list = []
    items = read_items(
        [
            Fragment(
                5, '<p>・一つ目。【文】 二つ目。【<u>経</u>】</p> <ul style="x"> ・三つ目 ・四つ目'
            )
        ],
        warnings,
    )
    assert [i.text for i in items] == ["一つ目。", "二つ目。", "三つ目", "四つ目"]
    assert [[(m.code, m.lead) for m in i.ministries] for i in items] == [
        [("文", False)],
        [("経", True)],
        [],
        [],
    ]
    assert warnings == []


def test_tag_alone_in_a_paragraph_belongs_to_the_item_before() -> None:
    items = read_items([Fragment(1, "<p>・項目の本文。</p> <p>【文】</p>")], [])
    assert len(items) == 1
    assert [m.code for m in items[0].ministries] == ["文"]


def test_dashes_are_empty_cells() -> None:
    assert read_items([Fragment(1, "—")], []) == []
    assert read_items([Fragment(1, "<p>－</p>")], []) == []
    assert read_items([Fragment(1, "<ul> ・本文。【文】 — —")], [])[0].text == "本文。"


def test_continued_cell_joins_mid_word_and_keeps_lines() -> None:
    items = read_items(
        [Fragment(3, "<p>・前半の文</p>"), Fragment(9, "<p>章の続き。【総】</p>")], []
    )
    assert [(i.text, i.first_line, i.last_line) for i in items] == [("前半の文章の続き。", 3, 9)]


def test_continuation_starting_with_a_bullet_is_a_new_item() -> None:
    items = read_items([Fragment(3, "<p>・一つ目。</p>"), Fragment(9, "<ul> ・二つ目。")], [])
    assert [(i.text, i.first_line) for i in items] == [("一つ目。", 3), ("二つ目。", 9)]


def test_unknown_and_unterminated_html_is_reported_and_never_kept_as_markup() -> None:
    warnings: list = []
    item = read_commitment(
        [Fragment(7, "<p>○本文<script>alert(1)</script>を読む。<u【文】")], warnings
    )
    assert "<" not in item.text
    assert {w.code for w in warnings} >= {"html_tag_removed", "unterminated_html_tag"}
    assert all(w.line == 7 for w in warnings)


# --- whole documents -------------------------------------------------------------------------


def test_row_continued_after_page_break_is_one_initiative() -> None:
    doc = _doc(
        "1. 章",
        "（1）節",
        "① 小見出し",
        HEADER,
        "<p>○途中で切れる取組の文</p>\t<p>・状況一</p>\t<p>・方針一【文】</p>",
        "--\t--\t--",
        "",
        "¹ 注記",
        "",
        "<p>章。【<u>文</u>】</p>\t\t<p>・方針二【経】</p>",
        "<p>○次の取組。【経】</p>\t—\t—",
    )
    initiatives = doc.chapters[0].sections[0].subsections[0].initiatives
    assert [i.commitment for i in initiatives] == ["途中で切れる取組の文章。", "次の取組。"]
    first = initiatives[0]
    assert (first.span.first_line, first.span.last_line) == (5, 10)
    assert [(m.code, m.lead) for m in first.ministries] == [("文", True)]
    assert [a.text for a in first.actions] == ["方針一", "方針二"]
    assert initiatives[1].status_items == [] and initiatives[1].actions == []


def test_paragraph_cut_by_footnotes_is_rejoined() -> None:
    doc = _doc(
        "1. 章",
        "（1）節",
        "【あるべき姿とその実現に向けた方向性】",
        "前の段落は途中で切れて分",
        "",
        "¹ 注記",
        "",
        "野をまたいで続く。",
        "次の段落。",
    )
    paragraphs = doc.chapters[0].sections[0].paragraphs
    assert [p.text for p in paragraphs] == [
        "前の段落は途中で切れて分野をまたいで続く。",
        "次の段落。",
    ]
    assert (paragraphs[0].span.first_line, paragraphs[0].span.last_line) == (4, 8)


def test_footnote_runs_on_over_lines_outside_prose() -> None:
    doc = _doc(
        "1. 章",
        "（1）節",
        "【現状データ】（参考指標）",
        "- ・ 指標：1件（令和5年）¹",
        "",
        "¹ 一行目。",
        "",
        "二行目。",
    )
    assert doc.footnotes[0].text == "一行目。\n二行目。"
    assert doc.footnotes[0].cited_by == [doc.chapters[0].sections[0].indicators[0].id]


def test_undefined_and_uncited_footnotes_are_warnings_with_lines() -> None:
    doc = _doc("1. 章", "（1）節", "【目標】", "- ・ 目標の文²", "", "³ 使われない注記")
    assert {(w.code, w.line) for w in doc.warnings} == {
        ("footnote_undefined", 4),
        ("footnote_uncited", 6),
        ("edition_unknown", 1),  # no dated observation to tell the year from
        ("title_unknown", 1),  # no head line above the chapter
        ("date_unknown", 1),
    }


def test_row_before_any_initiative_and_stray_lines_are_warned_not_dropped_silently() -> None:
    doc = _doc("1. 章", "（1）節", "① 小", HEADER, "\t<p>・宙に浮いた続き</p>\t", "ただの行")
    codes = [(w.code, w.line) for w in doc.warnings]
    assert ("row_not_attached", 5) in codes
    assert ("line_skipped", 6) in codes


def test_every_element_has_a_span_inside_the_document() -> None:
    doc = _doc(
        "1. 章",
        "【大目標】",
        "- ・ 大きな目標",
        "（1）節",
        "【目標】",
        "- ・ 目標",
        "① 小",
        HEADER,
        "○取組。【文】\t・状況\t・方針【文】",
    )
    spans = _walk_spans(doc)
    assert len(spans) == 8  # chapter, goal, section, goal, subsection, initiative, status, action
    assert all(1 <= first <= last <= len(doc.lines) for _, first, last in spans)


def test_reader_never_raises_on_empty_text() -> None:
    doc = _doc("")
    assert doc.chapters == []
    assert [w.code for w in doc.warnings] == ["no_chapter"]


def test_repeated_heading_numbers_keep_elements_apart() -> None:
    doc = _doc("1. 章", "（1）節", "【目標】", "- ・ 一", "（1）節の重複", "【目標】", "- ・ 二")
    ids = [s.id for s in doc.chapters[0].sections]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert [w.code for w in doc.warnings] == [
        "title_unknown",
        "date_unknown",
        "edition_unknown",
        "duplicate_heading_number",
    ]


def test_edition_is_the_year_of_the_latest_as_of_date_not_a_projection() -> None:
    doc = _doc(
        "1. 章",
        "（1）節",
        "【現状データ】（参考指標）",
        "- ・ 指標A：12件（令和6年4月）",
        "- ・ 指標B：約75%（令和22年）",
    )
    assert doc.edition == "2024"
    assert "edition_unknown" not in {w.code for w in doc.warnings}
