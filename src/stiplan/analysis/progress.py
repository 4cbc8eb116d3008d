"""Progress of main targets (主要指標) against current data, with the working shown.

The method (``docs/progress.md``) adapts two established ones: Statistics Canada's growth-rate
method as used by Open SDG (compare the actual compound annual growth since the baseline with
the growth required to reach the target on time) and the UN SDG Progress Chart's ratio of
actual to required progress. Every ``Assessment`` carries the numbers it came from — baseline,
latest, target, their periods, both rates and their ratio — and the thresholds used, so that a
reader can redo the sum by hand. Pure: documents in, assessments out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from stiplan.analysis.points import History, collect_points, units_compatible
from stiplan.analysis.points import Point as Point  # re-exported: the series of an assessment
from stiplan.analysis.points import unit_of as unit_of
from stiplan.model import (
    Deadline,
    Document,
    Initiative,
    Period,
    Qualifier,
    Quantity,
    Section,
    Target,
    latest_as_of,
)
from stiplan.normalize.text import clean


class Status(StrEnum):
    """Where a target stands; the first six are for numeric targets."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    NOT_ASSESSABLE = "not_assessable"
    DONE_AS_REPORTED = "done_as_reported"
    DUE = "due"
    OVERDUE = "overdue"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The cut-offs of the method; shown with every assessment."""

    on_track: Decimal = Decimal("0.95")  # actual ÷ required growth at or above: on track
    acceleration: Decimal = Decimal("0.5")  # at or above: needs acceleration; below: limited
    tolerance: Decimal = Decimal("0.05")  # 約/程度 targets count as met within 5 %
    stale_years: int = 3  # latest point older than the reference date by more: stale


# Why a status was given, as a stable code with named parameters (``reason_code``,
# ``reason_params``) beside the English sentence (``reason``), so that presenters can say it in
# another language. ``docs/progress.md`` lists each code with its parameters.
TARGET_REASONS: tuple[str, ...] = (
    "several_targets",
    "qualitative",
    "milestone_done",
    "milestone_overdue",
    "milestone_due",
    "relative_without_baseline",
    "unit_mismatch",
    "no_series",
    "achieved",
    "single_point",
    "stale",
    "no_target_date",
    "target_date_not_after_baseline",
    "target_equals_baseline",
    "growth",
)
COMMITMENT_REASONS: tuple[str, ...] = ("commitment_done", "commitment_overdue", "commitment_due")
REASON_CODES: tuple[str, ...] = TARGET_REASONS + COMMITMENT_REASONS


def _why(code: str, text: str, **params: object) -> dict[str, Any]:
    """The reason fields of a result: the English ``text``, its code and its parameters."""
    assert code in REASON_CODES, code
    return {
        "reason": text,
        "reason_code": code,
        "reason_params": {k: str(v) for k, v in params.items()},
    }


@dataclass(frozen=True, slots=True)
class Assessment:
    """A target's status and all the numbers it was computed from.

    ``reason`` says why in English; ``reason_code`` (one of ``TARGET_REASONS``) and
    ``reason_params`` say the same for machines and translations. ``gap`` (target minus
    latest) and ``achieved`` (latest ÷ target, 達成率) are set whenever a numeric target has a
    latest value in its unit, even when no trend can be judged: a reader can always compare.
    """

    target_id: str
    section_id: str
    name: str
    status: Status
    reason: str
    direction: Direction | None = None
    target_value: Decimal | None = None
    target_unit: str = ""
    target_period: Period | None = None
    baseline: Point | None = None
    latest: Point | None = None
    series: tuple[Point, ...] = ()
    actual_rate: Decimal | None = None
    required_rate: Decimal | None = None
    ratio: Decimal | None = None
    method: str = ""
    stale: bool = False
    reference_date: date | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    reason_code: str = ""
    reason_params: dict[str, str] = field(default_factory=dict)
    gap: Decimal | None = None
    achieved: Decimal | None = None

    @property
    def gap_unit(self) -> str:
        """The unit ``gap`` is in: the target's, or for a bare-count target (``100以上``) the
        unit of the data it is compared with, as the chart's target line takes it."""
        if self.target_unit or self.latest is None:
            return self.target_unit
        return self.latest.unit


