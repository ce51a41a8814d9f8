"""What happens to each synthetic case, decided up front from its age: the dates of each stage it
reached and the status it stands in now. Only legal moves of Case.TRANSITIONS are planned."""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from intake.models import Case

DAY = timedelta(days=1)
YEARS = 10
# Shares of the case-handling decisions (R1.8) for complaints; mandatory incidents are always investigated.
DECISIONS = [
    (Case.Decision.INVESTIGATE, 20),
    (Case.Decision.MEDIATION, 8),
    (Case.Decision.INFORMAL_RESOLUTION, 17),
    (Case.Decision.SUPERVISOR_REFERRAL, 20),
    (Case.Decision.AGENCY_REFERRAL, 10),
    (Case.Decision.DISMISSAL, 25),
]


@dataclass
class CasePlan:
    received_at: datetime
    number: str = ""
    allegations: int = 1
    mandatory: bool = False
    chief: bool = False
    group: int | None = None
    status: str = Case.Status.RECEIVED
    decision: str = ""
    decided_at: datetime | None = None
    closed_at: datetime | None = None
    commenced_at: datetime | None = None  # the investigation
    completed_at: datetime | None = None
    convened_at: datetime | None = None  # the Board panel
    panel_decided_at: datetime | None = None
    discipline_at: datetime | None = None
    mayor_at: datetime | None = None
    mayor_answered_at: datetime | None = None


def _days(rng, low, high):
    return timedelta(days=rng.uniform(low, high))


def received_dates(rng, count, anchor):
    """Filing times spread over ten years, growing a little each year, oldest first."""
    span = YEARS * 365.25 * 86400
    return sorted(anchor - timedelta(seconds=span * (1 - rng.random() ** 0.8)) for _ in range(count))


def allegation_counts(rng, count, total, big):
    """Allegations per case summing to ``total``: one big case (index 0 of the result) and a long tail."""
    if count == 1:
        return [total]
    big = min(big, total - (count - 1))
    weights = [min(rng.paretovariate(1.6), 60.0) for _ in range(count - 1)]
    extra, scale = total - big - (count - 1), sum(weights)
    counts = [1 + int(extra * w / scale) for w in weights]
    short = total - big - sum(counts)
    for i in range(short):
        counts[i % len(counts)] += 1
    return [big, *counts]


def case_plan(rng: random.Random, plan: CasePlan, anchor):
    """Fills the plan's stages from its age; everything planned after ``anchor`` has not happened yet."""
    if not plan.mandatory and anchor - plan.received_at < 10 * DAY and rng.random() < 0.7:
        return plan  # still awaiting the case-handling decision
    plan.decided_at = min(plan.received_at + _days(rng, 1, 30), anchor - DAY / 24)
    if plan.mandatory or plan.chief:
        plan.decision = Case.Decision.INVESTIGATE
    else:
        plan.decision = rng.choices([d for d, _ in DECISIONS], [w for _, w in DECISIONS])[0]
    if plan.decision != Case.Decision.INVESTIGATE:
        closed = plan.decided_at + _days(rng, 5, 90)
        plan.status, plan.closed_at = (Case.Status.CLOSED, closed) if closed < anchor else (Case.Status.RESOLVED, None)
        return plan
    return _investigated(rng, plan, anchor)


def _investigated(rng, plan, anchor):
    plan.status = Case.Status.AWAITING_INVESTIGATION
    commenced = plan.decided_at + _days(rng, 2, 30)
    if commenced >= anchor:
        return plan
    plan.commenced_at, plan.status = commenced, Case.Status.INVESTIGATING
    completed = commenced + _days(rng, 40, 230)  # some run past the 180-day limit (R2.3)
    if completed >= anchor:
        return plan
    plan.completed_at = completed
    if plan.chief:  # R1.7: findings on the Chief go to the Mayor, never to the Board
        plan.mayor_at, plan.status = completed + _days(rng, 1, 10), Case.Status.MAYOR_REVIEW
        answered = plan.mayor_at + _days(rng, 10, 90)
        if answered < anchor:
            plan.mayor_answered_at, plan.status, plan.closed_at = answered, Case.Status.CLOSED, answered
        return plan
    plan.status = Case.Status.FINDINGS_READY
    convened = completed + _days(rng, 5, 45)
    if convened >= anchor:
        return plan
    plan.convened_at, plan.status = convened, Case.Status.BOARD_REVIEW
    decided = convened + _days(rng, 14, 60)
    if decided >= anchor:
        return plan
    plan.panel_decided_at, plan.status = decided, Case.Status.DISCIPLINE
    discipline = decided + _days(rng, 7, 45)
    if discipline < anchor:
        plan.discipline_at, plan.status, plan.closed_at = discipline, Case.Status.CLOSED, discipline
    return plan


def number_cases(plans, tz, start=None):
    """Case numbers in filing order, "YYYY-NNNNN" per local year as intake numbers them, after the
    numbers already given (``start``: {year: last}); returns {year: last}."""
    last = dict(start or {})
    for plan in plans:
        year = plan.received_at.astimezone(tz).year
        last[year] = last.get(year, 0) + 1
        plan.number = f"{year}-{last[year]:05d}"
    return last
