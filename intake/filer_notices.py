"""Notices to a filer: in the filer's language, by the way they asked to be reached, each a row (R6.3)."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from oversight.notices.models import Notice
from oversight.notices.services import notice_send

from .models import Case, Complaint, FilerMessage


def status_url(complaint):
    return f"{settings.SITE_URL.rstrip('/')}{reverse('intake:status')}?case={complaint.case.number}"


def filer_channel(complaint):
    """(channel, address) the filer asked for and gave, or None when no notice can or may be sent."""
    method = complaint.contact_method
    if method == Complaint.ContactMethod.NONE:
        return None
    if method == Complaint.ContactMethod.MAIL and complaint.contact_address:
        return Notice.Channel.POSTAL, complaint.contact_address
    if complaint.contact_email and method in ("", Complaint.ContactMethod.EMAIL, Complaint.ContactMethod.PHONE):
        return Notice.Channel.EMAIL, complaint.contact_email
    if complaint.contact_address:
        return Notice.Channel.POSTAL, complaint.contact_address
    return None


def filer_notice_send(complaint, compose, *, actor, dedupe_key=None, status_page_only=False, dedupe_key_is_new=False):
    """Logs one notice to the filer; compose() runs in the filer's language and returns (subject, body).

    With no way to reach the filer the notice is logged only when status_page_only is set: it
    is then shown on the status page (channel "portal"). Returns the notice or None.
    """
    target = filer_channel(complaint)
    if target is None and not status_page_only:
        return None
    # No way to reach them: the notice waits on the status page, with the phone (if any) for staff to call.
    channel, address = target or (Notice.Channel.PORTAL, complaint.contact_phone)
    language = complaint.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject, body = compose()
        fallback_name = _("Filer, case %(number)s") % {"number": complaint.case.number}
    return notice_send(
        language=language,
        recipient_name=complaint.contact_name or fallback_name,
        recipient_address=address,
        channel=channel,
        about=complaint,
        actor=actor,
        subject=subject,
        body=body,
        dedupe_key=dedupe_key,
        dedupe_key_is_new=dedupe_key_is_new,
    )


def complaint_acknowledge(complaint, *, actor):
    """R1.4: the case number and a link to the status page (never the access code itself)."""
    number = complaint.case.number

    def compose():
        subject = _("Your complaint %(number)s was received") % {"number": number}
        body = _(
            "Thank you. Your complaint was received and given the case number %(number)s. "
            "The Office of Community-based Police Accountability will contact you about its status.\n\n"
            "You can follow your case at %(url)s with your case number and the access code "
            "you were shown when you filed.\n\nQuestions: %(phone)s"
        ) % {"number": number, "url": status_url(complaint), "phone": settings.OFFICE_PHONE}
        return subject, body

    # Called once, in the transaction that created the complaint: nobody else can hold its key.
    return filer_notice_send(
        complaint, compose, actor=actor, dedupe_key=f"complaint-received:{complaint.pk}", dedupe_key_is_new=True
    )


def survey_invite(case, *, actor):
    """The closing letter (R1.4, R1.10): how the case ended and the survey, once per complaint.

    Every filer reads it on their status page, whatever their contact choice; it is e-mailed or
    posted only to a filer who asked to be contacted and gave an address."""
    for complaint in case.complaints.all():

        def compose(complaint=complaint):
            subject = _("Your case %(number)s is closed: tell us how we did") % {"number": case.number}
            return subject, _closing_text(case, complaint)

        notice = filer_notice_send(
            complaint, compose, actor=actor, dedupe_key=f"survey-invite:{complaint.pk}", status_page_only=True
        )
        _on_status_page(notice, complaint, actor)


def _closing_text(case, complaint):
    values = {
        "number": case.number,
        "date": formats.date_format(timezone.localtime(case.closed_at or timezone.now()), "DATE_FORMAT"),
        "decision": str(Case.Decision(case.decision).label) if case.decision else "",
        "url": status_url(complaint),
        "phone": settings.OFFICE_PHONE,
    }
    if case.decision and case.decision != Case.Decision.INVESTIGATE:
        # Translators: public. The closing letter to the filer: a case handled without investigation.
        outcome = _(
            "On %(date)s the Office of Community-based Police Accountability closed your case %(number)s. "
            "Your complaint was handled this way: %(decision)s."
        )
    else:
        # Translators: public. The closing letter to the filer: an investigated case (the findings were
        # reviewed by a Board panel, or by the Mayor for the Chief of Police).
        outcome = _(
            "On %(date)s the Office of Community-based Police Accountability closed your case %(number)s. "
            "The investigation of your complaint and the review of its findings are finished."
        )
    # Translators: public. The closing letter to the filer, after how the case ended.
    survey = _(
        "Please answer a short survey about how the Oversight System handled your complaint. It is on your "
        "status page, %(url)s, which opens with your case number and access code. Answering is voluntary."
        "\n\nQuestions: %(phone)s"
    )
    return f"{outcome % values}\n\n{survey % values}"


def filer_message_to(complaint, *, body, notice, actor, reason):
    """A message from the Office on the filer's status page (R1.4), tied to its notice row (R6.3)."""
    from django.utils import timezone

    from oversight.history import save_audited

    from .filer_models import FilerMessage

    return save_audited(
        FilerMessage(
            complaint=complaint,
            direction=FilerMessage.Direction.TO_FILER,
            body=body,
            author=actor if getattr(actor, "is_authenticated", False) else None,
            notice=notice,
            created_at=timezone.now(),
        ),
        actor=actor,
        reason=reason,
    )


