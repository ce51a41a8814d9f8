"""Synthetic rows the reports read (issue 11): filers' reconsideration requests (R1.9), paid administrative
leave (issue 10), and, once per run, the Board's policy recommendations (R4.1) and civil suits (R4.6).

Every row follows its service's rules: a reconsideration is asked while the decision can still change
(intake/reconsideration.py decision_may_change) and a changed decision is the case's decision now; a
recommendation only moves along PolicyRecommendation.TRANSITIONS, with its answer clock; a suit's money
only once it is resolved. Civil suits name no officers here (the officers m2m and its history are left
empty): the reports count suits and money, never officers.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings

from discipline.models import AdministrativeLeave, TimeLimitLoss
from intake.models import Case, MandatoryCategory, ReconsiderationRequest
from oversight.accounts.management.commands.seed_demo import LAST
from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.governance.models import CivilSuit, PolicyRecommendation, RecommendationUpdate

from .context import clock, write_clocks

RECONSIDERATION_SHARE = 0.06  # of complaint cases with a decision
CHANGED_SHARE = 0.2
LEAVE_SHARE = 0.25  # of investigated complaint cases alleging force with injury or deadly force
LEAVE_CATEGORIES = (MandatoryCategory.FORCE_WITH_INJURY, MandatoryCategory.DEADLY_FORCE)
LATE_FILING_SHARE = 0.08  # of dismissals: the time to file had passed
LOST_INVESTIGATION_SHARE = 0.1  # of investigations completed after their 180 days
DAY_COST = (Decimal("420.00"), Decimal("680.00"))  # an officer's paid day, in USD
TOPICS = [
    "Body-worn camera activation",
    "Crowd-control munitions",
    "Traffic stops and consent searches",
    "Mental-health crisis response",
    "Foot pursuits",
    "Use of force reporting",
    "Handcuffing and restraint",
    "Officer identification on request",
]
COURTS = ["U.S. District Court for the District of Oregon", "Multnomah County Circuit Court"]
NATURES = [
    (CivilSuit.Nature.EXCESSIVE_FORCE, 45),
    (CivilSuit.Nature.FALSE_ARREST, 25),
    (CivilSuit.Nature.WRONGFUL_DEATH, 5),
    (CivilSuit.Nature.DISCRIMINATION, 10),
    (CivilSuit.Nature.OTHER, 15),
]
SUIT_ENDS = [(CivilSuit.Status.SETTLED, 45), (CivilSuit.Status.JUDGMENT, 10), (CivilSuit.Status.DISMISSED, 45)]
ANSWERS = [
    (PolicyRecommendation.Answer.ACCEPTED, 50),
    (PolicyRecommendation.Answer.MODIFIED, 25),
    (PolicyRecommendation.Answer.REJECTED, 25),
]


def _pick(rng, table):
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def _noon(day):
    return datetime.combine(day, time(12), tzinfo=PACIFIC)


def _between(rng, start, end, low=0.05, high=0.95):
    return start + (end - start) * rng.uniform(low, high)


# Per chunk.


def reconsideration_rows(ctx, cases, complaints):
    """R1.9: about 6% of filers ask the Director to reconsider, while the case is routed away or waits for
    its investigation; a fifth of the answers change the decision (to the one the case has now)."""
    rng, rows = ctx.rng, []
    first = {}
    for complaint in complaints:
        first.setdefault(complaint.case_id, complaint)
    for case in cases:
        plan = case._synthetic_plan
        if plan.decided_at is None or case.pk not in first or rng.random() >= RECONSIDERATION_SHARE:
            continue
        # The decision may change until the case moves on: closed, or its investigation opened.
        moved_on = plan.commenced_at if plan.decision == Case.Decision.INVESTIGATE else plan.closed_at
        end = min(moved_on or ctx.anchor, ctx.anchor)
        if end <= plan.decided_at:
            continue
        asked = _between(rng, plan.decided_at, plan.decided_at + (end - plan.decided_at) * 0.5)
        row = ReconsiderationRequest(
            case=case,
            complaint=first[case.pk],
            reason="The filer asks the Director to look at the decision again.",
            requested_at=asked,
            decision_before=plan.decision,
        )
        if moved_on is not None or rng.random() < 0.5:  # else still awaiting the Director at the anchor
            changed = rng.random() < CHANGED_SHARE
            if changed:
                row.decision_before = rng.choice([d for d in Case.Decision.values if d != plan.decision])
            row.outcome = (
                ReconsiderationRequest.Outcome.CHANGED if changed else ReconsiderationRequest.Outcome.UNCHANGED
            )
            row.decision_after = plan.decision
            row.outcome_reason = "Reconsidered on the file."
            row.decided_by = ctx.staff[Role.DIRECTOR][0]
            row.decided_at = _between(rng, asked, end, 0.1, 0.9)
        rows.append(row)
    ctx.writer.add(ReconsiderationRequest, rows, dated=lambda r: r.decided_at or r.requested_at)
    return rows


def leave_rows(ctx, cases, allegations_by_case):
    """Paid administrative leave: every officer of a deadly-force incident from the incident day, and, in a
    quarter of the other investigated cases with an allegation of force with injury or deadly force, the
    officers it names, from soon after the investigation opened; ended spells carry their days and cost."""
    rng, rows = ctx.rng, []
    today = ctx.anchor.date()
    for case in cases:
        plan = case._synthetic_plan
        allegations = allegations_by_case[case.pk]
        if not plan.mandatory:
            if plan.commenced_at is None or plan.chief:
                continue
            allegations = [a for a in allegations if a.allegation_type.mandatory_category in LEAVE_CATEGORIES]
            if not allegations or rng.random() >= LEAVE_SHARE:
                continue
        start = case.incident_on or (plan.commenced_at + timedelta(days=rng.uniform(0, 20))).date()
        if start >= today:
            continue
        for employee_id in sorted({a.employee_id for a in allegations if a.employee_id}):
            end = start + timedelta(days=rng.randint(3, 120))
            row = AdministrativeLeave(case=case, employee_id=employee_id, start_on=start)
            if end < today:
                row.end_on, row.days = end, (end - start).days + 1
                rate = Decimal(rng.uniform(*(float(c) for c in DAY_COST))).quantize(Decimal("0.01"))
                row.cost = rate * row.days
                row.source_note = "Payroll report"
            rows.append(row)
    ctx.writer.add(AdministrativeLeave, rows, dated=lambda r: _noon(r.end_on or r.start_on))
    return rows


def time_limit_rows(ctx, cases):
    """Complaints lost to time limits: a share of dismissals (the time to file had passed, lost the day of
    the decision), and a share of the investigations completed after their 180 days (a labor-contract
    limit on discipline, or the investigation's own, lost the day it was completed). Until the
    run's first loss is written every dismissal is one, so a small demonstration shows the figure too."""
    rng, rows = ctx.rng, []
    for case in cases:
        plan = case._synthetic_plan
        dismissed = plan.decision == Case.Decision.DISMISSAL and plan.decided_at
        if dismissed and (not (ctx.time_limit_losses or rows) or rng.random() < LATE_FILING_SHARE):
            limit, lost = TimeLimitLoss.Limit.FILING, plan.decided_at
        elif (
            plan.completed_at
            and plan.commenced_at
            and plan.completed_at - plan.commenced_at > timedelta(days=180)
            and rng.random() < LOST_INVESTIGATION_SHARE
        ):
            limit = rng.choice([TimeLimitLoss.Limit.DISCIPLINE, TimeLimitLoss.Limit.INVESTIGATION])
            lost = plan.completed_at
        else:
            continue
        note = "Synthetic: recorded from the case file."
        rows.append(TimeLimitLoss(case=case, limit=limit, lost_on=lost.astimezone(PACIFIC).date(), note=note))
    ctx.writer.add(TimeLimitLoss, rows, dated=lambda r: _noon(r.lost_on))
    ctx.time_limit_losses += len(rows)
    return rows


# Once per run.


def governance_rows(ctx, cases, say=print):
    """Policy recommendations (about one per 1,500 cases, at least five) and civil suits (about one per
    250 cases, at least five), spread over the ten years the cases cover."""
    recommendations = recommendation_rows(ctx, max(5, cases // 1500))
    suits = suit_rows(ctx, max(5, cases // 250))
    say(f"  governance: {len(recommendations):,} policy recommendations, {len(suits):,} civil suits")


def recommendation_rows(ctx, count):
    rng, anchor = ctx.rng, ctx.anchor
    first = PolicyRecommendation.objects.count()
    drafter, liaison = ctx.staff[Role.BOARD][0], ctx.staff[Role.LIAISON][0]
    rows, clocks, updates = [], [], []
    for i in range(count):
        n = first + i + 1
        drafted = anchor - timedelta(days=rng.uniform(5, 3640))
        row = PolicyRecommendation(
            title=f"Recommendation {n}: {rng.choice(TOPICS)}",
            text="PPB should revise its directive as the Board sets out.",
            rationale="Complaints and reviews show a pattern the directive does not address.",
            origin=PolicyRecommendation.Origin.BOARD,
            drafted_at=drafted,
            drafted_by=drafter,
        )
        _recommendation_advance(ctx, row, liaison)
        updates += _updates(ctx, row, liaison)
        rows.append(row)
    ctx.writer.add(PolicyRecommendation, rows, dated=_recommendation_last)
    for row in rows:
        if row.sent_at:
            rule = Deadline.Rule.RECOMMENDATION_RESPONSE
            clocks.append(clock(ctx, row, rule, row.sent_at, row.answered_at, row.response_days))
    write_clocks(ctx, clocks)
    ctx.writer.add(RecommendationUpdate, updates, dated=lambda u: u.recorded_at)
    return rows


def _recommendation_advance(ctx, row, liaison):
    """Moves a drafted recommendation as far along TRANSITIONS as its age allows."""
    rng, anchor = ctx.rng, ctx.anchor
    Status = PolicyRecommendation.Status
    vote = row.drafted_at + timedelta(days=rng.uniform(14, 60))
    if rng.random() < 0.15 or vote >= anchor:
        return  # still a draft (never shown to the public)
    row.status, row.adopted_at = Status.ADOPTED, vote + timedelta(hours=2)  # recorded after the meeting
    row.vote_on = vote.astimezone(PACIFIC).date()
    row.seated_members = len(ctx.staff[Role.BOARD])
    row.votes_yes = rng.randint(row.seated_members // 2 + 1, row.seated_members)
    row.votes_no = row.seated_members - row.votes_yes
    row.votes_abstain = 0
    sent = row.adopted_at + timedelta(days=rng.uniform(1, 10))
    if sent >= anchor:
        return
    row.status, row.sent_at, row.response_days = Status.SENT_TO_PPB, sent, settings.RECOMMENDATION_RESPONSE_DAYS
    answered = sent + timedelta(days=rng.uniform(10, row.response_days * 1.3))
    if answered >= anchor:
        return
    row.status, row.answered_at, row.answered_by = Status.ANSWERED, answered, liaison
    row.answer = _pick(rng, ANSWERS)
    row.answer_explanation = "PPB's answer, as its liaison recorded it."
    if row.answer == PolicyRecommendation.Answer.REJECTED and rng.random() < 0.5:
        asked = answered + timedelta(days=rng.uniform(14, 45))
        if asked < anchor:
            row.status, row.council_requested_at = Status.COUNCIL_REQUESTED, asked
            row.council_request_vote_on = asked.astimezone(PACIFIC).date()
            row.council_request_seated_members = row.seated_members
            row.council_request_votes_yes, row.council_request_votes_no = row.seated_members, 0
            row.council_request_votes_abstain = 0
            decided = asked + timedelta(days=rng.uniform(20, 90))
            if decided < anchor:
                row.status, row.council_decided_at = Status.COUNCIL_DECIDED, decided
                row.council_vote_on = decided.astimezone(PACIFIC).date()
                row.council_reference = f"Resolution {37000 + rng.randint(0, 999)}"
                row.council_outcome = (
                    PolicyRecommendation.CouncilOutcome.BINDS_PPB
                    if rng.random() < 0.5
                    else PolicyRecommendation.CouncilOutcome.SIDES_WITH_PPB
                )


def _recommendation_last(row):
    moments = [row.drafted_at, row.adopted_at, row.sent_at, row.answered_at, row.council_decided_at]
    return max(filter(None, [*moments, getattr(row, "_synthetic_last", None)]))


def _updates(ctx, row, liaison):
    """Implementation notes on a recommendation that may be implemented: planned, in progress, done;
    the recommendation (not yet written) takes the last stage, and "done" implements it."""
    if not row.may_be_implemented:
        return []
    rng, rows = ctx.rng, []
    at = row.council_decided_at or row.answered_at
    Implementation = PolicyRecommendation.Implementation
    for stage in (Implementation.PLANNED, Implementation.IN_PROGRESS, Implementation.DONE):
        at = at + timedelta(days=rng.uniform(20, 200))
        if at >= ctx.anchor or rng.random() < 0.2:
            break
        rows.append(
            RecommendationUpdate(
                recommendation=row,
                stage=stage,
                note="Implementation as PPB's liaison reported it.",
                update_on=at.astimezone(PACIFIC).date(),
                recorded_by=liaison,
                recorded_at=at,
            )
        )
        row.implementation, row._synthetic_last = stage, at
        if stage == Implementation.DONE:
            row.status = PolicyRecommendation.Status.IMPLEMENTED
    return rows


def suit_rows(ctx, count):
    rng, today = ctx.rng, ctx.anchor.date()
    first = CivilSuit.objects.count()
    rows = []
    for i in range(count):
        filed = today - timedelta(days=rng.randint(10, 3640))
        nature = _pick(rng, NATURES)
        row = CivilSuit(
            caption=f"{rng.choice(LAST)} v. City of Portland",
            court=rng.choice(COURTS),
            court_case_number=f"{filed:%y}-CV-{first + i + 1:05d}",
            filed_on=filed,
            nature=nature,
            city_is_defendant=rng.random() < 0.8,
        )
        resolved = filed + timedelta(days=rng.randint(120, 1100))
        if resolved < today:
            row.status, row.resolved_on = _pick(rng, SUIT_ENDS), resolved
            scale = 20 if nature == CivilSuit.Nature.WRONGFUL_DEATH else 1
            if row.status == CivilSuit.Status.SETTLED:
                row.settlement_amount = Decimal(rng.randint(5, 400) * 1000 * scale)
            elif row.status == CivilSuit.Status.JUDGMENT:
                row.judgment_amount = Decimal(rng.randint(0, 900) * 1000 * scale)
            if row.city_is_defendant:
                row.legal_fees = Decimal(rng.randint(2, 250) * 1000)
        rows.append(row)
    ctx.writer.add(CivilSuit, rows, dated=lambda s: _noon(s.resolved_on or s.filed_on))
    return rows
