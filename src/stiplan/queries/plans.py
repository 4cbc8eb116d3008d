"""Basic Plans: every document belongs to one STI Basic Plan (``extract.plans``)."""

from __future__ import annotations

from stiplan.normalize.plans import Plan, PlanError, parse_plan, plan_label, plans
from stiplan.normalize.plans import lookup as lookup_plan
from stiplan.queries.base import UnknownId


def known_plans() -> tuple[Plan, ...]:
    """The Basic Plans a document can belong to (``data/plans.toml``), oldest first."""
    return plans()


def plan_ordinal(text: str) -> int:
    """A plan as a user writes it (``7``, ``第7期``, ``第七期``) → its ordinal; UnknownId if
    it is not a known plan: UnknownId, so the web answers 404 as for any unknown id (a plan
    the parameter's text may name but the list does not hold is no malformed request)."""
    try:
        return parse_plan(text)
    except PlanError as error:
        raise UnknownId(str(error)) from error


def plan_info(ordinal: int | None) -> Plan | None:
    """The plan with this ordinal (names, fiscal years), None when unknown or not given."""
    return lookup_plan(ordinal)


def plan_name(ordinal: int | None) -> str:
    """``第6期`` for a plan's ordinal, empty for a document of unknown plan."""
    return plan_label(ordinal)
