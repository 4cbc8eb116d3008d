"""The tables each command prints for people, one function per answer.

Each declares its columns (which are keys never cut, which fold, which give way first at
narrow widths) and its rows; ``render.print_table`` picks the layout. ``--json`` answers go
through ``render.print_json`` instead; nothing here opens the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.markup import escape

from stiplan import queries
from stiplan.cli.base import err, out
from stiplan.cli.render import Column, Kind, mention_place, piped, print_table, rule, tag
from stiplan.model import subsection_mark
from stiplan.queries import format_quantity
from stiplan.web.i18n import translator
from stiplan.web.warning_catalogue import warning_label

KEY, NUMBER = Kind.KEY, Kind.NUMBER
COUNTS = (
    "sections",
    "subsections",
    "initiatives",
    "actions",
    "indicators",
    "footnotes",
    "slides",
    "programmes",
    "decisions",
    "warnings",
)
KEPT_COUNTS = {"warnings": 1, "initiatives": 2, "slides": 3}
"""The counts an ingest table keeps longest at narrow widths, by rank (the others, and these
when even they do not fit, are in --json)."""


def print_outcomes(outcomes: list[queries.IngestOutcome]) -> None:
    """One row per ingested file with what it held, then its warnings by kind."""
    columns = [Column("file", KEY), Column("result", KEY), Column("document", KEY)]
    columns += [Column(name, NUMBER, drop=KEPT_COUNTS.get(name, 9)) for name in COUNTS]
    rows = []
    for o in outcomes:
        numbers = [str(getattr(o.counts, name)) if o.counts else "" for name in COUNTS]
        name = escape(Path(o.source).name)
        rows.append([name, o.status.value, o.document_id or "", *numbers])
    print_table("ingest", columns, rows)
    note = err if piped() else out  # a pipe gets only the table's rows
    for o in outcomes:
        if o.warning_kinds:
            kinds = ", ".join(f"{warning_label(code)} {n}" for code, n in o.warning_kinds)
            total = sum(n for _, n in o.warning_kinds)
            note.print(
                f"{escape(Path(o.source).name)}: 警告 {total}件 (warnings) — {escape(kinds)}"
            )
        if o.error:
            err.print(f"[bold red]rejected:[/] {escape(o.error)}")


def print_documents(rows: list[Any]) -> None:
    """Documents by title and date (和暦 beside it); the file name gives way first."""
    columns = [Column("id", KEY), Column("title"), Column("date", KEY, drop=2)]
    columns += [Column("plan", KEY), Column("edition", KEY), Column("kind", KEY, drop=1)]
    columns += [Column("file", KEY, drop=3), Column("lines", NUMBER, drop=4)]
    columns += [Column("ingested", KEY, drop=5)]
    cells = [
        [
            r.id,
            escape(r.name),
            queries.format_day(r.date) if r.date else "",
            queries.plan_name(r.plan) or "?",
            r.edition,
            r.kind.value,
            escape(r.source_name),
            str(r.line_count),
            r.ingested_at[:19],
        ]
        for r in rows
    ]
    print_table("documents", columns, cells)


def print_sections(rows: list[queries.SectionRow]) -> None:
    columns = [Column("section", KEY), Column("title")]
    columns += [Column(name, NUMBER, drop=1) for name in ("subsections", "initiatives")]
    columns += [Column(name, NUMBER, drop=2) for name in ("targets", "indicators")]
    columns += [Column("lines", KEY, drop=3)]
    cells = [
        [
            r.full_label,
            escape(r.title),
            str(r.subsection_count),
            str(r.initiative_count),
            str(r.target_count),
            str(r.indicator_count),
            f"{r.span.first_line}-{r.span.last_line}",
        ]
        for r in rows
    ]
    print_table("sections", columns, cells)


def print_initiatives(rows: list[Any]) -> None:
    columns = [Column("id", KEY), Column("section", KEY), Column("commitment")]
    columns += [Column("ministries"), Column("status", NUMBER, drop=1)]
    columns += [Column("actions", NUMBER, drop=1)]
    cells = []
    for r in rows:
        commitment = r.commitment if len(r.commitment) <= 60 else r.commitment[:59] + "…"
        cells.append(
            [
                r.id,
                f"{r.section_label}{subsection_mark(r.subsection_number)}",
                escape(commitment),
                tag(r.ministries),
                str(r.status_item_count),
                str(r.action_count),
            ]
        )
    print_table(f"initiatives ({len(rows)})", columns, cells)


def print_element(view: queries.ElementView) -> None:
    """One element: what it is and where, its text, its children, then its source lines."""
    e = view.element
    out.print(
        f"[bold]{e.type}[/] {escape(e.id)}  ({escape(view.document.source_name)}, "
        f"lines {e.span.first_line}-{e.span.last_line}"
        + (f", p. {e.span.page}" if e.span.page else "")
        + ")"
    )
    if e.title:
        out.print(escape(e.title))
    if e.text:
        out.print(escape(e.text))
    if e.ministries:
        out.print(f"ministries: {tag(e.ministries)}")
    if e.footnotes:
        out.print(f"footnotes: {' '.join(map(str, e.footnotes))}")
    if (p := view.provenance) is not None:
        out.print(
            f"survey: {escape(p.round_id)} {escape(p.ministry)} revision {p.revision} "
            f"by {escape(p.author)}"
        )
    for child in view.children:
        label = child.text or child.title or ""
        out.print(f"  · {child.type} {escape(child.id)}: {escape(label[:70])}")
    rule("source")
    for line in view.source:
        out.print(f"[dim]{line.line_no:>6}[/] {escape(line.text)}")


def print_warnings(rows: list[queries.WarningRow], names: dict[str, str], lang: str = "ja") -> None:
    """Each warning with its file and line, its code and the code's label in ``lang``."""
    columns = [Column("file", KEY), Column("line", NUMBER), Column("code", KEY)]
    columns += [Column("kind" if lang == "en" else "種類", drop=1), Column("message")]
    cells = [
        [
            escape(names.get(r.document_id, r.document_id)),
            str(r.line),
            r.code,
            escape(warning_label(r.code, lang)),
            escape(r.message),
        ]
        for r in rows
    ]
    print_table(f"warnings ({len(rows)})", columns, cells)


