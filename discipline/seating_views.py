"""Staff pages of the seating part (issue 9.3, 9.4): convene a panel of a kind, declare and withdraw conflicts,
recuse from a seat (or, for the Director, record a recusal or an absence)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intake.sections import case_section_url
from intake.selectors import case_get_for
from oversight.accounts.roles import Role, role_required
from oversight.web import call_service, form_errors_to_messages, submit_form

from . import seating
from .models import PanelSeat
from .seating_forms import ConflictDeclareForm, PanelConveneForm, RecusalForm, SeatVacateForm
from .selectors import panel_get_for


@role_required(Role.DIRECTOR)
@require_POST
def panel_convene(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    form = PanelConveneForm(request.POST, case=case)
    submit_form(request, form, seating.panel_convene, success=_("Panel convened."), case=case, actor=request.user)
    return redirect(case_section_url(case, "board"))


@role_required(Role.BOARD)
def conflict_list(request):
    """The member's own conflict declarations, and the form to declare one (35A.020 I)."""
    form = ConflictDeclareForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            done = call_service(
                request,
                seating.conflict_declare,
                success=_("Conflict declared. You will not be offered for, or see, the cases it covers."),
                actor=request.user,
                **form.service_kwargs(),
            )
            if done is not None:
                return redirect("discipline:conflict-list")
        else:
            form_errors_to_messages(request, form)
    context = {"form": form, "declarations": seating.conflict_list_for(user=request.user)}
    return render(request, "discipline/conflict_list.html", context)


@role_required(Role.BOARD)
@require_POST
def conflict_withdraw(request, pk):
    declaration = get_object_or_404(seating.conflict_list_for(user=request.user), pk=pk)
    call_service(
        request,
        seating.conflict_withdraw,
        success=_("Declaration withdrawn."),
        declaration=declaration,
        actor=request.user,
    )
    return redirect("discipline:conflict-list")


@role_required(Role.BOARD)
@require_POST
def seat_recuse(request, pk):
    """A seated member recuses from their own seat, with a reason."""
    panel = panel_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        RecusalForm(request.POST, prefix="recusal"),
        seating.seat_recuse,
        success=_("You are recused from this panel."),
        panel=panel,
        member=request.user,
        actor=request.user,
    )
    # The recused member no longer sees the panel or the case.
    return redirect("discipline:panel-list")


@role_required(Role.DIRECTOR)
@require_POST
def seat_vacate(request, pk, seat_pk):
    """The Director records a recusal or an absence for a seated member."""
    panel = panel_get_for(user=request.user, pk=pk)
    seat = get_object_or_404(PanelSeat.objects.select_related("member"), pk=seat_pk, panel=panel)
    form = SeatVacateForm(request.POST, prefix=f"seat{seat.pk}")
    if form.is_valid():
        call_service(
            request,
            seating.seat_recuse,
            success=_("Recorded."),
            panel=panel,
            member=seat.member,
            actor=request.user,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
    else:
        form_errors_to_messages(request, form)
        messages.info(request, _("Nothing was recorded."))
    return redirect("discipline:panel-detail", pk=panel.pk)
