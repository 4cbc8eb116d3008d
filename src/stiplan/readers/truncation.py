"""A file that stops in the middle of something: said, at the line where it stops.

A report cut by a failed download or a broken conversion still reads as a shorter report, and
nothing would tell the user that its last table row, tag or value is incomplete. Readers call
``end_warning`` once, with the lines and whether the last thing open was a table: the last
non-blank line is checked for an open tag, unbalanced brackets, or (in a table) a row with
fewer cells than the table has. The scan is linear in the line. Never raises.
"""

from __future__ import annotations

import re

from stiplan.model import Warning

_OPEN_TAG = re.compile(r"<(p|ul|ol|li|u|table|tr|td)\b[^<>]*>", re.IGNORECASE)
_CLOSE_TAG = re.compile(r"</(p|ul|ol|li|u|table|tr|td)\s*>", re.IGNORECASE)
_PAIRS = (("（", "）"), ("(", ")"), ("【", "】"), ("「", "」"), ("『", "』"))
CODE = "file_ends_mid_element"


def end_warning(lines: list[str], in_table: bool, columns: int = 3) -> Warning | None:
    """A warning at the last non-blank line when the file seems cut there, else None."""
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip():
            line, number = lines[index], index + 1
            break
    else:
        return None
    what = _cut_in(line, in_table, columns)
    if what is None:
        return None
    return Warning(
        CODE, f"ファイルが{what}の途中で終わっています（途中で切れている可能性があります）", number
    )


def _cut_in(line: str, in_table: bool, columns: int) -> str | None:
    """What the line leaves open: a tag, a table cell, a bracket; None when nothing."""
    last_open = line.rfind("<")
    if last_open >= 0 and line.find(">", last_open) < 0:
        return "HTMLタグ"
    if _open_elements(line):
        return "表のセル" if in_table else "HTML要素"
    if in_table and "\t" in line and line.count("\t") < columns - 1:
        return "表の行"
    if any(line.count(o) > line.count(c) for o, c in _PAIRS):
        return "括弧"
    return None


def _open_elements(line: str) -> bool:
    """More ``<p>``/``<ul>``… opened than closed on the line."""
    opened: dict[str, int] = {}
    for m in _OPEN_TAG.finditer(line):
        opened[m.group(1).lower()] = opened.get(m.group(1).lower(), 0) + 1
    for m in _CLOSE_TAG.finditer(line):
        opened[m.group(1).lower()] = opened.get(m.group(1).lower(), 0) - 1
    return any(count > 0 for count in opened.values())
