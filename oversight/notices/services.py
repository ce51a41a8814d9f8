"""Notices (R6.3) through an outbox: the Notice row is the truth, the broker only a doorbell.

``notice_send`` logs the row and, after commit, rings the doorbell (a delivery task). Whatever
happens to that message (Redis down, a lost queue, a killed worker), ``notice_outbox_sweep``
(beat, every minute) delivers every e-mail notice still waiting NOTICE_REDELIVER_AFTER_SECONDS
after it was logged or last tried.

Delivery bookkeeping (claim, sent, released) is done with conditional updates whose row count
decides who owns the notice, so it skips django-simple-history: the history records the notice
as logged, and the row's own columns (attempts, stale_reclaims, claimed_at, sent_at, last_error)
record its delivery.
"""

import logging
import mimetypes
import time
from datetime import timedelta
from email.utils import parseaddr
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.alerts import active_directors
from oversight.history import history_insert_select

from .models import Notice
from .selectors import notice_list_due_for_redelivery, notice_list_stuck

logger = logging.getLogger(__name__)

# A sweep stops claiming after this long, within beat's minute: the next sweep goes on with the
# rest, and a backlog never holds every worker slot away from the deadline sweep.
SWEEP_BUDGET_SECONDS = 45


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
    language="",
    dedupe_key_is_new=False,
):
    """Logs a notice and delivers it after commit; a repeated dedupe_key logs nothing new.
    ``attachment`` is a path in default storage that the e-mail carries (or the letter encloses);
    ``language`` is the recipient's, for a printed letter's frame around the body.
    ``dedupe_key_is_new``: the key names a row created in this transaction, so nobody else can
    have logged it: no savepoint to catch a duplicate (the unique index would still refuse one)."""
    notice = notice_build(
        recipient_name=recipient_name,
        channel=channel,
        subject=subject,
        body=body,
        actor=actor,
        about=about,
        recipient_user=recipient_user,
        recipient_address=recipient_address,
        dedupe_key=dedupe_key,
        attachment=attachment,
        language=language,
    )
    if dedupe_key and not dedupe_key_is_new:
        try:
            with transaction.atomic():
                notice.save()
        except IntegrityError:
            if Notice.objects.filter(dedupe_key=dedupe_key).exists():
                return Notice.objects.get(dedupe_key=dedupe_key)
            raise
    else:
        notice.save()
    if notice.status == Notice.Status.QUEUED:
        transaction.on_commit(partial(notice_enqueue, notice.pk))
    return notice


def notice_build(
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
    language="",
):
    """The unsaved Notice row notice_send and notice_send_bulk log: its status by channel, its history
    user and reason."""
    notice = Notice(
        attachment=attachment,
        language=language,
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
    if channel == Notice.Channel.POSTAL:
        # A letter is sent when a person mails it: it waits in "Letters to mail" (letters.py).
        notice.status = Notice.Status.TO_MAIL
    elif channel != Notice.Channel.EMAIL:
        # A portal notice is "sent" when logged: the portal shows it.
        notice.status, notice.sent_at = Notice.Status.SENT, timezone.now()
    notice._history_user = notice.created_by
    notice._change_reason = "Notice logged"
    return notice


def notice_send_bulk(items):
    """Logs many system notices (``items``: notice_send keyword dicts, actor None, no attachment) in a
    few statements: the rows and their history rows each in one INSERT. A dedupe_key already logged, or repeated in
    ``items``, logs nothing new. Same outbox as notice_send: e-mail rows wait queued and their
    doorbells ring after commit. Returns the notices logged now."""
    rows, seen = [], set()
    keys = [item["dedupe_key"] for item in items if item.get("dedupe_key")]
    logged = set(Notice.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)) if keys else set()
    for item in items:
        key = item.get("dedupe_key")
        if key and (key in logged or key in seen):
            continue
        seen.add(key)
        rows.append(notice_build(**item))
    if not rows:
        return []
    # An IntegrityError here (a key logged since the look-up) fails the caller's batch, which
    # then falls back to notice_send per notice (calendar/services.py).
    rows = Notice.objects.bulk_create(rows)
    history_insert_select(Notice, [notice.pk for notice in rows], reason="Notice logged")
    queued = [notice.pk for notice in rows if notice.status == Notice.Status.QUEUED]
    if queued:
        transaction.on_commit(partial(notice_enqueue_many, queued))
    return rows


