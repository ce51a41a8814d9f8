"""The Director's page of paid administrative leave on one case (issue 10 section 7)."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from intake.selectors import case_get_for
from oversight.accounts.roles import Role, role_required
from oversight.forms import AccessibleFormMixin, DateInput
from oversight.web import submit_form

from . import leave as svc
from .models import AdministrativeLeave

MONEY = {"min_value": 0, "max_digits": 12, "decimal_places": 2, "required": False}


class LeaveForm(AccessibleFormMixin, forms.Form):
    employee = forms.ModelChoiceField(label=_l("Officer"), queryset=None)
    start_on = forms.DateField(label=_l("First day on leave"), widget=DateInput)
    end_on = forms.DateField(label=_l("Last day on leave"), widget=DateInput, required=False)
    cost = forms.DecimalField(label=_l("Cost (USD)"), help_text=_l("From payroll."), **MONEY)
    source_note = forms.CharField(label=_l("Source"), max_length=300, required=False)
    reason = forms.CharField(label=_l("Reason"), initial=_l("Paid administrative leave recorded"))

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = svc.officers_named_on_case(case)


class LeaveEndForm(AccessibleFormMixin, forms.Form):
    end_on = forms.DateField(label=_l("Last day on leave"), widget=DateInput, required=False)
    cost = forms.DecimalField(label=_l("Cost (USD)"), help_text=_l("From payroll."), **MONEY)
    source_note = forms.CharField(label=_l("Source"), max_length=300, required=False)
    reason = forms.CharField(label=_l("Reason"), initial=_l("Leave ended; cost from payroll"))


@role_required(Role.DIRECTOR)
def case_leave(request, pk):
    """The case's paid leave per officer (days and cost), and the form to record a spell of leave."""
    case = case_get_for(user=request.user, pk=pk)
    form = LeaveForm(request.POST or None, case=case)
    if request.method == "POST":
        done = submit_form(
            request, form, svc.administrative_leave_record, success=_("Leave recorded."), actor=request.user, case=case
        )
        if done is not None:
            return redirect("discipline:case-leave", pk=case.pk)
    leaves = list(svc.administrative_leave_list_for_case(case=case))
    context = {
        "case": case,
        "leaves": [(leave, LeaveEndForm(prefix=f"l{leave.pk}", initial=_initial(leave))) for leave in leaves],
        "form": form,
        "total_days": sum(leave.days or 0 for leave in leaves),
        "total_cost": sum(leave.cost or 0 for leave in leaves),
    }
    return render(request, "discipline/leave_case.html", context, status=400 if form.errors else 200)


def _initial(leave):
    return {"end_on": leave.end_on, "cost": leave.cost, "source_note": leave.source_note}


@role_required(Role.DIRECTOR)
@require_POST
def leave_update(request, pk):
    leave = get_object_or_404(AdministrativeLeave, pk=pk)
    case_get_for(user=request.user, pk=leave.case_id)
    submit_form(
        request,
        LeaveEndForm(request.POST, prefix=f"l{leave.pk}"),
        svc.administrative_leave_update,
        success=_("Leave updated."),
        actor=request.user,
        leave=leave,
    )
    return redirect("discipline:case-leave", pk=leave.case_id)


def leave_case_part(request, case):
    """The Director's summary of the case's paid leave on the case page, with the way to record it."""
    if not svc.can_record_leave(request.user):
        return None
    leaves = list(svc.administrative_leave_list_for_case(case=case))
    return {
        "template": "discipline/partials/_leave_part.html",
        "case": case,
        "leaves": leaves,
        "total_days": sum(leave.days or 0 for leave in leaves),
        "total_cost": sum(leave.cost or 0 for leave in leaves),
    }
