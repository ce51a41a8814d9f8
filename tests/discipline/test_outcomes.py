"""After the Board (R3.8, issue 9.10): grievances, Civil Service Board appeals and arbitration tracked to their
outcome, final outcomes kept beside the Board's, "reduced after the Board" as a query, and whether a case's
rights are exhausted (35A.050 H)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.appeals import appeal_file
from discipline.models import FinalOutcome, PostBoardProceeding
from discipline.outcomes import (
    case_rights_exhausted,
    final_outcomes_reduced_after_board,
    proceeding_decide,
    proceeding_record,
)
from tests.intake.public import document, program

from .arrange_appeals import DAY_AFTER, DECIDED_AT, LAST_DAY, case_decided
from .arrange_discipline import discipline_adopted, guide_make

pytestmark = pytest.mark.django_db

ADOPTED_AT = DECIDED_AT + datetime.timedelta(days=1)
LATER = datetime.date(2026, 6, 1)


@pytest.fixture
def decision(intake_user, director, investigator, board_members):
    with time_machine.travel(ADOPTED_AT, tick=False):
        g = guide_make()
        _case, decision = discipline_adopted(intake_user, director, investigator, board_members, g)
    return decision


def _final(decision):
    return FinalOutcome.objects.get(allegation=decision.allegation)


def test_an_arbitration_that_overturns_discipline_sets_the_final_outcome_and_counts_as_reduced(decision, director):
    with time_machine.travel(LAST_DAY, tick=False):
        proceeding = proceeding_record(decision=decision, kind="arbitration", filed_on=LATER, actor=director)
        proceeding_decide(
            proceeding=proceeding, outcome="overturned", decided_on=LATER, actor=director, reason="Arbitrator's award"
        )
    final = _final(decision)
    assert final.board_level == "suspension" and final.final_level == ""
    assert final.final_finding == "out_of_policy" and final.set_by == "arbitration"
    assert list(final_outcomes_reduced_after_board()) == [final]
    row = final.history.latest()
    assert row.history_user == director and row.history_change_reason == "Arbitrator's award"


def test_an_upheld_grievance_leaves_the_boards_discipline_final(decision, director):
    with time_machine.travel(LAST_DAY, tick=False):
        proceeding_record(
            decision=decision, kind="grievance", filed_on=LATER, decided_on=LATER, outcome="upheld", actor=director
        )
    final = _final(decision)
    assert final.final_level == final.board_level == "suspension" and final.set_by == "grievance"
    assert list(final_outcomes_reduced_after_board()) == []


def test_a_civil_service_board_modification_to_a_lighter_level_is_reduced(decision, director):
    with time_machine.travel(LAST_DAY, tick=False):
        proceeding_record(
            decision=decision,
            kind="civil_service_board",
            filed_on=LATER,
            decided_on=LATER,
            outcome="modified",
            resulting_level="letter_of_reprimand",
            actor=director,
        )
    final = _final(decision)
    assert (final.final_level, final.set_by) == ("letter_of_reprimand", "civil_service_board")
    assert final.is_reduced and final in final_outcomes_reduced_after_board()


def test_a_modified_outcome_needs_the_resulting_level(decision, director):
    with pytest.raises(ValidationError) as refused:
        proceeding_record(
            decision=decision, kind="grievance", filed_on=LATER, decided_on=LATER, outcome="modified", actor=director
        )
    assert "resulting_level" in refused.value.message_dict
    assert not PostBoardProceeding.objects.exists()


def test_the_decision_document_is_checked_by_its_content(decision, director):
    with pytest.raises(ValidationError):
        proceeding_record(
            decision=decision, kind="arbitration", filed_on=LATER, document=program("award.pdf"), actor=director
        )
    proceeding = proceeding_record(
        decision=decision, kind="arbitration", filed_on=LATER, document=document("award.pdf"), actor=director
    )
    assert proceeding.document_name == "award.pdf" and len(proceeding.document_sha256) == 64
    assert proceeding.document.name.startswith("board-decisions/")


def test_only_the_director_records_a_proceeding(decision, intake_user, board_members):
    for user in (intake_user, board_members[0]):
        with pytest.raises(PermissionDenied):
            proceeding_record(decision=decision, kind="grievance", filed_on=LATER, actor=user)


def test_recording_the_same_outcome_again_changes_nothing(decision, director):
    proceeding = proceeding_record(decision=decision, kind="grievance", filed_on=LATER, actor=director)
    proceeding_decide(proceeding=proceeding, outcome="upheld", decided_on=LATER, actor=director)
    proceeding_decide(proceeding=proceeding, outcome="upheld", decided_on=LATER, actor=director)
    assert proceeding.history.count() == 2


def test_a_closed_case_has_its_rights_exhausted_only_once_the_window_has_passed(
    intake_user, director, investigator, board_members
):
    case, _panel, _allegation = case_decided(intake_user, director, investigator, board_members, finding="unfounded")
    assert case.status == "closed"
    assert not case_rights_exhausted(case, now=LAST_DAY)
    assert case_rights_exhausted(case, now=DAY_AFTER)


def test_an_open_appeal_keeps_the_rights_open(intake_user, director, investigator, board_members):
    case, _panel, allegation = case_decided(intake_user, director, investigator, board_members, finding="unfounded")
    with time_machine.travel(LAST_DAY, tick=False):
        appeal_file(case=case, allegation=allegation, complaint=case.complaints.get(), grounds="Wrong.", actor=None)
    case.refresh_from_db()
    assert not case_rights_exhausted(case, now=DAY_AFTER)