_COMPLETION = re.compile(r"完了|構築済|設立済|達成|整備済|発足")


def reference_date(document: Document) -> date | None:
    """The data cut-off of the edition: its latest as-of date (see ``model.latest_as_of``)."""
    return latest_as_of(document.chapters)


def _years_between(a: Period, b: Period) -> Decimal:
    """Years between the ends of two periods (a fiscal year ends on 31 March)."""
    return Decimal((b.end - a.end).days) / Decimal("365.25")


def _direction(target: Quantity, target_value: Decimal, baseline: Point | None) -> Direction:
    if target.qualifier in (Qualifier.AT_MOST, Qualifier.BELOW) or target_value == 0:
        return Direction.LOWER
    if target.qualifier in (Qualifier.AT_LEAST, Qualifier.ABOVE):
        return Direction.HIGHER
    if baseline is not None and target_value < baseline.value:
        return Direction.LOWER
    return Direction.HIGHER


def _met(
    value: Decimal, target_value: Decimal, direction: Direction, q: Quantity, t: Thresholds
) -> bool:
    slack = t.tolerance if q.qualifier in (Qualifier.ABOUT, Qualifier.AROUND) else Decimal(0)
    if direction is Direction.HIGHER:
        return value >= target_value * (1 - slack)
    return value <= target_value * (1 + slack)


def _rates(
    baseline: Point, latest: Point, target_value: Decimal, target_period: Period
) -> tuple[Decimal, Decimal, str] | None:
    """Actual and required yearly change: compound growth where all values are positive,
    straight-line otherwise (a target of 実質ゼロ has no growth rate)."""
    done = _years_between(baseline.period, latest.period)
    needed = _years_between(baseline.period, target_period)
    if done <= 0 or needed <= 0:
        return None
    if baseline.value > 0 and latest.value > 0 and target_value > 0:
        actual = Decimal(float(latest.value / baseline.value) ** (1 / float(done)) - 1)
        required = Decimal(float(target_value / baseline.value) ** (1 / float(needed)) - 1)
        return actual, required, "compound annual growth (Statistics Canada / Open SDG)"
    actual = (latest.value - baseline.value) / done
    required = (target_value - baseline.value) / needed
    return actual, required, "linear yearly change (target or baseline not positive)"


def _category(ratio: Decimal, t: Thresholds) -> Status:
    if ratio >= t.on_track:
        return Status.ON_TRACK
    if ratio >= t.acceleration:
        return Status.NEEDS_ACCELERATION
    if ratio > 0:
        return Status.LIMITED_PROGRESS
    return Status.DETERIORATION


def assess_target(
    document: Document,
    section: Section,
    target: Target,
    thresholds: Thresholds | None = None,
    history: History | None = None,
) -> Assessment:
    """The status of one main target, by the rules in ``docs/progress.md``."""
    t = thresholds or Thresholds()
    reference = reference_date(document)
    base = Assessment(
        target.id,
        section.id,
        target.name,
        Status.NOT_ASSESSABLE,
        "",
        target_period=target.period,
        reference_date=reference,
        thresholds=t,
    )
    quantity = target.quantity  # 全都道府県 is read as 47 (derived) by the reader
    if quantity is None:
        return _milestone(document, target, base)
    return _numeric(document, section, target, quantity, base, t, history)


def gap_and_achieved(target_value: Decimal, latest: Decimal) -> dict[str, Decimal | None]:
    """The distance still to go and the share of the target reached (達成率).

    Plain arithmetic on the two values, whatever the direction: ``gap`` = target - latest
    (negative once a rising target is passed), ``achieved`` = latest / target (None for a zero
    target, where a ratio means nothing).
    """
    achieved = None if target_value == 0 else latest / target_value
    return {"gap": target_value - latest, "achieved": achieved}


def _replace(a: Assessment, **changes: Any) -> Assessment:
    return replace(a, **changes)


