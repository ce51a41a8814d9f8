"""Arrangements for trends and the accountability metrics (issue 11 part D), through the real services at
pinned times: a case whose hearings panel sustained (or not) an allegation against a given officer on a
given day."""

import datetime

import time_machine

from oversight.calendar.business_days import PACIFIC
from tests.discipline.arrange_results import case_decided


def at(day, hour=10):
    """``day`` at ``hour`` o'clock Pacific (an aware datetime)."""
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=PACIFIC)


def case_sustained_on(day, officer, intake_user, director, investigator, board_members, finding="out_of_policy"):
    """A case filed, investigated and decided by its hearings panel (``finding`` against ``officer``) on
    ``day`` at 10:00 Pacific: the sustaining day is ``day``."""
    with time_machine.travel(at(day), tick=False):
        case, _panel = case_decided(
            intake_user, director, investigator, board_members, officers=[officer], finding=finding
        )
    return case
