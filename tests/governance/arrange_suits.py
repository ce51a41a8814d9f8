"""Arranges civil suits and Board meetings (issue 10 part E) through the real services."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from oversight.calendar.business_days import PACIFIC
from oversight.governance.meetings import meeting_notice_publish, meeting_schedule
from oversight.governance.models import BoardMeeting
from oversight.governance.suits import civil_suit_record
from tests.factories import EmployeeFactory

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=PACIFIC)


def suit_values(**extra):
    values = {
        "caption": "Doe v. City of Portland",
        "court": "U.S. District Court, District of Oregon",
        "court_case_number": "3:26-cv-00100",
        "filed_on": date(2026, 2, 3),
        "nature": "excessive_force",
        "city_is_defendant": True,
        "status": "pending",
        "reason": "City Attorney's report",
    }
    return values | extra


def suit_arrange(director, *, officers=None, **extra):
    officers = [EmployeeFactory(last_name="Holloway")] if officers is None else officers
    return civil_suit_record(actor=director, officers=officers, **suit_values(**extra))


def settled(director, number, amount, *, filed_on=date(2026, 1, 5), resolved_on=date(2026, 5, 1), **extra):
    return suit_arrange(
        director,
        court_case_number=number,
        filed_on=filed_on,
        status="settled",
        resolved_on=resolved_on,
        settlement_amount=Decimal(amount),
        **extra,
    )


def meeting_arrange(
    director, *, kind=BoardMeeting.Kind.REGULAR, starts_in=timedelta(days=14), title="Regular meeting", **extra
):
    starts_at = NOW + starts_in if "starts_at" not in extra else extra.pop("starts_at")
    values = {
        "title": title,
        "kind": kind,
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=2),
        "place": "City Hall, Room 200",
        "online_link": "https://meet.example.org/cbpa",
        "reason": "Meeting scheduled",
    }
    return meeting_schedule(actor=director, **(values | extra))


def noticed(director, **extra):
    meeting = meeting_arrange(director, **extra)
    return meeting_notice_publish(actor=director, meeting=meeting)