def _milestone(document: Document, target: Target, base: Assessment) -> Assessment:
    """A target without a number: done as reported, due or overdue by its date, or
    qualitative when it has no date either."""
    if "\n" in target.value_text:
        return _replace(
            base,
            **_why("several_targets", "several targets in one bullet: not assessed one by one"),
        )
    if target.period is None:
        return _replace(
            base,
            **_why("qualitative", "qualitative target: no number and no date to measure"),
        )
    footnotes = {f.number: f for f in document.footnotes}
    evidence = " ".join(footnotes[n].text for n in target.footnotes if n in footnotes)
    if _COMPLETION.search(evidence):
        said = clean(evidence)[:80]
        return _replace(
            base,
            status=Status.DONE_AS_REPORTED,
            **_why("milestone_done", f"the report says it is done: {said}", evidence=said),
        )
    due = target.period.text
    if base.reference_date is not None and target.period.end < base.reference_date:
        return _replace(
            base,
            status=Status.OVERDUE,
            **_why(
                "milestone_overdue",
                f"due {due}, now past; the report does not say it is done",
                due=due,
            ),
        )
    return _replace(base, status=Status.DUE, **_why("milestone_due", f"due {due}", due=due))


def _resolve_relative(
    q: Quantity, points: list[Point], base: Assessment
) -> tuple[Decimal, str, Point | None] | Assessment:
    """The target as a value and unit: a relative target (``2000年度の約2倍``) times the value
    of its baseline period; an assessment saying so when no point gives that baseline."""
    if q.unit != "倍":
        return q.value, unit_of(q), None
    baseline = next((p for p in points if q.baseline and p.period.end == q.baseline.end), None)
    if baseline is None:
        return _replace(
            base,
            series=tuple(points),
            **_why(
                "relative_without_baseline",
                f"relative target ({q.text}) without a value for its baseline",
                target=q.text,
            ),
        )
    return q.value * baseline.value, baseline.unit, baseline


def _numeric(
    document: Document,
    section: Section,
    target: Target,
    q: Quantity,
    base: Assessment,
    t: Thresholds,
    history: History | None,
) -> Assessment:
    points = collect_points(document, section, target, history)
    resolved = _resolve_relative(q, points, base)
    if isinstance(resolved, Assessment):
        return resolved
    target_value, unit, baseline = resolved
    usable = [p for p in points if units_compatible(unit, p.unit)]
    if points and not usable:
        return _replace(
            base,
            series=tuple(points),
            target_value=target_value,
            target_unit=unit,
            baseline=baseline,
            **_why(
                "unit_mismatch",
                f"unit mismatch: target in {unit or 'a count'}, data in {points[0].unit}",
                target_unit=unit,
                data_unit=points[0].unit,
            ),
        )
    if not usable:
        return _replace(
            base,
            target_value=target_value,
            target_unit=unit,
            baseline=baseline,
            **_why("no_series", "no measurable series: no indicator or footnote gives its value"),
        )
    latest = usable[-1]
    baseline = baseline or (usable[0] if len(usable) > 1 else None)
    direction = _direction(q, target_value, baseline)
    found = _replace(
        base,
        direction=direction,
        target_value=target_value,
        target_unit=unit,
        baseline=baseline,
        latest=latest,
        series=tuple(usable),
        **gap_and_achieved(target_value, latest.value),
    )
    if _met(latest.value, target_value, direction, q, t):
        return _replace(
            found,
            status=Status.ACHIEVED,
            **_why(
                "achieved",
                f"latest {latest.value} ({latest.period.text}) meets {target_value}",
                latest=latest.value,
                latest_period=latest.period.text,
                target=target_value,
            ),
        )
    return _growth(found, target, t)


def _growth(found: Assessment, target: Target, t: Thresholds) -> Assessment:
    latest, baseline = found.latest, found.baseline
    assert latest is not None and found.target_value is not None
    reference = found.reference_date
    if baseline is None or baseline.period.end >= latest.period.end:
        return _replace(
            found,
            **_why("single_point", "single data point: no baseline to measure progress from"),
        )
    stale = reference is not None and (reference.year - latest.period.end.year) > t.stale_years
    if stale:
        return _replace(
            found,
            stale=True,
            **_why(
                "stale",
                f"stale data: latest point is {latest.period.text}",
                latest_period=latest.period.text,
            ),
        )
    if target.period is None:
        return _replace(
            found,
            **_why("no_target_date", "no target date: required growth cannot be computed"),
        )
    rates = _rates(baseline, latest, found.target_value, target.period)
    if rates is None:
        return _replace(
            found, **_why("target_date_not_after_baseline", "target date not after the baseline")
        )
    actual, required, method = rates
    if required == 0:
        return _replace(
            found,
            **_why("target_equals_baseline", "target equals baseline: no required change"),
        )
    ratio = actual / required
    return _replace(
        found,
        status=_category(ratio, t),
        actual_rate=actual,
        required_rate=required,
        ratio=ratio,
        method=method,
        **_why(
            "growth",
            f"actual {actual:.4f} vs required {required:.4f} per year: ratio {ratio:.2f}",
            actual=f"{actual:.4f}",
            required=f"{required:.4f}",
            ratio=f"{ratio:.2f}",
        ),
    )


