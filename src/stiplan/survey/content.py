"""What a survey round asks: every initiative and reference indicator of the source edition,
laid out as rows, each owned by one ministry.

An initiative is owned by its first lead ministry (underlined in the tag), else by its first
ministry that is not a group (関係府省, 全府省); the other ministries see it as a reference row.
One owner per row keeps each row's answer in one revision. A reference indicator has no tag:
it is owned by the ministry owning the most initiatives of its section (of its chapter, for a
chapter's indicators). Rows nobody can own go to the secretariat's own code ``科技``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from stiplan.model import (
    Chapter,
    Document,
    Indicator,
    Initiative,
    MinistryRef,
    Observation,
    Section,
    subsection_mark,
)
from stiplan.normalize.ministries import lookup

SECRETARIAT_CODE = "科技"
"""The code of the CSTI secretariat's own office: owner of the rows no ministry owns."""
SPARE_ROWS = 2
"""Empty rows offered after last year's items, for new status items and next steps."""
NONE_TEXT = "—"
"""Written alone in the first row of a kind: this initiative has no item of that kind."""
LEAD_MARK = "*"


@dataclass(frozen=True, slots=True)
class Item:
    """A status item or next step as a ministry writes it: text and ministries
    (``*文、経``: ``*`` marks the lead)."""

    text: str
    ministries: str = ""


@dataclass(frozen=True, slots=True)
class InitiativeRows:
    """One initiative of the source edition, as the survey shows it."""

    path: str
    place: str
    commitment: str
    ministries: str
    owner: str
    involved: tuple[str, ...]
    status: tuple[Item, ...]
    actions: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class ObservationRow:
    """One value of a reference indicator: last year's value, unit and as-of period."""

    path: str
    place: str
    indicator: str
    label: str
    value: str
    unit: str
    period: str
    owner: str


@dataclass(frozen=True, slots=True)
class RoundContent:
    """Every row of a round, in document order."""

    initiatives: tuple[InitiativeRows, ...]
    observations: tuple[ObservationRow, ...]

    def ministries(self) -> tuple[str, ...]:
        """The ministries that own rows (each has a state and a workbook)."""
        owners = {r.owner for r in self.initiatives} | {o.owner for o in self.observations}
        return tuple(sorted(owners))

    def initiatives_of(self, ministry: str) -> tuple[InitiativeRows, ...]:
        """The ministry's rows: those it owns first, then those it only takes part in."""
        own = [r for r in self.initiatives if r.owner == ministry]
        seen = [r for r in self.initiatives if r.owner != ministry and ministry in r.involved]
        return (*own, *seen)

    def observations_of(self, ministry: str) -> tuple[ObservationRow, ...]:
        return tuple(o for o in self.observations if o.owner == ministry)


def path_of(element_id: str) -> str:
    """An element's path without its document id (``c2.s1.ss1.i1``): the same in the next
    edition, as long as the structure is kept."""
    return element_id.split(":", 1)[-1]


def tag_text(ministries: list[MinistryRef]) -> str:
    """Ministries as a ministry writes them in the workbook: ``*文、経``."""
    return "、".join(f"{LEAD_MARK if m.lead else ''}{m.code}" for m in ministries)


def _is_group(code: str) -> bool:
    info = lookup(code)
    return info is not None and info.kind == "group"


def owner_of(initiative: Initiative) -> str:
    """The ministry that answers for an initiative (see the module docstring)."""
    single = [m for m in initiative.ministries if not _is_group(m.code)]
    leads = [m for m in single if m.lead]
    chosen = leads or single
    return chosen[0].code if chosen else SECRETARIAT_CODE


def _initiative_rows(initiative: Initiative, place: str) -> InitiativeRows:
    return InitiativeRows(
        path=path_of(initiative.id),
        place=place,
        commitment=initiative.commitment,
        ministries=tag_text(initiative.ministries),
        owner=owner_of(initiative),
        involved=tuple(dict.fromkeys(m.code for m in initiative.ministries)),
        status=tuple(Item(s.text, tag_text(s.ministries)) for s in initiative.status_items),
        actions=tuple(Item(a.text, tag_text(a.ministries)) for a in initiative.actions),
    )


def _section_initiatives(chapter: Chapter, section: Section) -> list[InitiativeRows]:
    place = f"{chapter.number}.({section.number})"
    return [
        _initiative_rows(initiative, f"{place}{subsection_mark(sub.number)}")
        for sub in section.subsections
        for initiative in sub.initiatives
    ]


def _majority(rows: list[InitiativeRows]) -> str:
    counts = Counter(r.owner for r in rows)
    return counts.most_common(1)[0][0] if counts else SECRETARIAT_CODE


def _observation_rows(
    indicator_list: list[Indicator], place: str, owner: str
) -> list[ObservationRow]:
    rows: list[ObservationRow] = []
    for indicator in indicator_list:
        for obs in indicator.observations:
            rows.append(_observation_row(obs, indicator.name, place, owner))
    return rows


def _observation_row(obs: Observation, indicator: str, place: str, owner: str) -> ObservationRow:
    quantity, period = obs.quantity, obs.period
    return ObservationRow(
        path=path_of(obs.id),
        place=place,
        indicator=indicator,
        label=obs.label,
        value=quantity.text if quantity is not None else "",
        unit=quantity.unit if quantity is not None else "",
        period=period.text if period is not None else "",
        owner=owner,
    )


def round_content(document: Document) -> RoundContent:
    """The rows of a round opened from ``document`` (a follow-up report)."""
    initiatives: list[InitiativeRows] = []
    observations: list[ObservationRow] = []
    for chapter in document.chapters:
        in_chapter: list[InitiativeRows] = []
        chapter_obs: list[ObservationRow] = []
        for section in chapter.sections:
            rows = _section_initiatives(chapter, section)
            in_chapter += rows
            place = f"{chapter.number}.({section.number})"
            chapter_obs += _observation_rows(section.indicators, place, _majority(rows))
        owner = _majority(in_chapter)
        observations += _observation_rows(chapter.indicators, f"{chapter.number}.", owner)
        observations += chapter_obs
        initiatives += in_chapter
    return RoundContent(tuple(initiatives), tuple(observations))