def print_programmes(rows: list[queries.ProgrammeView]) -> None:
    columns = [Column("programme"), Column("kind", KEY), Column("named in", KEY)]
    columns += [Column("initiatives", NUMBER, drop=1), Column("sections", drop=2)]
    cells = []
    for r in rows:
        counts = Counter(m.source_name for m in r.mentions)
        places = "\n".join(f"{escape(name)}×{n}" for name, n in counts.items())
        cells.append(
            [
                escape(r.name),
                r.kind.value,
                places,
                str(len(r.initiative_ids)),
                " ".join(r.section_labels),
            ]
        )
    print_table(f"programmes ({len(rows)})", columns, cells)


def print_timeline(rows: list[queries.DecisionView]) -> None:
    columns = [Column("date", KEY), Column("body", drop=1), Column("decision", KEY)]
    columns += [Column("what"), Column("source", KEY)]
    cells = [
        [
            escape(r.date.text),
            escape(r.body),
            escape(r.action + ("（予定）" if r.planned else "")),
            escape(r.what if len(r.what) <= 60 else r.what[:59] + "…"),
            mention_place(r.source_name, r.span),
        ]
        for r in rows
    ]
    print_table(f"timeline ({len(rows)})", columns, cells)


def print_targets(rows: list[queries.TargetView]) -> None:
    columns = [Column("id", KEY), Column("subject"), Column("value", KEY), Column("by", KEY)]
    columns += [Column("lines", KEY, drop=1)]
    cells = [
        [
            escape(r.id),
            escape(r.subject),
            escape(format_quantity(r.quantity)) if r.quantity else "",
            escape(r.period.text) if r.period else "",
            f"{r.span.first_line}-{r.span.last_line}",
        ]
        for r in rows
    ]
    print_table(f"targets ({len(rows)})", columns, cells)


def hit_json(hit: queries.SearchHit) -> dict[str, Any]:
    """A hit for machines: the snippet as plain text and as flagged segments."""
    data = asdict(hit)
    data["snippet"] = {
        "text": hit.snippet.text,
        "segments": [asdict(s) for s in hit.snippet.segments],
    }
    data["score"] = round(hit.score, 4)
    return data


