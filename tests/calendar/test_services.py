from datetime import date, datetime, timedelta

import pytest
import time_machine

from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import CityDay, Deadline, DeadlineReminder
from oversight.calendar.services import city_day_set, deadline_meet, deadline_sweep
from oversight.notices.models import Notice
from tests.arrange import case_investigating

pytestmark = pytest.mark.django_db

MONDAY_BEFORE_THANKSGIVING = datetime(2026, 11, 23, 10, 0, tzinfo=PACIFIC)


@pytest.fixture
def records_request(intake_user, director, investigator, liaison):
    from investigations.services import records_request_send

    with time_machine.travel(MONDAY_BEFORE_THANKSGIVING, tick=False):
        case = case_investigating(intake_user, director, investigator)
        return records_request_send(
            investigation=case.investigation, records_sought="Body-camera footage", actor=investigator
        )


def test_records_request_due_five_business_days_later_across_thanksgiving(records_request):
    deadline = Deadline.objects.get(rule="records_5bd")
    assert deadline.due_at.astimezone(PACIFIC).date() == date(2026, 12, 1)
    assert any(s["reason"] == "holiday: Thanksgiving Day" for s in deadline.explanation)


def test_deadline_start_records_history_with_reason(records_request, investigator):
    record = Deadline.objects.get(rule="records_5bd").history.latest("history_id")
    assert record.history_user == investigator
    assert record.history_change_reason == "Records request sent"


def test_sweep_sends_nothing_before_a_reminder_is_due(records_request):
    assert deadline_sweep(now=MONDAY_BEFORE_THANKSGIVING + timedelta(days=2)) == 0


def test_sweep_escalates_an_overdue_request_exactly_once(records_request, director):
    after_due = datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC)
    first = deadline_sweep(now=after_due)
    second = deadline_sweep(now=after_due + timedelta(minutes=1))
    assert (first, second) == (1, 0)  # the breach; the day-before reminder it overtook is skipped
    deadline = Deadline.objects.get(rule="records_5bd")
    assert deadline.breached_at == deadline.due_at
    escalations = Notice.objects.filter(subject__contains="overdue")
    assert sorted(n.recipient_user.username for n in escalations) == ["director", "investigator"]


def test_breach_is_recorded_in_history_with_a_reason(records_request):
    deadline_sweep(now=datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC))
    record = Deadline.objects.get(rule="records_5bd").history.latest("history_id")
    assert record.history_change_reason == "Deadline passed without being met"


def test_met_deadline_sends_no_more_reminders(records_request, liaison):
    deadline = Deadline.objects.get(rule="records_5bd")
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=PACIFIC), tick=False):  # before it falls due
        deadline_meet(deadline=deadline, actor=liaison, reason="Answered")
    assert deadline_sweep(now=datetime(2026, 12, 9, tzinfo=PACIFIC)) == 0
    deadline.refresh_from_db()
    assert deadline.breached_at is None and deadline.met_at is not None


def test_a_reminder_marked_sent_is_not_resent_even_if_its_notice_row_exists(records_request):
    # Simulates a crash after the notice row was written: the dedupe key keeps one row.
    now = datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC)
    deadline_sweep(now=now)
    DeadlineReminder.objects.update(sent_at=None)
    deadline_sweep(now=now)
    assert Notice.objects.filter(subject__contains="overdue").count() == 2


def test_investigation_clock_warns_investigator_30_14_7_days_before(intake_user, director, investigator):
    with time_machine.travel(MONDAY_BEFORE_THANKSGIVING, tick=False):
        case_investigating(intake_user, director, investigator)
    deadline = Deadline.objects.get(rule="investigation_180d")
    assert deadline.due_at.astimezone(PACIFIC).date() == date(2027, 5, 24)  # day 180 is Saturday the 22nd
    deadline_sweep(now=deadline.due_at - timedelta(days=20))
    assert list(
        Notice.objects.filter(recipient_user=investigator, subject__contains="days left").values_list(
            "subject", flat=True
        )
    ) == [f"Case {deadline.about.case.number}: 30 days left of 180"]
    deadline_sweep(now=deadline.due_at - timedelta(days=10))
    deadline_sweep(now=deadline.due_at - timedelta(days=6))
    assert Notice.objects.filter(recipient_user=investigator, subject__contains="days left").count() == 3
    deadline_sweep(now=deadline.due_at + timedelta(minutes=1))
    assert Notice.objects.filter(recipient_user=director, subject__contains="past 180 days").count() == 1


def test_a_clock_first_seen_after_several_reminders_sends_only_the_latest(intake_user, director, investigator):
    with time_machine.travel(MONDAY_BEFORE_THANKSGIVING, tick=False):
        case_investigating(intake_user, director, investigator)
    deadline = Deadline.objects.get(rule="investigation_180d")
    # The sweep did not run for weeks (an outage): 30, 14 and 7 days left and the breach are all due.
    assert deadline_sweep(now=deadline.due_at + timedelta(minutes=1)) == 1
    subjects = list(Notice.objects.filter(about_id=deadline.pk).values_list("subject", flat=True))
    assert subjects == [f"Case {deadline.about.case.number}: investigation past 180 days"]
    assert not Notice.objects.filter(subject__contains="days left").exists()
    skipped = {r.kind: r.skipped_reason for r in deadline.reminders.all()}
    assert skipped["breach"] == ""
    for kind in ("warning_30d", "warning_14d", "warning_7d"):
        assert skipped[kind] == "not sent: the later reminder 'breach' was also due when the sweep first saw it"
    assert deadline_sweep(now=deadline.due_at + timedelta(minutes=2)) == 0


