"""The Director's page of a case's failures to comply with the Board, and whether PPB imposed discipline
for each (35A.050 F.1.l; issue 11)."""

from django import forms
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from intake.selectors import case_get_for
from oversight.accounts.roles import Role, role_required
from oversight.forms import AccessibleFormMixin
from oversight.web import submit_form

from . import noncompliance as svc
from .models import NonComplianceDiscipline


class NonComplianceDisciplineForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_l("Discipline for not complying"),
        choices=[("", _l("Not recorded")), *NonComplianceDiscipline.choices],
        required=False,
    )
    reason = forms.CharField(label=_l("Reason"), initial=_l("PPB's answer recorded"))


def _prefix(kind, row):
    return f"{kind.key}-{row.pk}"


@role_required(Role.DIRECTOR)
def case_noncompliance(request, pk):
    """The case's refused interviews, withheld records and subpoenas not complied with, each with the
    discipline PPB imposed for it, and a form to record it."""
    case = case_get_for(user=request.user, pk=pk)
    failures = [
        (
            kind,
            row,
            NonComplianceDisciplineForm(prefix=_prefix(kind, row), initial={"outcome": row.noncompliance_discipline}),
        )
        for kind, row in svc.failures_of_case(case)
    ]
    return render(request, "investigations/noncompliance_case.html", {"case": case, "failures": failures})


@role_required(Role.DIRECTOR)
@require_POST
def noncompliance_record(request, kind, pk):
    found_kind, failure = svc.failure_get(kind, pk)
    if failure is None:
        raise Http404
    case = case_get_for(user=request.user, pk=svc.case_of(found_kind, failure).pk)
    submit_form(
        request,
        NonComplianceDisciplineForm(request.POST, prefix=_prefix(found_kind, failure)),
        svc.noncompliance_discipline_record,
        success=_("Recorded."),
        actor=request.user,
        kind=found_kind,
        failure=failure,
    )
    return redirect("investigations:case-noncompliance", pk=case.pk)


def noncompliance_case_part(request, case):
    """The Director's line on the case page's investigation section: the case's failures to comply and
    how many have PPB's discipline recorded."""
    if not svc.can_record_noncompliance_discipline(request.user):
        return None
    failures = svc.failures_of_case(case)
    if not failures:
        return None
    return {
        "template": "investigations/partials/_noncompliance_part.html",
        "case": case,
        "failures": len(failures),
        "recorded": sum(1 for _kind, row in failures if row.noncompliance_discipline),
    }
