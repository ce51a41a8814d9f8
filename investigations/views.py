from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_POST

from intake.models import Allegation
from intake.sections import case_section_url
from intake.selectors import case_get_for, case_list_visible_to
from intake.staff_selectors import case_search
from oversight.accounts import need_to_know as ntk
from oversight.accounts.need_to_know import FieldGroup
from oversight.accounts.roles import Role, has_role, role_required
from oversight.audit.reads import Kind, Outcome, read_log
from oversight.calendar.selectors import deadline_for, deadline_list_for
from oversight.jobs.models import Job
from oversight.jobs.services import job_start
from oversight.lists import Sort, is_filtered, list_page
from oversight.uploads.limits import RECORDS, takes_uploads
from oversight.web import call_service, submit_form

from . import interviews, services
from .filters import InvestigationFilter, RecordsRequestFilter
from .forms import (
    ChiefDesigneeForm,
    CompleteForm,
    EvidenceForm,
    FindingForm,
    InterviewForm,
    InvestigationOpenForm,
    MayorResponseForm,
    PlanForm,
    ProsecutorExportForm,
    RecordAnswerForm,
    RecordsRequestForm,
    RefusalForm,
    StatementForm,
    SubpoenaForm,
    TaskForm,
)
from .mayor import mayor_response_record as mayor_response_record_service
from .models import (
    Evidence,
    Interview,
    Investigation,
    InvestigationTask,
    Marking,
    RequestedRecord,
    Subpoena,
)
from .permissions import (
    can_answer_records_request,
    can_investigate,
    can_issue_subpoena,
)
from .selectors import (
    chief_notice_list_for_liaison,
    groups_shown_in_records,
    investigation_list_for_staff,
    records_request_get_for,
    records_request_list_visible_to,
    requested_record_list_shown_to,
)


def _back(case, section):
    """Back to the section of the case page the form was on (issue 12.2)."""
    return redirect(case_section_url(case, section))


@role_required(Role.INTAKE, Role.DIRECTOR)
@require_POST
def chief_notice_send(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    if case.is_chief_route:
        submit_form(
            request,
            ChiefDesigneeForm(request.POST),
            services.chief_notice_send,
            success=_("Notice sent to the Chief's designee."),
            case=case,
            actor=request.user,
        )
    else:
        call_service(
            request, services.chief_notice_send, success=_("Notice to the Chief sent."), case=case, actor=request.user
        )
    return _back(case, "investigation")


@role_required(Role.DIRECTOR)
@require_POST
def mayor_response_record(request, pk):
    """R1.7: the Director records the Mayor's answer on the Chief's findings."""
    case = case_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        MayorResponseForm(request.POST),
        mayor_response_record_service,
        success=_("The Mayor's response is recorded."),
        case=case,
        actor=request.user,
    )
    return _back(case, "investigation")


@role_required(Role.DIRECTOR)
@require_POST
def investigation_open(request, pk):
    case = case_get_for(user=request.user, pk=pk)
    submit_form(
        request,
        InvestigationOpenForm(request.POST),
        services.investigation_open,
        success=_("Investigation opened; the 180-day clock runs."),
        case=case,
        actor=request.user,
    )
    return _back(case, "investigation")


def _investigation_for(request, pk):
    investigation = get_object_or_404(Investigation, case__in=case_list_visible_to(user=request.user), pk=pk)
    return investigation


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def records_request_send(request, pk):
    investigation = _investigation_for(request, pk)
    submit_form(
        request,
        RecordsRequestForm(request.POST),
        services.records_request_send,
        success=_("Records request sent to PPB."),
        investigation=investigation,
        actor=request.user,
    )
    return _back(investigation.case, "records")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def finding_record(request, pk):
    allegation = get_object_or_404(Allegation, case__in=case_list_visible_to(user=request.user), pk=pk)
    form = FindingForm(request.POST)
    # An item the user may not see is answered like one that does not exist (R2.11).
    form.fields["evidence_relied_on"].queryset = ntk.visible(
        Evidence.objects.filter(investigation__case=allegation.case_id), request.user
    )
    submit_form(
        request,
        form,
        services.finding_record,
        success=_("Finding recorded."),
        allegation=allegation,
        actor=request.user,
    )
    return _back(allegation.case, "findings")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def investigation_complete(request, pk):
    investigation = _investigation_for(request, pk)
    submit_form(
        request,
        CompleteForm(request.POST),
        services.investigation_complete,
        success=_("Investigation completed."),
        investigation=investigation,
        actor=request.user,
    )
    return _back(investigation.case, "findings")


