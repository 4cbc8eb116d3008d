"""Progress of targets and dated commitments as CSV (``stiplan progress --format csv``).

Built as ``tabular.Table``s so that the one CSV writer serves it: the same header rules, CRLF
line ends and neutralisation of cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

from decimal import Decimal

from stiplan import queries
from stiplan.exports.progress_report import number
from stiplan.exports.tabular import Cell, Column, Table, table_to_csv

_ASSESSMENT_COLUMNS = (
    "target_id",
    "name",
    "status",
    "reason",
    "target_value",
    "target_unit",
    "target_period",
    "baseline",
    "baseline_period",
    "latest",
    "latest_period",
    "actual_rate",
    "required_rate",
    "ratio",
    "gap",
    "achieved",
)
_COMMITMENT_COLUMNS = ("initiative_id", "deadline", "deadline_end", "status", "reason")


def progress_csv(result: queries.Progress, commitments: bool, excel: bool = False) -> str:
    """The targets' assessments, or the commitments with deadlines, as CSV text."""
    if commitments:
        rows = [_commitment_row(c) for c in result.commitments]
        return table_to_csv(_table("commitments", _COMMITMENT_COLUMNS, rows), excel)
    rows = [_assessment_row(a) for a in result.assessments]
    return table_to_csv(_table("progress", _ASSESSMENT_COLUMNS, rows), excel)


def _table(name: str, keys: tuple[str, ...], rows: list[dict[str, Cell]]) -> Table:
    return Table(name, name, tuple(Column(k, k) for k in keys), rows)


def _commitment_row(c: queries.CommitmentStatus) -> dict[str, Cell]:
    return {
        "initiative_id": c.initiative_id,
        "deadline": c.deadline.text,
        "deadline_end": c.deadline.period.end.isoformat(),
        "status": c.status.value,
        "reason": c.reason,
    }


def _assessment_row(a: queries.Assessment) -> dict[str, Cell]:
    return {
        "target_id": a.target_id,
        "name": a.name,
        "status": a.status.value,
        "reason": a.reason,
        "target_value": number(a.target_value),
        "target_unit": a.target_unit,
        "target_period": a.target_period.text if a.target_period else "",
        "baseline": number(a.baseline.value) if a.baseline else "",
        "baseline_period": a.baseline.period.text if a.baseline else "",
        "latest": number(a.latest.value) if a.latest else "",
        "latest_period": a.latest.period.text if a.latest else "",
        "actual_rate": _fixed(a.actual_rate, 6),
        "required_rate": _fixed(a.required_rate, 6),
        "ratio": _fixed(a.ratio, 4),
        "gap": "" if a.gap is None else number(a.gap),
        "achieved": _fixed(a.achieved, 4),
    }


def _fixed(value: Decimal | None, places: int) -> str:
    return "" if value is None else f"{value:.{places}f}"
