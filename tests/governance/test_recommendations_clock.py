"""PPB's answer to a policy recommendation on the deadline engine (R4.1, DEADLINES.md): the days come
from RECOMMENDATION_RESPONSE_DAYS, frozen when sent; the liaison is reminded 7 days before, the
Director told at breach, each exactly once; an answer stops the clock."""

from datetime import date, datetime, timedelta

import pytest
import time_machine

from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_for
from oversight.calendar.services import deadline_sweep
from oversight.governance.recommendations import recommendation_answer
from oversight.notices.models import Notice
from tests.governance.arrange_recommendations import sent

pytestmark = pytest.mark.django_db

# Thursday 12 March 2026: 60 calendar days later is Monday 11 May, a business day.
SENT = datetime(2026, 3, 12, 10, 0, tzinfo=PACIFIC)
RULE = Deadline.Rule.RECOMMENDATION_RESPONSE


def _sent(director):
    with time_machine.travel(SENT, tick=False):
        return sent(director)


def _sweep(at):
    with time_machine.travel(at, tick=False):
        return deadline_sweep(now=at)


def test_the_answer_is_due_the_settings_days_after_sending(director, board_members):
    deadline = deadline_for(_sent(director), RULE)
    assert deadline.due_at.astimezone(PACIFIC).date() == date(2026, 5, 11)
    assert deadline.explanation[-1]["reason"] == "calendar day 60"


def test_a_last_day_on_a_weekend_runs_to_the_next_business_day(director, board_members, settings):
    settings.RECOMMENDATION_RESPONSE_DAYS = 58  # Saturday 9 May
    deadline = deadline_for(_sent(director), RULE)
    assert deadline.due_at.astimezone(PACIFIC).date() == date(2026, 5, 11)


def test_the_days_are_frozen_when_sent(director, board_members, settings):
    recommendation = _sent(director)
    settings.RECOMMENDATION_RESPONSE_DAYS = 10
    recommendation.refresh_from_db()
    assert recommendation.response_days == 60
    assert deadline_for(recommendation, RULE).due_at.astimezone(PACIFIC).date() == date(2026, 5, 11)


def test_the_liaison_is_reminded_seven_days_before_exactly_once(director, board_members, liaison):
    recommendation = _sent(director)
    seven_before = datetime(2026, 5, 4, 23, 59, 59, tzinfo=PACIFIC) + timedelta(seconds=1)
    assert _sweep(seven_before - timedelta(hours=1)) == 0
    assert _sweep(seven_before) == 1
    assert _sweep(seven_before + timedelta(minutes=1)) == 0
    reminders = Notice.objects.filter(recipient_user=liaison, subject__contains="due in 7 days")
    assert reminders.count() == 1
    assert str(recommendation.pk) in reminders.get().subject


def test_the_director_is_told_at_breach_and_the_clock_records_it(director, board_members, liaison):
    recommendation = _sent(director)
    after_due = datetime(2026, 5, 12, 0, 1, tzinfo=PACIFIC)
    _sweep(after_due)
    _sweep(after_due + timedelta(minutes=5))
    assert Notice.objects.filter(recipient_user=director, subject__contains="overdue").count() == 1
    assert deadline_for(recommendation, RULE).breached_at is not None


def test_an_answer_stops_the_clock_and_no_reminder_follows(director, board_members, liaison):
    recommendation = _sent(director)
    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=PACIFIC), tick=False):
        recommendation_answer(actor=liaison, recommendation=recommendation, answer="accepted", explanation="Yes")
    assert _sweep(datetime(2026, 5, 20, 9, 0, tzinfo=PACIFIC)) == 0
    deadline = deadline_for(recommendation, RULE)
    assert deadline.met_at is not None and deadline.breached_at is None
    assert not Notice.objects.filter(subject__contains="overdue").exists()


def test_a_late_answer_is_still_counted_as_a_breach(director, board_members, liaison):
    recommendation = _sent(director)
    with time_machine.travel(datetime(2026, 5, 15, 9, 0, tzinfo=PACIFIC), tick=False):
        recommendation_answer(actor=liaison, recommendation=recommendation, answer="rejected", explanation="No")
    deadline = deadline_for(recommendation, RULE)
    assert deadline.met_at is not None and deadline.breached_at == deadline.due_at