# "status" ascending puts open investigations first ("open" > "completed"), oldest commenced first:
# the 180-day clocks closest to their end. Served by investigation_status_order_idx.
INVESTIGATION_SORTS = {
    "status": Sort(_l("Status"), ("-status", "commenced_at")),
    "commenced": Sort(_l("Commenced"), ("commenced_at",)),
    "case": Sort(_l("Case"), ("case__number",)),
    "investigator": Sort(_l("Investigator"), ("investigator__last_name", "investigator__first_name")),
}
RECORDS_REQUEST_SORTS = {
    # Ascending puts what PPB still owes first ("sent", then "partial", then "answered"), oldest
    # sent (the soonest due) first within each; the index is in this order (issue 12.1: by due date).
    "status": Sort(_l("Status"), ("-status", "sent_at")),
    "sent": Sort(_l("Sent"), ("sent_at",)),
    "request": Sort(_l("Request"), ("pk",)),
}


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
def my_cases(request):
    """Investigations the user may see (an investigator: their own), open first, 50 to a page."""
    filters = InvestigationFilter(
        request.GET or None,
        queryset=investigation_list_for_staff(user=request.user),
        show_investigator=has_role(request.user, Role.DIRECTOR),
    )
    listing = list_page(
        request,
        filters.qs,
        sorts=INVESTIGATION_SORTS,
        default="status",
        search=partial(case_search, user=request.user, path="case__"),
        filtered=is_filtered(filters) or not has_role(request.user, Role.DIRECTOR),
    )
    context = {"listing": listing, "page": listing.page, "rows": _with_clocks(listing.page), "filters": filters.form}
    return render(request, "investigations/investigation_list.html", context)


@role_required(Role.LIAISON, Role.DIRECTOR, Role.INVESTIGATOR)
def liaison_inbox(request):
    filters = RecordsRequestFilter(request.GET or None, queryset=records_request_list_visible_to(user=request.user))
    listing = list_page(
        request,
        filters.qs,
        sorts=RECORDS_REQUEST_SORTS,
        default="status",
        search=partial(case_search, user=request.user, path="investigation__case__"),
        filtered=is_filtered(filters) or not has_role(request.user, Role.DIRECTOR),
    )
    notices = chief_notice_list_for_liaison(user=request.user).filter(acknowledged_at__isnull=True)
    context = {
        "listing": listing,
        "page": listing.page,
        "rows": _with_clocks(listing.page),
        "filters": filters.form,
        "chief_notices": notices,
    }
    return render(request, "investigations/records_request_inbox.html", context)


def _with_clocks(page):
    """(row, its first clock) for the page's rows only: one query whatever the list's size."""
    clocks = deadline_list_for(page.object_list)
    return [(row, (clocks.get(row.pk) or [None])[0]) for row in page.object_list]


def _record_rows(request, records_request, bound=None):
    """Each record with what this user may do with it; ``bound`` is a re-posted form with errors."""
    may_answer = can_answer_records_request(request.user, records_request)
    may_subpoena = can_issue_subpoena(request.user)
    may_register = can_investigate(request.user, records_request.investigation.case)
    registered = set(
        Evidence.objects.filter(source_record__request=records_request).values_list("source_record", flat=True)
    )
    subpoenas = {}
    for subpoena in Subpoena.objects.filter(record__request=records_request):
        moves = sorted((to, Subpoena.Status(to).label) for to in Subpoena.TRANSITIONS[subpoena.status])
        subpoenas.setdefault(subpoena.record_id, []).append((subpoena, moves))
    rows = []
    records = requested_record_list_shown_to(user=request.user, records=records_request.records.all())
    for record in records.select_related("answered_by"):
        form = None
        if may_answer and record.outcome == RequestedRecord.Outcome.PENDING:
            form = (
                bound
                if bound is not None and bound.prefix == f"r{record.pk}"
                else RecordAnswerForm(prefix=f"r{record.pk}")
            )
        contested = record.outcome in (RequestedRecord.Outcome.WITHHELD, RequestedRecord.Outcome.REDACTED)
        rows.append(
            {
                "record": record,
                "form": form,
                "can_register": may_register and bool(record.shown_file) and record.pk not in registered,
                "subpoenas": subpoenas.get(record.pk, []),
                "can_subpoena": may_subpoena and contested,
                "subpoena_form": SubpoenaForm(prefix=f"s{record.pk}"),
            }
        )
    return rows


