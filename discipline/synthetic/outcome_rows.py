"""Synthetic rows after the Board (R3.8, issue 11): grievances, Civil Service Board appeals and
arbitrations of some of the discipline the Board decided, and each allegation's FinalOutcome.

FinalOutcome is derived, never typed (discipline/outcomes.py): the values here come from the same
``_computed`` that ``final_outcomes_refresh`` uses, fed the rows this chunk wrote, so a refresh of any
synthetic case changes nothing (tests/test_seed_scale.py checks it).
"""

from datetime import timedelta

from discipline.models import DisciplineDecision, FinalOutcome, PostBoardProceeding
from discipline.outcomes import LEVELS, _computed, _day_end, level_rank
from oversight.accounts.roles import Role

# About one decision in ten is grieved, appealed to the Civil Service Board or arbitrated.
PROCEEDING_SHARE = 0.1
KINDS = [
    (PostBoardProceeding.Kind.GRIEVANCE, 60),
    (PostBoardProceeding.Kind.CIVIL_SERVICE_BOARD, 15),
    (PostBoardProceeding.Kind.ARBITRATION, 25),
]
OUTCOMES = [
    (PostBoardProceeding.Outcome.UPHELD, 45),
    (PostBoardProceeding.Outcome.MODIFIED, 35),
    (PostBoardProceeding.Outcome.OVERTURNED, 20),
]


def _pick(rng, table):
    return rng.choices([v for v, _ in table], [w for _, w in table])[0]


def outcome_rows(ctx, results, discipline):
    """Proceedings on some of ``discipline`` (DisciplineDecision rows just written), then a FinalOutcome
    for every decided PanelResult of ``results`` with a finding, as final_outcomes_refresh leaves it."""
    proceedings = proceeding_rows(ctx, discipline)
    decided = {}
    for proceeding in proceedings:
        if proceeding.outcome:
            decided.setdefault(proceeding.decision.allegation_id, []).append(proceeding)
    decisions = {d.allegation_id: d for d in discipline}
    rows = []
    for result in results:
        if not result.finding:
            continue
        values = _computed(
            result.allegation, result, decisions.get(result.allegation_id), [], decided.get(result.allegation_id, [])
        )
        rows.append(FinalOutcome(allegation=result.allegation, **values))
    ctx.writer.add(FinalOutcome, rows, dated=lambda o: o.set_at)
    return rows


def proceeding_rows(ctx, discipline):
    rng, rows = ctx.rng, []
    today = ctx.anchor.date()
    for decision in discipline:
        if decision.status != DisciplineDecision.Status.FINAL or rng.random() >= PROCEEDING_SHARE:
            continue
        filed = decision.decided_at.date() + timedelta(days=rng.randint(5, 30))
        if filed >= today:
            continue
        row = PostBoardProceeding(
            kind=_pick(rng, KINDS),
            decision=decision,
            filed_on=filed,
            recorded_by=ctx.staff[Role.DIRECTOR][0],
        )
        decided = filed + timedelta(days=rng.randint(60, 420))
        if decided < today:
            row.heard_on = decided - timedelta(days=rng.randint(1, 20))
            row.decided_on = decided
            row.outcome = _pick(rng, OUTCOMES)
            rank = level_rank(decision.action)
            if row.outcome == PostBoardProceeding.Outcome.MODIFIED:
                if rank <= 1:  # nothing lighter than command counseling: the grievance overturns it
                    row.outcome = PostBoardProceeding.Outcome.OVERTURNED
                else:
                    row.resulting_level = rng.choice(LEVELS[: rank - 1])
        rows.append(row)
    ctx.writer.add(PostBoardProceeding, rows, dated=lambda p: _day_end(p.decided_on or p.filed_on))
    return rows
