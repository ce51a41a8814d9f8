"""Intake's parts of the staff case page (intake/sections.py), registered in apps.py: the complaint, the
allegations and the case-handling decision, the notice log and the timeline; and the summary header."""

from django.core.paginator import Paginator
from django.utils.translation import gettext_lazy as _

from oversight.notices.case_log import notice_list_for_case

from . import services
from .forms import AllegationForm, DecisionForm, MandatoryCategoryForm, ReasonForm
from .models import Case, Complaint
from .permissions import can_decide_case, can_work_intake
from .selectors import (
    allegation_list_for_case,
    allegation_types_carrying_category,
    case_mandatory_category,
    complaint_list_shown_to,
)
from .staff_forms import RosterSearchForm
from .staff_selectors import employee_search_for_allegation
from .timeline import case_timeline

NOTICES_PER_PAGE = 25

# The filer types as staff name them; the public form asks in the filer's own words.
FILER_TYPE_STAFF_LABELS = {
    Complaint.FilerType.COMPLAINANT: _("complainant (experienced it)"),
    Complaint.FilerType.THIRD_PARTY: _("third party (saw it or files for someone)"),
    Complaint.FilerType.PPB_EMPLOYEE: _("PPB employee"),
}


def case_summary(case):
    """The facts of the summary header that intake owns: the filers and the officers named. Two queries."""
    filer_types = list(case.complaints.values_list("filer_type", flat=True))
    allegations = list(allegation_list_for_case(case=case))
    officers = {a.employee_id: a.employee for a in allegations if a.employee_id}
    return {
        "filer_count": len(filer_types),
        "filer_types": sorted({str(FILER_TYPE_STAFF_LABELS[t]) for t in filer_types}),
        "officers": list(officers.values()),
        "has_unidentified_officer": any(a.employee_id is None for a in allegations),
    }


def complaint_part(request, case):
    return {
        "template": "intake/partials/_complaint.html",
        "case": case,
        "complaints": list(complaint_list_shown_to(user=request.user, case=case)),
    }


def decision_part(request, case):
    user = request.user
    mandatory = case_mandatory_category(case)
    context = {
        "template": "intake/partials/_decision.html",
        "case": case,
        "allegations": allegation_list_for_case(case=case),
    }
    if can_work_intake(user) and case.status == Case.Status.RECEIVED:
        context["allegation_form"] = AllegationForm()
        context.update(_roster_search(request))
        context["category_form"] = MandatoryCategoryForm(
            initial={"mandatory_category": mandatory},
            carriers=allegation_types_carrying_category(case=case).order_by("name") if mandatory else (),
        )
    if can_decide_case(user, case):
        if case.status == Case.Status.RECEIVED:
            context["decision_form"] = DecisionForm(rule=services.case_decision_rule(case))
        if case.status == Case.Status.RESOLVED:
            context["close_form"] = ReasonForm()
    return context


def _roster_search(request):
    """R1.6: a plain GET search lists the roster's matches to choose from, no JavaScript needed."""
    search = RosterSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return {"roster_search": search, "roster_matches": employee_search_for_allegation(query=query) if query else None}


def notices_part(request, case):
    """The notice log (R6.3): who, how, when, what and whether it went out, newest first, a page at a time."""
    notices = notice_list_for_case(case=case, user=request.user)
    page = Paginator(notices, NOTICES_PER_PAGE).get_page(request.GET.get("page"))
    return {"template": "notices/partials/_case_notices.html", "case": case, "page": page}


def timeline_part(request, case):
    return {
        "template": "intake/partials/_timeline.html",
        "timeline": case_timeline(case=case, user=request.user),
    }
