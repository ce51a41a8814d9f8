"""The clocks of the law, each defined once. Owning apps register who hears about them."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from .business_days import PACIFIC, add_business_days, add_calendar_days, end_of_day
from .models import Deadline

BREACH = "breach"


@dataclass(frozen=True)
class ClockRule:
    code: str
    compute: object  # (starts_at, calendar, close_of_business_hour) -> (due_at, steps)
    # Reminder kinds and how long before due each fires; BREACH fires at due_at.
    reminders: tuple = ()
    # A clock whose length is its subject's (an appeal window: the days the panel froze from the
    # bylaws, R3.7): compute takes a fourth argument, the length, from register_clock_length's callable.
    length_from_subject: bool = False


RULES = {
    Deadline.Rule.RECORDS_5BD: ClockRule(
        code=Deadline.Rule.RECORDS_5BD,
        compute=lambda start, cal, cob: add_business_days(start, 5, cal, cob),
        reminders=(("due_in_1_day", timedelta(days=1)), (BREACH, timedelta(0))),
    ),
    Deadline.Rule.INVESTIGATION_180D: ClockRule(
        code=Deadline.Rule.INVESTIGATION_180D,
        compute=lambda start, cal, cob: add_calendar_days(start, 180, cal),
        reminders=(
            ("warning_30d", timedelta(days=30)),
            ("warning_14d", timedelta(days=14)),
            ("warning_7d", timedelta(days=7)),
            (BREACH, timedelta(0)),
        ),
    ),
    # Calendar days from the Board's result; a last day that is not a business day runs to the next.
    # No reminders: the window's end refuses a late appeal; nobody is owed a warning.
    Deadline.Rule.APPEAL_WINDOW: ClockRule(
        code=Deadline.Rule.APPEAL_WINDOW,
        compute=lambda start, cal, cob, days: add_calendar_days(start, days, cal),
        length_from_subject=True,
    ),
    # Issue 10 part A owns the next two entries' counting (oversight/governance/documents.py says why):
    # the day a period opens is its first day, every calendar day counts, the period ends at the end of
    # its last day. Input opened on day 0 ends at the end of day 29 (adoption from day 30); an urgent
    # rule in effect from day 0 is in effect at most through day 89 and lapses as day 90 begins.
    Deadline.Rule.COMMENT_PERIOD: ClockRule(
        code=Deadline.Rule.COMMENT_PERIOD,
        compute=lambda start, cal, cob: period_of_days(start, 30, cal),
        # At its end the input period closes: the Director is told the Board may now adopt.
        reminders=(("closed", timedelta(0)),),
    ),
    Deadline.Rule.URGENT_LAPSE: ClockRule(
        code=Deadline.Rule.URGENT_LAPSE,
        compute=lambda start, cal, cob: period_of_days(start, 90, cal),
        reminders=(("warning_14d", timedelta(days=14)), ("warning_7d", timedelta(days=7)), (BREACH, timedelta(0))),
    ),
    # Issue 10 part C: the days PPB has to answer come from a setting, frozen on the recommendation.
    Deadline.Rule.RECOMMENDATION_RESPONSE: ClockRule(
        code=Deadline.Rule.RECOMMENDATION_RESPONSE,
        compute=lambda start, cal, cob, days: add_calendar_days(start, days, cal),
        reminders=(("due_in_7_days", timedelta(days=7)), (BREACH, timedelta(0))),
        length_from_subject=True,
    ),
    # Issue 10 part F: a period's submission is due the standard's grace days after the period ends;
    # "overdue submissions escalate": at the breach, then weekly while it stays overdue (13 weeks of
    # rows, a quarter; after that the period stays on the Director's overdue list).
    Deadline.Rule.DATA_SUBMISSION: ClockRule(
        code=Deadline.Rule.DATA_SUBMISSION,
        compute=lambda start, cal, cob, days: add_calendar_days(start, days, cal),
        reminders=(
            ("due_in_3_days", timedelta(days=3)),
            (BREACH, timedelta(0)),
            *((f"overdue_week_{n}", timedelta(days=-7 * n)) for n in range(1, 14)),
        ),
        length_from_subject=True,
    ),
}


def period_of_days(started_at, count, calendar):
    """Issue 10 part A: a period of ``count`` whole calendar days that includes the day it starts (35A.010 C:
    input "not less than 30 days"; an urgent rule in effect "no longer than 90 days"). Comments are taken
    online every day, so weekends and holidays count, and a last day is never moved: the period ends at the
    end of its last day (Pacific), ``count - 1`` days after the first."""
    first = started_at.astimezone(PACIFIC).date()
    steps = []
    for n in range(1, count + 1):
        day = first + timedelta(days=n - 1)
        what = f"day {n} of {count}"
        if n == 1:
            what += " (the day it began)"
        skip = calendar.skip_reason(day)
        if skip:
            what += f" ({skip}: counted, every calendar day counts)"
        if n == count:
            what += "; the period ends at the end of this day"
        steps.append({"date": day.isoformat(), "counted": True, "reason": what})
    after = first + timedelta(days=count)
    steps.append({"date": after.isoformat(), "counted": False, "reason": f"the first day after the {count} days"})
    return end_of_day(first + timedelta(days=count - 1)), steps


# rule code -> callable(subject) returning the clock's length, for rules with length_from_subject.
_LENGTHS = {}


def register_clock_length(rule, length):
    _LENGTHS[rule] = length


def clock_length(deadline):
    """The length the subject gives a clock of a rule with length_from_subject."""
    return _LENGTHS[deadline.rule](deadline.about)


# rule code -> callable(deadline, reminder_kind) returning a list of notice_send kwargs.
# Registered by the app that owns the clock's subject (investigations registers both).
_HANDLERS = {}
# rule code -> select_related() paths of the clock's subject that its handler reads, so the
# sweep loads the subjects of a whole batch in one query per rule (issue 14).
_SUBJECT_RELATED = {}
_batch_memo = ContextVar("reminder_batch_memo", default=None)


def register_reminder_handler(rule, handler, *, select_related=()):
    _HANDLERS[rule] = handler
    _SUBJECT_RELATED[rule] = tuple(select_related)


def subject_related(rule):
    """The select_related() paths the handler of ``rule`` reads on the clock's subject."""
    return _SUBJECT_RELATED.get(rule, ())


@contextmanager
def reminder_batch():
    """Within it, batch_memo() answers each key once: a sweep batch reads its recipients once."""
    token = _batch_memo.set({})
    try:
        yield
    finally:
        _batch_memo.reset(token)


def batch_memo(key, load):
    """``load()``, cached for the current reminder_batch(); outside one, called every time."""
    memo = _batch_memo.get()
    if memo is None:
        return load()
    if key not in memo:
        memo[key] = load()
    return memo[key]


def reminder_notices(deadline, kind):
    handler = _HANDLERS.get(deadline.rule)
    return handler(deadline, kind) if handler else []
