from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.db.models.functions import Coalesce

from oversight.accounts.roles import Role, has_role

from .models import Notice

WAITING = (Notice.Status.QUEUED, Notice.Status.SENDING)


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
    """Notices still not delivered NOTICE_STUCK_ALERT_MINUTES after they were logged (failed ones too)."""
    limit = now - timedelta(minutes=settings.NOTICE_STUCK_ALERT_MINUTES)
    return Notice.objects.filter(~Q(status=Notice.Status.SENT), created_at__lte=limit)


def notice_list_undelivered_visible_to(*, user):
    """The Office outbox: every notice not yet delivered, oldest first; the Director's to read."""
    if not has_role(user, Role.DIRECTOR):
        return Notice.objects.none()
    return (
        Notice.objects.filter(~Q(status=Notice.Status.SENT))
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
