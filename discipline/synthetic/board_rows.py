"""Synthetic Board rows (R3) and the Mayor's referrals (R1.7): panels, votes, results, discipline."""

from datetime import timedelta
from decimal import Decimal

from discipline.models import DisciplineDecision, Panel, PanelResult, Vote
from intake.models import Case
from investigations.models import FindingOutcome, MayorReferral
from oversight.accounts.roles import Role
from oversight.audit.models import SensitiveRead
from oversight.notices.models import Notice

from .work_rows import draw_findings

SHARE = Decimal("0.5001")  # the default bylaws threshold and quorum (oversight/governance)
SUSTAINED = FindingOutcome.OUT_OF_POLICY


def settle(rng, plan, count):
    """Draws the findings, the panel's votes and results before any row is written, so the case's
    status can follow them: a panel that sustains nothing closes the case without discipline."""
    plan.findings = draw_findings(rng, count) if plan.completed_at else []
    plan.votes, plan.results = [], []
    if plan.convened_at is None:
        return plan
    outcomes = [v for v in FindingOutcome.values]
    for finding in plan.findings:
        votes = [finding if rng.random() < 0.8 else rng.choice(outcomes) for _ in range(3)]
        if plan.panel_decided_at is None and rng.random() < 0.5:
            votes = []  # voting still open: no one has voted on this allegation yet
        plan.votes.append(votes)
        top = max(set(votes), key=votes.count) if votes else ""
        plan.results.append(top if votes and votes.count(top) >= 2 else "")
    if plan.panel_decided_at and SUSTAINED not in plan.results:
        plan.status, plan.closed_at, plan.discipline_at = Case.Status.CLOSED, plan.panel_decided_at, None
    return plan


def board_rows(ctx, cases, allegations_by_case):
    """Panels, votes, results and discipline of the cases heard; returns (results, discipline)."""
    heard = [c for c in cases if c._synthetic_plan.convened_at]
    panels = ctx.writer.add(Panel, [_panel(ctx, c) for c in heard], dated=lambda p: p.decided_at or p.convened_at)
    board = ctx.staff[Role.BOARD]
    links, votes, results, discipline = [], [], [], []
    for panel in panels:
        plan = panel.case._synthetic_plan
        members = ctx.rng.sample(board, 3)
        links += [Panel.members.through(panel=panel, user=m) for m in members]
        for allegation, cast, result in zip(allegations_by_case[panel.case_id], plan.votes, plan.results, strict=True):
            at = panel.convened_at + timedelta(days=ctx.rng.uniform(1, 13))
            votes += [
                Vote(panel=panel, allegation=allegation, member=m, finding=f, cast_at=at)
                for m, f in zip(members, cast, strict=False)
            ]
            if panel.decided_at:
                results.append(_result(panel, allegation, cast, result))
            if plan.discipline_at and result == SUSTAINED:
                discipline.append(_discipline(ctx, panel, allegation, plan.discipline_at))
    ctx.writer.add_plain(Panel.members.through, links)
    ctx.writer.add(Vote, votes, dated=lambda v: v.cast_at)
    ctx.writer.add(PanelResult, results, dated=lambda r: r.panel.decided_at)
    ctx.writer.add(DisciplineDecision, discipline, dated=lambda d: d.decided_at)
    mayor_rows(ctx, cases)
    return results, discipline


def _panel(ctx, case):
    plan = case._synthetic_plan
    return Panel(
        case=case,
        kind=Panel.Kind.HEARINGS,
        status=Panel.Status.DECIDED if plan.panel_decided_at else Panel.Status.OPEN,
        convened_at=plan.convened_at,
        convened_by=ctx.staff[Role.DIRECTOR][0],
        decided_at=plan.panel_decided_at,
        threshold=SHARE,
        quorum=SHARE,
    )


def _result(panel, allegation, cast, result):
    return PanelResult(
        panel=panel,
        allegation=allegation,
        finding=result,
        votes_for=cast.count(result) if result else 0,
        votes_cast=len(cast),
        panel_size=3,
        threshold=SHARE,
    )


def _discipline(ctx, panel, allegation, at):
    action = ctx.rng.choices(list(DisciplineDecision.Action.values), [30, 30, 20, 14, 3, 3])[0]
    return DisciplineDecision(
        allegation=allegation,
        panel=panel,
        action=action,
        rationale="Applied the statewide discipline guide and Just Cause.",
        decided_by=ctx.staff[Role.DIRECTOR][0],
        decided_at=at,
        # Synthetic cases close with their discipline: final, as after Loudermill (issue 9.8).
        status=DisciplineDecision.Status.FINAL,
        final_at=at,
    )


def mayor_rows(ctx, cases):
    """R1.7: findings on the Chief sent to the Mayor; answered ones closed their case."""
    sent = [c for c in cases if c._synthetic_plan.mayor_at]
    notices = [
        Notice(
            recipient_name="Mayor of Portland",
            recipient_address="mayor@portland.invalid",
            channel=Notice.Channel.EMAIL,
            subject=f"Findings on case {c.number}",
            body="The findings on allegations against the Chief of Police (R1.7).",
            about_type=ctx.content_type(Case),
            about_id=c.pk,
            status=Notice.Status.SENT,
            attempts=1,
            created_at=c._synthetic_plan.mayor_at,
            sent_at=c._synthetic_plan.mayor_at,
        )
        for c in sent
    ]
    ctx.writer.add(Notice, notices, dated=lambda n: n.created_at)
    referrals = []
    for case, notice in zip(sent, notices, strict=True):
        plan = case._synthetic_plan
        answered = plan.mayor_answered_at
        referrals.append(
            MayorReferral(
                case=case,
                created_at=plan.mayor_at,
                notice=notice,
                sent_at=plan.mayor_at,
                response=MayorReferral.Response.ACCEPTED if answered else MayorReferral.Response.PENDING,
                responded_on=answered.date() if answered else None,
                recorded_by=ctx.staff[Role.DIRECTOR][0] if answered else None,
                recorded_at=answered,
            )
        )
    ctx.writer.add(MayorReferral, referrals, dated=lambda r: r.recorded_at or r.created_at)


def read_rows(ctx, cases):
    """CJIS 5.4.1.1: staff opening case pages, as the access log records them (about two per case)."""
    rows = []
    for case in cases:
        for _ in range(ctx.rng.choice([0, 1, 2, 3, 4])):
            at = min(case.received_at + timedelta(days=ctx.rng.uniform(0, 60)), ctx.anchor)
            user = ctx.user(ctx.rng.choice([Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR]))
            rows.append(
                SensitiveRead(
                    user=user,
                    kind=SensitiveRead.Kind.CASE_PAGE,
                    object_id=case.pk,
                    case_number=case.number,
                    field_groups=["filer_contact"],
                    at=at,
                    client_address="10.0.0.1",
                    path=f"/complaints/staff/cases/{case.pk}/",
                    outcome=SensitiveRead.Outcome.SHOWN,
                )
            )
    ctx.writer.add_plain(SensitiveRead, rows)
