"""Commands over a follow-up report's structure: its sections and initiatives (具体的な取組),
filtered by section, ministry and lead."""

from __future__ import annotations

from dataclasses import asdict

from stiplan import queries
from stiplan.cli.base import (
    DbOption,
    DocumentOption,
    JsonOption,
    LeadOnlyOption,
    MinistryOption,
    PlanOption,
    SectionOption,
    open_store,
)
from stiplan.cli.render import answer
from stiplan.cli.tables import print_initiatives, print_sections


def sections(
    db: DbOption = None,
    document: DocumentOption = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """List sections with their counts."""
    with open_store(db) as store:
        rows = queries.sections(store, document, plan)
    answer(rows, as_json, print_sections, lambda r: {**asdict(r), "label": r.full_label})


def initiatives(
    db: DbOption = None,
    section: SectionOption = None,
    ministry: MinistryOption = None,
    lead_only: LeadOnlyOption = False,
    document: DocumentOption = None,
    plan: PlanOption = None,
    as_json: JsonOption = False,
) -> None:
    """List initiatives (具体的な取組), filtered by section, ministry, lead and plan."""
    with open_store(db) as store:
        rows = queries.initiatives(store, section, ministry, lead_only, document, plan)
    answer(
        rows, as_json, print_initiatives, lambda r: {**asdict(r), "section_label": r.section_label}
    )
