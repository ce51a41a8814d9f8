"""The clocks of the law, each defined once. Owning apps register who hears about them."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta

from .business_days import add_business_days, add_calendar_days
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
}

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
