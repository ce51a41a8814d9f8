from django.db.models import Count
from django.http import Http404

from oversight.accounts.roles import Role, has_role

from .models import DisciplineDecision, Panel, PanelResult, PreliminaryReview, Vote


def panel_list_visible_to(*, user):
    """Panels the user sits on; the Director and administrators see all."""
    qs = Panel.objects.select_related("case").order_by("-convened_at")
    if has_role(user, Role.DIRECTOR):
        return qs
    if has_role(user, Role.BOARD):
        return qs.filter(members=user)
    return qs.none()


def panel_get_for(*, user, pk):
    panel = panel_list_visible_to(user=user).filter(pk=pk).first()
    if panel is None:
        raise Http404
    return panel


def panel_votes_by_member(panel, member):
    """{allegation_id: finding} for one member's votes on a panel."""
    return dict(Vote.objects.filter(panel=panel, member=member).values_list("allegation_id", "finding"))


def panel_vote_counts(panel):
    """{allegation_id: number of members who voted}, in one query; never who voted for what."""
    rows = Vote.objects.filter(panel=panel).values("allegation_id").annotate(n=Count("member_id", distinct=True))
    return {row["allegation_id"]: row["n"] for row in rows.order_by()}


def panel_results(panel):
    return {r.allegation_id: r for r in PanelResult.objects.filter(panel=panel)}


def discipline_map_for_case(case):
    """{allegation_id: decision} with its levels, category and Loudermill, in one query."""
    decisions = DisciplineDecision.objects.filter(allegation__case=case).select_related(
        "level", "final_level", "category", "loudermill"
    )
    return {d.allegation_id: d for d in decisions}


def case_timeline_parts(case, user):
    """The Board's parts of the case timeline (intake/timeline.py). Individual votes are left out:
    the panel's results are the public record."""
    from django.utils.translation import gettext_lazy as _

    panels = Panel.objects.filter(case_id=case.pk).values("pk")
    return [
        (_("Board panel"), Panel.history.filter(case_id=case.pk)),
        (_("Panel result"), PanelResult.history.filter(panel_id__in=panels)),
        (_("Discipline"), DisciplineDecision.history.filter(panel_id__in=panels)),
        (_("Preliminary review"), PreliminaryReview.history.filter(panel_id__in=panels)),
    ]
