from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.models import Allegation, Case
from intake.selectors import allegation_list_for_case, case_get_for
from investigations.selectors import finding_map_for_case
from oversight.accounts.roles import Role, role_required
from oversight.web import call_service, submit_form

from . import services
from .forms import DisciplineForm, PanelConveneForm, VoteForm
from .models import Panel
from .permissions import can_convene_panel, is_panel_member
from .selectors import (
    discipline_map_for_case,
    panel_get_for,
    panel_list_visible_to,
    panel_results,
    panel_votes_by_member,
)


def case_section(request, case):
    """The Board's part of the staff case page."""
    if case.status not in (
        Case.Status.FINDINGS_READY,
        Case.Status.BOARD_REVIEW,
        Case.Status.DISCIPLINE,
        Case.Status.CLOSED,
    ):
        return None
    panels = list(case.panels.all().order_by("convened_at"))
    if not panels and case.status == Case.Status.CLOSED:
        return None
    context = {"template": "discipline/partials/_case_section.html", "case": case, "panels": panels}
    if can_convene_panel(request.user) and case.status == Case.Status.FINDINGS_READY:
        context["convene_form"] = PanelConveneForm()
    return context


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
    return redirect("intake:case-detail", pk=case.pk)


@role_required(Role.BOARD, Role.DIRECTOR)
def panel_list(request):
    return render(request, "discipline/panel_list.html", {"panels": panel_list_visible_to(user=request.user)})


@role_required(Role.BOARD, Role.DIRECTOR)
def panel_detail(request, pk):
    """The hearing view: the case file, each allegation's finding, and this member's votes."""
    panel = panel_get_for(user=request.user, pk=pk)
    case = panel.case
    findings = finding_map_for_case(case)
    votes = panel_votes_by_member(panel, request.user)
    results = panel_results(panel)
    disciplines = discipline_map_for_case(case)
    member = is_panel_member(request.user, panel)
    rows = []
    for allegation in allegation_list_for_case(case=case):
        result = results.get(allegation.pk)
        rows.append(
            {
                "allegation": allegation,
                "finding": findings.get(allegation.pk),
                "my_vote": votes.get(allegation.pk),
                "vote_form": VoteForm(initial={"finding": votes.get(allegation.pk)}, prefix=f"a{allegation.pk}")
                if member and panel.status == Panel.Status.OPEN
                else None,
                "result": result,
                "discipline": disciplines.get(allegation.pk),
                "discipline_form": DisciplineForm(prefix=f"d{allegation.pk}")
                if result
                and result.is_sustained
                and allegation.pk not in disciplines
                and (member or can_convene_panel(request.user))
                and case.status == Case.Status.DISCIPLINE
                else None,
            }
        )
    return render(
        request,
        "discipline/panel_detail.html",
        {
            "panel": panel,
            "case": case,
            "rows": rows,
            "members": panel.members.all(),
            "complaints": case.complaints.all(),
            "can_decide": panel.status == Panel.Status.OPEN and (member or can_convene_panel(request.user)),
        },
    )


def _allegation_on(panel, allegation_pk):
    return get_object_or_404(Allegation, pk=allegation_pk, case=panel.case)


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
