"""Staff intake pages: entries by phone, mail, e-mail or in person, incidents, types, groups, reconsideration."""

from functools import partial

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.lists import Sort, list_page
from oversight.web import call_service, form_errors_to_messages, submit_form

from . import allegation_types, filing, incidents, reconsideration, services
from .access import access_code_matches, access_code_new
from .models import AllegationType, Complaint, IncidentGroup, ReconsiderationRequest
from .sections import case_section_url
from .selectors import case_get_for, case_list_visible_to
from .staff_forms import (
    AllegationTypeEditForm,
    AllegationTypeForm,
    GroupAddCaseForm,
    GroupCaseForm,
    IncidentCaseForm,
    IncidentGroupForm,
    ReconsiderationDecideForm,
    ReconsiderationRequestForm,
    StaffComplaintForm,
)
from .staff_selectors import incident_group_get_cases, incident_group_list

INTAKE = (Role.INTAKE, Role.DIRECTOR)
GROUP_CASE_SORTS = {
    "number": Sort(_l("Case"), ("number",)),
    "received": Sort(_l("Received"), ("received_at", "pk")),
}

GROUP_SORTS = {
    "name": Sort(_l("Name"), ("name",)),
    "incident": Sort(_l("Incident date"), ("incident_on",)),
    "created": Sort(_l("Created"), ("created_at",)),
}


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def complaint_enter(request):
    form = StaffComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = access_code_new()
        complaint = call_service(
            request,
            services.complaint_file,
            success=_("Complaint entered."),
            data=form.complaint_data(),
            submission_key=form.cleaned_data["submission_key"],
            channel=form.cleaned_data["channel"],
            access_code=code,
            actor=request.user,
        )
        if complaint is not None:
            # The filer follows the case on the status page like a web filer (R1.4); the code is
            # shown once, to read out or write in the letter. A resubmitted form opened nothing new.
            if access_code_matches(complaint, code):
                messages.info(
                    request,
                    _("Give the filer case number %(number)s and access code %(code)s for their status page.")
                    % {"number": complaint.case.number, "code": code},
                )
            return redirect("intake:case-detail", pk=complaint.case_id)
    return render(request, "intake/complaint_enter.html", {"form": form}, status=400 if form.errors else 200)


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def incident_open(request):
    form = IncidentCaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = call_service(
            request,
            incidents.case_open_for_incident,
            success=_("Case opened. OCPA must investigate it."),
            actor=request.user,
            **form.cleaned_data,
        )
        if case is not None:
            return redirect("intake:case-detail", pk=case.pk)
    return render(request, "intake/incident_open.html", {"form": form}, status=400 if form.errors else 200)


