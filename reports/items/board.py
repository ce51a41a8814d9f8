"""Items a (overview), b and c (policy recommendations) and o (Board trainings): the Board and its staff."""

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext_noop

from oversight.accounts.roles import OCPA_STAFF, Role
from oversight.governance.models import BoardMembership, PolicyRecommendation, RecommendationUpdate
from oversight.governance.recommendations_selectors import recommendations_made_in
from oversight.governance.selectors import memberships_on, training_overview

from .blocks import figures, item, label, pct, row, table, text
from .context import dashboard_chart

Rec = PolicyRecommendation
ACCEPTED = Q(answer__in=[Rec.Answer.ACCEPTED, Rec.Answer.MODIFIED]) | Q(council_outcome=Rec.CouncilOutcome.BINDS_PPB)


def item_a(period):
    """The Board's seats and the Office's staff on the period's last day: counts only, never names."""
    on = period.last_day
    seats = memberships_on(on=on).aggregate(
        members=Count("pk", filter=Q(kind=BoardMembership.Kind.MEMBER)),
        alternates=Count("pk", filter=Q(kind=BoardMembership.Kind.ALTERNATE)),
    )
    staff = (
        get_user_model()
        .objects.filter(is_active=True)
        .aggregate(**{role.value: Count("pk", filter=Q(groups__name=role.value), distinct=True) for role in OCPA_STAFF})
    )
    rows = [
        row(gettext_noop("Board members serving"), seats["members"]),
        row(gettext_noop("Board alternates serving"), seats["alternates"]),
        *[row(label(Role(value).label), n) for value, n in staff.items()],
    ]
    blocks = [
        text(gettext_noop("Serving on %(day)s (staff: active accounts by role)."), day=on.isoformat()),
        figures(*rows),
    ]
    return item(
        "a",
        gettext_noop("Overview of the Board, its staff and its functions"),
        blocks,
        source="mixed",
        narrative_field="overview",
    )


def _recommendations(period):
    recs = Rec.objects.none()
    for year in period.years:
        recs = recs | recommendations_made_in(year)
    return list(recs.filter(vote_on__gte=period.start, vote_on__lt=period.end).order_by("vote_on", "pk"))


def item_b(period):
    """Recommendations the Board adopted in the period, each with its status and PPB's answer."""
    recs = _recommendations(period)
    period.shared["recommendations"] = len(recs)
    if not recs:
        return item("b", gettext_noop("Policy recommendations and their status and outcome"), [], is_recorded=False)
    rows = [
        [
            r.title,
            r.vote_on.isoformat(),
            label(r.get_status_display()),
            label(r.get_answer_display()) if r.answer else gettext_noop("Not answered yet"),
        ]
        for r in recs
    ]
    by_answer = {value: sum(1 for r in recs if r.answer == value) for value in Rec.Answer.values}
    unanswered = sum(1 for r in recs if not r.answer)
    summary = [[label(Rec.Answer(value).label), n, pct(n, len(recs))] for value, n in by_answer.items()]
    summary.append([gettext_noop("Not answered yet"), unanswered, pct(unanswered, len(recs))])
    blocks = [
        table(
            gettext_noop("Recommendations adopted in the period"),
            [
                gettext_noop("Recommendation"),
                gettext_noop("Adopted on"),
                gettext_noop("Status"),
                gettext_noop("PPB's answer"),
            ],
            rows,
        ),
        table(
            gettext_noop("Outcomes of the recommendations adopted in the period"),
            [gettext_noop("Outcome"), gettext_noop("Recommendations"), gettext_noop("Percent")],
            summary,
        ),
    ]
    chart = dashboard_chart(period, "recommendations_by_status")
    return item(
        "b", gettext_noop("Policy recommendations and their status and outcome"), blocks + ([chart] if chart else [])
    )


def item_c(period):
    """Every recommendation PPB or Council accepted (in whole or in part), with its implementation stage and
    the latest update recorded by the period's end."""
    updates = RecommendationUpdate.objects.filter(update_on__lt=period.end).order_by("-update_on", "-pk")
    accepted = list(
        Rec.objects.filter(ACCEPTED, vote_on__lt=period.end)
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="updates_so_far"))
        .order_by("vote_on", "pk")
    )
    title = gettext_noop("Implementation of accepted recommendations")
    if not accepted:
        return item("c", title, [], is_recorded=False)
    rows = []
    for r in accepted:
        latest = r.updates_so_far[0] if r.updates_so_far else None
        stage = label(Rec.Implementation(latest.stage).label) if latest else label(Rec.Implementation.NONE.label)
        rows.append(
            [
                r.title,
                label(r.get_answer_display()) if r.answer else "",
                stage,
                latest.update_on.isoformat() if latest else "",
            ]
        )
    columns = [
        gettext_noop("Recommendation"),
        gettext_noop("PPB's answer"),
        gettext_noop("Implementation"),
        gettext_noop("Last update"),
    ]
    return item("c", title, [table(gettext_noop("Accepted recommendations and their implementation"), columns, rows)])


def item_o(period):
    """Each active Board training and the share of serving members who completed it by the period's end."""
    overview = training_overview(on=period.last_day)
    title = gettext_noop("Board member trainings and completion")
    if not overview["rows"]:
        return item("o", title, [], is_recorded=False)
    rows = [
        [
            r.training.name,
            gettext_noop("Yes") if r.training.is_required else gettext_noop("No"),
            r.completed,
            r.serving,
            pct(r.completed, r.serving),
        ]
        for r in overview["rows"]
    ]
    columns = [
        gettext_noop("Training"),
        gettext_noop("Required"),
        gettext_noop("Members who completed it"),
        gettext_noop("Members serving"),
        gettext_noop("Percent"),
    ]
    blocks = [
        text(gettext_noop("Members serving on %(day)s."), day=period.last_day.isoformat()),
        table(gettext_noop("Board member trainings"), columns, rows),
    ]
    return item("o", title, blocks)