def _records_request_page(request, records_request, bound=None, rows=None):
    return render(
        request,
        "investigations/records_request_detail.html",
        {
            "records_request": records_request,
            "rows": _record_rows(request, records_request, bound) if rows is None else rows,
            "clock": deadline_for(records_request, "records_5bd"),
            "evidence_kinds": Evidence.Kind.choices,
        },
        status=400 if bound is not None else 200,
    )


@role_required(Role.LIAISON, Role.DIRECTOR, Role.INVESTIGATOR)
def records_request_detail(request, pk):
    records_request = records_request_get_for(user=request.user, pk=pk)
    rows = _record_rows(request, records_request)
    response = _records_request_page(request, records_request, rows=rows)
    read_log(
        request,
        kind=Kind.RECORDS_REQUEST,
        obj=records_request,
        case_number=records_request.investigation.case.number,
        groups=groups_shown_in_records(row["record"] for row in rows),
    )
    return response


@takes_uploads(RECORDS)
@role_required(Role.LIAISON)
@require_POST
def requested_record_answer(request, pk, record_pk):
    """A liaison answers one record; errors re-render the page with what was typed kept."""
    records_request = records_request_get_for(user=request.user, pk=pk)
    record = get_object_or_404(RequestedRecord, pk=record_pk, request=records_request)
    form = RecordAnswerForm(request.POST, request.FILES, prefix=f"r{record.pk}")
    if form.is_valid():
        try:
            services.requested_record_answer(record=record, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Answer for “%(record)s” sent to OCPA.") % {"record": record})
            return redirect("investigations:records-request-detail", pk=pk)
    return _records_request_page(request, records_request, bound=form)


@role_required(Role.LIAISON, Role.DIRECTOR, Role.INVESTIGATOR)
def requested_record_file(request, record_pk):
    """The produced file, to those who may see its request; served as a download, never inline."""
    record = get_object_or_404(
        RequestedRecord.objects.select_related("request__investigation__case"),
        pk=record_pk,
        request__in=records_request_list_visible_to(user=request.user),
    )
    if not record.file:
        raise Http404
    interviews.ppb_record_open(record=record, actor=request.user)
    for evidence in Evidence.objects.filter(source_record=record):  # the same file is evidence too
        services.evidence_log_download(evidence=evidence, actor=request.user)
    response = FileResponse(
        record.file.open("rb"),
        as_attachment=True,
        filename=record.file_name or f"record-{record.pk}",
        content_type=record.content_type or "application/octet-stream",
    )
    _file_read(request, Kind.PPB_RECORD, record, record.request.investigation.case)
    return response


def _file_read(request, kind, obj, case):
    read_log(
        request,
        kind=kind,
        obj=obj,
        case_number=case.number,
        groups=ntk.groups_of(obj, "file"),
        outcome=Outcome.DOWNLOADED,
    )


@role_required(Role.DIRECTOR)
@require_POST
def subpoena_issue(request, record_pk):
    record = get_object_or_404(
        RequestedRecord, pk=record_pk, request__in=records_request_list_visible_to(user=request.user)
    )
    submit_form(
        request,
        SubpoenaForm(request.POST, prefix=f"s{record.pk}"),
        services.subpoena_issue,
        success=_("Subpoena issued."),
        record=record,
        actor=request.user,
    )
    return redirect("investigations:records-request-detail", pk=record.request_id)


@role_required(Role.DIRECTOR)
@require_POST
def subpoena_advance(request, subpoena_pk):
    subpoena = get_object_or_404(
        Subpoena, pk=subpoena_pk, record__request__in=records_request_list_visible_to(user=request.user)
    )
    to = request.POST.get("to", "")
    if to not in Subpoena.Status.values:
        raise Http404
    call_service(
        request,
        services.subpoena_advance,
        success=_("Subpoena updated."),
        subpoena=subpoena,
        to=to,
        actor=request.user,
        reason=f"Subpoena {Subpoena.Status(to).label.lower()}",
    )
    return redirect("investigations:records-request-detail", pk=subpoena.record.request_id)


def _evidence_for(request, pk):
    """The item through the need-to-know query: one the user may not see is a 404, like a missing one."""
    evidence = Evidence.objects.select_related("investigation__case", "source_record").filter(
        investigation__case__in=case_list_visible_to(user=request.user)
    )
    return get_object_or_404(ntk.visible(evidence, request.user), pk=pk)


@takes_uploads(RECORDS)
@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def evidence_receive(request, pk):
    investigation = _investigation_for(request, pk)
    form = EvidenceForm(request.POST, request.FILES)
    submit_form(
        request,
        form,
        services.evidence_receive,
        success=_("Evidence received; its digest is recorded."),
        investigation=investigation,
        actor=request.user,
    )
    return _back(investigation.case, "evidence")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
def evidence_file(request, pk):
    """Downloads an item; each download is a custody event."""
    evidence = _evidence_for(request, pk)
    if evidence.source_record_id:
        interviews.ppb_record_open(record=evidence.source_record, actor=request.user)
    services.evidence_log_download(evidence=evidence, actor=request.user)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name, content_type=evidence.content_type
    )
    _file_read(request, Kind.EVIDENCE_FILE, evidence, evidence.investigation.case)
    return response


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def evidence_verify(request, pk):
    from .tasks import evidence_verify_task

    evidence = _evidence_for(request, pk)
    if not ntk.can_write(request.user, FieldGroup.EVIDENCE, evidence):
        raise PermissionDenied  # the service refuses it too; this is the kind reply
    # A large file takes minutes to read: its job page shows how far the check has gone (issue 12.5).
    job = job_start(
        kind=Job.Kind.EVIDENCE_VERIFY,
        actor=request.user,
        task=evidence_verify_task,
        args=(evidence.pk,),
        back_url=case_section_url(evidence.investigation.case, "evidence"),
    )
    return redirect("jobs:job-detail", pk=job.pk)


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def evidence_register_record(request, record_pk):
    record = get_object_or_404(
        RequestedRecord, pk=record_pk, request__in=records_request_list_visible_to(user=request.user)
    )
    kind = request.POST.get("kind", "")
    if kind not in Evidence.Kind.values:
        kind = Evidence.Kind.DOCUMENT
    call_service(
        request,
        services.evidence_register_record,
        success=_("Registered as evidence."),
        record=record,
        kind=kind,
        actor=request.user,
    )
    return redirect("investigations:records-request-detail", pk=record.request_id)


