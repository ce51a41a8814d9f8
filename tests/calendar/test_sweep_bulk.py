"""The deadline sweep in bulk (issue 14.3): a batch costs a few statements whatever its size, writes
the same notices and history as one reminder at a time did, and a batch whose writes fail is done
again one reminder at a time, so one bad row never blocks the rest."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from investigations.services import records_request_send
from oversight.calendar import rules
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.services import deadline_sweep
from oversight.notices.models import Notice
from oversight.notices.services import notice_message_id
from tests.arrange import case_investigating

pytestmark = pytest.mark.django_db

SENT = datetime(2026, 11, 23, 10, 0, tzinfo=PACIFIC)
AFTER_DUE = datetime(2026, 12, 2, 9, 0, tzinfo=PACIFIC)


@pytest.fixture
def investigation(intake_user, director, investigator, liaison):
    with time_machine.travel(SENT, tick=False):
        return case_investigating(intake_user, director, investigator).investigation


def _overdue_requests(investigation, investigator, count):
    requests = []
    for minute in range(count):
        with time_machine.travel(SENT + timedelta(minutes=minute), tick=False):
            requests.append(
                records_request_send(investigation=investigation, records_sought=f"Item {minute}", actor=investigator)
            )
    return requests


def _sweep_queries(**kwargs):
    with time_machine.travel(AFTER_DUE, tick=False), CaptureQueriesContext(connection) as queries:
        sent = deadline_sweep(now=AFTER_DUE, **kwargs)
    return sent, len(queries)


def test_a_batch_costs_the_same_statements_for_two_reminders_as_for_six(investigation, investigator, director):
    from oversight.accounts.roles import Role
    from tests.conftest import make_user

    _overdue_requests(investigation, investigator, 2)
    two = _sweep_queries()
    _overdue_requests(investigation, investigator, 6)  # due one minute later each; the first two are done
    with time_machine.travel(AFTER_DUE, tick=False):
        make_user(Role.DIRECTOR, username="director2")  # more recipients cost no more statements either
    six = _sweep_queries()
    assert (two[0], six[0]) == (2, 6)
    assert six[1] <= two[1] <= 25, (two, six)  # the first sweep also warms the content-type cache


def test_bulk_notices_carry_history_the_message_id_scheme_and_one_doorbell(
    investigation, investigator, director, django_capture_on_commit_callbacks
):
    _overdue_requests(investigation, investigator, 3)
    with time_machine.travel(AFTER_DUE, tick=False), django_capture_on_commit_callbacks() as callbacks:
        assert deadline_sweep(now=AFTER_DUE) == 3
    overdue = Notice.objects.filter(subject__endswith="overdue")
    assert overdue.count() == 6  # the Director and the investigator, for each of the three
    assert len(callbacks) == 1  # one doorbell call for the batch, not one per notice
    for notice in overdue:
        record = notice.history.get()
        assert (record.history_change_reason, record.history_user) == ("Notice logged", None)
        assert notice.status == Notice.Status.QUEUED
        assert (
            notice_message_id(notice) == f"<notice-{notice.pk}.{int(notice.created_at.timestamp())}@oversight.invalid>"
        )
    breached = Deadline.objects.filter(breached_at__isnull=False)
    assert breached.count() == 3
    for deadline in breached:
        assert deadline.history.latest("history_id").history_change_reason == "Deadline passed without being met"


def test_a_batch_whose_writes_fail_is_sent_again_one_by_one_without_the_bad_row(
    investigation, investigator, director, monkeypatch
):
    bad, *good = _overdue_requests(investigation, investigator, 3)
    bad_clock = Deadline.objects.get(about_id=bad.pk, rule="records_5bd")
    real = rules._HANDLERS[Deadline.Rule.RECORDS_5BD]

    def too_long_for_one(deadline, kind):
        notices = real(deadline, kind)
        if deadline.pk == bad_clock.pk:  # a name longer than its column: the database refuses the row
            notices[0] = {**notices[0], "recipient_name": "x" * 300}
        return notices

    monkeypatch.setitem(rules._HANDLERS, Deadline.Rule.RECORDS_5BD, too_long_for_one)
    with time_machine.travel(AFTER_DUE, tick=False):
        assert deadline_sweep(now=AFTER_DUE) == 2
    assert Deadline.objects.filter(breached_at__isnull=False).count() == 2
    bad_clock.refresh_from_db()
    assert bad_clock.breached_at is None
    reminder = bad_clock.reminders.get(kind="breach")
    assert (reminder.sent_at, reminder.attempts) == (None, 1)
    assert reminder.last_error.startswith("DataError")
    assert Notice.objects.filter(subject__endswith="overdue").count() == 4
    assert not Notice.objects.filter(about_id=bad_clock.pk, about_type__model="deadline").exists()
