from functools import partial

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.need_to_know import groups_shown_on_case
from oversight.accounts.roles import Role, public, role_required
from oversight.audit.reads import Kind, read_log
from oversight.lists import Sort, is_filtered, list_page
from oversight.web import submit_form

from . import services
from .case_page import case_summary
from .forms import AllegationForm, DecisionForm, MandatoryCategoryForm, ReasonForm
from .paper_form import paper_form_pdf
from .permissions import can_work_intake
from .sections import SECTION_FOR_STATUS, case_section_url, case_sections, case_sections_available, case_summary_facts
from .selectors import case_get_for, case_mandatory_category
from .staff_selectors import case_list_intake_queue_filtered, case_search

# Board members read a case through the hearing view (R3.4), which shows only what a panel
# may see; the staff case page holds contact details, history and compelled statements.
CASE_VIEWERS = (Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR)


@public
@require_GET
def complaint_paper_form(request):
    """The printable complaint form (R1.1) in ?lang=, or else in the visitor's language."""
    language = request.GET.get("lang") or get_language()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    response = HttpResponse(paper_form_pdf(language), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="complaint-form-{language}.pdf"'
    response["Content-Language"] = language
    return response


# Each sort is served by an index on intake_case (received, status, number).
QUEUE_SORTS = {
    "number": Sort(_l("Case"), ("number",)),
    "received": Sort(_l("Received"), ("received_at",)),
    "status": Sort(_l("Status"), ("status", "received_at")),
}


@role_required(Role.INTAKE, Role.DIRECTOR)
def case_queue(request):
    cases, filters = case_list_intake_queue_filtered(user=request.user, params=request.GET.copy())
    listing = list_page(
        request,
        cases,
        sorts=QUEUE_SORTS,
        default="-received",
        search=partial(case_search, user=request.user),
        filtered=is_filtered(filters),
    )
    context = {"listing": listing, "page": listing.page, "filters": filters.form}
    return render(request, "intake/case_queue.html", context)


@role_required(*CASE_VIEWERS)
def case_detail(request, pk, section=None):
    """The case page: the summary header, the side navigation and one section (issue 12.2). The bare URL
    is the overview: the section the case's stage needs. A section the user may not open is a 404."""
    case = case_get_for(user=request.user, pk=pk)
    available = case_sections_available(request.user, case)
    shown = _section_shown(case, available, section)
    context = {
        "case": case,
        "mandatory": case_mandatory_category(case),
        "sections": available,
        "section": shown,
        "is_overview": section is None,
        "parts": case_sections(request, case, shown.key) if shown else [],
        "can_work_intake": can_work_intake(request.user),
        **case_summary(case),
        **case_summary_facts(case),
    }
    response = render(request, "intake/case_detail.html", context)
    groups = groups_shown_on_case(request.user, case, shown.groups) if shown else ()
    read_log(request, kind=Kind.CASE_PAGE, obj=case, case_number=case.number, groups=groups)
    return response


def _section_shown(case, available, key):
    """The section asked for, or for the overview the one the case's stage needs (else the first)."""
    by_key = {s.key: s for s in available}
    if key is not None:
        if key not in by_key:
            raise Http404
        return by_key[key]
    return by_key.get(SECTION_FOR_STATUS.get(case.status)) or (available[0] if available else None)


def _posted(request, pk, form_class, service, success, **kwargs):
    case = case_get_for(user=request.user, pk=pk)
    submit_form(request, form_class(request.POST), service, success=success, case=case, actor=request.user, **kwargs)
    return redirect(case_section_url(case, "decision"))


@role_required(Role.INTAKE, Role.DIRECTOR)
@require_POST
def allegation_add(request, pk):
    return _posted(request, pk, AllegationForm, services.allegation_add, _("Allegation added."))


@role_required(Role.INTAKE, Role.DIRECTOR)
@require_POST
def case_categorize(request, pk):
    return _posted(
        request,
        pk,
        MandatoryCategoryForm,
        services.case_categorize,
        _("Category recorded."),
        reason="Mandatory category set at intake",
    )


@role_required(Role.INTAKE, Role.DIRECTOR)
@require_POST
def case_decide(request, pk):
    return _posted(request, pk, DecisionForm, services.case_decide, _("Case-handling decision recorded."))


@role_required(Role.INTAKE, Role.DIRECTOR)
@require_POST
def case_close(request, pk):
    return _posted(request, pk, ReasonForm, services.case_close, _("Case closed."))
