"""The status page look-up (R1.4) against guessing, per address and per case number (issue 13.7).

Per address: STATUS_RATE_LIMIT wrong look-ups per 15 minutes (public_views.complaint_status).
Per case number, whatever the address: after STATUS_CASE_GUESS_LIMIT wrong codes within
STATUS_CASE_GUESS_WINDOW_MINUTES the number's look-up is paused until that window ends, even for
the right code, and the Office is told once. A number that belongs to no case is counted and
paused the same way, so the answers never say whether a case exists. Counted in Redis, or in
PostgreSQL while Redis is down (oversight/ratelimit).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from oversight.accounts.alerts import staff_notify
from oversight.accounts.roles import Role
from oversight.ratelimit import counter_add, counter_value

from .models import Case

SCOPE = "status-case"


def status_lookup_paused(case_number):
    """True while look-ups of this case number are paused."""
    return counter_value(SCOPE, case_number) >= settings.STATUS_CASE_GUESS_LIMIT


def status_lookup_failed(case_number):
    """Counts a wrong access code for this case number; the one that reaches the limit pauses the
    look-up and alerts the Office (counts are handed out one by one, so that happens once a pause)."""
    window = settings.STATUS_CASE_GUESS_WINDOW_MINUTES * 60
    if counter_add(SCOPE, case_number, window=window) == settings.STATUS_CASE_GUESS_LIMIT:
        status_lookup_pause_alert(case_number=case_number)


def status_lookup_pause_alert(*, case_number):
    """Tells the Director and intake staff that a case's look-up is paused; nothing for a number that
    belongs to no case. Returns the notices."""
    case = Case.objects.filter(number=case_number).first()
    if case is None:
        return []
    subject = _("Case %(number)s: status page look-up paused after wrong access codes") % {"number": case.number}
    body = _(
        "%(count)s wrong access codes were entered for case %(number)s within %(minutes)s minutes, from one "
        "or more connections. Looking the case up on the public status page is paused until %(minutes)s "
        "minutes after the first of them, even with the right code. If the filer calls, intake staff can "
        "give them a new access code; the old one then stops working. The case: %(url)s"
    ) % {
        "count": settings.STATUS_CASE_GUESS_LIMIT,
        "number": case.number,
        "minutes": settings.STATUS_CASE_GUESS_WINDOW_MINUTES,
        "url": f"{settings.SITE_URL.rstrip('/')}{reverse('intake:case-detail', args=[case.pk])}",
    }
    office = (
        get_user_model()
        .objects.filter(groups__name__in=[Role.DIRECTOR, Role.INTAKE], is_active=True)
        .distinct()
        .order_by("pk")
    )
    return [staff_notify(user, subject=subject, body=body) for user in office]
