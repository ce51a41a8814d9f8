from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.need_to_know import FieldGroup, groups_shown_on_case
from oversight.accounts.roles import Role, public, role_required
from oversight.audit.reads import Kind, read_log
from oversight.web import submit_form

from . import services
from .forms import AllegationForm, DecisionForm, MandatoryCategoryForm, ReasonForm
from .models import Case
from .paper_form import paper_form_pdf
from .permissions import can_decide_case, can_work_intake
from .sections import case_sections
from .selectors import (
    allegation_list_for_case,
    allegation_types_carrying_category,
    case_get_for,
    case_mandatory_category,
    complaint_list_shown_to,
)
from .staff_forms import RosterSearchForm
from .staff_selectors import case_list_intake_queue_filtered, employee_search_for_allegation
from .timeline import case_timeline

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


@role_required(Role.INTAKE, Role.DIRECTOR)
def case_queue(request):
    cases, filters = case_list_intake_queue_filtered(user=request.user, params=request.GET.copy())
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(request, "intake/case_queue.html", {"page": page, "filters": filters.form})


@role_required(*CASE_VIEWERS)
def case_detail(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    mandatory = case_mandatory_category(case)
    context = {
        "case": case,
        "complaints": complaint_list_shown_to(user=request.user, case=case),
        "allegations": allegation_list_for_case(case=case),
        "mandatory": mandatory,
        "sections": case_sections(request, case),
        "timeline": case_timeline(case=case, user=request.user),
    }
    context["can_work_intake"] = can_work_intake(request.user)
    if can_work_intake(request.user) and case.status == Case.Status.RECEIVED:
        context["allegation_form"] = AllegationForm()
        context.update(_roster_search(request))
        context["category_form"] = MandatoryCategoryForm(
            initial={"mandatory_category": mandatory},
            carriers=allegation_types_carrying_category(case=case).order_by("name") if mandatory else (),
        )
    if can_decide_case(request.user, case):
        if case.status == Case.Status.RECEIVED:
            context["decision_form"] = DecisionForm(rule=services.case_decision_rule(case))
        if case.status == Case.Status.RESOLVED:
            context["close_form"] = ReasonForm()
    response = render(request, "intake/case_detail.html", context)
    read_log(request, kind=Kind.CASE_PAGE, obj=case, case_number=case.number, groups=_page_groups(request, case))
    return response


# Demographics are counted in reports and never shown on the case page.
CASE_PAGE_GROUPS = tuple(g for g in FieldGroup if g != FieldGroup.DEMOGRAPHICS)


def _page_groups(request, case):
    return groups_shown_on_case(request.user, case, CASE_PAGE_GROUPS)


def _roster_search(request):
    """R1.6: a plain GET search lists the roster's matches to choose from, no JavaScript needed."""
    search = RosterSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    return {"roster_search": search, "roster_matches": employee_search_for_allegation(query=query) if query else None}


def _posted(request, pk, form_class, service, success, **kwargs):
    case = case_get_for(user=request.user, pk=pk)
    submit_form(request, form_class(request.POST), service, success=success, case=case, actor=request.user, **kwargs)
    return redirect("intake:case-detail", pk=case.pk)


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
