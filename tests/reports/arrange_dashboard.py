"""Arrangements for the dashboard (issue 11 part C), through the real services at pinned times: cases
filed in a neighbourhood on a day, decided, investigated and found, with their clocks."""

import datetime
import uuid

import time_machine

from intake.incidents import case_open_for_incident
from intake.services import allegation_add, case_decide, complaint_file
from oversight.calendar.business_days import PACIFIC
from tests.factories import AllegationTypeFactory, EmployeeFactory, complaint_data

NOW = datetime.datetime(2026, 6, 15, 10, 0, tzinfo=PACIFIC)


def at(day, hour=10):
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=PACIFIC)


def force_type():
    return AllegationTypeFactory(code="force", name="Excessive force")


def courtesy_type():
    return AllegationTypeFactory()


def filed_on(day, intake_user, *, neighbourhood="buckman", allegation_type=None, decision=None):
    """A complaint filed on ``day`` in ``neighbourhood`` with one allegation; decided when ``decision``."""
    with time_machine.travel(at(day), tick=False):
        data = complaint_data(incident_on=day - datetime.timedelta(days=1), neighbourhood=neighbourhood)
        case = complaint_file(data=data, submission_key=uuid.uuid4()).case
        allegation_add(
            case=case,
            allegation_type=allegation_type or courtesy_type(),
            employee=EmployeeFactory(),
            actor=intake_user,
            reason="Identified at intake",
        )
        if decision:
            case_decide(case=case, decision=decision, reason="Decided at intake", actor=intake_user)
    return case


def incident_opened_on(day, intake_user):
    with time_machine.travel(at(day), tick=False):
        return case_open_for_incident(
            mandatory_category="deadly_force",
            incident_on=day - datetime.timedelta(days=1),
            incident_summary="Shooting at a traffic stop.",
            actor=intake_user,
            reason="Deadly force: OCPA investigates",
        )
