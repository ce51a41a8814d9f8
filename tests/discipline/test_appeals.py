"""Appeals of the Board's results (R3.7, issue 9.9): the window on the deadline engine, late appeals refused
with the reason, the filer's and the officer's appeals, the appeals panel and each outcome."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.appeals import (
    appeal_decide,
    appeal_file,
    appeal_options,
    appeal_vote_cast,
    appeals_panel_convene,
    appeals_waiting_for_panel,
)
from discipline.models import Appeal, FinalOutcome, Panel
from intake.exceptions import RuleViolation
from intake.models import Case
from oversight.calendar.business_days import PACIFIC
from oversight.calendar.models import Deadline
from oversight.calendar.selectors import deadline_for

from .arrange_appeals import (
    DAY_AFTER,
    DECIDED_AT,
    HEARD_AT,
    LAST_DAY,
    appeal_before_panel,
    appeals_members,
    case_decided,
    votes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(intake_user, director, investigator, board_members):
    return case_decided(intake_user, director, investigator, board_members)


def _file_as_filer(case, allegation, when):
    with time_machine.travel(when, tick=False):
        return appeal_file(
            case=case, allegation=allegation, complaint=case.complaints.get(), grounds="Wrong.", actor=None
        )


def test_the_hearings_panel_decision_starts_an_appeal_window_of_the_panels_frozen_days(decided):
    _case, panel, _allegation = decided
    window = deadline_for(panel, Deadline.Rule.APPEAL_WINDOW)
    assert panel.appeal_window_days == 30
    assert window.starts_at == DECIDED_AT
    assert window.due_at.astimezone(PACIFIC).date() == datetime.date(2026, 4, 1)
    assert window.explanation[-1] == {"date": "2026-04-01", "counted": True, "reason": "calendar day 30"}


def test_the_filers_appeal_on_the_last_day_is_filed_and_the_case_goes_on_appeal(decided):
    case, panel, allegation = decided
    appeal = _file_as_filer(case, allegation, LAST_DAY)
    case.refresh_from_db()
    assert appeal.status == Appeal.Status.FILED and appeal.panel == panel and appeal.appellant == "filer"
    assert case.status == Case.Status.ON_APPEAL
    row = appeal.history.get()
    assert row.history_user is None and row.history_change_reason == "Appeal filed"


def test_an_appeal_the_day_after_the_window_is_refused_with_the_due_date_and_how_it_was_counted(decided):
    case, _panel, allegation = decided
    appeal = _file_as_filer(case, allegation, DAY_AFTER)
    case.refresh_from_db()
    assert appeal.status == Appeal.Status.REFUSED
    assert "April 1, 2026" in appeal.refused_reason and "30 calendar days" in appeal.refused_reason
    assert "March 2, 2026" in appeal.refused_reason
    assert case.status == Case.Status.DISCIPLINE
    assert appeal.history.get().history_change_reason == "Appeal refused: filed after the window"


def test_filing_the_same_appeal_twice_returns_the_first(decided):
    case, _panel, allegation = decided
    first = _file_as_filer(case, allegation, LAST_DAY)
    again = _file_as_filer(case, allegation, LAST_DAY)
    assert again == first and Appeal.objects.count() == 1


def test_appeal_options_tell_the_filer_until_when_and_then_why_not(decided):
    case, _panel, _allegation = decided
    complaint = case.complaints.get()
    (before,) = appeal_options(case=case, party=complaint, now=LAST_DAY)
    (after,) = appeal_options(case=case, party=complaint, now=DAY_AFTER)
    assert before.may_appeal and before.due_at.astimezone(PACIFIC).date() == datetime.date(2026, 4, 1)
    assert not after.may_appeal and "April 1, 2026" in after.why_not


def test_an_officers_appeal_is_entered_by_intake_staff(decided, intake_user):
    case, _panel, allegation = decided
    officer = allegation.employee
    with time_machine.travel(LAST_DAY, tick=False):
        appeal = appeal_file(
            case=case,
            allegation=allegation,
            employee=officer,
            grounds="Not me.",
            actor=intake_user,
            reason="Union letter",
        )
    assert appeal.appellant == "officer" and appeal.employee == officer and appeal.entered_by == intake_user
    row = appeal.history.get()
    assert row.history_user == intake_user and row.history_change_reason == "Union letter"


def test_only_the_director_or_intake_enter_an_officers_appeal(decided, investigator, board_members):
    case, _panel, allegation = decided
    for user in (investigator, board_members[0]):
        with time_machine.travel(LAST_DAY, tick=False), pytest.raises(PermissionDenied):
            appeal_file(case=case, allegation=allegation, employee=allegation.employee, grounds="x", actor=user)


def test_the_filer_may_not_appeal_for_an_officer_nor_an_officer_a_finding_that_cleared_them(
    intake_user, director, investigator, board_members
):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members, finding="unfounded")
    assert appeal_options(case=case, party=allegation.employee) == []
    with time_machine.travel(LAST_DAY, tick=False), pytest.raises(RuleViolation):
        appeal_file(case=case, allegation=allegation, employee=allegation.employee, grounds="x", actor=intake_user)


def test_the_appeals_panel_may_not_seat_a_member_of_an_earlier_panel(decided, director, board_members):
    case, _panel, allegation = decided
    appeal = _file_as_filer(case, allegation, LAST_DAY)
    others = appeals_members()
    with time_machine.travel(LAST_DAY, tick=False), pytest.raises(ValidationError) as refused:
        appeals_panel_convene(appeal=appeal, members=[board_members[0], *others[:2]], actor=director, reason="Appeal")
    assert "earlier panel" in str(refused.value)
    assert not Panel.objects.filter(kind=Panel.Kind.APPEALS).exists()


def test_convening_the_appeals_panel_takes_the_appeal_off_the_waiting_list(
    intake_user, director, investigator, board_members
):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members)
    assert appeal.appeals_panel.kind == Panel.Kind.APPEALS
    assert set(appeal.appeals_panel.members.all()) == set(members)
    assert list(appeals_waiting_for_panel()) == []


def test_no_decision_is_recorded_before_the_panels_threshold(intake_user, director, investigator, board_members):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members)
    votes(appeal, members[:1], "reversed")
    with time_machine.travel(HEARD_AT, tick=False), pytest.raises(RuleViolation):
        appeal_decide(appeal=appeal, decision_text="Reversed.", new_finding="in_policy", actor=director)


def test_only_the_appeals_panel_members_vote(intake_user, director, investigator, board_members):
    appeal, _members = appeal_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(PermissionDenied):
        appeal_vote_cast(appeal=appeal, outcome="affirmed", actor=board_members[0])


def test_an_affirmed_appeal_closes_the_case_with_the_boards_finding_final(
    intake_user, director, investigator, board_members
):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members)
    votes(appeal, members, "affirmed")
    with time_machine.travel(HEARD_AT, tick=False):
        appeal_decide(appeal=appeal, decision_text="The panel agrees with the Board.", actor=members[0])
    appeal.refresh_from_db()
    case = appeal.case
    case.refresh_from_db()
    final = FinalOutcome.objects.get(allegation=appeal.allegation)
    assert appeal.status == Appeal.Status.HEARD and appeal.outcome == "affirmed"
    assert final.final_finding == final.board_finding == "out_of_policy" and final.set_by == "appeal"
    # A sustained finding with no discipline decided yet goes back to discipline.
    assert case.status == Case.Status.DISCIPLINE
    appeal.appeals_panel.refresh_from_db()
    assert appeal.appeals_panel.status == Panel.Status.DECIDED and appeal.appeals_panel.decided_at is not None


def test_a_reversal_that_clears_the_officer_closes_the_case(intake_user, director, investigator, board_members):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members)
    votes(appeal, members, "reversed")
    with time_machine.travel(HEARD_AT, tick=False):
        appeal_decide(appeal=appeal, decision_text="The video shows no force.", new_finding="in_policy", actor=director)
    appeal.case.refresh_from_db()
    final = FinalOutcome.objects.get(allegation=appeal.allegation)
    assert (final.board_finding, final.final_finding) == ("out_of_policy", "in_policy")
    assert appeal.case.status == Case.Status.CLOSED
    row = appeal.history.latest()
    assert row.history_user == director and row.history_change_reason == "Appeal decided"


def test_a_reversal_that_sustains_an_allegation_sends_the_case_to_discipline(
    intake_user, director, investigator, board_members
):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members, finding="in_policy")
    votes(appeal, members, "reversed")
    with time_machine.travel(HEARD_AT, tick=False):
        appeal_decide(appeal=appeal, decision_text="Sustained.", new_finding="out_of_policy", actor=director)
    appeal.case.refresh_from_db()
    assert appeal.case.status == Case.Status.DISCIPLINE
    assert FinalOutcome.objects.get(allegation=appeal.allegation).final_finding == "out_of_policy"


def test_a_modified_finding_needs_the_new_finding(intake_user, director, investigator, board_members):
    appeal, members = appeal_before_panel(intake_user, director, investigator, board_members)
    votes(appeal, members, "modified")
    with time_machine.travel(HEARD_AT, tick=False):
        with pytest.raises(ValidationError) as refused:
            appeal_decide(appeal=appeal, decision_text="Modified.", actor=director)
        assert "new_finding" in refused.value.message_dict
        appeal_decide(appeal=appeal, decision_text="Modified.", new_finding="insufficient_evidence", actor=director)
    assert FinalOutcome.objects.get(allegation=appeal.allegation).final_finding == "insufficient_evidence"
