"""Notices to filers about their case, each written in the filer's own language (R1.4, R1.9, R6.3)."""

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from oversight.notices.models import Notice
from oversight.notices.services import notice_send

from .models import Case


def filer_notify(*, complaint, subject, body, actor):
    """Logs one notice to the filer of this complaint; anonymous filers are owed none (R1.2)."""
    if complaint.is_anonymous:
        return None
    # Without an e-mail address the notice waits on the filer's status page and staff call them.
    channel = Notice.Channel.EMAIL if complaint.contact_email else Notice.Channel.PORTAL
    return notice_send(
        recipient_name=complaint.contact_name or complaint.contact_email or complaint.contact_phone,
        recipient_address=complaint.contact_email or complaint.contact_phone,
        channel=channel,
        # Each filer's notices hang from their own complaint, so a grouped or shared case never
        # shows one filer what was sent to another.
        about=complaint,
        actor=actor,
        subject=subject,
        body=body,
    )


def _decision_text(case):
    return {
        "number": case.number,
        "decision": str(Case.Decision(case.decision).label),
        "reason": case.decision_reason,
        "date": formats.date_format(timezone.localtime(case.decided_at), "DATE_FORMAT"),
    }


def decision_notice(*, case, complaint, actor):
    """Tells one filer the case-handling decision and their right to ask for reconsideration (R1.8, R1.9)."""
    with translation.override(complaint.language):
        subject = _("Decision on your complaint %(number)s") % {"number": case.number}
        body = _(
            "On %(date)s the Office of Community-based Police Accountability decided how your complaint "
            "%(number)s will be handled: %(decision)s.\n\nReason: %(reason)s\n\n"
            "You have the right to ask the Director to reconsider this decision. Tell us why on your case "
            "status page, by phone, by mail or in person, and the Director will decide."
        ) % _decision_text(case)
    return filer_notify(complaint=complaint, subject=subject, body=body, actor=actor)


def decision_notify_filers(*, case, actor, exclude=()):
    """Tells every filer with contact details the decision, each in their own language."""
    for complaint in case.complaints.exclude(pk__in=[c.pk for c in exclude]):
        decision_notice(case=case, complaint=complaint, actor=actor)


def reconsideration_notice(*, request, actor):
    """Tells the filer who asked what the Director decided on reconsideration (R1.9)."""
    case, complaint = request.case, request.complaint
    with translation.override(complaint.language):
        subject = _("The Director reconsidered the decision on %(number)s") % {"number": case.number}
        if request.outcome == request.Outcome.CHANGED:
            text = _(
                "The Director reconsidered how your complaint %(number)s is handled and changed the decision "
                "to: %(decision)s.\n\nReason: %(reason)s"
            )
        else:
            text = _(
                "The Director reconsidered how your complaint %(number)s is handled and kept the decision: "
                "%(decision)s.\n\nReason: %(reason)s"
            )
        body = text % {
            "number": case.number,
            "decision": str(Case.Decision(request.decision_after).label),
            "reason": request.outcome_reason,
        }
    return filer_notify(complaint=complaint, subject=subject, body=body, actor=actor)
