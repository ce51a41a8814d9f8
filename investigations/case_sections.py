"""The investigation's sections of the staff case page (intake/sections.py), registered in apps.py:
the investigation itself, records requests, evidence, interviews and findings. Each builds only what
its section shows, so a section page runs a few queries whatever the case holds. Need-to-know
(oversight/accounts/need_to_know.py) decides what each user sees, exactly as on the one long page."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from intake.models import Case
from intake.selectors import allegation_list_for_case
from oversight.accounts import need_to_know as ntk
from oversight.accounts.need_to_know import FieldGroup
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_for, deadline_list_for

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
    RecordsRequestForm,
    RefusalForm,
    StatementForm,
    TaskForm,
)
from .models import ChiefNotice, Evidence, Investigation, Marking, MayorReferral, RecordsRequest
from .permissions import can_direct, can_investigate, can_send_chief_notice
from .selectors import finding_map_for_case, records_request_list_for_case_page


def _investigation(case):
    """The case's investigation, read once per request and kept on the case object."""
    if not hasattr(case, "_investigation_for_page"):
        case._investigation_for_page = Investigation.objects.select_related("investigator").filter(case=case).first()
    return case._investigation_for_page


def _may_investigate(user, case):
    return can_investigate(user, case) and case.status == Case.Status.INVESTIGATING


# Available tests for the side navigation.


def has_investigation_stage(user, case):
    """Today's rule: a case routed away from investigation has no investigation part."""
    return not (
        case.status in (Case.Status.RECEIVED, Case.Status.RESOLVED) and case.decision != Case.Decision.INVESTIGATE
    )


def has_investigation(user, case):
    return _investigation(case) is not None


def shows_evidence(user, case):
    investigation = _investigation(case)
    return investigation is not None and ntk.can_read(user, FieldGroup.EVIDENCE, investigation)


# Builders.


def investigation_section(request, case):
    """The notice to the Chief, opening and assignment, the 180-day clock, the plan, tasks, the report
    and the export to a prosecutor's office."""
    user, investigation = request.user, _investigation(case)
    context = {
        "template": "investigations/partials/_investigation_section.html",
        "case": case,
        "chief_notice": ChiefNotice.objects.select_related("recipient").filter(case=case).first(),
        "mayor_referral": MayorReferral.objects.filter(case=case).select_related("notice").first()
        if case.is_chief_route
        else None,
        "investigation": investigation,
        "clock": deadline_for(investigation, "investigation_180d") if investigation else None,
        "can_notify": can_send_chief_notice(user, case) and case.status == Case.Status.AWAITING_INVESTIGATION,
        "can_open": can_direct(user) and case.status == Case.Status.AWAITING_INVESTIGATION,
        "can_investigate": _may_investigate(user, case),
    }
    if can_direct(user) and investigation:
        context["export_form"] = ProsecutorExportForm()
    if context["can_open"]:
        context["open_form"] = InvestigationOpenForm()
    if context["can_notify"] and case.is_chief_route:
        context["designee_form"] = ChiefDesigneeForm()
    referral = context["mayor_referral"]
    if referral and referral.is_pending and referral.sent_at and can_direct(user):
        context["mayor_form"] = MayorResponseForm()
    if investigation:
        context["tasks"] = list(investigation.tasks.select_related("assigned_to", "done_by"))
    if context["can_investigate"]:
        context["plan_form"] = PlanForm(initial={"plan": investigation.plan})
        context["task_form"] = TaskForm()
    return context


def records_section(request, case):
    """Records requests to PPB, each with its 5-business-day clock and PPB's answers as need-to-know allows."""
    investigation = _investigation(case)
    requests = list(records_request_list_for_case_page(user=request.user, investigation=investigation))
    clocks = deadline_list_for(requests)
    context = {
        "template": "investigations/partials/_records_section.html",
        "investigation": investigation,
        "records_requests": [(r, (clocks.get(r.pk) or [None])[0]) for r in requests],
    }
    if _may_investigate(request.user, case):
        context["records_form"] = RecordsRequestForm()
    return context


