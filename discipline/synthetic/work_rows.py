"""Synthetic investigation rows (R2): the Chief's notice, the investigation and its 180-day clock,
records requests with their 5-business-day clocks, interviews, tasks and the findings."""

from datetime import timedelta

from investigations.models import (
    ChiefNotice,
    Finding,
    FindingOutcome,
    Interview,
    Investigation,
    InvestigationTask,
    RecordsRequest,
    RequestedRecord,
)
from oversight.accounts.roles import Role
from oversight.calendar.models import Deadline
from oversight.calendar.rules import BREACH
from oversight.notices.models import Notice

from .context import clock, write_clocks

FINDINGS = [
    (FindingOutcome.OUT_OF_POLICY, 22),
    (FindingOutcome.IN_POLICY, 28),
    (FindingOutcome.UNFOUNDED, 25),
    (FindingOutcome.INSUFFICIENT_EVIDENCE, 25),
]
REFUSED_SHARE = 0.03
# Issue 11: whether the officer saw evidence before the interview, asked at interviews held in the
# last two years (recorded "from now on"); older interviews leave it unrecorded ("").
EVIDENCE_SEEN = [("yes", 30), ("no", 62), ("not_asked", 8)]
EVIDENCE_SEEN_SINCE = timedelta(days=730)
SOUGHT = ["Body-camera footage", "Use-of-force report", "CAD call log", "Officer's notes", "Radio traffic"]


def investigation_rows(ctx, cases, allegations_by_case):
    """Everything OCPA's investigation left behind for the cases that reached it."""
    started = [c for c in cases if c._synthetic_plan.commenced_at]
    if not started:
        return []
    chief_notices(ctx, started)
    investigations = ctx.writer.add(
        Investigation, [_investigation(ctx, c) for c in started], dated=lambda i: i.completed_at or i.commenced_at
    )
    pairs = [clock(ctx, i, Deadline.Rule.INVESTIGATION_180D, i.commenced_at, i.completed_at) for i in investigations]
    write_clocks(ctx, pairs)
    ctx.writer.add(Notice, _reminder_notices(ctx, pairs, investigations), dated=lambda n: n.created_at)
    records_requests(ctx, investigations)
    interviews_and_tasks(ctx, investigations, allegations_by_case)
    findings(ctx, investigations, allegations_by_case)
    return investigations


def chief_notices(ctx, cases):
    """R2.1: the notice to the Chief before each investigation, acknowledged by the liaison."""
    notices, rows = [], []
    for case in cases:
        sent = case._synthetic_plan.commenced_at - timedelta(hours=ctx.rng.uniform(2, 40))
        notices.append(
            Notice(
                recipient_name=str(ctx.chief),
                recipient_address=ctx.chief.email,
                channel=Notice.Channel.EMAIL,
                subject=f"Notice of investigation: case {case.number}",
                body="OCPA will investigate the allegations in this case (35A.050).",
                about_type=ctx.content_type(type(case)),
                about_id=case.pk,
                status=Notice.Status.SENT,
                attempts=1,
                created_at=sent,
                sent_at=sent + timedelta(minutes=1),
                created_by=ctx.staff[Role.DIRECTOR][0],
            )
        )
    ctx.writer.add(Notice, notices, dated=lambda n: n.created_at)
    for case, notice in zip(cases, notices, strict=True):
        rows.append(
            ChiefNotice(
                case=case,
                recipient=ctx.chief,
                notice=notice,
                sent_at=notice.created_at,
                sent_by=ctx.staff[Role.DIRECTOR][0],
                acknowledged_at=notice.created_at + timedelta(hours=1),
                acknowledged_by=ctx.staff[Role.LIAISON][0],
            )
        )
    ctx.writer.add(ChiefNotice, rows, dated=lambda n: n.sent_at)


def _investigation(ctx, case):
    plan = case._synthetic_plan
    late = plan.completed_at and (plan.completed_at - plan.commenced_at).days > 180
    return Investigation(
        case=case,
        investigator=_investigator(ctx, case),
        status=Investigation.Status.COMPLETED if plan.completed_at else Investigation.Status.OPEN,
        commenced_at=plan.commenced_at,
        completed_at=plan.completed_at,
        late_reason="Waited on PPB records." if late else "",
        plan="Interview the complainant and the officers; request footage and reports.",
    )


def _investigator(ctx, case):
    # Round-robin, so each investigator carries about the same load (~1,000 at 100,000 cases).
    people = ctx.staff[Role.INVESTIGATOR]
    return people[case.pk % len(people)]


def _reminder_notices(ctx, pairs, investigations):
    """The notices the sweep sent for the investigation clocks' reminders that have fired."""
    rows = []
    for (deadline, reminders), investigation in zip(pairs, investigations, strict=True):
        for reminder in reminders:
            if reminder.sent_at is None:
                continue
            user = ctx.staff[Role.DIRECTOR][0] if reminder.kind == BREACH else investigation.investigator
            rows.append(
                Notice(
                    recipient_user=user,
                    recipient_name=str(user),
                    recipient_address=user.email,
                    channel=Notice.Channel.EMAIL,
                    subject=f"Case {investigation.case.number}: {reminder.kind.replace('_', ' ')}",
                    body=f"The investigation of case {investigation.case.number} is due {deadline.due_at:%Y-%m-%d}.",
                    about_type=ctx.content_type(Deadline),
                    about_id=deadline.pk,
                    dedupe_key=f"deadline:{deadline.pk}:{reminder.kind}:user{user.pk}",
                    status=Notice.Status.SENT,
                    attempts=1,
                    created_at=reminder.sent_at,
                    sent_at=reminder.sent_at,
                    read_at=reminder.sent_at + timedelta(days=1)
                    if reminder.sent_at + timedelta(days=1) < ctx.anchor
                    else None,
                )
            )
    return rows


