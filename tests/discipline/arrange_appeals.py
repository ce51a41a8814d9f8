"""Arrangements for appeals and final outcomes (issue 9.9, 9.10), through the real services, at pinned times:
the hearings panel decides on Monday 2 March 2026 at 10:00 Pacific, so a 30-day window ends on
Wednesday 1 April 2026 (a business day) at the end of the day."""

import datetime

import time_machine

from discipline.appeals import appeal_file, appeal_vote_cast, appeals_panel_convene
from discipline.services import panel_decide, vote_cast
from oversight.calendar.business_days import PACIFIC
from tests.arrange import case_before_panel
from tests.conftest import make_board_user

DECIDED_AT = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=PACIFIC)
LAST_DAY = datetime.datetime(2026, 4, 1, 16, 0, tzinfo=PACIFIC)
DAY_AFTER = datetime.datetime(2026, 4, 2, 9, 0, tzinfo=PACIFIC)
FILED_AT = datetime.datetime(2026, 3, 10, 11, 0, tzinfo=PACIFIC)
HEARD_AT = datetime.datetime(2026, 4, 20, 11, 0, tzinfo=PACIFIC)


def case_decided(intake_user, director, investigator, board_members, finding="out_of_policy"):
    """A case whose hearings panel adopted ``finding`` on its one allegation at DECIDED_AT."""
    with time_machine.travel(DECIDED_AT - datetime.timedelta(days=20), tick=False):
        case, panel = case_before_panel(intake_user, director, investigator, board_members, outcome=finding)
    allegation = case.allegations.get()
    with time_machine.travel(DECIDED_AT, tick=False):
        for member in board_members:
            vote_cast(panel=panel, allegation=allegation, finding=finding, actor=member)
        panel_decide(panel=panel, actor=director)
    case.refresh_from_db()
    panel.refresh_from_db()
    return case, panel, allegation


def appeals_members():
    """Three serving Board members who sat on no panel of the case."""
    return [make_board_user(f"appeals{i}") for i in range(1, 4)]


def appeal_before_panel(intake_user, director, investigator, board_members, finding="out_of_policy"):
    """The filer's timely appeal of the findings, with an appeals panel of three other members."""
    case, panel, allegation = case_decided(intake_user, director, investigator, board_members, finding)
    members = appeals_members()
    with time_machine.travel(FILED_AT, tick=False):
        appeal = appeal_file(
            case=case,
            allegation=allegation,
            complaint=case.complaints.get(),
            grounds="They ignored the video.",
            actor=None,
        )
        appeals_panel_convene(appeal=appeal, members=members, actor=director, reason="Appeal to hear")
    appeal.refresh_from_db()
    return appeal, members


def votes(appeal, members, outcome):
    with time_machine.travel(HEARD_AT, tick=False):
        for member in members:
            appeal_vote_cast(appeal=appeal, outcome=outcome, actor=member)


def appeal_arrange(intake_user, director, investigator, appeals_panel_members):
    """For pages checked at the live server's own time: the officer's appeal of a sustained finding, heard
    by ``appeals_panel_members`` (who sat on no earlier panel of the case), one vote cast, and a grievance
    recorded on the discipline decided."""
    from discipline.outcomes import proceeding_record
    from tests.discipline.arrange_discipline import discipline_arrange

    hearing = [make_board_user(f"hearing{i}") for i in range(1, 4)]
    case, _panel = case_before_panel(intake_user, director, investigator, hearing)
    allegation = case.allegations.get()
    for member in hearing:
        vote_cast(panel=_panel, allegation=allegation, finding="out_of_policy", actor=member)
    panel_decide(panel=_panel, actor=director)
    decision = discipline_arrange(case, director, hearing)
    proceeding_record(
        decision=decision, kind="grievance", filed_on=datetime.date.today(), actor=director, reason="Union grieved"
    )
    appeal = appeal_file(
        case=case, allegation=allegation, employee=allegation.employee, grounds="Not me.", actor=intake_user
    )
    appeals_panel_convene(appeal=appeal, members=appeals_panel_members, actor=director, reason="Appeal to hear")
    appeal_vote_cast(appeal=appeal, outcome="affirmed", actor=appeals_panel_members[0])
    return appeal