def _visible_evidence(user, investigation):
    return list(ntk.visible(investigation.evidence.select_related("received_by"), user))


def evidence_section(request, case):
    """Evidence with its digest (R2.5): items the user may not see are left out of the query."""
    user, investigation = request.user, _investigation(case)
    evidence = _visible_evidence(user, investigation)
    context = {
        "template": "investigations/partials/_evidence_section.html",
        "investigation": investigation,
        "evidence": evidence,
        "hidden_count": investigation.evidence.count() - len(evidence),
        "markings": Marking.choices,
        "can_investigate": _may_investigate(user, case),
    }
    if context["can_investigate"]:
        context["evidence_form"] = EvidenceForm()
    return context


def interviews_section(request, case):
    """Interviews (R2.4): a statement the user may not read comes back as ``shown_statement`` NULL."""
    user, investigation = request.user, _investigation(case)
    interviews = ntk.with_shown_fields(
        ntk.visible(investigation.interviews.select_related("employee"), user), user, *ntk.STATEMENT
    ).defer(*ntk.STATEMENT)
    interviews = list(interviews)
    context = {
        "template": "investigations/partials/_interviews_section.html",
        "investigation": investigation,
        "interviews": [(i, StatementForm(prefix=f"i{i.pk}"), RefusalForm(prefix=f"x{i.pk}")) for i in interviews],
        "hidden_count": investigation.interviews.count() - len(interviews),
        "markings": Marking.choices,
        "can_investigate": _may_investigate(user, case),
    }
    if context["can_investigate"]:
        context["interview_form"] = InterviewForm()
    return context


def findings_section(request, case):
    """A finding per allegation (R2.8), with the evidence relied on that the user may see; completing
    the investigation."""
    user, investigation = request.user, _investigation(case)
    evidence = _visible_evidence(user, investigation) if shows_evidence(user, case) else []
    context = {
        "template": "investigations/partials/_findings_section.html",
        "investigation": investigation,
        "evidence": evidence,
        "allegation_rows": _allegation_rows(case, evidence),
    }
    if _may_investigate(user, case):
        context["finding_form"] = FindingForm()
        context["complete_form"] = CompleteForm()
    return context


def _allegation_rows(case, visible_evidence=()):
    """(allegation, finding, evidence relied on that this user may see) per allegation."""
    findings = finding_map_for_case(case)
    shown = {e.pk for e in visible_evidence}
    rows = []
    for allegation in allegation_list_for_case(case=case):
        finding = findings.get(allegation.pk)
        relied = [e for e in finding.evidence_relied_on.all() if e.pk in shown] if finding else []
        rows.append((allegation, finding, relied))
    return rows


# The summary header and the notice log.


def _case_deadlines(investigation):
    requests = RecordsRequest.objects.filter(investigation=investigation).values("pk")
    return Deadline.objects.filter(
        Q(about_type=ContentType.objects.get_for_model(Investigation), about_id=investigation.pk)
        | Q(about_type=ContentType.objects.get_for_model(RecordsRequest), about_id__in=requests)
    )


def case_summary_facts(case):
    """The assigned investigator and the next deadline still running on the case, with its explanation."""
    investigation = _investigation(case)
    if investigation is None:
        return {}
    running = _case_deadlines(investigation).filter(met_at__isnull=True).order_by("due_at", "pk").first()
    return {"investigator": investigation.investigator, "next_deadline": running}


def case_notice_subjects(case, user):
    """What on a case a notice can be about, beyond the case itself: the investigation, its records
    requests, evidence (integrity alerts; only items the user may see) and the clocks of the law."""
    investigation = _investigation(case)
    if investigation is None:
        return []
    return [
        (Investigation.objects.filter(pk=investigation.pk), None),
        (RecordsRequest.objects.filter(investigation=investigation), None),
        (ntk.visible(Evidence.objects.filter(investigation=investigation), user), None),
        (_case_deadlines(investigation), None),
    ]