def _on_status_page(notice, complaint, actor):
    """A notice to the filer about their case also appears on their status page, in their language,
    so a filer who asked not to be contacted, or gave no contact at all, still reads it there (R1.4).
    A notice logged before (a repeated dedupe key) is not shown twice."""
    if notice is not None and not FilerMessage.objects.filter(complaint=complaint, notice=notice).exists():
        filer_message_to(
            complaint, body=notice.body, notice=notice, actor=actor, reason="Notice shown on the filer's status page"
        )
    return notice


def _decision_text(case):
    return {
        "number": case.number,
        "decision": str(Case.Decision(case.decision).label),
        "reason": case.decision_reason,
        "date": formats.date_format(timezone.localtime(case.decided_at), "DATE_FORMAT"),
    }


def decision_notice(*, case, complaint, actor):
    """Tells one filer the case-handling decision and their right to ask for reconsideration (R1.8, R1.9).

    R1.4: the status page is every filer's primary contact, so every filer finds the letter there,
    anonymous or not; it is e-mailed or posted only to a filer who asked and gave an address."""

    def compose():
        # Translators: public. The decision notice to the filer.
        subject = _("Decision on your complaint %(number)s") % {"number": case.number}
        # Translators: public. The decision notice to the filer.
        text = _(
            "On %(date)s the Office of Community-based Police Accountability decided how your complaint "
            "%(number)s will be handled: %(decision)s.\n\nReason: %(reason)s\n\n"
            "You have the right to ask the Director to reconsider this decision. Tell us why on your case "
            "status page, by phone, by mail or in person, and the Director will decide."
        )
        return subject, text % _decision_text(case)

    notice = filer_notice_send(complaint, compose, actor=actor, status_page_only=True)
    return _on_status_page(notice, complaint, actor)


def decision_notify_filers(*, case, actor, exclude=()):
    """Tells every filer the decision, each in their own language, on their status page at least."""
    for complaint in case.complaints.exclude(pk__in=[c.pk for c in exclude]):
        decision_notice(case=case, complaint=complaint, actor=actor)


def reconsideration_notice(*, request, actor):
    """Tells the filer who asked what the Director decided on reconsideration (R1.9)."""
    case, complaint = request.case, request.complaint

    def compose():
        # Translators: public. The reconsideration outcome notice to the filer.
        subject = _("The Director reconsidered the decision on %(number)s") % {"number": case.number}
        if request.outcome == request.Outcome.CHANGED:
            # Translators: public. The reconsideration outcome notice to the filer.
            text = _(
                "The Director reconsidered how your complaint %(number)s is handled and changed the decision "
                "to: %(decision)s.\n\nReason: %(reason)s"
            )
        else:
            # Translators: public. The reconsideration outcome notice to the filer.
            text = _(
                "The Director reconsidered how your complaint %(number)s is handled and kept the decision: "
                "%(decision)s.\n\nReason: %(reason)s"
            )
        values = {
            "number": case.number,
            "decision": str(Case.Decision(request.decision_after).label),
            "reason": request.outcome_reason,
        }
        return subject, text % values

    notice = filer_notice_send(complaint, compose, actor=actor, status_page_only=True)
    return _on_status_page(notice, complaint, actor)
