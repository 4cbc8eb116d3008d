"""The slide-deck reader on project-written decks: slides, blocks, levels, spans, warnings."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stiplan.model import Block, BlockKind, Document, DocumentKind
from stiplan.readers.slides import read_slides

DECK = """\

「研究基盤強化パッケージ」について

令和6年10月2日

1. 背景と全体像

研究基盤をめぐる現状

- 研究設備の**共用化**が遅れている
 - ・ 若手研究者の**装置利用**が限られる
- 研究支援人材が不足している、特に
技術職員の確保が課題

■ 重点施策
- ✓ 共用拠点の整備
- ✓ 技術職員の育成

出典：文部科学省資料を基に作成
https://example.org/kiban


主な取組

	年度	取組
	令和6年度	<ul style="list-style-type: none"> ● 拠点の選定 ● 公募</ul>

2.今後の方向性

共用を前提とした研究環境の実現に向け、関係府省が連携して
制度を見直す。
"""


def _read(text: str) -> Document:
    return read_slides(text, "deck.txt")


def _blocks(doc: Document) -> list[tuple[int, int, str, int, str]]:
    return [
        (b.span.first_line, b.span.last_line, b.kind.value, b.level, b.text)
        for s in doc.slides
        for b in s.blocks
    ]


def test_a_deck_is_a_slides_document_with_its_title_and_edition() -> None:
    doc = _read(DECK)
    assert doc.kind is DocumentKind.SLIDES
    assert doc.title == "「研究基盤強化パッケージ」について"
    assert doc.edition == "2024"
    assert doc.lines == DECK.split("\n")


def test_slides_start_at_dividers_and_after_gaps() -> None:
    doc = _read(DECK)
    assert [(s.number, s.title, s.span.first_line, s.span.last_line) for s in doc.slides] == [
        (1, "「研究基盤強化パッケージ」について", 2, 4),
        (2, "1.背景と全体像", 6, 20),
        (3, "主な取組", 23, 26),
        (4, "2.今後の方向性", 28, 31),
    ]
    assert [s.id for s in doc.slides][:2] == [f"{doc.id}:sl1", f"{doc.id}:sl2"]


def test_blocks_with_kinds_levels_spans_and_clean_text() -> None:
    slide = _read(DECK).slides[1]
    assert [
        (b.span.first_line, b.span.last_line, b.kind, b.level, b.text) for b in slide.blocks
    ] == [
        (6, 6, BlockKind.TITLE, 1, "1.背景と全体像"),
        (8, 8, BlockKind.TITLE, 2, "研究基盤をめぐる現状"),
        (10, 10, BlockKind.BULLET, 1, "研究設備の共用化が遅れている"),
        (11, 11, BlockKind.BULLET, 2, "若手研究者の装置利用が限られる"),
        (12, 13, BlockKind.BULLET, 1, "研究支援人材が不足している、特に技術職員の確保が課題"),
        (15, 15, BlockKind.BULLET, 1, "重点施策"),
        (16, 16, BlockKind.BULLET, 2, "共用拠点の整備"),
        (17, 17, BlockKind.BULLET, 2, "技術職員の育成"),
        (19, 20, BlockKind.SOURCE, 1, "出典：文部科学省資料を基に作成https://example.org/kiban"),
    ]
    assert slide.blocks[2].bold == ["共用化"]
    assert slide.blocks[3].bold == ["装置利用"]


def test_table_rows_keep_their_cells_without_html() -> None:
    rows = [b for b in _read(DECK).slides[2].blocks if b.kind is BlockKind.TABLE_ROW]
    assert [r.cells for r in rows] == [
        ["", "年度", "取組"],
        ["", "令和6年度", "拠点の選定 ・ 公募"],
    ]
    assert rows[1].text == "令和6年度|拠点の選定 ・ 公募"  # clean() drops the space before |


def test_prose_cut_by_the_text_box_is_one_paragraph() -> None:
    (_, paragraph) = _read(DECK).slides[3].blocks
    assert paragraph.kind is BlockKind.PARAGRAPH
    assert (
        paragraph.text == "共用を前提とした研究環境の実現に向け、関係府省が連携して制度を見直す。"
    )
    assert (paragraph.span.first_line, paragraph.span.last_line) == (30, 31)


def test_a_numbered_line_out_of_sequence_is_a_heading_not_a_divider() -> None:
    text = "1. 背景\n\n本文です。\n\n3. 別の番号\n\n本文です。\n"
    doc = _read(text)
    assert [s.title for s in doc.slides] == ["1.背景"]
    assert [b.kind for b in doc.slides[0].blocks] == [
        BlockKind.TITLE,
        BlockKind.PARAGRAPH,
        BlockKind.TITLE,
        BlockKind.PARAGRAPH,
    ]


PAGED = """\
 １．研究力の現状

