from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_lock, case_transition
from oversight.accounts.roles import Role, has_role
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_for
from oversight.calendar.services import deadline_meet, deadline_start
from oversight.history import save_audited
from oversight.notices.models import Notice
from oversight.notices.services import notice_send
from oversight.roster.selectors import employee_get_chief

from .models import ChiefNotice, Finding, Investigation, RecordsRequest
from .permissions import can_answer_records_request, can_direct, can_investigate, can_send_chief_notice
from .reminders import liaisons_of


@transaction.atomic
def chief_notice_send(*, case, actor, reason="Notice to the Chief before investigation (R2.1)"):
    """Sends and records the notice to the Chief of Police that must precede an investigation."""
    if not can_send_chief_notice(actor, case):
        raise PermissionDenied
    case = case_lock(case)
    existing = ChiefNotice.objects.filter(case=case).first()
    if existing:
        return existing
    if case.status != Case.Status.AWAITING_INVESTIGATION:
        raise RuleViolation(_("The Chief is notified once the case is routed to investigation."))
    chief = employee_get_chief()
    if chief is None:
        raise RuleViolation(_("The roster has no Chief of Police to notify."))
    notice = notice_send(
        recipient_name=str(chief),
        recipient_address=chief.email,
        channel=Notice.Channel.EMAIL,
        about=case,
        actor=actor,
        subject=_("Notice of OCPA investigation, case %(number)s") % {"number": case.number},
        body=_(
            "Under Portland City Code 35A.050, the Office of Community-based Police Accountability "
            "gives notice that it will investigate case %(number)s."
        )
        % {"number": case.number},
    )
    return save_audited(
        ChiefNotice(case=case, recipient=chief, notice=notice, sent_at=notice.created_at, sent_by=actor),
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def investigation_open(*, case, investigator, actor, reason):
    """Opens the investigation and starts its 180-day clock; only after the Chief's notice (R2.1, R2.3)."""
    if not can_direct(actor):
        raise PermissionDenied
    case = case_lock(case)
    existing = Investigation.objects.filter(case=case).first()
    if existing:
        return existing
    if not ChiefNotice.objects.filter(case=case).exists():
        raise RuleViolation(_("An investigation cannot open before the notice to the Chief is recorded (R2.1)."))
    if not has_role(investigator, Role.INVESTIGATOR):
        raise RuleViolation(_("Investigations are assigned to OCPA investigators."))
    now = timezone.now()
    investigation = save_audited(
        Investigation(case=case, investigator=investigator, commenced_at=now), actor=actor, reason=reason
    )
    case_transition(case=case, to=Case.Status.INVESTIGATING, actor=actor, reason=reason)
    deadline_start(
        about=investigation,
        rule=Deadline.Rule.INVESTIGATION_180D,
        starts_at=now,
        actor=actor,
        reason="Investigation commenced (R2.3)",
    )
    return investigation


@transaction.atomic
def records_request_send(*, investigation, records_sought, actor, reason="Records request to PPB (R2.6)"):
    """Sends a written records request to PPB; it falls due five business days later."""
    if not can_investigate(actor, investigation.case):
        raise PermissionDenied
    if investigation.status != Investigation.Status.OPEN:
        raise RuleViolation(_("Records are requested while the investigation is open."))
    now = timezone.now()
    request = save_audited(
        RecordsRequest(investigation=investigation, records_sought=records_sought, sent_at=now, requested_by=actor),
        actor=actor,
        reason=reason,
    )
    deadline = deadline_start(
        about=request,
        rule=Deadline.Rule.RECORDS_5BD,
        starts_at=now,
        actor=actor,
        reason="Records request sent",
    )
    for liaison in liaisons_of(request.agency):
        notice_send(
            recipient_user=liaison,
            recipient_name=str(liaison),
            recipient_address=liaison.email,
            channel=Notice.Channel.EMAIL if liaison.email else Notice.Channel.PORTAL,
            about=request,
            actor=actor,
            subject=_("Records request %(pk)s, due %(due)s")
            % {"pk": request.pk, "due": timezone.localtime(deadline.due_at).date().isoformat()},
            body=records_sought,
        )
    return request


@transaction.atomic
def records_request_answer(*, records_request, response, actor, reason="PPB answered the records request"):
    """A liaison's answer to a request addressed to their agency; stops its clock."""
    if not can_answer_records_request(actor, records_request):
        raise PermissionDenied
    request = RecordsRequest.objects.select_for_update().get(pk=records_request.pk)
    if request.status == RecordsRequest.Status.ANSWERED:
        return request
    if not response.strip():
        raise RuleViolation(_("Describe the records produced, or why any are withheld."))
    request.status, request.response = RecordsRequest.Status.ANSWERED, response
    request.answered_at, request.answered_by = timezone.now(), actor
    save_audited(
        request, actor=actor, reason=reason, update_fields=["status", "response", "answered_at", "answered_by"]
    )
    deadline = deadline_for(request, Deadline.Rule.RECORDS_5BD)
    if deadline:
        deadline_meet(deadline=deadline, actor=actor, reason="Records request answered", now=request.answered_at)
    return request


@transaction.atomic
def finding_record(*, allegation, outcome, rationale, actor, reason="Finding recorded"):
    """Records or revises the finding on one allegation while the investigation is open (R2.8)."""
    case = case_lock(allegation.case)
    if not can_investigate(actor, case):
        raise PermissionDenied
    if case.status != Case.Status.INVESTIGATING:
        raise RuleViolation(_("Findings are recorded during the investigation."))
    finding = Finding.objects.filter(allegation=allegation).first() or Finding(allegation=allegation)
    if finding.pk and finding.outcome == outcome and finding.rationale == rationale:
        return finding
    finding.outcome, finding.rationale = outcome, rationale
    finding.recorded_by, finding.recorded_at = actor, timezone.now()
    return save_audited(finding, actor=actor, reason=reason)


@transaction.atomic
def investigation_complete(*, investigation, actor, reason):
    """Completes an investigation once every allegation has a finding; stops the 180-day clock."""
    case = case_lock(investigation.case)
    if not can_investigate(actor, case):
        raise PermissionDenied
    investigation = Investigation.objects.select_for_update().get(pk=investigation.pk)
    if investigation.status == Investigation.Status.COMPLETED:
        return investigation
    if case.allegations.filter(finding__isnull=True).exists():
        raise RuleViolation(_("Every allegation needs a finding before the investigation is complete."))
    investigation.status, investigation.completed_at = Investigation.Status.COMPLETED, timezone.now()
    save_audited(investigation, actor=actor, reason=reason, update_fields=["status", "completed_at"])
    case_transition(case=case, to=Case.Status.FINDINGS_READY, actor=actor, reason=reason)
    deadline = deadline_for(investigation, Deadline.Rule.INVESTIGATION_180D)
    if deadline:
        deadline_meet(deadline=deadline, actor=actor, reason="Investigation completed", now=investigation.completed_at)
    return investigation
