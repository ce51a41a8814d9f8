"""Items h (reconsideration), i (mediation, informal resolution, referrals), j (outcomes and discipline)
and k (discipline grieved or appealed after the Board): counts and percentages, aggregated in SQL."""

from django.db.models import Count, Q
from django.utils.translation import gettext_noop

from discipline.models import DisciplineDecision, PostBoardProceeding
from intake.models import Case, ReconsiderationRequest
from investigations.models import FindingOutcome
from reports.facts import FINDING_FIELDS, allegation_facts

from .blocks import figures, item, label, pct, row, table, text
from .context import case_totals, dashboard_chart

Action = DisciplineDecision.Action
CORRECTIVE = (Action.COMMAND_COUNSELING, Action.CORRECTIVE_TRAINING)
DISCIPLINE = (Action.LETTER_OF_REPRIMAND, Action.SUSPENSION, Action.DEMOTION, Action.TERMINATION)
INFORMAL = (Case.Decision.MEDIATION, Case.Decision.INFORMAL_RESOLUTION, Case.Decision.SUPERVISOR_REFERRAL)
NOT_SUSTAINED = (FindingOutcome.IN_POLICY, FindingOutcome.UNFOUNDED, FindingOutcome.INSUFFICIENT_EVIDENCE)


def item_h(period):
    """Cases received in the period that a filer asked the Director to reconsider, and what came of it."""
    cases = case_totals(period)
    Outcome = ReconsiderationRequest.Outcome
    requests = ReconsiderationRequest.objects.filter(period.received("case__")).aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(outcome=value)) for value in Outcome.values}
    )
    blocks = [
        figures(
            row(gettext_noop("Cases with a case-handling decision"), cases["decided"]),
            row(
                gettext_noop("Cases appealed for reconsideration"),
                cases["reconsidered"],
                total=cases["decided"],
                of=gettext_noop("of cases with a decision"),
            ),
        ),
        table(
            gettext_noop("Reconsideration requests by outcome"),
            [gettext_noop("Outcome"), gettext_noop("Requests"), gettext_noop("Percent")],
            [[label(Outcome(v).label), requests[v], pct(requests[v], requests["total"])] for v in Outcome.values],
        ),
    ]
    return item("h", gettext_noop("Requests for reconsideration and their outcomes"), blocks)


def item_i(period):
    """Cases received in the period referred to mediation, informal resolution, or supervisor or management
    action or training: number and percentage of the cases decided."""
    cases = case_totals(period)
    decided = cases["decided"]
    rows = [
        row(label(Case.Decision(v).label), cases[v], total=decided, of=gettext_noop("of cases with a decision"))
        for v in INFORMAL
    ]
    informal = sum(cases[v] for v in INFORMAL)
    rows.append(
        row(
            gettext_noop("All alternatives to a full investigation"),
            informal,
            total=decided,
            of=gettext_noop("of cases with a decision"),
        )
    )
    blocks = [figures(*rows)]
    chart = dashboard_chart(period, "decisions")
    if chart:
        blocks.append(chart)
    return item("i", gettext_noop("Mediation, informal resolution and referrals"), blocks)


def _allegation_counts(period):
    counts = {}
    for level, name in FINDING_FIELDS.items():
        for value in FindingOutcome.values:
            counts[f"{level}:{value}"] = Count("pk", filter=Q(**{name: value}))
    for value in Action.values:
        counts[f"final_level:{value}"] = Count("pk", filter=Q(discipline_final=value))
    return allegation_facts(received_from=period.since, received_to=period.until).aggregate(
        total=Count("pk"),
        informal=Count("pk", filter=Q(decision__in=INFORMAL)),
        not_sustained=Count("pk", filter=Q(final_finding__in=NOT_SUSTAINED)),
        corrective=Count("pk", filter=Q(discipline_final__in=CORRECTIVE)),
        discipline=Count("pk", filter=Q(discipline_final__in=DISCIPLINE)),
        sustained=Count("pk", filter=Q(final_finding=FindingOutcome.OUT_OF_POLICY)),
        **counts,
    )


def item_j(period):
    """Allegations on cases received in the period: resolved informally, not sustained, corrective action,
    discipline; the findings at three levels and the final discipline by kind. One query (plus charts)."""
    c = _allegation_counts(period)
    period.shared["allegations"] = c
    total = c["total"]
    of = gettext_noop("of allegations")
    blocks = [
        figures(
            row(gettext_noop("Allegations on cases received in the period"), total),
            row(
                gettext_noop("Resolved informally (mediation, informal resolution, referral)"),
                c["informal"],
                total=total,
                of=of,
            ),
            row(gettext_noop("Not sustained (final finding)"), c["not_sustained"], total=total, of=of),
            row(gettext_noop("Non-disciplinary corrective action (final)"), c["corrective"], total=total, of=of),
            row(gettext_noop("Discipline imposed (final)"), c["discipline"], total=total, of=of),
        ),
        table(
            gettext_noop("Findings at each level"),
            [gettext_noop("Finding"), gettext_noop("Investigator"), gettext_noop("Board"), gettext_noop("Final")],
            [
                [label(FindingOutcome(v).label), *[c[f"{lvl}:{v}"] for lvl in FINDING_FIELDS]]
                for v in FindingOutcome.values
            ],
        ),
        table(
            gettext_noop("Final discipline and corrective action by kind"),
            [gettext_noop("Kind"), gettext_noop("Allegations"), gettext_noop("Percent of sustained")],
            [
                [label(Action(v).label), c[f"final_level:{v}"], pct(c[f"final_level:{v}"], c["sustained"])]
                for v in Action.values
            ],
        ),
    ]
    for key in ("findings", "discipline"):
        chart = dashboard_chart(period, key)
        if chart:
            blocks.append(chart)
    return item("j", gettext_noop("Informal outcomes, findings, corrective action and discipline"), blocks)


def item_k(period):
    """Grievances, Civil Service Board appeals and arbitrations of the Board's discipline: filed in the
    period, and decided in the period by outcome. "No data recorded" while none was ever recorded."""
    Kind, Outcome = PostBoardProceeding.Kind, PostBoardProceeding.Outcome
    counts = {"ever": Count("pk")}
    for kind in Kind.values:
        counts[f"{kind}:filed"] = Count("pk", filter=Q(kind=kind) & period.within_days("filed_on"))
        for outcome in Outcome.values:
            counts[f"{kind}:{outcome}"] = Count(
                "pk", filter=Q(kind=kind, outcome=outcome) & period.within_days("decided_on")
            )
    c = PostBoardProceeding.objects.aggregate(**counts)
    title = gettext_noop("Discipline grieved or appealed, and its outcome")
    if not c["ever"]:
        return item("k", title, [], is_recorded=False)
    rows = [[label(Kind(k).label), c[f"{k}:filed"], *[c[f"{k}:{o}"] for o in Outcome.values]] for k in Kind.values]
    columns = [
        gettext_noop("Proceeding"),
        gettext_noop("Filed in the period"),
        *[label(Outcome(o).label) for o in Outcome.values],
    ]
    blocks = [
        text(gettext_noop("Outcomes count the proceedings decided in the period, whenever they were filed.")),
        table(gettext_noop("Discipline decisions grieved or appealed"), columns, rows),
    ]
    return item("k", title, blocks)