# Notices per doorbell of a bulk batch: a broker round trip costs more than logging a notice, and
# a few messages per batch still spread the sending over the workers.
BULK_DOORBELL_SIZE = 50


def notice_enqueue_many(notice_ids):
    """Rings one doorbell per BULK_DOORBELL_SIZE notices, over one broker connection; never raises
    (see notice_enqueue): a lost one leaves its notices to the outbox sweep."""
    from oversight.doorbell import ring_many

    from .tasks import notice_deliver_many_task

    chunks = [notice_ids[i : i + BULK_DOORBELL_SIZE] for i in range(0, len(notice_ids), BULK_DOORBELL_SIZE)]
    return ring_many(notice_deliver_many_task, [(chunk,) for chunk in chunks])


def notice_enqueue(notice_id):
    """Rings the doorbell for one notice; never raises. With the broker down the row stays queued
    and the outbox sweep delivers it, so the caller's committed work (a filing) still succeeds."""
    from oversight.doorbell import ring

    from .tasks import notice_deliver_task

    return ring(notice_deliver_task, notice_id)


def _redeliver_after():
    return timedelta(seconds=settings.NOTICE_REDELIVER_AFTER_SECONDS)


def notice_message_id(notice):
    """The Message-ID of every attempt at this notice: a duplicate mailed after a stale reclaim is
    recognisably the same message to mail systems and to the Office."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or str(DNS_NAME)
    return f"<notice-{notice.pk}.{int(notice.created_at.timestamp())}@{domain}>"


def notice_deliver(*, notice_id, now=None):
    """Sends one e-mail notice if this call wins its claim and marks it sent at once; True when it sent.

    At least once, never silently lost: a worker that dies between sending and marking leaves a
    claim that goes stale after NOTICE_REDELIVER_AFTER_SECONDS; the sweep takes it over, counted
    in ``stale_reclaims`` as a possible duplicate."""
    now = now or timezone.now()
    if not _claim(notice_id, now):
        return False
    notice = Notice.objects.get(pk=notice_id)
    try:
        _message(notice).send(fail_silently=False)
    except Exception as exc:  # refused, unreachable, timed out, a missing attachment: the row records it
        _release(notice, claimed_at=now, error=exc)
        return False
    # Marked sent in the very next statement: the only duplicate window is this gap.
    Notice.objects.filter(pk=notice_id).exclude(status=Notice.Status.SENT).update(
        status=Notice.Status.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _claim(notice_id, now):
    # A conditional update: of two workers holding the same id one changes the row, the other
    # nothing. A claim is taken over only when older than the bound, and counted when it is.
    stale_claim = Q(status=Notice.Status.SENDING, claimed_at__lt=now - _redeliver_after())
    claimed = (
        Notice.objects.filter(Q(status=Notice.Status.QUEUED) | stale_claim)
        .filter(pk=notice_id, channel=Notice.Channel.EMAIL, attempts__lt=settings.NOTICE_MAX_ATTEMPTS)
        .update(
            status=Notice.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
            stale_reclaims=F("stale_reclaims")
            + Case(When(status=Notice.Status.SENDING, then=Value(1)), default=Value(0)),
        )
    )
    return claimed == 1


def _message(notice):
    message = EmailMessage(
        notice.subject,
        notice.body,
        None,
        [notice.recipient_address],
        headers={"Message-ID": notice_message_id(notice)},
    )
    if notice.attachment:
        with notice.attachment.open("rb") as handle:
            name = notice.attachment.name.rsplit("/", 1)[-1]
            message.attach(name, handle.read(), mimetypes.guess_type(name)[0] or "application/octet-stream")
    return message


def _release(notice, *, claimed_at, error):
    """After a failed attempt the notice waits for the sweep (queued), or fails after the last one.
    Only while the claim is still this attempt's: a holder that took it over decides for itself."""
    error_text = f"{type(error).__name__}: {error}"[:500]
    exhausted = Q(attempts__gte=settings.NOTICE_MAX_ATTEMPTS)
    Notice.objects.filter(pk=notice.pk, status=Notice.Status.SENDING, claimed_at=claimed_at).update(
        status=Case(When(exhausted, then=Value(Notice.Status.FAILED)), default=Value(Notice.Status.QUEUED)),
        last_error=error_text,
    )
    logger.warning("notice %s: attempt %s failed: %s", notice.pk, notice.attempts, error_text)