def assess_document(
    document: Document, thresholds: Thresholds | None = None, history: History | None = None
) -> list[Assessment]:
    """Every main target of every section, in document order; none is dropped."""
    return [
        assess_target(document, section, target, thresholds, history)
        for chapter in document.chapters
        for section in chapter.sections
        for target in section.targets
    ]


# What a commitment asks for, and the words a status item uses when that act is done. A
# commitment counts as done as reported only when a status item reports an act of its own kind.
_ACT_FAMILIES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"発足|設置|設立|創設"), re.compile(r"発足|設置|設立|創設")),
    (re.compile(r"策定|取りまとめ|取り纏め"), re.compile(r"策定|取りまとめ|決定|公表")),
    (
        re.compile(r"構築|整備"),
        re.compile(r"構築済|構築した|構築を完了|整備済|整備を完了|運用を?開始"),
    ),
    (re.compile(r"結論を得|検討を行い"), re.compile(r"結論|取りまとめ|決定")),
    (re.compile(r"運用を?開始|開始する"), re.compile(r"運用を?開始|開始した|開始。")),
)


def _done_evidence(commitment: str, text: str) -> str | None:
    """The word of ``text`` that reports the act ``commitment`` asks for, if any."""
    for asked, done in _ACT_FAMILIES:
        if asked.search(commitment):
            found = done.search(text)
            if found:
                return found.group()
    return None


@dataclass(frozen=True, slots=True)
class CommitmentStatus:
    """A dated commitment (…までに, …中に) judged from its deadline and its status items.

    ``reason_code`` (one of ``COMMITMENT_REASONS``) and ``reason_params`` say what ``reason``
    says, for machines and translations.
    """

    initiative_id: str
    commitment: str
    deadline: Deadline
    status: Status
    reason: str
    evidence_id: str | None = None
    reference_date: date | None = None
    reason_code: str = ""
    reason_params: dict[str, str] = field(default_factory=dict)


def assess_commitments(document: Document) -> list[CommitmentStatus]:
    """Every initiative with a deadline: done as reported, due, or past its date.

    The latest deadline of the commitment is the one judged; a status item that reports the
    kind of act the commitment asks for (発足させる ← 設置, 策定する ← 策定・公表…) counts as done,
    and its id is kept as the evidence.
    """
    reference = reference_date(document)
    found: list[CommitmentStatus] = []
    for chapter in document.chapters:
        for section in chapter.sections:
            for subsection in section.subsections:
                for initiative in subsection.initiatives:
                    if initiative.deadlines:
                        found.append(_commitment(initiative, reference))
    return found


def _commitment(initiative: Initiative, reference: date | None) -> CommitmentStatus:
    deadline = max(initiative.deadlines, key=lambda d: d.period.end)
    base = CommitmentStatus(
        initiative.id, initiative.commitment, deadline, Status.DUE, "", reference_date=reference
    )
    for item in initiative.status_items:
        word = _done_evidence(initiative.commitment, item.text)
        if word is not None:
            return replace(
                base,
                status=Status.DONE_AS_REPORTED,
                evidence_id=item.id,
                **_why(
                    "commitment_done",
                    f"status reports 「{word}」: {item.text[:60]}",
                    word=word,
                    evidence=item.text[:60],
                ),
            )
    if reference is not None and deadline.period.end < reference:
        return replace(
            base,
            status=Status.OVERDUE,
            **_why(
                "commitment_overdue",
                f"{deadline.text} has passed; no status item reports it done",
                deadline=deadline.text,
            ),
        )
    return replace(base, **_why("commitment_due", f"{deadline.text}", deadline=deadline.text))