@role_required(Role.DIRECTOR, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def allegation_type_list(request):
    form = AllegationTypeForm(request.POST or None)
    if request.method == "POST":
        if submit_form(
            request,
            form,
            allegation_types.allegation_type_create,
            success=_("Allegation type added."),
            actor=request.user,
        ):
            return redirect("intake:allegation-type-list")
    context = {"types": AllegationType.objects.all(), "form": form}
    return render(request, "intake/allegation_type_list.html", context)


@role_required(Role.DIRECTOR, Role.ADMIN)
@require_http_methods(["GET", "POST"])
def allegation_type_edit(request, pk):
    allegation_type = get_object_or_404(AllegationType, pk=pk)
    form = AllegationTypeEditForm(request.POST or None, instance=allegation_type)
    if request.method == "POST":
        if submit_form(
            request,
            form,
            allegation_types.allegation_type_update,
            success=_("Allegation type saved."),
            allegation_type=allegation_type,
            actor=request.user,
        ):
            return redirect("intake:allegation-type-list")
    history = allegation_type.history.select_related("history_user").order_by("-history_date")[:50]
    context = {"allegation_type": allegation_type, "form": form, "history": history}
    return render(request, "intake/allegation_type_edit.html", context)


@role_required(*INTAKE)
@require_POST
def reconsideration_enter(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    form = ReconsiderationRequestForm(request.POST, case=case)
    submit_form(
        request,
        form,
        reconsideration.reconsideration_request,
        success=_("Reconsideration request recorded for the Director."),
        case=case,
        actor=request.user,
    )
    return redirect(case_section_url(case, "decision"))


@role_required(Role.DIRECTOR)
@require_POST
def reconsideration_decide(request, pk):
    pending = get_object_or_404(ReconsiderationRequest, pk=pk)
    case = case_get_for(user=request.user, pk=pending.case_id)
    form = ReconsiderationDecideForm(request.POST)
    submit_form(
        request,
        form,
        # The service's own "request" (the filer's) would clash with the HTTP request's name.
        partial(reconsideration.reconsideration_decide, request=pending),
        success=_("The Director's decision is recorded and the filer is told."),
        actor=request.user,
    )
    return redirect(case_section_url(case, "decision"))


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def incident_group_index(request):
    form = IncidentGroupForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            form_errors_to_messages(request, form)
        else:
            group = call_service(
                request,
                incidents.incident_group_create,
                success=_("Incident group created."),
                actor=request.user,
                **form.cleaned_data,
            )
            if group is not None:
                return redirect("intake:incident-group-detail", pk=group.pk)
    listing = list_page(request, incident_group_list(user=request.user), sorts=GROUP_SORTS, default="-created")
    context = {"listing": listing, "page": listing.page, "groups": listing.page, "form": form}
    return render(request, "intake/incident_group_list.html", context)


@role_required(*INTAKE)
@require_http_methods(["GET", "POST"])
def incident_group_detail(request, pk):
    group = get_object_or_404(IncidentGroup, pk=pk)
    form = GroupAddCaseForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            form_errors_to_messages(request, form)
        else:
            case = case_list_visible_to(user=request.user).filter(number=form.cleaned_data["number"].strip()).first()
            if case is None:
                messages.error(request, _("No case has this number."))
            else:
                call_service(
                    request,
                    incidents.incident_group_add_case,
                    success=_("Case added to the group."),
                    group=group,
                    case=case,
                    actor=request.user,
                    reason=form.cleaned_data["reason"],
                )
        return redirect("intake:incident-group-detail", pk=group.pk)
    # A protest's group can hold hundreds of cases: 50 to a page, like every staff list.
    cases = incident_group_get_cases(user=request.user, group=group)
    listing = list_page(request, cases, sorts=GROUP_CASE_SORTS, default="received", filtered=True)
    context = {"group": group, "listing": listing, "page": listing.page, "form": form}
    return render(request, "intake/incident_group_detail.html", context)


@role_required(*INTAKE)
@require_POST
def case_group_join(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        GroupCaseForm(request.POST),
        incidents.incident_group_add_case,
        success=_("Case added to the group."),
        case=case,
        actor=request.user,
    )
    return redirect(case_section_url(case, "complaint"))


@role_required(*INTAKE)
@require_POST
def case_group_leave(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    call_service(
        request,
        incidents.incident_group_remove_case,
        success=_("Case removed from the group."),
        case=case,
        actor=request.user,
    )
    return redirect(case_section_url(case, "complaint"))


@role_required(*INTAKE)
@require_POST
def access_code_reissue(request, pk):
    """Intake staff give a filer who lost their access code a new one, shown once (R1.4)."""
    case = case_get_for(user=request.user, pk=pk)
    complaint = get_object_or_404(Complaint, case=case, pk=request.POST.get("complaint") or 0)
    code = call_service(
        request,
        filing.access_code_reissue,
        success=_("A new access code was made; the old one no longer works."),
        complaint=complaint,
        actor=request.user,
        reason="Filer lost the access code; new code given",
    )
    if code:
        messages.info(
            request,
            _("Give the filer case number %(number)s and access code %(code)s for their status page.")
            % {"number": case.number, "code": code},
        )
    return redirect(case_section_url(case, "complaint"))
