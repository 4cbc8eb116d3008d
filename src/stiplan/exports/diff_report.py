"""What changed between two editions, written as Markdown, HTML or JSON.

The report is laid out once (``diff_view``: in Japanese by default, in English on request, rows
labelled by section and by indicator or initiative name), as a list of neutral blocks
(headings, paragraphs, tables, bullet lists whose text is made of plain, added and removed
spans), and then rendered: Markdown with ``~~removed~~`` and ``**added**``, or one
self-contained HTML page with ``<del>``/``<ins>`` and inline styles (no external assets).
Every piece of document text is escaped for the format it goes into. JSON (``diff_json``) is
the flat list of differences with typed values and source spans, the matches and the
``EditionDiff`` tree itself; it has no language.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stiplan.exports.csp import policy_meta
from stiplan.exports.diff_json import DiffJson, diff_json
from stiplan.exports.diff_view import SECTION_HEADER, DiffGroup, DiffRow, DiffView, Span, diff_view
from stiplan.queries import EditionDiff, SegmentOp

FORMATS = ("markdown", "html", "json")


# --- neutral report blocks --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[tuple[Span, ...], ...]


Block = Heading | Paragraph | Table | Bullets


def _plain_spans(text: str) -> tuple[Span, ...]:
    return ((SegmentOp.KEPT, text),)


def _summary_table(view: DiffView) -> Table:
    w = view.words
    rows = tuple((what, str(n)) for _, what, n in view.summary)
    return Table((w("diff_kind"), w("diff_count")), rows)


def _sections_table(view: DiffView) -> Table:
    w = view.words
    rows = tuple((s.where, s.title, s.change_text, *s.counts) for s in view.sections)
    return Table(tuple(w(key) for key in SECTION_HEADER), rows)


def _values_table(view: DiffView, rows: Sequence[DiffRow]) -> Table:
    w = view.words
    header = (w("place"), w("diff_kind"), w("diff_old"), w("diff_new"), w("diff_sources"))
    return Table(header, tuple((r.label, r.what, r.before, r.after, r.sources) for r in rows))


def _bullet(row: DiffRow) -> tuple[Span, ...]:
    """One text difference as a line: where, what, the change, and its source lines."""
    head: list[Span] = [(SegmentOp.KEPT, f"{row.label} — {row.what}")]
    if row.spans:
        head += [(SegmentOp.KEPT, ": "), *row.spans]
    if row.sources:
        head.append((SegmentOp.KEPT, f" [{row.sources}]"))
    return tuple(head)


def _group(view: DiffView, group: DiffGroup) -> list[Block]:
    blocks: list[Block] = [Heading(3, group.title)]
    if group.values:
        blocks.append(_values_table(view, group.values))
    if group.texts:
        blocks.append(Bullets(tuple(_bullet(r) for r in group.texts)))
    return blocks


def layout(view: DiffView) -> list[Block]:
    """The report as neutral blocks: editions, notes, summary, sections, then the changes."""
    w = view.words
    blocks: list[Block] = [
        Heading(1, view.heading),
        Paragraph(_plain_spans(f"{w('old_edition')}: {view.old_line}")),
        Paragraph(_plain_spans(f"{w('new_edition')}: {view.new_line}")),
    ]
    blocks += [Paragraph(_plain_spans(note)) for note in view.notes]
    blocks.append(Heading(2, w("diff_summary")))
    blocks.append(_summary_table(view) if view.summary else Paragraph(_plain_spans(w("diff_none"))))
    if view.sections:
        blocks += [Heading(2, w("diff_sections")), _sections_table(view)]
    if view.groups:
        blocks.append(Heading(2, w("diff_differences")))
    for group in view.groups:
        blocks += _group(view, group)
    return blocks


# --- Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+!|~&])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written (no emphasis, links, tables or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _md_spans(spans: Iterable[Span]) -> str:
    out = []
    for op, text in spans:
        escaped = md_escape(text)
        if op is SegmentOp.ADDED and text.strip():
            out.append(f"**{escaped}**")
        elif op is SegmentOp.REMOVED and text.strip():
            out.append(f"~~{escaped}~~")
        else:
            out.append(escaped)
    return "".join(out)


def _md_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {md_escape(block.text)}"
    if isinstance(block, Paragraph):
        return _md_spans(block.spans)
    if isinstance(block, Table):
        lines = [
            "| " + " | ".join(md_escape(h) for h in block.header) + " |",
            "|" + "---|" * len(block.header),
        ]
        lines += ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in block.rows]
        return "\n".join(lines)
    return "\n".join(f"- {_md_spans(item)}" for item in block.items)


def diff_to_markdown(diff: EditionDiff, lang: str = "ja") -> str:
    """The report as Markdown: removed text ``~~struck~~``, added text ``**bold**``; in
    Japanese, or in English with ``lang="en"``."""
    return "\n\n".join(_md_block(b) for b in layout(diff_view(diff, lang))) + "\n"


# --- HTML -------------------------------------------------------------------------------------

_STYLE = """
body { font-family: sans-serif; margin: 2em; line-height: 1.5; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
ins { background: #d4f5d4; text-decoration: none; }
del { background: #f8d0d0; }
"""


def _html_spans(spans: Iterable[Span]) -> str:
    out = []
    for op, text in spans:
        escaped = html.escape(text)
        if op is SegmentOp.ADDED:
            out.append(f"<ins>{escaped}</ins>")
        elif op is SegmentOp.REMOVED:
            out.append(f"<del>{escaped}</del>")
        else:
            out.append(escaped)
    return "".join(out)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h{block.level}>{html.escape(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{_html_spans(block.spans)}</p>"
    if isinstance(block, Table):
        head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
            for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    items = "".join(f"<li>{_html_spans(item)}</li>" for item in block.items)
    return f"<ul>{items}</ul>"


def diff_to_html(diff: EditionDiff, lang: str = "ja") -> str:
    """The report as one self-contained HTML page (inline style, no scripts, no assets), in
    Japanese or, with ``lang="en"``, English."""
    view = diff_view(diff, lang)
    title = html.escape(view.title)
    body = "\n".join(_html_block(b) for b in layout(view))
    return (
        f'<!DOCTYPE html>\n<html lang="{view.lang}">\n<head>\n<meta charset="utf-8">\n'
        f"{policy_meta()}\n<title>{title}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


# --- JSON -------------------------------------------------------------------------------------


def diff_to_dict(diff: EditionDiff) -> DiffJson:
    """The diff as JSON-ready data (``stiplan-diff/2``, see ``diff_json``)."""
    return diff_json(diff)


def diff_to_json(diff: EditionDiff) -> str:
    """The diff as one JSON text (UTF-8, Japanese kept readable)."""
    return json.dumps(diff_to_dict(diff), ensure_ascii=False, indent=2) + "\n"


def render(diff: EditionDiff, fmt: str, lang: str = "ja") -> str:
    """The diff in one of ``FORMATS``; the reports in ``lang`` (JSON has no language)."""
    if fmt == "markdown":
        return diff_to_markdown(diff, lang)
    if fmt == "html":
        return diff_to_html(diff, lang)
    if fmt == "json":
        return diff_to_json(diff)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
