"""Loudermill (issue 9.8, R3.6): notice to the officer and the union representative, the hearing, the
response, and the outcome; discipline is not final without it, and the case closes after the last."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from discipline.guide import discipline_propose
from discipline.loudermill import loudermill_decide, loudermill_notice_send, loudermill_response_record
from discipline.models import Loudermill
from intake.exceptions import RuleViolation
from intake.models import Case
from oversight.notices.models import Notice
from tests.factories import EmployeeFactory

from .arrange_discipline import adopt, discipline_adopted, guide_make
from .arrange_results import case_decided

PACIFIC = ZoneInfo("America/Los_Angeles")
NOW = datetime.datetime(2026, 10, 5, 10, 0, tzinfo=PACIFIC)
HEARING = datetime.datetime(2026, 10, 19, 14, 0, tzinfo=PACIFIC)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def g(db):
    return guide_make()


@pytest.fixture
def adopted(intake_user, director, investigator, board_members, g):
    return discipline_adopted(intake_user, director, investigator, board_members, g)


def _noticed(decision, director, **extra):
    return loudermill_notice_send(
        decision=decision,
        hearing_at=HEARING,
        representative_name="Pat Steward",
        representative_email="steward@union.invalid",
        actor=director,
        **extra,
    )


def test_the_notice_goes_to_the_officer_and_the_union_representative(adopted, director):
    _case, decision = adopted
    loudermill = _noticed(decision, director)
    notices = Notice.objects.filter(dedupe_key__startswith=f"loudermill:{loudermill.pk}:")
    officer = decision.allegation.employee
    assert {n.recipient_name for n in notices} == {str(officer), "Pat Steward"}
    assert all("2026-10-19 14:00" in n.body and "Suspension, step 1" in n.body for n in notices)
    assert loudermill.history.get().history_user == director


def test_sending_the_notice_twice_sends_it_once(adopted, director):
    _case, decision = adopted
    assert _noticed(decision, director) == _noticed(decision, director)
    assert Notice.objects.filter(dedupe_key__startswith="loudermill:").count() == 2


def test_only_the_director_records_loudermill(adopted, board_members):
    _case, decision = adopted
    with pytest.raises(PermissionDenied):
        _noticed(decision, board_members[0])


def test_the_hearing_must_come_after_the_notice(adopted, director):
    _case, decision = adopted
    with pytest.raises(ValidationError):
        loudermill_notice_send(decision=decision, hearing_at=NOW - datetime.timedelta(days=1), actor=director)


def test_corrective_action_needs_no_loudermill(intake_user, director, investigator, board_members, g):
    _case, decision = discipline_adopted(
        intake_user, director, investigator, board_members, g, category=g.courtesy, level=g.training, reasoning="r"
    )
    with pytest.raises(RuleViolation, match="needs no Loudermill"):
        _noticed(decision, director)


def test_the_officers_response_is_kept_with_a_document(adopted, director):
    _case, decision = adopted
    loudermill = _noticed(decision, director)
    document = SimpleUploadedFile("response.pdf", b"%PDF-1.4 response", content_type="application/pdf")
    loudermill = loudermill_response_record(
        loudermill=loudermill, response="I was defending myself.", document=document, actor=director
    )
    loudermill.refresh_from_db()
    assert loudermill.response == "I was defending myself." and loudermill.response_document.name
    assert loudermill.history.first().history_change_reason == "Officer's response recorded"


def test_the_outcome_waits_for_the_hearing(adopted, director):
    _case, decision = adopted
    loudermill = _noticed(decision, director)
    with pytest.raises(RuleViolation):
        loudermill_decide(loudermill=loudermill, outcome="imposed", actor=director)


def test_discipline_is_not_final_and_the_case_stays_open_before_loudermill(adopted):
    case, decision = adopted
    assert decision.status == "proposed" and case.status == Case.Status.DISCIPLINE


def test_imposed_as_proposed_makes_it_final_and_closes_the_case(adopted, director, clock):
    case, decision = adopted
    loudermill = _noticed(decision, director)
    clock.move_to(HEARING + datetime.timedelta(hours=2))
    loudermill_decide(loudermill=loudermill, outcome="imposed", actor=director)
    decision.refresh_from_db()
    case.refresh_from_db()
    assert decision.status == "final" and decision.final_level == decision.level
    assert case.status == Case.Status.CLOSED
    assert decision.history.first().history_change_reason == "Loudermill: Imposed as proposed"


def test_a_modification_within_the_bounds_with_reasoning_is_final(adopted, director, clock, g):
    case, decision = adopted
    loudermill = _noticed(decision, director)
    clock.move_to(HEARING + datetime.timedelta(hours=2))
    loudermill_decide(
        loudermill=loudermill,
        outcome="modified",
        level=g.reprimand,
        reasoning="Response showed remorse",
        actor=director,
    )
    decision.refresh_from_db()
    assert (decision.status, decision.final_level, decision.action) == ("final", g.reprimand, "letter_of_reprimand")
    assert decision.level == g.suspension  # the panel's adopted level is kept beside the final one


def test_a_modification_outside_the_bounds_is_refused(adopted, director, clock, g):
    _case, decision = adopted
    loudermill = _noticed(decision, director)
    clock.move_to(HEARING + datetime.timedelta(hours=2))
    with pytest.raises(ValidationError) as error:
        loudermill_decide(loudermill=loudermill, outcome="modified", level=g.counseling, reasoning="r", actor=director)
    assert "level" in error.value.message_dict
    assert not Loudermill.objects.get().outcome


def test_a_modification_needs_reasoning(adopted, director, clock, g):
    _case, decision = adopted
    loudermill = _noticed(decision, director)
    clock.move_to(HEARING + datetime.timedelta(hours=2))
    with pytest.raises(ValidationError) as error:
        loudermill_decide(loudermill=loudermill, outcome="modified", level=g.reprimand, actor=director)
    assert "reasoning" in error.value.message_dict


def test_withdrawn_discipline_lets_the_case_close(adopted, director, clock):
    case, decision = adopted
    loudermill = _noticed(decision, director)
    clock.move_to(HEARING + datetime.timedelta(hours=2))
    loudermill_decide(loudermill=loudermill, outcome="withdrawn", actor=director)
    decision.refresh_from_db()
    case.refresh_from_db()
    assert decision.status == "withdrawn" and case.status == Case.Status.CLOSED


def test_the_case_closes_only_after_the_last_sustained_allegation(
    intake_user, director, investigator, board_members, g, clock
):
    officers = [EmployeeFactory(email="one@police.invalid"), EmployeeFactory(email="two@police.invalid")]
    case, _panel = case_decided(intake_user, director, investigator, board_members, officers=officers)
    loudermills = []
    for allegation in case.allegations.order_by("pk"):
        proposal = discipline_propose(
            allegation=allegation, category=g.force, level=g.suspension, just_cause="x", actor=director
        )
        loudermills.append(_noticed(adopt(proposal, board_members), director))
    clock.move_to(HEARING + datetime.timedelta(hours=2))
    loudermill_decide(loudermill=loudermills[0], outcome="imposed", actor=director)
    case.refresh_from_db()
    assert case.status == Case.Status.DISCIPLINE
    loudermill_decide(loudermill=loudermills[1], outcome="withdrawn", actor=director)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
