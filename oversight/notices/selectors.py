from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F
from django.db.models.functions import Coalesce
from django.http import Http404

from oversight.accounts.roles import Role, has_role

from .models import LetterBatch, Notice
from .permissions import can_mail_letters

WAITING = (Notice.Status.QUEUED, Notice.Status.SENDING)
# Off the outbox: delivered, handed to a person (a failed e-mail someone acted on), or a letter
# waiting for staff to print it, which "Letters to mail" lists instead (issue 12.4).
SETTLED = (Notice.Status.SENT, Notice.Status.HANDLED, Notice.Status.TO_MAIL)


def notice_list_due_for_redelivery(*, now):
    """E-mail notices not delivered NOTICE_REDELIVER_AFTER_SECONDS after they were logged or last
    claimed (a doorbell lost, a worker killed, a failed attempt waiting its turn), oldest first."""
    bound = now - timedelta(seconds=settings.NOTICE_REDELIVER_AFTER_SECONDS)
    return (
        Notice.objects.filter(status__in=WAITING, channel=Notice.Channel.EMAIL)
        .alias(waiting_since=Coalesce("claimed_at", "created_at"))
        .filter(waiting_since__lte=bound)
        .order_by("created_at", "pk")
    )


def notice_list_stuck(*, now):
    """Notices still not delivered NOTICE_STUCK_ALERT_MINUTES after they were logged: failed ones too,
    until someone acts on them (notices/failed.py); letters waiting to be printed are not stuck."""
    limit = now - timedelta(minutes=settings.NOTICE_STUCK_ALERT_MINUTES)
    return Notice.objects.exclude(status__in=SETTLED).filter(created_at__lte=limit)


def notice_list_undelivered_visible_to(*, user):
    """The Office outbox: every notice not yet delivered, oldest first; the Director's to read."""
    if not has_role(user, Role.DIRECTOR):
        return Notice.objects.none()
    return (
        Notice.objects.exclude(status__in=SETTLED)
        .only(
            "pk",
            "recipient_name",
            "channel",
            "subject",
            "status",
            "attempts",
            "stale_reclaims",
            "last_error",
            "created_at",
            "claimed_at",
        )
        .order_by("created_at", "pk")
    )


def notice_list_inbox(*, user):
    """A staff member's own notices, newest first: alerts on the portal and copies of e-mails to them."""
    return (
        Notice.objects.filter(recipient_user=user)
        .only("pk", "channel", "subject", "body", "status", "created_at", "read_at")
        .order_by("-created_at", "-pk")
    )


def notice_count_unread(*, user):
    return Notice.objects.filter(recipient_user=user, read_at__isnull=True).count()


def letter_list_to_mail(*, user):
    """Postal letters waiting to be printed (in no batch yet), oldest first; Director and intake staff."""
    if not can_mail_letters(user):
        return Notice.objects.none()
    return (
        Notice.objects.filter(status=Notice.Status.TO_MAIL, letter_batch__isnull=True)
        .only("pk", "recipient_name", "recipient_address", "subject", "language", "attachment", "created_at")
        .order_by("created_at", "pk")
    )


def letter_batch_list_visible_to(*, user):
    """Letter batches, newest first, each with ``letter_count``; those not yet mailed first."""
    if not can_mail_letters(user):
        return LetterBatch.objects.none()
    return (
        LetterBatch.objects.select_related("created_by", "mailed_by")
        .annotate(letter_count=Count("letters"))
        .order_by(F("mailed_on").desc(nulls_first=True), "-created_at", "-pk")
    )


def letter_batch_get_for(*, user, pk):
    """The batch if the user may print letters, else 404."""
    batch = letter_batch_list_visible_to(user=user).filter(pk=pk).first()
    if batch is None:
        raise Http404
    return batch


def letter_list_for_batch(batch):
    """The batch's letters in print order (oldest first)."""
    return batch.letters.order_by("created_at", "pk")


def notice_get_failed_for(*, user, pk):
    """A failed e-mail notice in the Office outbox the Director may act on, else 404."""
    notice = notice_list_undelivered_visible_to(user=user).filter(pk=pk, status=Notice.Status.FAILED).first()
    if notice is None:
        raise Http404
    return notice
