"""What the survey's checks say, in Japanese (the default) and English: one catalogue, so a
refused workbook or form reads the same in the CLI and the browser, in either language.

A ``Message`` is a code with its parameters; ``text(lang)`` fills the template of that
language. Document text in a parameter (a value, a code) is never translated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

MESSAGES: Mapping[str, tuple[str, str]] = {
    # a cell's text (answers.text_problem)
    "text_too_long": (
        "{limit}字以内で記入してください（{length}字）",
        "At most {limit} characters ({length} given)",
    ),
    "text_newline": (
        "改行は使えません（項目を分けるときは次の行に記入してください）",
        "No line breaks (write another item in the next row)",
    ),
    "text_control": ("制御文字は使えません", "No control characters"),
    "text_marker": (
        "脚注記号（上付き数字）は使えません",
        "No footnote markers (superscript digits)",
    ),
    "text_bullet": (
        "文中の「・」の前に空白があると項目が分かれます（項目は行を分けてください）",
        "A “・” after a space would split the item (write items in separate rows)",
    ),
    "text_tag": (
        "府省は府省の列に記入してください（文末の【…】は使えません）",
        "Write ministries in the ministries column (no 【…】 at the end)",
    ),
    "ministries_too_long": ("{limit}字以内で記入してください", "At most {limit} characters"),
    "ministry_unknown": (
        "府省略称「{code}」は府省の一覧にありません（例: *文、経）",
        "The ministry code “{code}” is not in the list of ministries (e.g. *文、経)",
    ),
    # a value and its period (answers.value_problem, period_problem)
    "value_missing": ("値を記入してください", "Enter the value"),
    "value_form": (
        "値は{limit}字以内、1行で記入してください",
        "The value takes at most {limit} characters on one line",
    ),
    "value_unread": (
        "値「{value}」を数量として読めません（例: 4兆2,050億円、23.0%）",
        "The value “{value}” cannot be read as a quantity (e.g. 4兆2,050億円, 23.0%)",
    ),
    "value_unit": (
        "単位が昨年度（{unit}）と異なります: 「{found}」",
        "The unit differs from last year's ({unit}): “{found}”",
    ),
    "period_missing": ("時点を記入してください", "Enter the as-of period"),
    "nothing_to_replace": (
        "昨年度の記載にこの欄がないため記入できません（空欄のままにしてください）",
        "Last year's text has no such part: leave this cell empty",
    ),
    "period_form": (
        "時点は括弧なし、{limit}字以内で記入してください（例: 令和6年度）",
        "Write the period without brackets, at most {limit} characters (e.g. 令和6年度)",
    ),
    "period_unread": (
        "時点「{period}」を日付として読めません（例: 令和6年度、2025年3月末）",
        "The period “{period}” cannot be read as a date (e.g. 令和6年度, 2025年3月末)",
    ),
    # the file (validate)
    "file_macro_name": (
        "マクロ付きブックは受け付けません（.xlsx で保存してください）",
        "Macro-enabled workbooks are refused (save as .xlsx)",
    ),
    "file_not_xlsx_name": ("調査票は .xlsx ファイルで提出してください", "Hand in an .xlsx file"),
    "file_too_big": (
        "ファイルが大きすぎます（{limit}MBまで）",
        "The file is too large (at most {limit} MB)",
    ),
    "file_not_xlsx": ("XLSX ファイルではありません", "Not an XLSX file"),
    "file_bad_zip": (
        "XLSX ファイルではありません（壊れた ZIP）",
        "Not an XLSX file (a damaged ZIP)",
    ),
    "file_macro": (
        "マクロ（vbaProject）を含むブックは受け付けません",
        "Workbooks holding macros (vbaProject) are refused",
    ),
    "file_no_parts": (
        "XLSX ファイルではありません（ブックの部品がありません）",
        "Not an XLSX file (no workbook parts)",
    ),
    "file_unpacked": ("展開後のサイズが大きすぎます", "Too large once unpacked"),
    "file_unreadable": ("XLSX として読めません: {error}", "Cannot be read as XLSX: {error}"),
    "no_signature": (
        "調査票の署名がありません（このラウンドの調査票ではありません）",
        "The workbook has no signature (it is not a workbook of this round)",
    ),
    "other_round": (
        "ラウンド {found} の調査票です（取込先は {round}）",
        "A workbook of round {found} (importing into {round})",
    ),
    "not_in_round": (
        "府省 {ministry} はこのラウンドにありません",
        "The ministry {ministry} has no rows in this round",
    ),
    "bad_signature": (
        "調査票の署名が一致しません（改変されたか、別の調査票です）",
        "The workbook's signature does not match (changed, or another workbook)",
    ),
    "other_ministry": (
        "{name}の調査票です（{expected} には取り込めません）",
        "A workbook of {name} (it cannot be imported for {expected})",
    ),
    "sheet_missing": ("シート「{sheet}」がありません", "The sheet “{sheet}” is missing"),
    # cells (validate)
    "formula": (
        "数式は使えません（値を文字で記入してください）",
        "Formulas are not allowed (enter the value as text)",
    ),
    "header": ("見出しは「{header}」です", "The header is “{header}”"),
    "row_moved": (
        "行IDは「{key}」のはずです（行の削除・並べ替えはできません）",
        "The row id should be “{key}” (rows cannot be deleted or moved)",
    ),
    "row_deleted": (
        "行IDは「{key}」のはずです（行が削除されています）",
        "The row id should be “{key}” (a row was deleted)",
    ),
    "locked": (
        "変更できないセルです（元の値: 「{value}」）",
        "This cell cannot be changed (it held “{value}”)",
    ),
    "outside": ("表の外に記入されています", "Written outside the table"),
    "row_added": (
        "行が追加されています（行の追加はできません）",
        "A row was added (rows cannot be added)",
    ),
    "date_cell": (
        "日付ではなく文字で記入してください（例: 令和6年度）",
        "Enter text, not a date (e.g. 令和6年度)",
    ),
    "ministries_only": (
        "府省だけが記入されています（記載を記入してください）",
        "Only the ministries are filled in (enter the text too)",
    ),
    "none_first": (
        "「—」（なし）は1行目にだけ記入できます",
        "“—” (none) goes in the first row only",
    ),
    "required": (
        "記入してください（項目がないときは「—」）",
        "Fill this in (write “—” when there is none)",
    ),
    "none_and_items": ("「—」と項目は同時に記入できません", "“—” and items cannot both be given"),
}


@dataclass(frozen=True, slots=True)
class Message:
    """A check's finding: a code of ``MESSAGES`` and its parameters."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str = "ja") -> str:
        """The message in ``lang`` (``ja`` or ``en``)."""
        ja, en = MESSAGES[self.code]
        return (en if lang == "en" else ja).format(**dict(self.params))


def message(code: str, /, **params: object) -> Message:
    """A ``Message`` (an unknown code fails here, not when shown)."""
    if code not in MESSAGES:
        raise KeyError(f"unknown survey message {code!r}")
    return Message(code, tuple((k, str(v)) for k, v in sorted(params.items())))