@role_required(Role.LIAISON)
@require_POST
def chief_notice_acknowledge(request, pk):
    notice = get_object_or_404(chief_notice_list_for_liaison(user=request.user), pk=pk)
    call_service(
        request,
        services.chief_notice_acknowledge,
        success=_("Notice acknowledged."),
        chief_notice=notice,
        actor=request.user,
    )
    return redirect("investigations:liaison-inbox")


def _interview_for(request, pk):
    """The interview through the need-to-know query: one the user may not see (marked privileged, say) is
    a 404 with the body of a missing one, before any service could answer with its state (R2.11)."""
    interviews = Interview.objects.select_related("investigation__case").filter(
        investigation__case__in=case_list_visible_to(user=request.user)
    )
    return get_object_or_404(ntk.visible(interviews, request.user), pk=pk)


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def interview_schedule(request, pk):
    investigation = _investigation_for(request, pk)
    submit_form(
        request,
        InterviewForm(request.POST),
        interviews.interview_schedule,
        success=_("Interview scheduled."),
        investigation=investigation,
        actor=request.user,
    )
    return _back(investigation.case, "interviews")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def interview_garrity(request, pk):
    interview = _interview_for(request, pk)
    call_service(
        request,
        interviews.interview_give_garrity,
        success=_("Garrity notice recorded: the statement will be compelled."),
        interview=interview,
        actor=request.user,
    )
    return _back(interview.investigation.case, "interviews")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def interview_complete(request, pk):
    interview = _interview_for(request, pk)
    submit_form(
        request,
        StatementForm(request.POST, prefix=f"i{interview.pk}"),
        interviews.interview_complete,
        success=_("Statement recorded."),
        interview=interview,
        actor=request.user,
    )
    return _back(interview.investigation.case, "interviews")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def interview_refuse(request, pk):
    interview = _interview_for(request, pk)
    submit_form(
        request,
        RefusalForm(request.POST, prefix=f"x{interview.pk}"),
        interviews.interview_refuse,
        success=_("Refusal recorded."),
        interview=interview,
        actor=request.user,
    )
    return _back(interview.investigation.case, "interviews")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def evidence_mark_derived(request, pk):
    evidence = _evidence_for(request, pk)
    call_service(
        request,
        interviews.evidence_mark_derived,
        success=_("Marked: never sent to a prosecutor."),
        evidence=evidence,
        actor=request.user,
    )
    return _back(evidence.investigation.case, "evidence")


