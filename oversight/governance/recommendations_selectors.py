"""Reads of policy recommendations (R4.1, issue 10 part C), each scoped to who is looking:
the Board and the Director see all; a PPB liaison only those sent to PPB, never a draft nor one
not yet sent; the public every one the Board adopted, never a draft. Also the annual report's
selectors (items b and c, issue 11) and the staff home's parts."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.my_work import ROWS_SHOWN, part, row
from oversight.accounts.roles import Role, has_role
from oversight.calendar.models import Deadline

from .models import PolicyRecommendation, RecommendationUpdate
from .recommendations import can_answer_recommendation

Status = PolicyRecommendation.Status
# What a PPB liaison may see: what was sent to PPB and everything after.
SENT_STATUSES = (
    Status.SENT_TO_PPB,
    Status.ANSWERED,
    Status.COUNCIL_REQUESTED,
    Status.COUNCIL_DECIDED,
    Status.IMPLEMENTED,
)
PUBLIC_STATUSES = (Status.ADOPTED, *SENT_STATUSES)


def _clock(field):
    """The PPB answer clock's ``field`` on each recommendation, as a subquery."""
    clocks = Deadline.objects.filter(
        about_type=ContentType.objects.get_for_model(PolicyRecommendation),
        about_id=OuterRef("pk"),
        rule=Deadline.Rule.RECOMMENDATION_RESPONSE,
    )
    return Subquery(clocks.values(field)[:1])


def _with_clock(queryset):
    return queryset.annotate(due_at=_clock("due_at"), breached_at=_clock("breached_at"))


def recommendation_list_visible_to(*, user):
    """Recommendations the user may see, with PPB's due date."""
    qs = _with_clock(PolicyRecommendation.objects.select_related("subcommittee", "sentinel_review"))
    if has_role(user, Role.BOARD, Role.DIRECTOR):
        return qs
    if can_answer_recommendation(user):
        return qs.filter(status__in=SENT_STATUSES)
    return qs.none()


def recommendation_get_for(*, user, pk):
    recommendation = recommendation_list_visible_to(user=user).filter(pk=pk).first()
    if recommendation is None:
        raise Http404
    return recommendation


def recommendation_list_owed_by_ppb(*, user):
    """What PPB owes first: sent and unanswered, the nearest (or passed) due date first; then the
    accepted, modified or binding ones whose implementation is not done."""
    owed = recommendation_list_visible_to(user=user).filter(
        Q(status=Status.SENT_TO_PPB)
        | Q(status=Status.ANSWERED, answer__in=["accepted", "modified"])
        | Q(status=Status.COUNCIL_DECIDED, council_outcome=PolicyRecommendation.CouncilOutcome.BINDS_PPB)
    )
    return owed.order_by(F("due_at").asc(nulls_last=True), "sent_at", "pk")


def recommendation_updates(recommendation):
    return recommendation.updates.select_related("recorded_by").order_by("update_on", "recorded_at", "pk")


def _public():
    return PolicyRecommendation.objects.filter(status__in=PUBLIC_STATUSES)


def recommendation_list_public(*, status="", answer=""):
    """Every recommendation the Board adopted, newest vote first; never a draft."""
    qs = _with_clock(_public().select_related("sentinel_review"))
    if status:
        qs = qs.filter(status=status)
    if answer:
        qs = qs.filter(answer=answer)
    return qs.order_by("-vote_on", "-pk")


def recommendation_get_public(pk):
    recommendation = (
        _with_clock(_public().select_related("sentinel_review", "subcommittee"))
        .prefetch_related(Prefetch("updates", queryset=RecommendationUpdate.objects.order_by("update_on", "pk")))
        .filter(pk=pk)
        .first()
    )
    if recommendation is None:
        raise Http404
    return recommendation


# The annual report (issue 11, items b and c).


def recommendations_made_in(year):
    """Recommendations the Board adopted by a vote in ``year`` (item b), in the order adopted."""
    return _public().filter(vote_on__year=year).order_by("vote_on", "pk")


def recommendations_by_status():
    """{status: count} over every adopted recommendation (item c), every status named, zero or not;
    with PPB's answers counted too under ``answer:<value>``."""
    counts = dict.fromkeys(PUBLIC_STATUSES, 0)
    for item in _public().order_by().values("status").annotate(n=Count("pk")):
        counts[item["status"]] = item["n"]
    for value in PolicyRecommendation.Answer.values:
        counts[f"answer:{value}"] = 0
    for item in _public().exclude(answer="").order_by().values("answer").annotate(n=Count("pk")):
        counts[f"answer:{item['answer']}"] = item["n"]
    return counts


# The staff home (issue 12.1).


def _day(moment):
    return timezone.localdate(moment).isoformat()


def liaison_recommendations_part(*, user, now):
    """Recommendations PPB must answer, the nearest due first: two queries."""
    owed = recommendation_list_visible_to(user=user).filter(status=Status.SENT_TO_PPB)
    counts = owed.order_by().aggregate(n=Count("pk"), late=Count("pk", filter=Q(due_at__lt=now)))
    if not counts["n"]:
        return None
    rows = []
    for recommendation in owed.order_by(F("due_at").asc(nulls_last=True), "pk")[:ROWS_SHOWN]:
        late = bool(recommendation.due_at and recommendation.due_at < now)
        detail = _("Answer due %(day)s") % {"day": _day(recommendation.due_at)} if recommendation.due_at else ""
        url = reverse("governance:recommendation-ppb-detail", args=[recommendation.pk])
        rows.append(row(recommendation.title, url, detail, is_late=late))
    return part(
        _("Policy recommendations awaiting PPB's answer"),
        rows,
        count=counts["n"],
        late=counts["late"],
        more_url=reverse("governance:recommendation-ppb-list"),
        more_label=_("Policy recommendations for PPB"),
    )


def director_recommendations_part(*, user, now):
    """Recommendations waiting for the Office: adopted but not sent, or answered and rejected (the
    Board may ask Council): two queries."""
    waiting = PolicyRecommendation.objects.filter(
        Q(status=Status.ADOPTED) | Q(status=Status.ANSWERED, answer=PolicyRecommendation.Answer.REJECTED)
    )
    count = waiting.count()
    if not count:
        return None
    rows = []
    for recommendation in waiting.order_by("vote_on", "pk")[:ROWS_SHOWN]:
        if recommendation.status == Status.ADOPTED:
            detail = _("Adopted: send it to PPB")
        else:
            detail = _("Rejected by PPB: the Board may ask City Council")
        rows.append(
            row(recommendation.title, reverse("governance:recommendation-detail", args=[recommendation.pk]), detail)
        )
    return part(
        _("Policy recommendations: next steps"),
        rows,
        count=count,
        late=0,
        more_url=reverse("governance:recommendation-list"),
        more_label=_("Policy recommendations"),
    )
