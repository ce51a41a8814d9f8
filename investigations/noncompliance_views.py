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


def _page(request, case, posted=None, status=200):
    """The case's failures, each with its form; ``posted`` is the (kind key, pk, bound form) that came
    back with errors, shown with them."""
    failures = []
    for kind, row in svc.failures_of_case(case):
        if posted and posted[:2] == (kind.key, row.pk):
            form = posted[2]
        else:
            initial = {"outcome": row.noncompliance_discipline}
            form = NonComplianceDisciplineForm(prefix=_prefix(kind, row), initial=initial)
        failures.append({"kind": kind, "row": row, "day": kind.day_of(row), "about": kind.about_of(row), "form": form})
    return render(
        request, "investigations/noncompliance_case.html", {"case": case, "failures": failures}, status=status
    )


@role_required(Role.DIRECTOR)
def case_noncompliance(request, pk):
    """The case's refused interviews, withheld records and subpoenas not complied with, each with the
    discipline PPB imposed for it, and a form to record it."""
    return _page(request, case_get_for(user=request.user, pk=pk))


@role_required(Role.DIRECTOR)
@require_POST
def noncompliance_record(request, kind, pk):
    found_kind, failure = svc.failure_get(kind, pk)
    if failure is None:
        raise Http404
    case = case_get_for(user=request.user, pk=svc.case_of(found_kind, failure))
    form = NonComplianceDisciplineForm(request.POST, prefix=_prefix(found_kind, failure))
    done = submit_form(
        request,
        form,
        svc.noncompliance_discipline_record,
        success=_("Recorded."),
        actor=request.user,
        kind=found_kind,
        failure=failure,
    )
    if done is None:  # a field error or a rule the service refused: the page again, with the form as sent
        return _page(request, case, posted=(found_kind.key, failure.pk, form), status=400)
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
