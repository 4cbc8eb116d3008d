"""The progress report: per section, a status table, the working and the sources.

Markdown for reading and pasting, HTML (self-contained, every document text escaped) for
sharing. Both are built from ``Assessment``s and ``CommitmentStatus``es only, in Japanese by
default or in English (``lang="en"``): headings, labels, statuses and the reason of every
status (``web.i18n``'s catalogue, the one the dashboard uses). Amounts are in Japanese units
(``format_amount``: 80兆円, 3.2万人).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from decimal import Decimal

from stiplan.exports.csp import policy_meta
from stiplan.queries import Assessment, CommitmentStatus, Point, Status, format_amount
from stiplan.web.i18n import translator

STATUS_JA = {status: translator("ja")(f"status_{status.value}") for status in Status}

# key: (Japanese, English): the report's own words.
LABELS: Mapping[str, tuple[str, str]] = {
    "lang": ("ja", "en"),
    "title": ("主要指標の進捗", "Progress of main targets"),
    "commitments": ("期限のある取組", "Dated commitments"),
    "target": ("主要指標", "target"),
    "status": ("状況", "status"),
    "latest": ("最新値", "latest"),
    "target_value": ("目標値", "target value"),
    "working": ("判定の根拠", "working"),
    "initiative": ("取組", "initiative"),
    "deadline": ("期限", "deadline"),
    "evidence": ("根拠", "evidence"),
    "baseline": ("基準値", "baseline"),
    "gap": ("目標までの差", "gap"),
    "achieved": ("達成率", "achieved"),
    "series": ("推移", "series"),
    "per_year": ("年率", "per year"),
    "growth": (
        "実際の年率 {actual} ÷ 必要な年率 {required} = {ratio}（{method}）；"
        "順調 ≥ {on_track}、加速が必要 ≥ {acceleration}",
        "actual {actual}/year ÷ required {required}/year = {ratio} ({method}); "
        "on track ≥ {on_track}, needs acceleration ≥ {acceleration}",
    ),
}


def _label(key: str, lang: str) -> str:
    return LABELS[key][1 if lang == "en" else 0]


def number(value: Decimal | None, unit: str = "") -> str:
    """An amount in Japanese units (``80兆円``), ``—`` when there is none."""
    return "—" if value is None else format_amount(value, unit)


def _point(p: Point | None) -> str:
    return f"{number(p.value, p.unit)}（{p.period.text}）[{p.source_id}]" if p else "—"


def _status(status: Status, lang: str) -> str:
    return translator(lang)(f"status_{status.value}")


# The analysis names its method in English (``Assessment.method``); a method not listed here
# is shown as named.
METHODS_JA: Mapping[str, str] = {
    "compound annual growth (Statistics Canada / Open SDG)": "年平均成長率による比較"
    "（カナダ統計局・Open SDG の方法）",
    "linear yearly change (target or baseline not positive)": "年あたりの変化量による比較"
    "（目標値または基準値が正でないため）",
}


def _growth(a: Assessment, lang: str) -> str:
    method = a.method if lang == "en" else METHODS_JA.get(a.method, a.method)
    return _label("growth", lang).format(
        actual=f"{a.actual_rate:.4f}",
        required=f"{a.required_rate:.4f}",
        ratio=f"{a.ratio:.2f}",
        method=method,
        on_track=a.thresholds.on_track,
        acceleration=a.thresholds.acceleration,
    )


def working(a: Assessment, lang: str = "ja") -> list[str]:
    """The numbers behind one status, one line each, as a person would check them."""
    t = translator(lang)
    lines = [f"{_label('status', lang)}: {_status(a.status, lang)} — {t.reason(a)}"]
    if a.target_value is not None:
        period = a.target_period.text if a.target_period else "—"
        lines.append(
            f"{_label('target_value', lang)}: {number(a.target_value, a.target_unit)}（{period}）"
        )
    lines.append(f"{_label('baseline', lang)}: {_point(a.baseline)}")
    lines.append(f"{_label('latest', lang)}: {_point(a.latest)}")
    if a.gap is not None:
        achieved = "—" if a.achieved is None else f"{a.achieved * 100:.1f}%"
        lines.append(
            f"{_label('gap', lang)}: {number(a.gap, a.gap_unit)}; "
            f"{_label('achieved', lang)}: {achieved}"
        )
    if a.ratio is not None:
        lines.append(_growth(a, lang))
    if a.series:
        lines.append(f"{_label('series', lang)}: " + "; ".join(_point(p) for p in a.series))
    return lines


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _by_section(assessments: Iterable[Assessment]) -> dict[str, list[Assessment]]:
    by_section: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_section.setdefault(a.section_id, []).append(a)
    return by_section


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_commitments(rows: list[CommitmentStatus], lang: str) -> list[str]:
    if not rows:
        return []
    t = translator(lang)
    heads = [_label(k, lang) for k in ("initiative", "deadline", "status", "evidence")]
    out = [f"## {_label('commitments', lang)}", "", _md_row(heads), "|---|---|---|---|"]
    for c in rows:
        cells = [f"`{c.initiative_id}`", c.deadline.text, _status(c.status, lang)]
        out.append(_md_row([*cells, _md_cell(t.reason(c))]))
    return out


def to_markdown(
    assessments: Iterable[Assessment], commitments: Iterable[CommitmentStatus], lang: str = "ja"
) -> str:
    """The report as Markdown, grouped by section."""
    out = [f"# {_label('title', lang)}", ""]
    heads = [_label(k, lang) for k in ("target", "status", "latest", "target_value")]
    for section_id, items in _by_section(assessments).items():
        out += [f"## {section_id}", "", _md_row(heads), "|---|---|---|---|"]
        for a in items:
            target = number(a.target_value, a.target_unit)
            cells = [_md_cell(a.name), _status(a.status, lang), _md_cell(_point(a.latest))]
            out.append(_md_row([*cells, target]))
        out.append("")
        for a in items:
            out += [f"- **{_md_cell(a.name)}** (`{a.target_id}`)"]
            out += [f"  - {_md_cell(line)}" for line in working(a, lang)]
        out.append("")
    out += _md_commitments(list(commitments), lang)
    return "\n".join(out) + "\n"


def _html_row(cells: Iterable[str], tag: str = "td") -> str:
    return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells) + "</tr>"


def to_html(
    assessments: Iterable[Assessment], commitments: Iterable[CommitmentStatus], lang: str = "ja"
) -> str:
    """The report as one self-contained, escaped HTML page."""
    esc = html.escape
    title = esc(_label("title", lang))
    parts = [
        f'<!doctype html><html lang="{_label("lang", lang)}"><head><meta charset="utf-8">',
        policy_meta(),
        f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;max-width:70em;margin:auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em}</style>",
        f"</head><body><h1>{title}</h1>",
    ]
    heads = [esc(_label(k, lang)) for k in ("target", "status", "working")]
    for section_id, items in _by_section(assessments).items():
        parts.append(f"<h2>{esc(section_id)}</h2><table>{_html_row(heads, 'th')}")
        for a in items:
            work = "<br>".join(esc(line) for line in working(a, lang))
            parts.append(_html_row([esc(a.name), esc(_status(a.status, lang)), work]))
        parts.append("</table>")
    rows = list(commitments)
    if rows:
        t = translator(lang)
        heads = [esc(_label(k, lang)) for k in ("initiative", "deadline", "status", "evidence")]
        parts.append(f"<h2>{esc(_label('commitments', lang))}</h2><table>{_html_row(heads, 'th')}")
        for c in rows:
            cells = [c.initiative_id, c.deadline.text, _status(c.status, lang), t.reason(c)]
            parts.append(_html_row(esc(cell) for cell in cells))
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