def print_hits(hits: list[queries.SearchHit]) -> None:
    """Hits headed by their section or slide (label and title) and their document's title."""
    if not hits:
        out.print("no hits")
        return
    columns = [Column("score", NUMBER, drop=2), Column("element", KEY), Column("type", KEY)]
    columns += [Column("nth", NUMBER, drop=3)]  # the hit's place among hits of its type
    columns += [Column("section", KEY), Column("heading", drop=4)]
    columns += [Column("document", drop=5), Column("lines", KEY, drop=1), Column("snippet")]
    cells = [
        [
            f"{h.score:.3g}",
            escape(h.element_id),
            h.type,
            str(h.type_rank),
            h.section_label or (f"スライド{h.slide_number}" if h.slide_number else ""),
            escape(h.heading or ""),
            escape(h.document_title or h.source_name),
            f"{h.span.first_line}-{h.span.last_line}",
            "".join(
                f"[bold reverse]{escape(s.text)}[/]" if s.highlighted else escape(s.text)
                for s in h.snippet.segments
            ),
        ]
        for h in hits
    ]
    print_table(f"hits ({len(hits)})", columns, cells)


def print_editions(parts: list[queries.ReportPart]) -> None:
    columns = [Column("plan", KEY, repeat=False), Column("part", repeat=False)]
    columns += [Column("edition", KEY), Column("data until", KEY, drop=2)]
    columns += [Column("document", KEY), Column("file", KEY), Column("sections", drop=1)]
    cells = [
        [
            queries.plan_name(part.plan) or "?",
            escape(part.key),
            e.edition or "?",
            e.data_until.isoformat() if e.data_until else "",
            e.document_id,
            escape(e.source_name),
            " ".join(e.sections),
        ]
        for part in parts
        for e in part.editions
    ]
    print_table(f"report parts ({len(parts)})", columns, cells)


# Column names of the progress tables, by language: (Japanese, English).
_PROGRESS_COLUMNS = {
    "target": ("指標", "target"),
    "name": ("名称", "name"),
    "status": ("状況", "status"),
    "values": ("最新値 → 目標値", "latest → target"),
    "why": ("理由", "why"),
    "initiative": ("取組", "initiative"),
    "deadline": ("期限", "deadline"),
}


def _heading(key: str, lang: str) -> str:
    return _PROGRESS_COLUMNS[key][1 if lang == "en" else 0]


def print_assessments(rows: list[Any], lang: str = "ja") -> None:
    """Main targets: status and its reason in ``lang``, amounts in Japanese units."""
    from stiplan.exports.progress_report import number  # the report writers load on use

    t = translator(lang)
    names = ("target", "name", "status", "values", "why")
    kinds = (KEY, Kind.TEXT, KEY, Kind.TEXT, Kind.TEXT)
    columns = [Column(_heading(n, lang), k) for n, k in zip(names, kinds, strict=True)]
    cells = []
    for a in rows:
        latest = (
            f"{number(a.latest.value, a.latest.unit)}（{a.latest.period.text}）"
            if a.latest
            else "—"
        )
        goal = number(a.target_value, a.target_unit)
        cells.append(
            [
                a.target_id.split(":")[-1],
                escape(a.name),
                t(f"status_{a.status.value}"),
                escape(f"{latest} → {goal}"),
                escape(t.reason(a)),
            ]
        )
    title = (
        f"主要指標の進捗（{len(rows)}件）" if lang != "en" else f"progress ({len(rows)} targets)"
    )
    print_table(title, columns, cells)


def print_commitments(rows: list[Any], lang: str = "ja") -> None:
    """Dated commitments: status and its reason in ``lang``."""
    t = translator(lang)
    names = ("initiative", "deadline", "status", "why")
    kinds = (KEY, KEY, KEY, Kind.TEXT)
    columns = [Column(_heading(n, lang), k) for n, k in zip(names, kinds, strict=True)]
    cells = [
        [
            c.initiative_id.split(":")[-1],
            escape(c.deadline.text),
            t(f"status_{c.status.value}"),
            escape(t.reason(c)),
        ]
        for c in rows
    ]
    title = (
        f"期限のある取組（{len(rows)}件）" if lang != "en" else f"dated commitments ({len(rows)})"
    )
    print_table(title, columns, cells)