@role_required(Role.DIRECTOR)
@require_POST
def prosecutor_export(request, pk):
    """The one export to a prosecutor's office (R2.9): compelled material is left out by the service."""
    case = case_get_for(user=request.user, pk=pk)
    form = ProsecutorExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Name the prosecutor's office."))
        return _back(case, "investigation")
    payload = interviews.prosecutor_export_build(case=case, office=form.cleaned_data["office"], actor=request.user)
    response = JsonResponse(payload, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = f'attachment; filename="case-{case.number}-prosecutor-export.json"'
    exported = {FieldGroup.VOLUNTARY: payload["voluntary_statements"], FieldGroup.EVIDENCE: payload["evidence"]}
    groups = [group for group, items in exported.items() if items]
    read_log(
        request, kind=Kind.PROSECUTOR_EXPORT, obj=case, case_number=case.number, groups=groups, outcome=Outcome.EXPORTED
    )
    return response


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def material_mark(request, kind, pk):
    """Marks an item of evidence or an interview confidential or privileged (R2.11)."""
    obj = _evidence_for(request, pk) if kind == "evidence" else _interview_for(request, pk)
    marking = request.POST.get("marking", "")
    if marking not in Marking.values:
        raise Http404
    call_service(
        request,
        interviews.material_mark,
        success=_("Marking recorded."),
        obj=obj,
        marking=marking,
        actor=request.user,
        reason=f"Marked {Marking(marking).label if marking else 'unmarked'}"[:100],
    )
    return _back(obj.investigation.case, "evidence" if kind == "evidence" else "interviews")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def investigation_plan(request, pk):
    investigation = _investigation_for(request, pk)
    submit_form(
        request,
        PlanForm(request.POST),
        services.investigation_plan_set,
        success=_("Plan saved."),
        investigation=investigation,
        actor=request.user,
    )
    return _back(investigation.case, "investigation")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR, Role.BOARD)
def investigation_report(request, pk):
    """The rendered investigation report, for staff who may see the case and its panel."""
    investigation = _investigation_for(request, pk)
    if not investigation.report_pdf:
        raise Http404
    response = FileResponse(
        investigation.report_pdf.open("rb"),
        content_type="application/pdf",
        filename=f"case-{investigation.case.number}-report.pdf",
    )
    case = investigation.case
    # The report lists the evidence each finding relied on, as far as a panel may read it.
    groups = ntk.groups_shown_on_case(request.user, case, (FieldGroup.EVIDENCE,))
    read_log(request, kind=Kind.INVESTIGATION_REPORT, obj=investigation, case_number=case.number, groups=groups)
    return response


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def investigation_report_render(request, pk):
    from .tasks import investigation_report_render_task

    investigation = _investigation_for(request, pk)
    if investigation.status != Investigation.Status.COMPLETED:
        messages.error(request, _("The report is rendered once the investigation is complete."))
        return _back(investigation.case, "investigation")
    # The page of the job shows the rendering as it goes, and the report when it is ready (issue 12.5).
    job = job_start(
        kind=Job.Kind.INVESTIGATION_REPORT,
        actor=request.user,
        task=investigation_report_render_task,
        args=(investigation.pk,),
        back_url=case_section_url(investigation.case, "investigation"),
    )
    return redirect("jobs:job-detail", pk=job.pk)


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def investigation_task_add(request, pk):
    investigation = _investigation_for(request, pk)
    submit_form(
        request,
        TaskForm(request.POST),
        services.investigation_task_add,
        success=_("Task added."),
        investigation=investigation,
        actor=request.user,
    )
    return _back(investigation.case, "investigation")


@role_required(Role.INVESTIGATOR, Role.DIRECTOR)
@require_POST
def investigation_task_done(request, pk):
    task = get_object_or_404(
        InvestigationTask.objects.select_related("investigation__case"),
        investigation__case__in=case_list_visible_to(user=request.user),
        pk=pk,
    )
    call_service(request, services.investigation_task_done, success=_("Task done."), task=task, actor=request.user)
    return _back(task.investigation.case, "investigation")
