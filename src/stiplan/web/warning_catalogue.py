"""Every warning code a reader, normaliser or extractor can store, with a label and an
explanation in Japanese and English: what the dashboard, the CLI and the API show instead of
the bare code (``cells_merged`` → 表のセルの区切りが不明).

Plain data with no imports beyond the standard library, so the CLI can use it without loading
the web app. ``tests/unit/test_warning_catalogue.py`` reads the source tree for every code a
``Warning`` is built with and fails when one is missing here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WarningLabel:
    """A warning code for people: a short label and one sentence on what it means for the
    data, in Japanese (``ja``) and English (``en``)."""

    label_ja: str
    label_en: str
    explanation_ja: str
    explanation_en: str

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_ja

    def explanation(self, lang: str) -> str:
        return self.explanation_en if lang == "en" else self.explanation_ja


_W = WarningLabel

WARNINGS: Mapping[str, WarningLabel] = {
    # the file as a whole
    "file_ends_mid_element": _W(
        "ファイルが途中で終わっている",
        "File ends mid-element",
        "最後の要素が途中で切れている可能性があります。元のファイルを確認してください。",
        "The last element may be cut short; check the original file.",
    ),
    "plan_unknown": _W(
        "基本計画が不明",
        "Basic Plan unknown",
        "どの期の基本計画の文書か判定できませんでした。取込時に --plan で指定できます。",
        "Which Basic Plan the document belongs to could not be told; give --plan at ingest.",
    ),
    "edition_unknown": _W(
        "版（年）が不明",
        "Edition unknown",
        "文書の版（年・日付）を判定できませんでした。取込時に --edition で指定できます。",
        "The document's edition (year or date) could not be told; give --edition at ingest.",
    ),
    "no_chapter": _W(
        "章が見つからない",
        "No chapter found",
        "章の見出し（1. …）がなく、文書の構造を読み取れませんでした。",
        "No chapter heading (1. …) was found, so the document's structure could not be read.",
    ),
    "no_slide": _W(
        "スライドが見つからない",
        "No slide found",
        "説明資料にスライドの内容が見つかりませんでした。",
        "No slide content was found in the briefing.",
    ),
    "pdf_page_without_text": _W(
        "文字のないPDFページ",
        "PDF page without text",
        "画像だけのページです。OCR は行わないため、このページの内容は読み取っていません。",
        "The page is an image only; without OCR its content is not read.",
    ),
    "pdf_running_text": _W(
        "ヘッダー・フッターとして除いた行",
        "Running header or footer dropped",
        "PDFのページの上端・下端で繰り返す行（見出しや表ではないもの）とページ番号を、"
        "本文ではないとして除きました。除いた行とそのページを示します。",
        "A line repeated at the top or bottom edge of the PDF's pages (not a heading or table)"
        " or a page number was dropped as page furniture; the text and its pages are named.",
    ),
    # structure of a follow-up report
    "section_without_chapter": _W(
        "章のない節",
        "Section without chapter",
        "章の見出しがないまま節が始まっています。章の一部の抜粋として読みました。",
        "A section starts with no chapter heading; it is read as an excerpt of a chapter.",
    ),
    "subsection_without_section": _W(
        "節のない小見出し",
        "Subsection without section",
        "節（（1）…）より前に小見出し（①…）があります。番号のない節の一部として読みました。",
        "A subsection heading (①…) comes before any section ((1)…); it is read as part of a"
        " section without a number.",
    ),
    "table_extra_columns": _W(
        "読まない表の列",
        "Table columns not read",
        "取組の表に、基本計画における具体的な取組・実施状況・今後の取組方針のほかの列（番号、備考など）があります。その列は読んでいません。",
        "The initiatives table has columns besides the commitment, status and next steps"
        " (a number, remarks…); those columns are not read.",
    ),
    "rows_without_subsection": _W(
        "小見出しのない取組",
        "Initiatives without subsection",
        "小見出し（①…）より前に取組の表があります。表の途中から始まる抜粋として、番号のない小見出しの取組として読みました。",
        "Table rows come before any subsection heading (①…); they are read as the initiatives of"
        " a subsection without a number, as in an excerpt that starts mid-table.",
    ),
    "block_without_section": _W(
        "節のない見出し",
        "Block without section",
        "節（（1）…）より前に【あるべき姿…】【目標】【主要指標】などの見出しがあります。番号のない節の一部として読みました。",
        "A section's block heading (【目標】, 【主要指標】…) comes before any section ((1)…); it is"
        " read as part of a section without a number, as in an excerpt that starts below one.",
    ),
    "block_without_chapter": _W(
        "章より前の見出し",
        "Block before any chapter",
        "章より前に【…】の見出しがあります。",
        "A 【…】 block heading comes before any chapter.",
    ),
    "duplicate_heading_number": _W(
        "見出し番号の重複",
        "Duplicate heading number",
        "同じ番号の見出しが2回あります。別の要素として読み、番号に枝番を付けました。",
        "A heading number appears twice; the two are kept apart with a suffix on the id.",
    ),
    "line_skipped": _W(
        "読み飛ばした行",
        "Line skipped",
        "どの要素にも属さない行です。原文には残っていますが、データには含まれません。",
        "The line belongs to no element; it stays in the source but not in the data.",
    ),
    # tables
    "table_outside_subsection": _W(
        "小見出しのない表",
        "Table outside a subsection",
        "小見出し（①…）の外に表があります。",
        "A table stands outside any subsection (①…).",
    ),
    "table_without_header": _W(
        "見出し行のない表",
        "Table without header",
        "見出し行のない表の行です。列の意味は位置から推定しました。",
        "A table row comes without a header row; its columns are taken by position.",
    ),
    "extra_table_cells": _W(
        "表の列が多い",
        "Extra table cells",
        "表の行に想定（3列）より多い列があります。余分な列は最後の列に結合しました。",
        "A table row has more than the expected three cells; the extra ones are joined.",
    ),
    "row_not_attached": _W(
        "行の帰属が不明",
        "Row not attached",
        "表の行や続きの行を、どの取組にも結び付けられませんでした。",
        "A table row or continuation line could not be attached to an initiative.",
    ),
    "cells_merged": _W(
        "表のセルの区切りが不明",
        "Table cells merged",
        "変換で表のセルの区切りが失われています。確実に分けられないため、書かれたまま残しました。",
        "The conversion lost a table's cell boundaries; the text is kept as written.",
    ),
    "layout_lost": _W(
        "図表の配置を復元できない",
        "Layout lost",
        "縦書きのラベルを含む表・図の配置は復元できません。ラベルは個別のブロックとして残しました。",
        "A table or figure with vertical labels cannot be rebuilt; the labels are kept as "
        "separate blocks.",
    ),
    # text and characters
    "html_tag_removed": _W(
        "HTMLタグを除去",
        "HTML tag removed",
        "想定外のHTMLタグを本文から取り除きました。",
        "An unexpected HTML tag was removed from the text.",
    ),
    "unterminated_html_tag": _W(
        "閉じていないHTMLタグ",
        "Unterminated HTML tag",
        "閉じていないHTMLタグがあります。書かれたまま残しました。",
        "An HTML tag is not closed; the text is kept as written.",
    ),
    "vertical_text_joined": _W(
        "縦書きの行を結合",
        "Vertical text joined",
        "1行1文字の縦書きの行を1行に結合しました。",
        "Lines of vertical text (one character each) were joined into one line.",
    ),
    "letters_repaired": _W(
        "文字化けを修復",
        "Letters repaired",
        "フォントの誤りで別の文字になった仮名を読み替えました。",
        "Kana turned into other characters by a font error were read back.",
    ),
    "garbled_text": _W(
        "読めない文字",
        "Garbled text",
        "読めない文字が残っています。この行は表示のみとし、検索・抽出の対象にしません。",
        "Unreadable characters remain; the line is shown but not searched or extracted.",
    ),
    # ministries
    "missing_ministry_tag": _W(
        "府省タグがない",
        "Missing ministry tag",
        "取組に担当府省のタグ【…】がありません。",
        "An initiative has no ministry tag 【…】.",
    ),
    "action_without_ministries": _W(
        "府省のない取組方針",
        "Action without ministries",
        "今後の取組方針の項目に府省タグがありません。",
        "A next-step item has no ministry tag.",
    ),
    "ministry_tag_repaired": _W(
        "府省タグを修復",
        "Ministry tag repaired",
        "崩れた府省タグを読み替えました。原文と照らして確認してください。",
        "A broken ministry tag was repaired; check it against the source.",
    ),
    "ministry_code_repaired": _W(
        "府省略称を補完",
        "Ministry code repaired",
        "欠けた府省略称を、同じ文書中の略称から補いました。",
        "A cut ministry code was completed from a code found in the same document.",
    ),
    "ministry_code_ambiguous": _W(
        "府省略称が曖昧",
        "Ministry code ambiguous",
        "欠けた府省略称が、文書中の複数の略称のどれにあたるか決められません。",
        "A cut ministry code could be more than one code of the document.",
    ),
    "ministry_code_uncertain": _W(
        "府省略称が不確か",
        "Ministry code uncertain",
        "府省略称が略称の一部のように見えますが、補えませんでした。",
        "The ministry code looks like part of a code but could not be completed.",
    ),
    "unknown_ministry_code": _W(
        "不明な府省略称",
        "Unknown ministry code",
        "府省の辞書にない略称です。",
        "The ministry code is not in the dictionary.",
    ),
    # footnotes
    "footnote_undefined": _W(
        "定義のない脚注",
        "Footnote undefined",
        "引用されている脚注の本文がありません。",
        "A footnote is cited but never defined.",
    ),
    "footnote_uncited": _W(
        "引用されない脚注",
        "Footnote uncited",
        "定義された脚注がどこからも引用されていません。",
        "A footnote is defined but never cited.",
    ),
    "duplicate_footnote": _W(
        "脚注の重複",
        "Duplicate footnote",
        "同じ番号の脚注が2回定義されています。",
        "The same footnote number is defined twice.",
    ),
    # values
    "target_several_values": _W(
        "複数の目標値",
        "Several target values",
        "1つの主要指標に複数の目標値があり、個別には読み取っていません。",
        "One target states several values; they are not read one by one.",
    ),
    "target_value_unread": _W(
        "目標値を読めない",
        "Target value unread",
        "目標値を数値として（数値も期間もない場合は両方とも）読み取れませんでした。原文の記載のまま残しました。",
        "The target value could not be read as a number (or as neither a number nor a date); "
        "the text is kept.",
    ),
    "value_range": _W(
        "範囲で書かれた値",
        "Value written as a range",
        "値が範囲（10～20件など）で書かれています。下限を値とし（修飾「～」）、上限は原文のまま残しました。",
        "The value is written as a range (such as 10–20); its lower bound is stored as the value "
        "(qualifier ～) and the upper bound is kept in the text.",
    ),
    "observation_value_unread": _W(
        "値を読めない",
        "Value unread",
        "参考指標の値を数値として読み取れませんでした。原文の記載のまま残しました。",
        "An indicator value could not be read as a number; the text is kept.",
    ),
    "title_unknown": _W(
        "表題が見つからない",
        "Title not found",
        "文書の表題を読み取れなかったため、最初の見出しを表題としました。"
        "取り込み時に --title で指定できます。",
        "The document states no title; its first heading is used (give one with --title).",
    ),
    "date_unknown": _W(
        "日付が見つからない",
        "Date not found",
        "文書の日付を読み取れませんでした。取り込み時に --date で指定できます。",
        "The document states no date (give one with --date at ingest).",
    ),
    "observation_period_unread": _W(
        "時点を読めない",
        "Period unread",
        "参考指標の値の時点を読み取れませんでした。",
        "The as-of date of an indicator value could not be read.",
    ),
}


def warning_label(code: str, lang: str = "ja") -> str:
    """The label of a code in ``lang``; a code missing from the catalogue (a store written by
    another version) is shown as itself rather than hidden."""
    entry = WARNINGS.get(code)
    return code if entry is None else entry.label(lang)


def warning_explanation(code: str, lang: str = "ja") -> str:
    """What a code means for the data, in ``lang`` (empty for an unknown code)."""
    entry = WARNINGS.get(code)
    return "" if entry is None else entry.explanation(lang)
