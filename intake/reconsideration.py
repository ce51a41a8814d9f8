"""The filer's right to ask the Director to reconsider the case-handling decision (R1.9)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from oversight.accounts.alerts import active_directors
from oversight.history import save_audited
from oversight.notices.models import Notice
from oversight.notices.services import notice_send

from . import filer_reasons
from .exceptions import RuleViolation
from .filer_notices import decision_notify_filers, reconsideration_notice
from .models import Case, ReconsiderationRequest
from .permissions import can_decide_reconsideration, can_work_intake
from .services import case_lock, decision_apply


def decision_may_change(case):
    """R1.9: a decision can be reconsidered while it can still change: made, and the case either
    routed away or waiting for its investigation to open. The one place that says so."""
    return bool(case.decision) and case.status in (Case.Status.RESOLVED, Case.Status.AWAITING_INVESTIGATION)


@transaction.atomic
def reconsideration_request(*, case, complaint, reason, actor=None):
    """Records a filer's request to reconsider; asking again while one is pending returns that one.

    actor is the intake staff member who took the request by phone, mail or in person, or None
    when the filer asks through their own status page (which has already checked the access code).
    """
    if getattr(actor, "is_authenticated", False) and not can_work_intake(actor):
        raise PermissionDenied
    if complaint.case_id != case.pk:
        raise RuleViolation(_("This complaint is not part of this case."))
    case = case_lock(case)
    if not case.decision:
        raise RuleViolation(_("There is no case-handling decision to reconsider yet."))
    if not decision_may_change(case):
        raise RuleViolation(_("The decision can no longer change: the case has moved on."))
    if not str(reason).strip():
        raise RuleViolation(_("Say why the decision should be reconsidered."))
    pending = ReconsiderationRequest.objects.filter(
        complaint=complaint, outcome=ReconsiderationRequest.Outcome.PENDING
    ).first()
    if pending:
        return pending
    request = save_audited(
        ReconsiderationRequest(
            case=case,
            complaint=complaint,
            reason=reason,
            requested_at=timezone.now(),
            entered_by=actor if getattr(actor, "is_authenticated", False) else None,
            decision_before=case.decision,
        ),
        actor=actor,
        reason=filer_reasons.RECONSIDERATION_ASKED,
    )
    _tell_directors(request, actor)
    return request


def reconsideration_for_filer(complaint):
    """(the filer's latest request or None, whether they may ask now) for their status page.

    A filer may ask while the decision can still change: the case is routed away or waiting for
    its investigation to open, and no request of theirs is pending."""
    latest = ReconsiderationRequest.objects.filter(complaint=complaint).order_by("-requested_at").first()
    return latest, decision_may_change(complaint.case) and not (latest and latest.is_pending)


def _tell_directors(request, actor):
    with translation.override(settings.LANGUAGE_CODE):
        _tell_directors_in_office_language(request, actor)


def _tell_directors_in_office_language(request, actor):
    for director in active_directors():
        notice_send(
            recipient_user=director,
            recipient_name=director.get_full_name() or director.username,
            channel=Notice.Channel.PORTAL,
            about=request.case,
            actor=actor,
            subject=_("Reconsideration requested on %(number)s") % {"number": request.case.number},
            body=_("A filer asked the Director to reconsider the case-handling decision on %(number)s.")
            % {"number": request.case.number},
        )


@transaction.atomic
def reconsideration_decide(*, request, changed, reason, actor, new_decision=None):
    """The Director's answer, changed or not, recorded and sent to the filer; a change goes through the decide path."""
    if not can_decide_reconsideration(actor):
        raise PermissionDenied
    request = ReconsiderationRequest.objects.select_for_update().get(pk=request.pk)
    if request.outcome != ReconsiderationRequest.Outcome.PENDING:
        return request
    if not str(reason).strip():
        raise RuleViolation(_("Give the reason for the Director's decision."))
    case = case_lock(request.case)
    if changed:
        if not new_decision or new_decision == case.decision:
            raise RuleViolation(_("Choose the new case-handling decision."))
        case = decision_apply(case=case, decision=new_decision, reason=f"Reconsidered (R1.9): {reason}", actor=actor)
    request.outcome = request.Outcome.CHANGED if changed else request.Outcome.UNCHANGED
    request.decision_after = case.decision
    request.outcome_reason, request.decided_by, request.decided_at = reason, actor, timezone.now()
    save_audited(
        request,
        actor=actor,
        reason="Director reconsidered the decision (R1.9)",
        update_fields=["outcome", "decision_after", "outcome_reason", "decided_by", "decided_at"],
    )
    reconsideration_notice(request=request, actor=actor)
    if changed:
        # The other filers on the case are owed the new decision too, with their own right to ask.
        decision_notify_filers(case=case, actor=actor, exclude=[request.complaint])
    return request
