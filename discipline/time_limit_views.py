"""The Director's page for recording that a time limit cost a case's complaint (issue 11 section 5)."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from intake.selectors import case_get_for
from oversight.accounts.roles import Role, role_required
from oversight.forms import AccessibleFormMixin, DateInput
from oversight.web import submit_form

from . import time_limits as svc
from .models import TimeLimitLoss


class TimeLimitLossForm(AccessibleFormMixin, forms.Form):
    limit = forms.ChoiceField(label=_l("Which time limit passed"), choices=TimeLimitLoss.Limit.choices)
    lost_on = forms.DateField(
        label=_l("Day the complaint was lost"),
        help_text=_l("The day of the dismissal, closure or decision the time limit caused."),
        widget=DateInput,
    )
    note = forms.CharField(
        label=_l("What happened"),
        help_text=_l("Staff only; never published."),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = forms.CharField(label=_l("Reason"), initial=_l("Complaint lost to a time limit recorded"))


class WithdrawForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_l("Reason"), initial=_l("Entered in error"))


def _initial(loss):
    if loss is None or loss.withdrawn_at is not None:
        return {}
    return {"limit": loss.limit, "lost_on": loss.lost_on, "note": loss.note}


@role_required(Role.DIRECTOR)
def case_time_limit(request, pk):
    """The case's record of a complaint lost to a time limit, and the form to record or correct it."""
    case = case_get_for(user=request.user, pk=pk)
    loss = svc.time_limit_loss_for_case(case)
    form = TimeLimitLossForm(request.POST or None, initial=_initial(loss))
    if request.method == "POST":
        done = submit_form(
            request, form, svc.time_limit_loss_record, success=_("Recorded."), actor=request.user, case=case
        )
        if done is not None:
            return redirect("discipline:case-time-limit", pk=case.pk)
    context = {"case": case, "loss": loss, "form": form, "withdraw_form": WithdrawForm(prefix="w")}
    # A form that came back (a field error or a rule the service refused) answers 400; success redirects.
    return render(request, "discipline/time_limit_case.html", context, status=400 if request.method == "POST" else 200)


@role_required(Role.DIRECTOR)
@require_POST
def case_time_limit_withdraw(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    loss = svc.time_limit_loss_for_case(case)
    if loss is None:
        raise Http404
    submit_form(
        request,
        WithdrawForm(request.POST, prefix="w"),
        svc.time_limit_loss_withdraw,
        success=_("Withdrawn: this case is no longer counted as lost to a time limit."),
        actor=request.user,
        loss=loss,
    )
    return redirect("discipline:case-time-limit", pk=case.pk)


def time_limit_case_part(request, case):
    """The Director's line on the case page's decision section: whether a time limit cost this complaint."""
    if not svc.can_record_time_limit_loss(request.user):
        return None
    return {
        "template": "discipline/partials/_time_limit_part.html",
        "case": case,
        "loss": svc.time_limit_loss_for_case(case),
    }
