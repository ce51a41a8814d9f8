"""The wiring, proved against a real Celery worker and Redis (DEADLINES.md, "Testing clocks")."""

import time
import uuid
from datetime import datetime, timedelta

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from investigations.services import records_request_send
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import DeadlineReminder
from oversight.calendar.tasks import deadline_sweep_task
from oversight.celery import app
from oversight.notices.models import Notice
from tests.arrange import case_investigating

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker():
    """A worker thread on a queue of its own, so parallel test processes never share tasks."""
    queue = f"test-{uuid.uuid4().hex}"
    saved = app.conf.task_default_queue, app.conf.result_backend
    app.conf.task_default_queue, app.conf.result_backend = queue, settings.REDIS_URL
    # Celery caches the result backend per thread; an earlier test may have cached the disabled one.
    app._local.__dict__.pop("backend", None)
    try:
        with start_worker(app, pool="solo", queues=[queue], perform_ping_check=False, shutdown_timeout=30):
            yield
    finally:
        app.conf.task_default_queue, app.conf.result_backend = saved
        app._local.__dict__.pop("backend", None)


def _wait_until(predicate, timeout=30):
    """Polls a condition the worker will make true; fails (not hangs) when it never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_due_deadline_produces_exactly_one_notice_even_when_the_sweep_runs_twice(
    worker, intake_user, director, investigator, liaison, mailoutbox
):
    # Arrange a request sent two weeks ago: its day-before reminder and its breach are both due.
    with time_machine.travel(datetime.now(PACIFIC) - timedelta(days=14), tick=False):
        case = case_investigating(intake_user, director, investigator)
        records_request_send(investigation=case.investigation, records_sought="Dispatch audio", actor=investigator)
    first, second = deadline_sweep_task.delay(), deadline_sweep_task.delay()
    sent = sorted([first.get(timeout=30), second.get(timeout=30)])
    # The breach, sent by one sweep only; the day-before reminder it overtook is recorded as skipped.
    assert sent == [0, 1]

    request_pk = case.investigation.records_requests.get().pk
    reminders = Notice.objects.filter(about_type__model="deadline")
    assert sorted(reminders.values_list("recipient_user__username", "subject")) == [
        ("director", f"Records request {request_pk} overdue"),
        ("investigator", f"Records request {request_pk} overdue"),
    ]
    assert DeadlineReminder.objects.get(kind="due_in_1_day").skipped_reason.startswith("not sent")
    assert _wait_until(lambda: not Notice.objects.exclude(status=Notice.Status.SENT).exists())
    overdue_mail = [m for m in mailoutbox if m.subject.endswith("overdue")]
    assert sorted(m.to[0] for m in overdue_mail) == ["director@test.invalid", "investigator@test.invalid"]


def test_a_notice_delivered_twice_is_mailed_once(worker, mailoutbox):
    from oversight.notices.services import notice_send
    from oversight.notices.tasks import notice_deliver_task

    notice = notice_send(
        recipient_name="Filer",
        recipient_address="filer@example.org",
        channel=Notice.Channel.EMAIL,
        subject="Your complaint",
        body="Received",
        actor=None,
    )
    notice_deliver_task.delay(notice.pk).get(timeout=30)  # a duplicate delivery of the same id
    assert _wait_until(lambda: Notice.objects.get(pk=notice.pk).status == Notice.Status.SENT)
    assert [m.to for m in mailoutbox] == [["filer@example.org"]]


def test_each_180_day_warning_and_the_escalation_is_sent_once_by_a_real_worker(
    worker, intake_user, director, investigator, mailoutbox
):
    """30, 14 and 7 days before the limit the investigator hears once; past it, the Director does (R2.3)."""
    from oversight.calendar.models import Deadline

    opened = datetime.now(PACIFIC) - timedelta(days=200)
    with time_machine.travel(opened, tick=False):
        case = case_investigating(intake_user, director, investigator)
    deadline = Deadline.objects.get(rule=Deadline.Rule.INVESTIGATION_180D)
    number = case.number

    def clock_notices():
        return sorted(
            Notice.objects.filter(about_id=deadline.pk, about_type__model="deadline").values_list(
                "recipient_user__username", "subject"
            )
        )

    expected = []
    for days, who, subject in [
        (30, "investigator", f"Case {number}: 30 days left of 180"),
        (14, "investigator", f"Case {number}: 14 days left of 180"),
        (7, "investigator", f"Case {number}: 7 days left of 180"),
        (0, "director", f"Case {number}: investigation past 180 days"),
    ]:
        # An hour after each reminder falls due, two sweeps race on the worker; then a third runs.
        with time_machine.travel(deadline.due_at - timedelta(days=days) + timedelta(hours=1), tick=False):
            first, second = deadline_sweep_task.delay(), deadline_sweep_task.delay()
            assert sorted([first.get(timeout=30), second.get(timeout=30)]) == [0, 1]
            assert deadline_sweep_task.delay().get(timeout=30) == 0
        expected.append((who, subject))
        assert clock_notices() == sorted(expected)

    deadline.refresh_from_db()
    assert deadline.breached_at == deadline.due_at
    assert _wait_until(lambda: not Notice.objects.exclude(status=Notice.Status.SENT).exists())
    assert sorted(m.subject for m in mailoutbox if "180" in m.subject) == sorted(s for _, s in expected)
