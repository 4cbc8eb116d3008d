"""What changed between two editions, written as Markdown, HTML or JSON.

The report is laid out once, as a list of neutral blocks (headings, paragraphs, tables, bullet
lists whose text is made of plain, added and removed spans), and then rendered: Markdown with
``~~removed~~`` and ``**added**``, or one self-contained HTML page with ``<del>``/``<ins>`` and
inline styles (no external assets). Every piece of document text is escaped for the format it
goes into. JSON (``diff_json``) is the flat list of differences with typed values and source
spans, the matches and the ``EditionDiff`` tree itself.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from stiplan.exports.csp import policy_meta
from stiplan.exports.diff_json import DiffJson, diff_json
from stiplan.queries import (
    Difference,
    EditionDiff,
    EditionInfo,
    SectionCounts,
    SectionDiff,
    Segment,
    SegmentOp,
    chapter_differences,
    differences,
    footnote_differences,
    section_differences,
)

FORMATS = ("markdown", "html", "json")

# What each difference code means, in the report's words.
LABELS: dict[str, str] = {
    "chapter_added": "chapter added",
    "chapter_removed": "chapter removed",
    "chapter_renumbered": "chapter renumbered",
    "chapter_retitled": "chapter retitled",
    "section_added": "section added (not in the old edition)",
    "section_removed": "section removed (not in the new edition)",
    "section_renumbered": "section renumbered",
    "section_retitled": "section retitled",
    "subsection_added": "subsection added",
    "subsection_removed": "subsection removed",
    "subsection_renumbered": "subsection renumbered",
    "subsection_retitled": "subsection retitled",
    "paragraph_added": "paragraph added",
    "paragraph_removed": "paragraph removed",
    "paragraph_reworded": "paragraph reworded",
    "goal_added": "goal added",
    "goal_removed": "goal removed",
    "goal_reworded": "goal reworded",
    "target_added": "target added",
    "target_removed": "target removed",
    "target_renamed": "target renamed",
    "target_changed": "target value changed",
    "indicator_added": "indicator added",
    "indicator_removed": "indicator removed",
    "indicator_renamed": "indicator renamed",
    "observation_added": "value added",
    "observation_removed": "value removed",
    "observation_changed": "value changed",
    "initiative_added": "initiative added",
    "initiative_removed": "initiative removed",
    "initiative_moved": "initiative moved",
    "commitment_reworded": "commitment reworded",
    "ministries_changed": "ministries changed",
    "status_added": "status item added",
    "status_removed": "status item removed",
    "status_reworded": "status item reworded",
    "status_ministries_changed": "status item ministries changed",
    "action_added": "next step added",
    "action_removed": "next step removed",
    "action_reworded": "next step reworded",
    "action_ministries_changed": "next step ministries changed",
    "footnote_added": "footnote added",
    "footnote_removed": "footnote removed",
    "footnote_reworded": "footnote reworded",
}

_VALUE_CODES = frozenset(
    {
        "observation_added",
        "observation_removed",
        "observation_changed",
        "target_changed",
        "indicator_added",
        "indicator_removed",
        "indicator_renamed",
        "target_added",
        "target_removed",
        "target_renamed",
    }
)


# --- neutral report blocks --------------------------------------------------------------------

Span = tuple[SegmentOp, str]  # KEPT is plain text


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


def _edition_line(label: str, info: EditionInfo) -> Paragraph:
    until = info.data_until.isoformat() if info.data_until else "unknown"
    text = (
        f"{label}: {info.source_name} (document {info.document_id}, edition "
        f"{info.edition or 'unknown'}, data until {until})"
    )
    return Paragraph(_plain_spans(text))


def _counts_cell(old: SectionCounts | None, new: SectionCounts | None, name: str) -> str:
    before = str(getattr(old, name)) if old else "–"
    after = str(getattr(new, name)) if new else "–"
    return before if before == after else f"{before} → {after}"


_COUNT_COLUMNS = ("initiatives", "status_items", "actions", "indicators", "observations")


def _sections_table(diff: EditionDiff) -> Table:
    rows = []
    for chapter in diff.chapters:
        for section in chapter.sections:
            ref = section.pair.new or section.pair.old
            assert ref is not None
            counts = [
                _counts_cell(section.old_counts, section.new_counts, c) for c in _COUNT_COLUMNS
            ]
            rows.append((ref.where, ref.text, section.change.value, *counts))
    header = ("section", "title", "change", "initiatives", "status items", "next steps")
    return Table((*header, "indicators", "values"), tuple(rows))


def _summary_table(found: Sequence[Difference]) -> Table:
    counts = Counter(d.code for d in found)
    order = list(LABELS)
    rows = tuple(
        (LABELS.get(code, code), str(n))
        for code, n in sorted(counts.items(), key=lambda kv: order.index(kv[0]))
    )
    return Table(("difference", "count"), rows)


def _values_table(found: Iterable[Difference]) -> Table | None:
    rows = []
    for d in found:
        if d.code not in _VALUE_CODES:
            continue
        old, new = d.old, d.new
        if d.code in ("observation_changed", "target_changed"):
            before, _, after = d.detail.partition(" → ")
        else:
            before = old.text if old else ""
            after = new.text if new else ""
        rows.append((d.where, LABELS[d.code], before, after))
    if not rows:
        return None
    return Table(("where", "difference", "old", "new"), tuple(rows))


def _segment_spans(segments: Sequence[Segment]) -> tuple[Span, ...]:
    return tuple((s.op, s.text) for s in segments)


def _bullet(d: Difference) -> tuple[Span, ...]:
    """One non-value difference as a line: where, what, and the text or word diff."""
    ref = d.new or d.old
    head: list[Span] = [(SegmentOp.KEPT, f"{ref.where if ref else ''} — {LABELS[d.code]}")]
    if d.segments:
        return (*head, (SegmentOp.KEPT, ": "), *_segment_spans(d.segments))
    if d.detail:
        return (*head, (SegmentOp.KEPT, f": {d.detail}"))
    if d.code.endswith("_added") and d.new:
        return (*head, (SegmentOp.KEPT, ": "), (SegmentOp.ADDED, d.new.text))
    if d.code.endswith("_removed") and d.old:
        return (*head, (SegmentOp.KEPT, ": "), (SegmentOp.REMOVED, d.old.text))
    return tuple(head)


def _group(title: str, found: Sequence[Difference]) -> list[Block]:
    if not found:
        return []
    blocks: list[Block] = [Heading(3, title)]
    values = _values_table(found)
    if values is not None:
        blocks.append(values)
    others = [d for d in found if d.code not in _VALUE_CODES]
    if others:
        blocks.append(Bullets(tuple(_bullet(d) for d in others)))
    return blocks


def _section_title(section: SectionDiff) -> str:
    ref = section.pair.new or section.pair.old
    return f"{ref.where} {ref.text}" if ref else ""


def layout(diff: EditionDiff) -> list[Block]:
    """The report as neutral blocks: summary, sections, then what changed where."""
    found = differences(diff)
    blocks: list[Block] = [
        Heading(1, "What changed between two editions (版の比較)"),
        _edition_line("old", diff.old),
        _edition_line("new", diff.new),
    ]
    if not diff.same_part:
        blocks.append(
            Paragraph(
                _plain_spans(
                    "Warning: these documents are not editions of the same report part; "
                    "nearly everything shows as added or removed."
                )
            )
        )
    blocks += [Heading(2, "Summary"), _summary_table(found), Heading(2, "Sections")]
    blocks.append(_sections_table(diff))
    blocks.append(Heading(2, "Differences"))
    if not found:
        blocks.append(Paragraph(_plain_spans("No differences.")))
    for chapter in diff.chapters:
        ref = chapter.pair.new or chapter.pair.old
        blocks += _group(f"{ref.where} {ref.text}" if ref else "", chapter_differences(chapter))
        for section in chapter.sections:
            blocks += _group(_section_title(section), section_differences(section))
    blocks += _group("Footnotes (脚注)", footnote_differences(diff))
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


def diff_to_markdown(diff: EditionDiff) -> str:
    """The report as Markdown: removed text ``~~struck~~``, added text ``**bold**``."""
    return "\n\n".join(_md_block(b) for b in layout(diff)) + "\n"


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


def diff_to_html(diff: EditionDiff) -> str:
    """The report as one self-contained HTML page (inline style, no scripts, no assets)."""
    title = html.escape(f"{diff.old.source_name} → {diff.new.source_name}")
    body = "\n".join(_html_block(b) for b in layout(diff))
    return (
        '<!DOCTYPE html>\n<html lang="ja">\n<head>\n<meta charset="utf-8">\n'
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


def render(diff: EditionDiff, fmt: str) -> str:
    """The diff in one of ``FORMATS``."""
    if fmt == "markdown":
        return diff_to_markdown(diff)
    if fmt == "html":
        return diff_to_html(diff)
    if fmt == "json":
        return diff_to_json(diff)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