def test_a_clock_seen_between_two_reminders_sends_the_one_that_still_means_something(
    intake_user, director, investigator
):
    with time_machine.travel(MONDAY_BEFORE_THANKSGIVING, tick=False):
        case_investigating(intake_user, director, investigator)
    deadline = Deadline.objects.get(rule="investigation_180d")
    assert deadline_sweep(now=deadline.due_at - timedelta(days=10)) == 1
    assert list(Notice.objects.filter(subject__contains="days left").values_list("subject", flat=True)) == [
        f"Case {deadline.about.case.number}: 14 days left of 180"
    ]
    assert deadline.reminders.get(kind="warning_30d").skipped_reason.startswith("not sent")


def test_deadline_names_its_pacific_due_date(records_request):
    # Due at 23:59:59 on 1 December in Portland, which is already 2 December in UTC.
    assert str(Deadline.objects.get(rule="records_5bd")).endswith("due 2026-12-01")


def test_adding_a_city_day_retimes_open_deadlines_and_records_why(records_request, admin_user):
    day, changed = city_day_set(
        date=date(2026, 11, 27),
        name="Day after Thanksgiving",
        kind=CityDay.Kind.CLOSED,
        actor=admin_user,
        reason="Confirmed City closure",
    )
    deadline = Deadline.objects.get(rule="records_5bd")
    assert changed == [deadline]
    assert deadline.due_at.astimezone(PACIFIC).date() == date(2026, 12, 2)
    assert deadline.history.latest("history_id").history_change_reason.startswith("Calendar changed: 2026-11-27")
    assert DeadlineReminder.objects.get(deadline=deadline, kind="breach").fire_at == deadline.due_at


def test_calendar_change_does_not_touch_a_breached_deadline(records_request, admin_user):
    deadline_sweep(now=datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC))
    _day, changed = city_day_set(
        date=date(2026, 11, 27),
        name="Day after Thanksgiving",
        kind=CityDay.Kind.CLOSED,
        actor=admin_user,
        reason="Confirmed City closure",
    )
    assert changed == []
    assert Deadline.objects.get(rule="records_5bd").due_at.astimezone(PACIFIC).date() == date(2026, 12, 1)


def test_a_reminder_that_raises_never_holds_back_the_others(intake_user, director, investigator, liaison, monkeypatch):
    """Issue 14: one bad row used to roll back its whole batch, and the next sweep picked the
    same batch first. Each reminder now runs alone; the bad one is retried, then given up with
    its error, and the Director is told once."""
    from investigations.services import records_request_send
    from oversight.calendar import services

    requests = []
    with time_machine.travel(MONDAY_BEFORE_THANKSGIVING, tick=False):
        case = case_investigating(intake_user, director, investigator)
    for minute in range(3):  # the first request's clock is the earliest: the sweep meets it first
        with time_machine.travel(MONDAY_BEFORE_THANKSGIVING + timedelta(minutes=minute), tick=False):
            sent = records_request_send(
                investigation=case.investigation, records_sought=f"Item {minute}", actor=investigator
            )
            requests.append(sent)
    bad = Deadline.objects.get(rule="records_5bd", about_id=requests[0].pk)
    real = services.reminder_notices

    def broken_for_one(deadline, kind):
        if deadline.pk == bad.pk:
            raise RuntimeError("template missing")
        return real(deadline, kind)

    monkeypatch.setattr(services, "reminder_notices", broken_for_one)
    after_due = datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC)
    with time_machine.travel(after_due, tick=False):
        # Batches of one: the bad reminder comes first in every batch it is in.
        assert deadline_sweep(now=after_due, batch=1) == 2
    assert Deadline.objects.filter(breached_at__isnull=False).exclude(pk=bad.pk).count() == 2
    bad.refresh_from_db()
    assert bad.breached_at is None  # its savepoint rolled back with it
    reminder = DeadlineReminder.objects.get(deadline=bad, sent_at__isnull=True, skipped_reason="")
    assert (reminder.attempts, reminder.failed_at) == (1, None)
    assert reminder.last_error == "RuntimeError: template missing"
    assert reminder.retry_at == after_due + timedelta(minutes=5)

    # Not tried again before its pause ends; then twice more, and given up.
    for minutes, attempts in ((1, 1), (5, 2), (14, 2), (15, 3), (60, 3)):
        with time_machine.travel(after_due + timedelta(minutes=minutes), tick=False):
            deadline_sweep(now=after_due + timedelta(minutes=minutes), batch=1)
        reminder.refresh_from_db()
        assert reminder.attempts == attempts, minutes
    assert reminder.failed_at == after_due + timedelta(minutes=15)
    assert reminder.sent_at is None
    alerts = Notice.objects.filter(subject="A deadline reminder could not be sent")
    assert [n.recipient_user for n in alerts] == [director]
    assert "failed 3 times" in alerts[0].body and "template missing" in alerts[0].body
