"""Services of the public side: file with attachments, add information, messages, survey (R1.2-R1.4, R1.10)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.history import save_audited
from oversight.uploads.storage import discarded_on_failure, upload_discard, upload_store

from . import filer_reasons
from .exceptions import RuleViolation
from .filer_notices import filer_message_to, filer_notice_send, status_url
from .models import Complaint, FilerMessage, SurveyAnswer
from .permissions import can_message_filer, can_work_intake
from .services import attachments_record, complaint_file


def _store(inspected, folder):
    """Writes checked uploads to storage before any transaction (no slow I/O under a lock)."""
    return [
        {
            "file": upload_store(upload, f"complaints/{folder}"),
            "file_name": upload.name[-200:],
            "content_type": content_type,
            "size": size,
            "sha256": digest,
        }
        for upload, (content_type, size, digest) in inspected
    ]


def complaint_file_public(*, data, submission_key, access_code, demographics, uploads, actor=None):
    """Files a web complaint with its checked uploads; a repeated submission stores nothing twice."""
    stored = _store(uploads, submission_key)
    with discarded_on_failure([facts["file"] for facts in stored]):
        complaint = complaint_file(
            data=data,
            submission_key=submission_key,
            access_code=access_code,
            demographics=demographics,
            attachments=stored,
            actor=actor,
        )
    if stored:
        # A retry of a filing already taken keeps the first files; this try's copies go.
        kept = set(complaint.attachments.values_list("file", flat=True))
        upload_discard([facts["file"] for facts in stored if facts["file"] not in kept])
    return complaint


def filer_add(*, complaint, body, uploads, actor=None):
    """The filer adds information and files from the status page; staff see it on the case page."""
    actor = actor or AnonymousUser()
    stored = _store(uploads, f"{complaint.submission_key}/added")
    with discarded_on_failure([facts["file"] for facts in stored]), transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        now = timezone.now()
        message = save_audited(
            FilerMessage(
                complaint=complaint,
                direction=FilerMessage.Direction.FROM_FILER,
                body=body.strip() or _("(Files added)"),
                created_at=now,
            ),
            actor=actor,
            reason=filer_reasons.INFORMATION_ADDED,
        )
        attachments_record(complaint=complaint, facts_list=stored, received_at=now, actor=actor, message=message)
    return message


@transaction.atomic
def filer_message_send(*, complaint, body, actor):
    """Staff write to one filer: a notice row (R6.3) and a message on that filer's status page only."""
    if not can_message_filer(actor, complaint.case):
        raise PermissionDenied
    complaint = Complaint.objects.select_for_update().select_related("case").get(pk=complaint.pk)
    if not body.strip():
        raise RuleViolation(_("Write a message."))

    def compose():
        subject = _("A message about your complaint %(number)s") % {"number": complaint.case.number}
        text = _(
            "The Office of Community-based Police Accountability sent you a message about case %(number)s:\n\n"
            "%(body)s\n\nYou can read it and reply on your status page: %(url)s"
        ) % {"number": complaint.case.number, "body": body.strip(), "url": status_url(complaint)}
        return subject, text

    notice = filer_notice_send(complaint, compose, actor=actor, status_page_only=True)
    return filer_message_to(complaint, body=body.strip(), notice=notice, actor=actor, reason="Message to the filer")


@transaction.atomic
def survey_answer(*, complaint, answers, actor=None):
    """Keeps the filer's survey answer for the report (R1.10); one answer per complaint, after closure."""
    actor = actor or AnonymousUser()
    complaint = Complaint.objects.select_for_update().select_related("case").get(pk=complaint.pk)
    if complaint.case.status != complaint.case.Status.CLOSED:
        raise RuleViolation(_("The survey opens when your case is closed."))
    if SurveyAnswer.objects.filter(complaint=complaint).exists():
        raise RuleViolation(_("You have already answered the survey. Thank you."))
    return save_audited(
        SurveyAnswer(complaint=complaint, answered_at=timezone.now(), **answers),
        actor=actor,
        reason=filer_reasons.SURVEY_ANSWERED,
    )


@transaction.atomic
def access_code_reissue(*, complaint, actor, reason):
    """A filer who lost their code calls the Office: intake staff give a new one, and the old one
    stops working (R1.4). Returns the new code, to be read out once; only its hash is kept."""
    from .access import access_code_hash, access_code_new

    if not can_work_intake(actor):
        raise PermissionDenied
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    code = access_code_new()
    complaint.access_code_hash = access_code_hash(code)
    save_audited(complaint, actor=actor, reason=reason, update_fields=["access_code_hash"])
    return code
