"""Progress of targets and dated commitments as CSV (``stiplan progress --format csv``).

Headers in Japanese by default (``lang="en"``: the English keys), like every CSV and XLSX
of the project. Built as ``tabular.Table``s so that the one CSV writer serves it: the same
header rules, CRLF line ends and neutralisation of cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

from decimal import Decimal

from stiplan import queries
from stiplan.exports.tabular import Cell, Column, Table, table_to_csv
from stiplan.web.i18n import Translator, translator

_ASSESSMENT_COLUMNS = (
    ("target_id", "主要指標ID"),
    ("name", "名称"),
    ("status", "状況"),
    ("status_label", "状況（表示）"),
    ("reason", "理由"),
    ("reason_code", "理由コード"),
    ("target_value", "目標値"),
    ("target_unit", "目標値の単位"),
    ("target_period", "目標時期"),
    ("baseline", "基準値"),
    ("baseline_period", "基準時点"),
    ("latest", "最新値"),
    ("latest_period", "最新値の時点"),
    ("actual_rate", "実際の年率"),
    ("required_rate", "必要な年率"),
    ("ratio", "比"),
    ("gap", "目標までの差"),
    ("achieved", "達成率"),
)
_COMMITMENT_COLUMNS = (
    ("initiative_id", "取組ID"),
    ("deadline", "期限"),
    ("deadline_end", "期限（日付）"),
    ("status", "状況"),
    ("status_label", "状況（表示）"),
    ("reason", "理由"),
    ("reason_code", "理由コード"),
)


def progress_csv(
    result: queries.Progress, commitments: bool, excel: bool = False, lang: str = "ja"
) -> str:
    """The targets' assessments, or the commitments with deadlines, as CSV text.

    Headers, status labels and reasons in ``lang`` (Japanese by default); ``status`` and
    ``reason_code`` stay codes and numbers stay raw (``80000000000000``), for scripts."""
    t = translator(lang)
    if commitments:
        rows = [_commitment_row(c, t) for c in result.commitments]
        return table_to_csv(_table("commitments", _COMMITMENT_COLUMNS, rows), excel, lang)
    rows = [_assessment_row(a, t) for a in result.assessments]
    return table_to_csv(_table("progress", _ASSESSMENT_COLUMNS, rows), excel, lang)


def _table(name: str, columns: tuple[tuple[str, str], ...], rows: list[dict[str, Cell]]) -> Table:
    return Table(name, name, tuple(Column(k, h) for k, h in columns), rows)


def _commitment_row(c: queries.CommitmentStatus, t: Translator) -> dict[str, Cell]:
    return {
        "initiative_id": c.initiative_id,
        "deadline": c.deadline.text,
        "deadline_end": c.deadline.period.end.isoformat(),
        "status": c.status.value,
        "status_label": t(f"status_{c.status.value}"),
        "reason": t.reason(c),
        "reason_code": c.reason_code,
    }


def _assessment_row(a: queries.Assessment, t: Translator) -> dict[str, Cell]:
    return {
        "target_id": a.target_id,
        "name": a.name,
        "status": a.status.value,
        "status_label": t(f"status_{a.status.value}"),
        "reason": t.reason(a),
        "reason_code": a.reason_code,
        "target_value": _raw(a.target_value),
        "target_unit": a.target_unit,
        "target_period": a.target_period.text if a.target_period else "",
        "baseline": _raw(a.baseline.value) if a.baseline else "",
        "baseline_period": a.baseline.period.text if a.baseline else "",
        "latest": _raw(a.latest.value) if a.latest else "",
        "latest_period": a.latest.period.text if a.latest else "",
        "actual_rate": _fixed(a.actual_rate, 6),
        "required_rate": _fixed(a.required_rate, 6),
        "ratio": _fixed(a.ratio, 4),
        "gap": _raw(a.gap),
        "achieved": _fixed(a.achieved, 4),
    }


def _raw(value: Decimal | None) -> str:
    """A number as stored, without separators or exponent (``80000000000000``)."""
    return "" if value is None else queries.plain_decimal(value, trim=True)


def _fixed(value: Decimal | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"