研究力の現状を示す指標

 \uf06c 論文数は横ばい
・ 国際共著が増加

次のページの本文が先に来ることがある。

（参考） 研究環境の整備

 （参考） 共用設備の一覧

・ 拠点A
"""


def test_a_paged_deck_starts_a_slide_at_every_page_mark_and_finds_its_title() -> None:
    doc = _read(PAGED)
    assert [(s.title, s.span.first_line) for s in doc.slides] == [
        ("1．研究力の現状", 1),
        ("（参考） 研究環境の整備", 5),
        ("（参考） 共用設備の一覧", 12),
    ]
    second = doc.slides[1].blocks
    assert [(b.kind, b.level) for b in second] == [
        (BlockKind.BULLET, 1),
        (BlockKind.BULLET, 2),
        (BlockKind.PARAGRAPH, 1),
        (BlockKind.TITLE, 1),
    ]


def test_a_bullet_cut_after_a_comma_continues_across_one_blank_line() -> None:
    doc = _read("見出し\n\n・ AI、量子、\n\nバイオ等の推進\n\n・ 次の項目\n")
    assert [b.text for b in doc.slides[0].blocks] == [
        "見出し",
        "AI、量子、バイオ等の推進",
        "次の項目",
    ]


VERTICAL = """\
制度の経緯

内
閣
府

文
部
科
学
省

研
究
法
\u092d
一
部
改
正

研究\u0915推進
"""


def test_vertical_labels_become_repaired_blocks_and_the_lost_layout_is_warned() -> None:
    doc = _read(VERTICAL)
    blocks = doc.slides[0].blocks
    assert [(b.text, b.span.first_line, b.span.last_line, b.repaired) for b in blocks[1:4]] == [
        ("内閣府", 3, 5, True),
        ("文部科学省", 7, 11, True),
        ("研究法の一部改正", 13, 20, True),
    ]
    codes = [(w.code, w.line) for w in doc.warnings]
    assert ("layout_lost", 3) in codes
    assert ("letters_repaired", 13) in codes


def test_a_garbled_line_is_a_garbled_block_with_a_warning_on_its_line() -> None:
    doc = _read(VERTICAL)
    garbled = [b for b in doc.slides[0].blocks if b.garbled]
    assert [(b.text, b.span.first_line) for b in garbled] == [("研究\u0915推進", 22)]
    assert ("garbled_text", 22) in [(w.code, w.line) for w in doc.warnings]


def test_a_deck_without_a_date_warns_that_its_edition_is_unknown() -> None:
    doc = _read("見出し\n\n- 本文\n")
    assert doc.edition == ""
    assert [(w.code, w.line) for w in doc.warnings] == [("edition_unknown", 1)]


def test_empty_and_blank_texts_give_an_empty_deck_with_a_warning() -> None:
    for text in ("", "\n\n  \n"):
        doc = _read(text)
        assert doc.slides == []
        assert [w.code for w in doc.warnings] == ["no_slide"]


def _all_blocks(doc: Document) -> list[Block]:
    return [b for s in doc.slides for b in s.blocks]


@settings(max_examples=120, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                " ",
                "見出し",
                "1. 背景",
                "2. 次",
                " （参考） 資料",
                "- 項目",
                " - ・ 下位",
                "■ 群",
                "✓ 確認",
                "\uf06c 記号",
                "出典：資料",
                "\t年\t値",
                "**太字",
                "文",
                "\u092d",
                "18",
                "研究\u0915",
                "続き、",
            ]
        )
        | st.text(max_size=12),
        max_size=40,
    )
)
def test_any_text_reads_without_error_and_every_span_is_in_range(lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    doc = _read(text)
    last = len(doc.lines)
    for slide in doc.slides:
        assert 1 <= slide.span.first_line <= slide.span.last_line <= last
    for block in _all_blocks(doc):
        assert 1 <= block.span.first_line <= block.span.last_line <= last
    assert all(1 <= w.line <= max(last, 1) for w in doc.warnings)
    assert len({b.id for b in _all_blocks(doc)}) == len(_all_blocks(doc))
