"""What the Director does with an e-mail that failed for good (R6.3, issue 12.4): it stays in the
Office outbox and on the Director's work until someone resends it, sends it as a letter instead,
or marks it handled (reached another way), each with a reason in its history."""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from oversight.history import save_audited

from .models import Notice
from .permissions import can_act_on_failed_notice
from .services import notice_enqueue, notice_send


def _lock_failed(notice, actor, reason):
    if not can_act_on_failed_notice(actor):
        raise PermissionDenied
    if not str(reason).strip():
        raise ValidationError(_("Give the reason."))
    return Notice.objects.select_for_update().get(pk=notice.pk)


@transaction.atomic
def notice_resend(*, notice, actor, reason):
    """Puts a failed e-mail back in the outbox with a fresh count of attempts; rings after commit."""
    notice = _lock_failed(notice, actor, reason)
    if notice.status != Notice.Status.FAILED:
        return notice
    notice.status, notice.attempts, notice.claimed_at, notice.stuck_alerted_at = Notice.Status.QUEUED, 0, None, None
    save_audited(
        notice,
        actor=actor,
        reason=f"Resent: {reason}",
        update_fields=["status", "attempts", "claimed_at", "stuck_alerted_at"],
    )
    transaction.on_commit(partial(notice_enqueue, notice.pk))
    return notice


@transaction.atomic
def notice_send_as_letter(*, notice, address, actor, reason):
    """Logs the failed e-mail again as a letter to print and mail to ``address``, and marks the
    e-mail handled; returns the letter (or None when the e-mail was already dealt with)."""
    notice = _lock_failed(notice, actor, reason)
    if notice.status != Notice.Status.FAILED:
        return None
    if not str(address).strip():
        raise ValidationError(_("Give the postal address the letter goes to."))
    letter = notice_send(
        recipient_name=notice.recipient_name,
        recipient_user=notice.recipient_user,
        recipient_address=address.strip(),
        channel=Notice.Channel.POSTAL,
        subject=notice.subject,
        body=notice.body,
        attachment=notice.attachment.name if notice.attachment else "",
        language=notice.language,
        about=notice.about,
        actor=actor,
    )
    _handled(notice, actor, f"Sent as letter {letter.pk}: {reason}")
    return letter


@transaction.atomic
def notice_mark_handled(*, notice, actor, reason):
    """Takes a failed e-mail off the outbox because the Office reached the person another way."""
    notice = _lock_failed(notice, actor, reason)
    if notice.status == Notice.Status.FAILED:
        _handled(notice, actor, f"Handled: {reason}")
    return notice


def _handled(notice, actor, reason):
    notice.status = Notice.Status.HANDLED
    save_audited(notice, actor=actor, reason=reason, update_fields=["status"])
