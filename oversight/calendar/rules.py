"""The clocks of the law, each defined once. Owning apps register who hears about them."""

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
}

# rule code -> callable(deadline, reminder_kind) returning a list of notice_send kwargs.
# Registered by the app that owns the clock's subject (investigations registers both).
_HANDLERS = {}


def register_reminder_handler(rule, handler):
    _HANDLERS[rule] = handler


def reminder_notices(deadline, kind):
    handler = _HANDLERS.get(deadline.rule)
    return handler(deadline, kind) if handler else []
