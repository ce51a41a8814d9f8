import mimetypes
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import Notice

STALE_AFTER = timedelta(minutes=10)


def notice_send(
    *,
    recipient_name,
    channel,
    subject,
    body,
    actor,
    about=None,
    recipient_user=None,
    recipient_address="",
    dedupe_key=None,
    attachment="",
):
    """Logs a notice and delivers it after commit; a repeated dedupe_key logs nothing new.
    ``attachment`` is a path in default storage that the e-mail carries (or the letter encloses)."""
    notice = Notice(
        attachment=attachment,
        recipient_user=recipient_user,
        recipient_name=recipient_name,
        recipient_address=recipient_address,
        channel=channel,
        subject=subject[:200],
        body=body,
        dedupe_key=dedupe_key,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if about is not None:
        notice.about_type = ContentType.objects.get_for_model(about)
        notice.about_id = about.pk
    if channel != Notice.Channel.EMAIL:
        # Portal and postal notices are "sent" when logged: the portal shows them, and
        # staff print postal letters from the log.
        notice.status, notice.sent_at = Notice.Status.SENT, timezone.now()
    notice._history_user = notice.created_by
    notice._change_reason = "Notice logged"
    try:
        with transaction.atomic():
            notice.save()
    except IntegrityError:
        if dedupe_key and Notice.objects.filter(dedupe_key=dedupe_key).exists():
            return Notice.objects.get(dedupe_key=dedupe_key)
        raise
    if notice.status == Notice.Status.QUEUED:
        from .tasks import notice_deliver_task

        transaction.on_commit(lambda: notice_deliver_task.delay(notice.pk))
    return notice


def notice_deliver(*, notice_id, now=None):
    """Sends a queued e-mail notice at most once per claim; returns True when this call sent it."""
    now = now or timezone.now()
    # Claim with a conditional update: two workers holding the same id cannot both send.
    claimed = Notice.objects.filter(pk=notice_id, status=Notice.Status.QUEUED).update(
        status=Notice.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if claimed != 1:
        return False
    notice = Notice.objects.get(pk=notice_id)
    message = EmailMessage(notice.subject, notice.body, None, [notice.recipient_address])
    if notice.attachment:
        with notice.attachment.open("rb") as handle:
            name = notice.attachment.name.rsplit("/", 1)[-1]
            message.attach(name, handle.read(), mimetypes.guess_type(name)[0] or "application/octet-stream")
    message.send(fail_silently=False)
    Notice.objects.filter(pk=notice_id, status=Notice.Status.SENDING).update(
        status=Notice.Status.SENT, sent_at=timezone.now()
    )
    return True


def notice_requeue_stale(*, now=None):
    """Puts back notices whose worker died mid-delivery; returns the ids to deliver again."""
    now = now or timezone.now()
    stale = list(
        Notice.objects.filter(status=Notice.Status.SENDING, claimed_at__lt=now - STALE_AFTER).values_list(
            "pk", flat=True
        )
    )
    if stale:
        Notice.objects.filter(pk__in=stale, status=Notice.Status.SENDING).update(status=Notice.Status.QUEUED)
    return stale


def notice_mark_failed(*, notice_id):
    """A notice that could not be delivered after retries stays visible as failed, never silent."""
    Notice.objects.filter(pk=notice_id).exclude(status=Notice.Status.SENT).update(status=Notice.Status.FAILED)
