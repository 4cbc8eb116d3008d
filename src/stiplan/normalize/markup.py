"""A source line without the text conversion's markup, for showing it to people.

The conversion writes a table cell as a small HTML fragment (``<p>…</p>``, ``<ul>``, ``<br>``,
``<u>`` under a lead ministry). The source view shows what the line says: tags are removed
(never rendered) and the only mark kept is the underline, as runs flagged ``underlined``, so a
lead ministry stays visible. Character references (``&amp;``) are shown as the character;
the presenter still escapes every run.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# A tag as the conversion writes it: ``<p>``, ``</u>``, ``<ul class="…">``, ``<br/>``.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")
_BLOCK = frozenset({"p", "ul", "ol", "li", "br", "div", "tr", "td", "th", "table"})


@dataclass(frozen=True, slots=True)
class TextRun:
    """A piece of a line as shown: plain text, underlined or not."""

    text: str
    underlined: bool = False


def plain_runs(line: str) -> list[TextRun]:
    """``line`` without its tags, as runs of text (underlined where ``<u>`` marked it).

    Block tags become a space where they separate two words (a cell's tab is kept); an
    unclosed ``<u>`` ends at the end of the line. A ``<`` that does not open a tag
    (``a < b``) is text.
    """
    runs: list[TextRun] = []
    underlined, pos = False, 0

    def add(text: str) -> None:
        if not text:
            return
        text = html.unescape(text)
        if runs and runs[-1].underlined == underlined:
            runs[-1] = TextRun(runs[-1].text + text, underlined)
        else:
            runs.append(TextRun(text, underlined))

    for m in _TAG.finditer(line):
        add(line[pos : m.start()])
        name = m.group(2).lower()
        if name == "u":
            underlined = m.group(1) != "/"
        elif name in _BLOCK and runs and not runs[-1].text[-1:].isspace():
            add(" ")
        pos = m.end()
    add(line[pos:])
    return _trimmed(runs)


def _trimmed(runs: list[TextRun]) -> list[TextRun]:
    """Runs without the spaces a leading or trailing block tag left."""
    if runs and not runs[-1].underlined:
        runs[-1] = TextRun(runs[-1].text.rstrip(" "), False)
    return [r for r in runs if r.text]


def plain_text(line: str) -> str:
    """``line`` without its tags, as one string (underline dropped)."""
    return "".join(r.text for r in plain_runs(line))
