"""The progress report: per section, a status table, the working and the sources.

Markdown for reading and pasting, HTML (self-contained, every document text escaped) for
sharing. Both are built from ``Assessment``s and ``CommitmentStatus``es only.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from decimal import Decimal

from stiplan.exports.csp import policy_meta
from stiplan.queries import Assessment, CommitmentStatus, Point, Status

STATUS_JA = {
    Status.ACHIEVED: "達成",
    Status.ON_TRACK: "順調",
    Status.NEEDS_ACCELERATION: "加速が必要",
    Status.LIMITED_PROGRESS: "進捗が限定的",
    Status.DETERIORATION: "後退",
    Status.NOT_ASSESSABLE: "評価不能",
    Status.DONE_AS_REPORTED: "完了と報告",
    Status.DUE: "期限前",
    Status.OVERDUE: "期限超過（完了の報告なし）",
}


def number(value: Decimal | None) -> str:
    """A decimal without exponent or trailing zeros, with thousands separators."""
    if value is None:
        return "—"
    text = f"{value.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _point(p: Point | None) -> str:
    return f"{number(p.value)} {p.unit}（{p.period.text}）[{p.source_id}]" if p else "—"


def working(a: Assessment) -> list[str]:
    """The numbers behind one status, one line each, as a person would check them."""
    lines = [f"status: {a.status.value} ({STATUS_JA[a.status]}) — {a.reason}"]
    if a.target_value is not None:
        period = a.target_period.text if a.target_period else "—"
        lines.append(f"target: {number(a.target_value)} {a.target_unit}（{period}）")
    lines.append(f"baseline: {_point(a.baseline)}")
    lines.append(f"latest: {_point(a.latest)}")
    if a.gap is not None:
        achieved = "—" if a.achieved is None else f"{a.achieved * 100:.1f}%"
        lines.append(f"gap (目標までの差): {number(a.gap)} {a.target_unit}; 達成率: {achieved}")
    if a.ratio is not None:
        lines.append(
            f"actual {a.actual_rate:.4f}/year ÷ required {a.required_rate:.4f}/year = "
            f"{a.ratio:.2f} ({a.method}); on track ≥ {a.thresholds.on_track}, "
            f"needs acceleration ≥ {a.thresholds.acceleration}"
        )
    if a.series:
        lines.append("series: " + "; ".join(_point(p) for p in a.series))
    return lines


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(assessments: Iterable[Assessment], commitments: Iterable[CommitmentStatus]) -> str:
    """The report as Markdown, grouped by section."""
    out = ["# 主要指標の進捗 / Progress of main targets", ""]
    by_section: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_section.setdefault(a.section_id, []).append(a)
    for section_id, items in by_section.items():
        out += [
            f"## {section_id}",
            "",
            "| target | status | latest | target value |",
            "|---|---|---|---|",
        ]
        for a in items:
            target = f"{number(a.target_value)} {a.target_unit}" if a.target_value else "—"
            cells = [_md_cell(a.name), STATUS_JA[a.status], _md_cell(_point(a.latest)), target]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
        for a in items:
            out += [f"- **{_md_cell(a.name)}** (`{a.target_id}`)"]
            out += [f"  - {_md_cell(line)}" for line in working(a)]
        out.append("")
    rows = list(commitments)
    if rows:
        out += [
            "## 期限のある取組 / Dated commitments",
            "",
            "| initiative | deadline | status | evidence |",
            "|---|---|---|---|",
        ]
        for c in rows:
            cells = [
                f"`{c.initiative_id}`",
                c.deadline.text,
                STATUS_JA[c.status],
                _md_cell(c.reason),
            ]
            out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def to_html(assessments: Iterable[Assessment], commitments: Iterable[CommitmentStatus]) -> str:
    """The report as one self-contained, escaped HTML page."""
    esc = html.escape
    parts = [
        '<!doctype html><html lang="ja"><head><meta charset="utf-8">',
        policy_meta(),
        "<title>主要指標の進捗</title>",
        "<style>body{font-family:sans-serif;max-width:70em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em}</style>",
        "</head><body><h1>主要指標の進捗 / Progress of main targets</h1>",
    ]
    by_section: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_section.setdefault(a.section_id, []).append(a)
    for section_id, items in by_section.items():
        parts.append(
            f"<h2>{esc(section_id)}</h2><table><tr><th>target</th><th>status</th>"
            "<th>working</th></tr>"
        )
        for a in items:
            work = "<br>".join(esc(line) for line in working(a))
            parts.append(
                f"<tr><td>{esc(a.name)}</td><td>{esc(STATUS_JA[a.status])}</td><td>{work}</td></tr>"
            )
        parts.append("</table>")
    rows = list(commitments)
    if rows:
        parts.append(
            "<h2>期限のある取組 / Dated commitments</h2><table><tr><th>initiative</th>"
            "<th>deadline</th><th>status</th><th>evidence</th></tr>"
        )
        for c in rows:
            parts.append(
                f"<tr><td>{esc(c.initiative_id)}</td><td>{esc(c.deadline.text)}</td>"
                f"<td>{esc(STATUS_JA[c.status])}</td><td>{esc(c.reason)}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
