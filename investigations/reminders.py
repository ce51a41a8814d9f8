"""Who hears about the investigation clocks, and what they are told."""

from django.utils import timezone

from oversight.accounts.alerts import active_directors, staff_notice_item
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.calendar.rules import batch_memo


def liaisons_of(agency):
    return User.objects.filter(groups__name=Role.LIAISON, agency=agency, is_active=True)


def directors():
    return active_directors()


def _directors_once():
    # Read once per sweep batch, not once per reminder (issue 14).
    return batch_memo("directors", lambda: list(directors()))


def _liaisons_once(agency):
    return batch_memo(("liaisons", agency), lambda: list(liaisons_of(agency)))


def investigation_clock_notices(deadline, kind):
    investigation = deadline.about
    due = timezone.localtime(deadline.due_at).date().isoformat()
    number = investigation.case.number
    if kind == "breach":
        body = f"The investigation of case {number} passed its 180-day limit on {due} (35A.050, R2.3)."
        return [staff_notice_item(d, f"Case {number}: investigation past 180 days", body) for d in _directors_once()]
    days = kind.removeprefix("warning_").removesuffix("d")
    body = f"The investigation of case {number} must be completed by {due}: {days} days remain (R2.3)."
    return [staff_notice_item(investigation.investigator, f"Case {number}: {days} days left of 180", body)]


def records_clock_notices(deadline, kind):
    request = deadline.about
    due = timezone.localtime(deadline.due_at).date().isoformat()
    number = request.investigation.case.number
    if kind == "breach":
        body = f"PPB has not answered records request {request.pk} for case {number}, due {due} (R2.6)."
        people = [*_directors_once(), request.investigation.investigator]
        return [staff_notice_item(p, f"Records request {request.pk} overdue", body) for p in people]
    body = f"Records request {request.pk} for case {number} is due {due}."
    return [
        staff_notice_item(liaison, f"Records request {request.pk} due tomorrow", body)
        for liaison in _liaisons_once(request.agency)
    ]