def notice_outbox_sweep(*, now=None):
    """Delivers every e-mail notice still waiting NOTICE_REDELIVER_AFTER_SECONDS after it was logged
    or last tried, whatever became of its broker message; then alerts the Director, once per
    notice, of those undelivered after NOTICE_STUCK_ALERT_MINUTES. Safe to run in parallel."""
    fixed_now, now = now, now or timezone.now()
    _fail_exhausted(now)
    due = list(notice_list_due_for_redelivery(now=now).values_list("pk", flat=True))
    started, delivered = time.monotonic(), 0
    for pk in due:
        if time.monotonic() - started > SWEEP_BUDGET_SECONDS:
            break
        # Each claim carries the time it was taken (unless a test fixed the clock): a long
        # sweep's last claims must not look stale the moment they are made.
        delivered += notice_deliver(notice_id=pk, now=fixed_now)
    return {"due": len(due), "delivered": delivered, "alerted": notice_alert_stuck(now=now)}


def _fail_exhausted(now):
    """A notice whose last allowed attempt died mid-send (or that the limit was lowered under) is
    failed, shown to the Director, and never sent again by itself."""
    waiting = Q(status=Notice.Status.QUEUED) | Q(status=Notice.Status.SENDING, claimed_at__lt=now - _redeliver_after())
    Notice.objects.filter(waiting, channel=Notice.Channel.EMAIL, attempts__gte=settings.NOTICE_MAX_ATTEMPTS).update(
        status=Notice.Status.FAILED,
        last_error=Case(
            When(status=Notice.Status.SENDING, then=Value("The worker stopped during the last attempt.")),
            default=F("last_error"),
        ),
    )


def notice_alert_stuck(*, now):
    """Tells every Director, once per notice, which notices are still undelivered after
    NOTICE_STUCK_ALERT_MINUTES (a staff-portal notice pointing to the Office outbox); returns how many."""
    with transaction.atomic():
        # skip_locked: two sweeps at once each take different notices, so none is announced twice.
        stuck = list(
            notice_list_stuck(now=now)
            .filter(stuck_alerted_at__isnull=True)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        if not stuck:
            return 0
        Notice.objects.filter(pk__in=stuck).update(stuck_alerted_at=now)
        subject = _("%(count)s notices not delivered") % {"count": len(stuck)}
        body = _(
            "%(count)s notices have waited more than %(minutes)s minutes to be delivered. "
            "The Office outbox lists them with their attempts and errors: %(url)s"
        ) % {
            "count": len(stuck),
            "minutes": settings.NOTICE_STUCK_ALERT_MINUTES,
            "url": f"{settings.SITE_URL.rstrip('/')}{reverse('notices:outbox-list')}",
        }
        notice_alert_directors(subject=subject, body=body, dedupe_key=f"outbox-stuck:{stuck[0]}")
    return len(stuck)


def notice_alert_directors(*, subject, body, dedupe_key, about=None):
    """A system alert to every active Director in their portal inbox, once per ``dedupe_key``: on the
    portal, not by e-mail, because e-mail may be what is broken."""
    for director in active_directors():
        notice_send(
            recipient_user=director,
            recipient_name=str(director),
            channel=Notice.Channel.PORTAL,
            subject=subject,
            body=body,
            actor=None,
            about=about,
            dedupe_key=f"{dedupe_key}:{director.pk}",
        )


def notice_mark_read(*, user, notice_id=None, now=None):
    """Marks one of the user's own notices read, or all of them; a notice of someone else is
    never touched (the caller answers 404). Returns how many changed. Reading is the user's own
    state, not case data, so no history row is written."""
    mine = Notice.objects.filter(recipient_user=user, read_at__isnull=True)
    if notice_id is not None:
        mine = mine.filter(pk=notice_id)
    return mine.update(read_at=now or timezone.now())
