"""Writing the new edition's report text: last year's text with the accepted answers applied.

The simplest faithful route: the published edition is report text in the follow-up format
(``docs/followup-format.md``), read by the ordinary reader, so that progress, search, the
edition diff and the dashboard see it exactly as an ingested report, and re-ingesting the
exported text gives the same document. Only what the survey asks changes:

- an initiative's row keeps its commitment cell as written; its status and next-step cells
  are written anew from the answer (continuation rows after a page break keep their
  commitment fragment and get empty cells). Each item keeps the footnote markers and the
  （再掲） flag of last year's item in the same position;
- an indicator value's ``value（period）`` is replaced in its line.

Texts are escaped for the cells' HTML (``&``, ``<``, ``>``); the checks in ``answers`` have
already refused what the reader would read otherwise (line breaks, tags, splitting bullets).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from datetime import date

from stiplan.model import Action, Document, Initiative, Observation, StatusItem
from stiplan.readers.followup.state import fit_cells, table_columns
from stiplan.survey.answers import InitiativeAnswer, ObservationAnswer, parse_ministries
from stiplan.survey.content import Item, path_of, tag_text
from stiplan.survey.dating import dated

_SEPARATOR = re.compile(r"^[\s\-－―—|]+$")
EMPTY_CELL = "—"


class PublishError(ValueError):
    """The answers cannot be placed in last year's text (a structure the survey cannot
    rewrite); names the element."""


def _marker(numbers: list[int]) -> str:
    return "^{" + " ".join(map(str, numbers)) + "}" if numbers else ""


def _tag(ministries: str) -> str:
    refs = parse_ministries(ministries)
    if not refs:
        return ""
    codes = [f"<u>{html.escape(r.code)}</u>" if r.lead else html.escape(r.code) for r in refs]
    return "【" + "、".join(codes) + "】"


def _cell(items: tuple[Item, ...], before: Sequence[StatusItem | Action]) -> str:
    if not items:
        return EMPTY_CELL
    pieces = []
    for n, item in enumerate(items):
        old = before[n] if n < len(before) else None
        marker = _marker(old.footnotes) if old is not None else ""
        repeated = "（再掲）" if old is not None and old.repeated else ""
        text = html.escape(item.text, quote=False)
        pieces.append(f"<p>・{text}{marker}{repeated}{_tag(item.ministries)}</p>")
    return " ".join(pieces)


def _row_lines(lines: list[str], initiative: Initiative) -> list[int]:
    """0-based indexes of the initiative's table rows (its first row, then continuations)."""
    span = initiative.span
    found = []
    for index in range(span.first_line - 1, min(span.last_line, len(lines))):
        line = lines[index]
        if "\t" in line and not _SEPARATOR.match(line):
            found.append(index)
    if not found:
        raise PublishError(
            f"{initiative.id}: no table row in lines {span.first_line}-{span.last_line}"
        )
    return found


def apply_initiative(lines: list[str], initiative: Initiative, answer: InitiativeAnswer) -> None:
    """Rewrite the initiative's status and next-step cells in ``lines`` (in place), where the
    table's header puts them; the commitment and any other column stay as written."""
    rows = _row_lines(lines, initiative)
    (_, status_at, actions_at), width = _columns_above(lines, rows[0])
    status = _cell(answer.status, initiative.status_items)
    actions = _cell(answer.actions, initiative.actions)
    for index in rows:
        cells = fit_cells(lines[index].split("\t"), width)  # as the reader reads them
        first = index == rows[0]  # continuation rows: their cells now stand in the first
        cells[status_at], cells[actions_at] = (status, actions) if first else ("", "")
        lines[index] = "\t".join(cells)


def _columns_above(lines: list[str], index: int) -> tuple[tuple[int, int, int], int]:
    """The columns of the table holding row ``index`` (``readers.followup.table_columns``:
    the header's order) and its width; a table without a header is read as the usual three."""
    for line in reversed(lines[:index]):
        cells = line.split("\t")
        columns = table_columns(cells) if "\t" in line else None
        if columns is not None:
            return columns, len(cells)
    return (0, 1, 2), 3


def apply_observations(
    lines: list[str], observations: list[Observation], answers: Mapping[str, ObservationAnswer]
) -> None:
    """Replace the ``value（period）`` of each answered observation in its line (in place);
    observations of one line in order, each searched after the one before."""
    cursor: dict[int, int] = {}
    for obs in observations:
        answer = answers.get(path_of(obs.id))
        index = obs.span.first_line - 1
        old_value = obs.quantity.text if obs.quantity is not None else ""
        old_period = obs.period.text if obs.period is not None else ""
        line = lines[index]
        start = cursor.get(index, 0)
        if obs.label and (at := line.find(obs.label, start)) >= 0:
            start = at
        if answer is None or (answer.value, answer.period) == (old_value, old_period):
            cursor[index] = max(start, line.find(old_value, start) + len(old_value))
            continue
        old = f"{old_value}（{old_period}）" if old_period else old_value
        new = f"{answer.value}（{answer.period}）" if old_period else answer.value
        at = line.find(old, start) if old_value else -1
        if at < 0:
            raise PublishError(f"{obs.id}: the value {old!r} is not in line {index + 1}")
        lines[index] = line[:at] + new + line[at + len(old) :]
        cursor[index] = at + len(new)


def _observations(document: Document) -> list[Observation]:
    found: list[Observation] = []
    for chapter in document.chapters:
        groups = [chapter.indicators, *(s.indicators for s in chapter.sections)]
        for indicators in groups:
            found += [o for indicator in indicators for o in indicator.observations]
    return found


def _initiatives(document: Document) -> dict[str, Initiative]:
    return {
        path_of(i.id): i
        for chapter in document.chapters
        for section in chapter.sections
        for sub in section.subsections
        for i in sub.initiatives
    }


def _as_answered(initiative: Initiative) -> InitiativeAnswer:
    """Last year's items of an initiative as an answer giving them again would hold."""
    return InitiativeAnswer(
        tuple(Item(s.text, tag_text(s.ministries)) for s in initiative.status_items),
        tuple(Item(a.text, tag_text(a.ministries)) for a in initiative.actions),
    )


def new_edition_text(
    lines: list[str],
    document: Document,
    initiatives: Mapping[str, InitiativeAnswer],
    observations: Mapping[str, ObservationAnswer],
    published: date,
) -> str:
    """Last year's text (``lines``, 1-based as ``document``'s spans) with the answers applied,
    dated ``published`` (``survey.dating``)."""
    out = list(lines)
    known = _initiatives(document)
    for path, answer in initiatives.items():
        if path not in known:
            raise PublishError(f"{path}: no such initiative in {document.id}")
        if answer != _as_answered(known[path]):  # an unchanged row keeps last year's text
            apply_initiative(out, known[path], answer)
    apply_observations(out, _observations(document), observations)
    return "\n".join(dated(out, published))  # last: a new date line shifts every line
