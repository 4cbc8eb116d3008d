"""The tables each command prints for people, one function per answer.

``--json`` answers go through ``render.print_json`` instead; nothing here opens the store.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.markup import escape
from rich.table import Table

from stiplan import queries
from stiplan.cli.base import err, out
from stiplan.cli.render import mention_place, tag
from stiplan.exports.progress_report import STATUS_JA, number
from stiplan.queries import format_quantity


def print_outcomes(outcomes: list[queries.IngestOutcome]) -> None:
    """One row per ingested file with what it held, then its warnings by kind."""
    table = Table(title="ingest")
    for column in ("file", "result", "document", "sections", "subsections", "initiatives"):
        table.add_column(column)
    for column in ("actions", "indicators", "footnotes", "slides", "programmes", "decisions"):
        table.add_column(column, justify="right")
    table.add_column("warnings", justify="right")
    for o in outcomes:
        c = o.counts
        numbers = (
            [
                c.sections,
                c.subsections,
                c.initiatives,
                c.actions,
                c.indicators,
                c.footnotes,
                c.slides,
                c.programmes,
                c.decisions,
                c.warnings,
            ]
            if c
            else [""] * 10
        )
        name = escape(Path(o.source).name)
        table.add_row(name, o.status.value, o.document_id or "", *map(str, numbers))
    out.print(table)
    for o in outcomes:
        if o.warning_kinds:
            kinds = ", ".join(f"{code} {n}" for code, n in o.warning_kinds)
            total = sum(n for _, n in o.warning_kinds)
            out.print(f"{escape(Path(o.source).name)}: 警告 {total}件 (warnings) — {escape(kinds)}")
        if o.error:
            err.print(f"[bold red]rejected:[/] {escape(o.error)}")


def print_documents(rows: list[Any]) -> None:
    table = Table(title="documents")
    for column in ("id", "kind", "file", "title", "plan", "edition", "lines", "ingested"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            r.id,
            r.kind.value,
            escape(r.source_name),
            escape(r.title),
            queries.plan_name(r.plan) or "?",
            r.edition,
            str(r.line_count),
            r.ingested_at[:19],
        )
    out.print(table)


def print_sections(rows: list[queries.SectionRow]) -> None:
    table = Table(title="sections")
    for column in ("section", "title", "subsections", "initiatives", "targets", "indicators"):
        table.add_column(column)
    table.add_column("lines")
    for r in rows:
        table.add_row(
            r.full_label,
            escape(r.title),
            str(r.subsection_count),
            str(r.initiative_count),
            str(r.target_count),
            str(r.indicator_count),
            f"{r.span.first_line}-{r.span.last_line}",
        )
    out.print(table)


def print_initiatives(rows: list[Any]) -> None:
    table = Table(title=f"initiatives ({len(rows)})")
    table.add_column("id", no_wrap=True)
    table.add_column("section", no_wrap=True)
    table.add_column("commitment", ratio=3)
    table.add_column("ministries", ratio=1)
    table.add_column("status", justify="right")
    table.add_column("actions", justify="right")
    for r in rows:
        commitment = r.commitment if len(r.commitment) <= 60 else r.commitment[:59] + "…"
        table.add_row(
            r.id,
            f"{r.section_label}{'①②③④⑤⑥⑦⑧⑨⑩'[r.subsection_number - 1 :][:1]}",
            escape(commitment),
            tag(r.ministries),
            str(r.status_item_count),
            str(r.action_count),
        )
    out.print(table)


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
    for child in view.children:
        label = child.text or child.title or ""
        out.print(f"  · {child.type} {escape(child.id)}: {escape(label[:70])}")
    out.rule("source")
    for line in view.source:
        out.print(f"[dim]{line.line_no:>6}[/] {escape(line.text)}")


def print_warnings(rows: list[queries.WarningRow], names: dict[str, str]) -> None:
    table = Table(title=f"warnings ({len(rows)})")
    for column in ("file", "line", "code", "message"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            escape(names.get(r.document_id, r.document_id)),
            str(r.line),
            r.code,
            escape(r.message),
        )
    out.print(table)


def print_programmes(rows: list[queries.ProgrammeView]) -> None:
    table = Table(title=f"programmes ({len(rows)})")
    table.add_column("programme", ratio=3)
    table.add_column("kind")
    table.add_column("named in", ratio=2)
    table.add_column("initiatives", justify="right")
    table.add_column("sections", ratio=1)
    for r in rows:
        counts = Counter(m.source_name for m in r.mentions)
        places = " ".join(f"{escape(name)}×{n}" for name, n in counts.items())
        table.add_row(
            escape(r.name),
            r.kind.value,
            places,
            str(len(r.initiative_ids)),
            " ".join(r.section_labels),
        )
    out.print(table)


def print_timeline(rows: list[queries.DecisionView]) -> None:
    table = Table(title=f"timeline ({len(rows)})")
    for column in ("date", "body", "decision", "what", "source"):
        table.add_column(column)
    for r in rows:
        action = r.action + ("（予定）" if r.planned else "")
        table.add_row(
            escape(r.date.text),
            escape(r.body),
            escape(action),
            escape(r.what if len(r.what) <= 60 else r.what[:59] + "…"),
            mention_place(r.source_name, r.span),
        )
    out.print(table)


def print_targets(rows: list[queries.TargetView]) -> None:
    table = Table(title=f"targets ({len(rows)})")
    for column in ("id", "subject", "value", "by", "lines"):
        table.add_column(column)
    for r in rows:
        table.add_row(
            escape(r.id),
            escape(r.subject),
            escape(format_quantity(r.quantity)) if r.quantity else "",
            escape(r.period.text) if r.period else "",
            f"{r.span.first_line}-{r.span.last_line}",
        )
    out.print(table)


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
    if not hits:
        out.print("no hits")
        return
    table = Table(title=f"hits ({len(hits)})")
    table.add_column("score", justify="right")
    table.add_column("element", no_wrap=True)
    table.add_column("type")
    table.add_column("nth", justify="right")  # the hit's place among hits of its type
    table.add_column("section")
    table.add_column("lines")
    table.add_column("snippet", ratio=1)
    for h in hits:
        table.add_row(
            f"{h.score:.3g}",
            escape(h.element_id),
            h.type,
            str(h.type_rank),
            h.section_label or "",
            f"{h.span.first_line}-{h.span.last_line}",
            "".join(
                f"[bold reverse]{escape(s.text)}[/]" if s.highlighted else escape(s.text)
                for s in h.snippet.segments
            ),
        )
    out.print(table)


def print_editions(parts: list[queries.ReportPart]) -> None:
    table = Table(title=f"report parts ({len(parts)})")
    for column in ("plan", "part", "edition", "data until", "document", "file", "sections"):
        table.add_column(column, no_wrap=column in ("plan", "data until"))
    for part in parts:
        for index, e in enumerate(part.editions):
            table.add_row(
                (queries.plan_name(part.plan) or "?") if index == 0 else "",
                escape(part.key) if index == 0 else "",
                e.edition or "?",
                e.data_until.isoformat() if e.data_until else "",
                e.document_id,
                escape(e.source_name),
                " ".join(e.sections),
            )
    out.print(table)


def print_assessments(rows: list[Any]) -> None:
    table = Table(title=f"progress ({len(rows)} targets)")
    table.add_column("target", no_wrap=True)
    table.add_column("name", ratio=2)
    table.add_column("status", no_wrap=True)
    table.add_column("latest → target", ratio=1)
    table.add_column("why", ratio=2)
    for a in rows:
        latest = f"{number(a.latest.value)}（{a.latest.period.text}）" if a.latest else "—"
        goal = f"{number(a.target_value)} {a.target_unit}" if a.target_value is not None else "—"
        table.add_row(
            a.target_id.split(":")[-1],
            escape(a.name),
            STATUS_JA[a.status],
            escape(f"{latest} → {goal}"),
            escape(a.reason),
        )
    out.print(table)


def print_commitments(rows: list[Any]) -> None:
    table = Table(title=f"dated commitments ({len(rows)})")
    for column in ("initiative", "deadline", "status", "why"):
        table.add_column(column)
    for c in rows:
        table.add_row(
            c.initiative_id.split(":")[-1],
            escape(c.deadline.text),
            STATUS_JA[c.status],
            escape(c.reason),
        )
    out.print(table)
