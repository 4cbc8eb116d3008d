"""Every row of the table in docs/normalisation.md is a test: the docs cannot drift."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from stiplan.model import Deadline, Period, Quantity
from stiplan.normalize.dates import (
    PeriodError,
    find_deadlines,
    format_period,
    gregorian_years,
    parse_period,
)
from stiplan.normalize.numbers import (
    QuantityError,
    find_quantities,
    format_quantity,
    parse_quantity,
)
from stiplan.normalize.text import clean, clean_with_refs
from stiplan.normalize.values import (
    ObservationValue,
    read_target,
    split_name_value,
    split_observations,
)

DOC = Path(__file__).resolve().parents[3] / "docs" / "normalisation.md"
_ROW = re.compile(r"^\|\s*([a-z_]+)\s*\|\s*`(.*)`\s*\|\s*`(.*)`\s*\|\s*$")


def table_rows() -> list[tuple[str, str, str]]:
    """(function, example, reading) for each row of the table under "## The table"."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("## The table", 1)[1]
    rows = []
    for line in table.splitlines():
        m = _ROW.match(line)
        if m:
            example = m.group(2).replace("\\n", "\n")
            rows.append((m.group(1), example, m.group(3)))
    return rows


def period_reading(p: Period | None) -> str:
    return "-" if p is None else f"{p.start}..{p.end} {p.kind.value}"


def quantity_reading(q: Quantity | None) -> str:
    if q is None:
        return "-"
    parts = [format(q.value, "f")]
    if q.unit:
        parts.append(q.unit)
    if q.scale:
        parts.append(f"scale={q.scale}")
    if q.qualifier is not None:
        parts.append(f"qualifier={q.qualifier.value}")
    if q.of is not None:
        parts.append(f"of={q.of}")
    if q.per is not None:
        parts.append(f"per={q.per}")
    if q.baseline is not None:
        parts.append(f"baseline={period_reading(q.baseline)}")
    if q.provisional:
        parts.append("provisional")
    if q.derived:
        parts.append(f"derived={q.text}")
    return " ".join(parts)


def deadline_reading(d: Deadline) -> str:
    return f"{d.kind.value} {period_reading(d.period)}"


def observation_reading(o: ObservationValue) -> str:
    text = f"[{o.label}] {quantity_reading(o.quantity)} @ {period_reading(o.period)}"
    return text + (f" note={o.note}" if o.note else "")


def joined(items: list[str]) -> str:
    return " ; ".join(items) if items else "-"


READERS: dict[str, Callable[[str], str]] = {
    "parse_period": lambda s: period_reading(parse_period(s)),
    "format_period": lambda s: format_period(parse_period(s)),
    "gregorian_years": gregorian_years,
    "find_deadlines": lambda s: joined([deadline_reading(d) for d in find_deadlines(s)]),
    "parse_quantity": lambda s: quantity_reading(parse_quantity(s)),
    "format_quantity": lambda s: format_quantity(parse_quantity(s)),
    "find_quantities": lambda s: joined([quantity_reading(q) for q in find_quantities(s)]),
    "split_name_value": lambda s: " ⇒ ".join(split_name_value(s)),
    "split_observations": lambda s: joined([observation_reading(o) for o in split_observations(s)]),
    "read_target": lambda s: observation_reading(read_target(s)),
    "clean": clean,
    "clean_with_refs": lambda s: "{} {}".format(*clean_with_refs(s)),
}

ROWS = table_rows()


def test_the_table_covers_every_public_function() -> None:
    assert {fn for fn, _, _ in ROWS} == set(READERS)
    assert len(ROWS) >= 150


@pytest.mark.parametrize(("function", "example", "reading"), ROWS, ids=[r[1] for r in ROWS])
def test_docs_row(function: str, example: str, reading: str) -> None:
    read = READERS[function]
    if reading in {"PeriodError", "QuantityError"}:
        error = PeriodError if reading == "PeriodError" else QuantityError
        with pytest.raises(error):
            read(example)
        return
    assert read(example) == reading