def records_requests(ctx, investigations):
    """R2.6: zero to three requests per investigation, mostly answered, each with its clock."""
    rng, rows = ctx.rng, []
    for investigation in investigations:
        end = investigation.completed_at or ctx.anchor
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3])):
            sent = investigation.commenced_at + timedelta(days=rng.uniform(1, 60))
            if sent >= end:
                continue
            answered = sent + timedelta(days=rng.uniform(1, 12))
            if answered >= ctx.anchor or (investigation.completed_at is None and rng.random() < 0.15):
                answered = None
            rows.append(_request(ctx, investigation, sent, answered))
    ctx.writer.add(RecordsRequest, rows, dated=lambda r: r.answered_at or r.sent_at)
    write_clocks(ctx, [clock(ctx, r, Deadline.Rule.RECORDS_5BD, r.sent_at, r.answered_at) for r in rows])
    records = []
    for request in rows:
        for description in rng.sample(SOUGHT, rng.randint(1, 2)):
            records.append(_record(ctx, request, description))
    ctx.writer.add(RequestedRecord, records, dated=lambda r: r.answered_at or r.request.sent_at)


def _request(ctx, investigation, sent, answered):
    return RecordsRequest(
        investigation=investigation,
        records_sought="Body-camera footage and the use-of-force report.",
        status=RecordsRequest.Status.ANSWERED if answered else RecordsRequest.Status.SENT,
        sent_at=sent,
        requested_by=investigation.investigator,
        answered_at=answered,
    )


def _noncompliance_discipline(rng):
    """Item l: PPB's answer on discipline for a failure to comply, as the Director recorded it ("" not yet)."""
    return rng.choices(["", "imposed", "not_imposed", "pending"], [30, 15, 45, 10])[0]


def _record(ctx, request, description):
    if request.answered_at is None:
        return RequestedRecord(request=request, description=description)
    outcome = ctx.rng.choices(["produced", "redacted", "withheld"], [80, 15, 5])[0]
    withheld = outcome == "withheld"
    return RequestedRecord(
        noncompliance_discipline=_noncompliance_discipline(ctx.rng) if withheld else "",
        request=request,
        description=description,
        outcome=outcome,
        reason="" if outcome == "produced" else "Names of juveniles.",
        legal_justification="" if outcome == "produced" else "ORS 192.345(3)",
        answered_at=request.answered_at,
        answered_by=ctx.staff[Role.LIAISON][0],
    )


def interviews_and_tasks(ctx, investigations, allegations_by_case):
    rng, interviews, tasks = ctx.rng, [], []
    for investigation in investigations:
        officers = [a.employee for a in allegations_by_case[investigation.case_id] if a.employee_id][:2]
        done = investigation.completed_at is not None
        for employee in officers:
            at = investigation.commenced_at + timedelta(days=rng.uniform(5, 35))
            held = done and at < investigation.completed_at
            refused = held and rng.random() < REFUSED_SHARE  # item l: PPB's failures to comply
            held = held and not refused
            interviews.append(
                Interview(
                    investigation=investigation,
                    employee=employee,
                    status=Interview.Status.REFUSED
                    if refused
                    else (Interview.Status.COMPLETED if held else Interview.Status.SCHEDULED),
                    scheduled_at=at,
                    on_duty_basis="Scheduled during the officer's shift per the roster.",
                    union_representative="PPA representative" if rng.random() < 0.7 else "",
                    garrity_given_at=at if held else None,
                    garrity_acknowledged_at=at if held else None,
                    statement="The officer's account of the incident." if held else "",
                    is_compelled=held,
                    held_at=at if held or refused else None,  # a refusal is dated, as interview_refuse does
                    refusal_note="The officer declined to attend." if refused else "",
                    noncompliance_discipline=_noncompliance_discipline(rng) if refused else "",
                    **_evidence_seen(ctx, at if held else None),
                )
            )
        for title in ("Request body-camera footage", "Find witnesses"):
            tasks.append(
                InvestigationTask(
                    investigation=investigation,
                    title=title,
                    assigned_to=investigation.investigator,
                    created_at=investigation.commenced_at,
                    done_at=investigation.completed_at,
                    done_by=investigation.investigator if done else None,
                )
            )
    ctx.writer.add(Interview, interviews, dated=lambda i: i.held_at or i.scheduled_at)
    ctx.writer.add(InvestigationTask, tasks, dated=lambda t: t.done_at or t.created_at)


def _evidence_seen(ctx, held_at):
    if held_at is None or held_at < ctx.anchor - EVIDENCE_SEEN_SINCE:
        return {"evidence_seen_before": ""}
    return {"evidence_seen_before": ctx.rng.choices([v for v, _ in EVIDENCE_SEEN], [w for _, w in EVIDENCE_SEEN])[0]}


def findings(ctx, investigations, allegations_by_case):
    """R2.8: the investigator's finding on every allegation of a completed investigation (pre-drawn in the plan)."""
    rows = []
    for investigation in investigations:
        if investigation.completed_at is None:
            continue
        plan = investigation.case._synthetic_plan
        for allegation, outcome in zip(allegations_by_case[investigation.case_id], plan.findings, strict=True):
            rows.append(
                Finding(
                    allegation=allegation,
                    outcome=outcome,
                    rationale="Weighed on the preponderance of the evidence.",
                    recorded_by=investigation.investigator,
                    recorded_at=investigation.completed_at - timedelta(hours=2),
                )
            )
    ctx.writer.add(Finding, rows, dated=lambda f: f.recorded_at)


def draw_findings(rng, count):
    return rng.choices([v for v, _ in FINDINGS], [w for _, w in FINDINGS], k=count)
