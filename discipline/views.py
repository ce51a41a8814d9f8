import math
from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from intake.chief import AGAINST_CHIEF
from intake.models import Allegation, Case
from intake.sections import case_section_url
from intake.selectors import allegation_list_for_case, case_get_for, complaint_list_shown_to
from intake.staff_selectors import case_search
from investigations.models import FindingOutcome
from investigations.selectors import finding_map_for_case
from oversight.accounts.roles import Role, has_role, role_required
from oversight.audit.reads import Kind, read_log
from oversight.lists import Sort, is_filtered, list_page
from oversight.web import call_service, submit_form

from . import services
from .filters import PanelFilter
from .forms import DisciplineForm, PanelConveneForm, VoteForm
from .models import Panel
from .permissions import can_convene_panel, is_panel_member
from .selectors import (
    discipline_map_for_case,
    panel_get_for,
    panel_list_visible_to,
    panel_results,
    panel_vote_counts,
    panel_votes_by_member,
)

CONFIRM_FIELD = "confirm_complete"


@role_required(Role.DIRECTOR)
@require_POST
def panel_convene(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        PanelConveneForm(request.POST),
        services.panel_convene,
        success=_("Panel convened."),
        case=case,
        actor=request.user,
    )
    return redirect(case_section_url(case, "board"))


PANEL_SORTS = {
    "convened": Sort(_l("Convened"), ("convened_at",)),
    "case": Sort(_l("Case"), ("case__number",)),
    "status": Sort(_l("Status"), ("status", "convened_at")),
}


@role_required(Role.BOARD, Role.DIRECTOR)
def panel_list(request):
    """The panels the user sits on (the Director: every panel), newest first, 50 to a page."""
    filters = PanelFilter(request.GET or None, queryset=panel_list_visible_to(user=request.user))
    listing = list_page(
        request,
        filters.qs,
        sorts=PANEL_SORTS,
        default="-convened",
        search=partial(case_search, user=request.user, path="case__"),
        filtered=is_filtered(filters) or not has_role(request.user, Role.DIRECTOR),
    )
    context = {"listing": listing, "page": listing.page, "filters": filters.form}
    return render(request, "discipline/panel_list.html", context)


@role_required(Role.BOARD, Role.DIRECTOR)
def panel_detail(request, pk):
    """The hearing view: the case file, each allegation's finding, this member's votes and how many have voted."""
    panel = panel_get_for(user=request.user, pk=pk)
    case = panel.case
    members = list(panel.members.all())
    is_open = panel.status == Panel.Status.OPEN
    findings = finding_map_for_case(case)
    votes = panel_votes_by_member(panel, request.user)
    vote_counts = panel_vote_counts(panel) if is_open else {}
    results = panel_results(panel)
    disciplines = discipline_map_for_case(case)
    member = is_panel_member(request.user, panel)
    director = can_convene_panel(request.user)
    rows = []
    # R1.7: allegations against the Chief never come before the Board.
    for allegation in allegation_list_for_case(case=case).exclude(AGAINST_CHIEF):
        result = results.get(allegation.pk)
        my_vote = votes.get(allegation.pk)
        rows.append(
            {
                "allegation": allegation,
                "finding": findings.get(allegation.pk),
                "my_vote": my_vote,
                "my_vote_label": FindingOutcome(my_vote).label if my_vote else "",
                "votes_cast": vote_counts.get(allegation.pk, 0),
                "vote_form": VoteForm(initial={"finding": my_vote}, prefix=f"a{allegation.pk}")
                if member and is_open
                else None,
                "result": result,
                "discipline": disciplines.get(allegation.pk),
                "discipline_form": DisciplineForm(prefix=f"d{allegation.pk}")
                if result
                and result.is_sustained
                and allegation.pk not in disciplines
                and (member or director)
                and case.status == Case.Status.DISCIPLINE
                else None,
            }
        )
    context = {
        "panel": panel,
        "case": case,
        "rows": rows,
        "members": members,
        "panel_size": len(members),
        "is_open": is_open,
        # The narrative only; the filer's contact details are not the panel's to know (need-to-know).
        "complaints": complaint_list_shown_to(user=request.user, case=case),
        "can_decide": is_open and (member or director),
        "confirm_field": CONFIRM_FIELD,
    }
    if context["can_decide"]:
        threshold, quorum = panel.threshold, panel.quorum  # frozen at convening (R3.2)
        context.update(
            threshold=threshold,
            quorum=quorum,
            votes_to_adopt=math.ceil(threshold * len(members)),
            votes_for_quorum=math.ceil(quorum * len(members)),
        )
    response = render(request, "discipline/panel_detail.html", context)
    read_log(request, kind=Kind.HEARING, obj=panel, case_number=case.number)
    return response


def _allegation_on(panel, allegation_pk):
    # The Board never votes or decides discipline on the Chief (R1.7): such an allegation is not on a panel.
    return get_object_or_404(Allegation.objects.exclude(AGAINST_CHIEF), pk=allegation_pk, case=panel.case)


@role_required(Role.BOARD)
@require_POST
def vote_cast(request, pk, allegation_pk):
    panel = panel_get_for(user=request.user, pk=pk)
    allegation = _allegation_on(panel, allegation_pk)
    submit_form(
        request,
        VoteForm(request.POST, prefix=f"a{allegation.pk}"),
        services.vote_cast,
        success=_("Vote recorded."),
        panel=panel,
        allegation=allegation,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=panel.pk)


@role_required(Role.BOARD, Role.DIRECTOR)
@require_POST
def panel_decide(request, pk):
    panel = panel_get_for(user=request.user, pk=pk)
    if not request.POST.get(CONFIRM_FIELD):
        messages.error(request, _("Tick “I confirm voting is complete” before closing voting. Voting is still open."))
        return redirect("discipline:panel-detail", pk=panel.pk)
    call_service(
        request, services.panel_decide, success=_("Voting closed; results recorded."), panel=panel, actor=request.user
    )
    return redirect("discipline:panel-detail", pk=panel.pk)


@role_required(Role.BOARD, Role.DIRECTOR)
@require_POST
def discipline_decide(request, pk, allegation_pk):
    panel = panel_get_for(user=request.user, pk=pk)
    allegation = _allegation_on(panel, allegation_pk)
    submit_form(
        request,
        DisciplineForm(request.POST, prefix=f"d{allegation.pk}"),
        services.discipline_decide,
        success=_("Discipline recorded."),
        allegation=allegation,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=panel.pk)
