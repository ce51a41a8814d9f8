"""The notices' parts of the staff home (issue 12.1): what did not reach people, and letters to print."""

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oversight.accounts.my_work import ROWS_SHOWN, part, row

from .models import Notice
from .selectors import letter_batch_list_visible_to, letter_list_to_mail, notice_list_stuck

# A letter logged this long ago and still not printed is late: the person has waited days already.
LETTERS_LATE_AFTER = timedelta(days=2)


def undelivered_part(*, user, now):
    """Failed e-mails and notices stuck past NOTICE_STUCK_ALERT_MINUTES, until someone acts on them."""
    stuck = notice_list_stuck(now=now)
    counts = stuck.aggregate(n=Count("pk"), failed=Count("pk", filter=Q(status=Notice.Status.FAILED)))
    if not counts["n"]:
        return None
    rows = []
    for notice in stuck.only("pk", "subject", "recipient_name", "status", "created_at").order_by("created_at", "pk")[
        :ROWS_SHOWN
    ]:
        failed = notice.status == Notice.Status.FAILED
        url = reverse("notices:failed-notice-act", args=[notice.pk]) if failed else reverse("notices:outbox-list")
        detail = _("Failed: resend, send as a letter, or mark handled") if failed else _("Not delivered yet")
        rows.append(row(f"{notice.recipient_name}: {notice.subject}", url, detail, is_late=True))
    return part(
        _("Notices not delivered"),
        rows,
        count=counts["n"],
        late=counts["n"],
        more_url=reverse("notices:outbox-list"),
        more_label=_("Office outbox"),
    )


def letters_part(*, user, now):
    """Letters waiting to be printed (the oldest late after LETTERS_LATE_AFTER), and batches printed
    but not yet marked mailed."""
    waiting = letter_list_to_mail(user=user).aggregate(
        n=Count("pk"), late=Count("pk", filter=Q(created_at__lt=now - LETTERS_LATE_AFTER)), oldest=Min("created_at")
    )
    batches = list(letter_batch_list_visible_to(user=user).filter(mailed_on__isnull=True)[:ROWS_SHOWN])
    if not waiting["n"] and not batches:
        return None
    rows = []
    if waiting["n"]:
        label = ngettext(
            "%(n)s letter to print, logged %(when)s", "%(n)s letters to print, the oldest logged %(when)s", waiting["n"]
        ) % {
            "n": waiting["n"],
            "when": timezone.localtime(waiting["oldest"]).strftime("%Y-%m-%d"),
        }
        rows.append(row(label, reverse("notices:letter-list"), is_late=bool(waiting["late"])))
    for batch in batches:
        label = _("Batch %(n)s: printed, not yet marked mailed") % {"n": batch.pk}
        rows.append(row(label, reverse("notices:letter-batch-detail", args=[batch.pk])))
    return part(
        _("Letters to mail"),
        rows,
        count=waiting["n"],
        late=waiting["late"],
        more_url=reverse("notices:letter-list"),
        more_label=_("Letters to mail"),
    )
