"""Notices to a filer: in the filer's language, by the way they asked to be reached, each a row (R6.3)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from oversight.notices.models import Notice
from oversight.notices.services import notice_send

from .models import Complaint


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


def filer_notice_send(complaint, compose, *, actor, dedupe_key=None, status_page_only=False):
    """Logs one notice to the filer; compose() runs in the filer's language and returns (subject, body).

    With no way to reach the filer the notice is logged only when status_page_only is set: it
    is then shown on the status page (channel "portal"). Returns the notice or None.
    """
    target = filer_channel(complaint)
    if target is None and not status_page_only:
        return None
    channel, address = target or (Notice.Channel.PORTAL, "")
    with translation.override(complaint.language or settings.LANGUAGE_CODE):
        subject, body = compose()
        fallback_name = _("Filer, case %(number)s") % {"number": complaint.case.number}
    return notice_send(
        recipient_name=complaint.contact_name or fallback_name,
        recipient_address=address,
        channel=channel,
        about=complaint,
        actor=actor,
        subject=subject,
        body=body,
        dedupe_key=dedupe_key,
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

    return filer_notice_send(complaint, compose, actor=actor, dedupe_key=f"complaint-received:{complaint.pk}")


def survey_invite(case, *, actor):
    """R1.10: at closure every filer with contact is invited to the survey, once per complaint."""
    for complaint in case.complaints.all():
        if complaint.wants_no_contact:
            continue

        def compose(complaint=complaint):
            subject = _("Your case %(number)s is closed: tell us how we did") % {"number": case.number}
            body = _(
                "Your case %(number)s is closed. Please answer a short survey about how the Oversight System "
                "handled your complaint. Open %(url)s with your case number and access code; the survey is on "
                "your status page. Answering is voluntary.\n\nQuestions: %(phone)s"
            ) % {"number": case.number, "url": status_url(complaint), "phone": settings.OFFICE_PHONE}
            return subject, body

        filer_notice_send(complaint, compose, actor=actor, dedupe_key=f"survey-invite:{complaint.pk}")
