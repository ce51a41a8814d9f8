from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from intake.chief import AGAINST_CHIEF
from intake.models import Allegation
from intake.sections import case_section_url
from intake.selectors import case_get_for, complaint_list_shown_to
from intake.staff_selectors import case_search
from oversight.accounts import need_to_know as ntk
from oversight.accounts.need_to_know import FieldGroup
from oversight.accounts.roles import Role, has_role, role_required
from oversight.audit.reads import Kind, read_log
from oversight.lists import Sort, is_filtered, list_page
from oversight.web import submit_form

from . import preliminary_views, services
from .filters import PanelFilter
from .forms import PanelConveneForm
from .hearing_forms import HearingCancelForm, HearingScheduleForm, HearingVoteForm, PanelDecideForm
from .hearings import Tally, hearing_list_for_panel, hearing_view_rows, panel_seat_list
from .models import Panel
from .permissions import can_convene_panel, is_panel_member
from .selectors import (
    panel_get_for,
    panel_list_visible_to,
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
    """The hearing view (R3.4): per allegation the recommended finding, the evidence behind it, each
    member's vote, the live tally against quorum and threshold, and the result with what follows."""
    panel = panel_get_for(user=request.user, pk=pk)
    if panel.kind == Panel.Kind.PRELIMINARY:
        # Issue 9.3: a preliminary panel votes on the case-handling decision, not on findings.
        return preliminary_views.preliminary_page(request, panel)
    case = panel.case
    members = list(panel.members.order_by("last_name", "pk"))
    seats = panel_seat_list(panel)
    is_open = panel.status == Panel.Status.OPEN
    member = is_panel_member(request.user, panel)
    director = can_convene_panel(request.user)
    rows = hearing_view_rows(panel, request.user, members=members, seats=seats)
    for row in rows:
        allegation = row["allegation"]
        my_vote = next((v["vote"] for v in row["votes"] if v["member"].pk == request.user.pk and v["vote"]), None)
        row["my_vote"] = my_vote
        row["vote_form"] = (
            HearingVoteForm(initial={"finding": my_vote.finding if my_vote else None}, prefix=f"a{allegation.pk}")
            if member and is_open
            else None
        )
    # The votes needed, counted the one way the tally counts them (hearings.Tally), frozen at convening.
    needed = Tally(len(members), panel.threshold, panel.quorum)
    context = {
        "panel": panel,
        "case": case,
        "rows": rows,
        "members": members,
        "seats": seats,
        "panel_size": len(members),
        "is_open": is_open,
        "is_director": director,
        "hearings": [
            (h, HearingCancelForm(prefix=f"h{h.pk}") if director and h.status == h.Status.SCHEDULED else None)
            for h in hearing_list_for_panel(panel)
        ],
        "schedule_form": HearingScheduleForm(prefix="hearing") if director and is_open else None,
        # The narrative only; the filer's contact details are not the panel's to know (need-to-know).
        "complaints": complaint_list_shown_to(user=request.user, case=case),
        "can_decide": is_open and (member or director),
        "decide_form": PanelDecideForm(prefix="close"),
        "confirm_field": CONFIRM_FIELD,
        "returned": any(r["result"] and r["result"].is_returned for r in rows),
        "votes_to_adopt": needed.adopt_needed,
        "votes_for_quorum": needed.quorum_needed,
        "threshold": panel.threshold,
        "quorum": panel.quorum,
    }
    response = render(request, "discipline/panel_detail.html", context)
    groups = ntk.groups_shown_on_case(request.user, case, (FieldGroup.EVIDENCE,))
    read_log(request, kind=Kind.HEARING, obj=panel, case_number=case.number, groups=groups)
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
        HearingVoteForm(request.POST, prefix=f"a{allegation.pk}"),
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
    submit_form(
        request,
        PanelDecideForm(request.POST, prefix="close"),
        services.panel_decide,
        success=_("Voting closed; results recorded."),
        panel=panel,
        actor=request.user,
    )
    return redirect("discipline:panel-detail", pk=panel.pk)
