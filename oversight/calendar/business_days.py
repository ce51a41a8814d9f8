"""Counting the law's days. Pure functions over a calendar; no database access here.

Rules (DEADLINES.md): Monday to Friday less holidays; a request sent after close of
business or on a non-business day counts from the next business day; the day of sending
is not counted, the last day is (Oregon's rule for computing time, ORS 174.120).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

PACIFIC = ZoneInfo("America/Los_Angeles")


@dataclass
class BusinessCalendar:
    """Oregon's legal holidays (observed dates included) adjusted by the City's own days."""

    closed: dict = field(default_factory=dict)  # date -> name, City-added closures
    opened: dict = field(default_factory=dict)  # date -> name, state holidays the City works
    _state: holidays.HolidayBase = field(default_factory=lambda: holidays.US(subdiv="OR"))

    def holiday_name(self, day):
        if day in self.opened:
            return None
        if day in self.closed:
            return self.closed[day]
        return self._state.get(day)

    def skip_reason(self, day):
        """Why a day is not a business day, or None when it is one."""
        if day.weekday() >= 5:
            return "weekend"
        name = self.holiday_name(day)
        return f"holiday: {name}" if name else None

    def is_business_day(self, day):
        return self.skip_reason(day) is None

    def next_business_day(self, day):
        day += timedelta(days=1)
        while not self.is_business_day(day):
            day += timedelta(days=1)
        return day


def end_of_day(day):
    """The last instant of a Pacific calendar day, as an aware datetime."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=PACIFIC)


def effective_start_day(sent_at, calendar, close_of_business_hour):
    """The day counting starts from: the day sent, or the next business day when sent late."""
    local = sent_at.astimezone(PACIFIC)
    day = local.date()
    if not calendar.is_business_day(day) or local.time() >= time(close_of_business_hour):
        return calendar.next_business_day(day), True
    return day, False


def add_business_days(sent_at, count, calendar, close_of_business_hour=17):
    """The due instant and a day-by-day explanation for a clock of ``count`` business days."""
    start, moved = effective_start_day(sent_at, calendar, close_of_business_hour)
    local = sent_at.astimezone(PACIFIC)
    steps = [
        {
            "date": local.date().isoformat(),
            "counted": False,
            "reason": "sent after close of business or on a non-business day"
            if moved
            else "day of sending (not counted)",
        }
    ]
    day = local.date()
    while day < start:
        day += timedelta(days=1)
        if day < start:
            steps.append(
                {
                    "date": day.isoformat(),
                    "counted": False,
                    "reason": calendar.skip_reason(day) or "before counting starts",
                }
            )
    if moved:
        steps.append(
            {"date": start.isoformat(), "counted": False, "reason": "treated as the day of sending (not counted)"}
        )
    counted = 0
    while counted < count:
        day += timedelta(days=1)
        reason = calendar.skip_reason(day)
        if reason:
            steps.append({"date": day.isoformat(), "counted": False, "reason": reason})
        else:
            counted += 1
            steps.append({"date": day.isoformat(), "counted": True, "reason": f"business day {counted}"})
    return end_of_day(day), steps


def add_calendar_days(started_at, count, calendar):
    """Due instant for ``count`` calendar days; a last day that is not a business day rolls forward."""
    start = started_at.astimezone(PACIFIC).date()
    last = start + timedelta(days=count)
    steps = [
        {"date": start.isoformat(), "counted": False, "reason": "day of commencement (not counted)"},
        {"date": last.isoformat(), "counted": True, "reason": f"calendar day {count}"},
    ]
    while not calendar.is_business_day(last):
        steps[-1]["counted"] = False
        steps[-1]["reason"] = (
            f"calendar day {count} falls on a {calendar.skip_reason(last)}; the period runs to the next business day"
        )
        last = calendar.next_business_day(last)
        steps.append({"date": last.isoformat(), "counted": True, "reason": "next business day (last day)"})
    return end_of_day(last), steps
