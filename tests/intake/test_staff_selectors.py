"""The roster search (R1.6) and the intake queue's filters."""

import datetime

import pytest
import time_machine

from intake.incidents import case_open_for_incident
from intake.services import case_categorize
from intake.staff_selectors import case_list_intake_queue_filtered, employee_search_for_allegation
from tests.arrange import case_received
from tests.factories import ChiefFactory, EmployeeFactory, complaint_data, mandatory_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def garcia():
    return EmployeeFactory(first_name="José", last_name="García", badge_number="41234")


def _names(query):
    return [e.last_name for e in employee_search_for_allegation(query=query)]


@pytest.mark.parametrize("query", ["garcia", "GARCÍA", "garc", "jose garcia", "412", "41234", "José"])
def test_roster_search_is_case_accent_and_partial_tolerant(garcia, query):
    assert _names(query) == ["García"]


def test_roster_search_needs_every_word(garcia):
    assert _names("garcia smith") == []


def test_roster_search_offers_the_chief_but_not_civilian_or_inactive_staff(garcia):
    ChiefFactory(first_name="Bob", last_name="Garcia")
    EmployeeFactory(last_name="Garcia", is_covered=False)
    EmployeeFactory(last_name="Garcia", is_active=False)
    assert sorted(_names("garcia")) == ["Garcia", "García"]


def test_empty_roster_search_lists_no_one(garcia):
    assert list(employee_search_for_allegation(query="  ")) == []


def _numbers(user, **params):
    cases, _filters = case_list_intake_queue_filtered(user=user, params=params)
    return {c.number for c in cases}


def _staff_case(intake_user, channel="phone", language="en"):
    import uuid

    from intake.services import complaint_file

    return complaint_file(
        data=complaint_data(language=language), submission_key=uuid.uuid4(), actor=intake_user, channel=channel
    ).case


def test_queue_filters_by_channel(intake_user):
    phone, mail = _staff_case(intake_user, "phone"), _staff_case(intake_user, "mail")
    assert _numbers(intake_user, channel="phone") == {phone.number}
    assert _numbers(intake_user, channel="mail") == {mail.number}


def test_queue_filters_by_language(intake_user):
    spanish, _english = _staff_case(intake_user, language="es"), _staff_case(intake_user)
    assert _numbers(intake_user, language="es") == {spanish.number}


def test_queue_filters_by_status(intake_user):
    from intake.services import case_decide

    decided, waiting = case_received(intake_user), case_received(intake_user)
    case_decide(case=decided, decision="dismissal", reason="x", actor=intake_user)
    assert _numbers(intake_user, status="received") == {waiting.number}
    assert _numbers(intake_user, status="resolved") == {decided.number}


def test_queue_filters_by_age(intake_user):
    with time_machine.travel(datetime.datetime(2026, 8, 1, 12, tzinfo=datetime.UTC)):
        old = case_received(intake_user)
    new = case_received(intake_user)
    assert _numbers(intake_user, age="90") == {old.number}
    assert _numbers(intake_user) == {old.number, new.number}


def test_queue_filters_by_mandatory_category(intake_user):
    by_type = case_received(intake_user, allegation_type=mandatory_type())
    by_case = case_received(intake_user)
    case_categorize(case=by_case, mandatory_category="discrimination", actor=intake_user, reason="x")
    incident = case_open_for_incident(
        mandatory_category="deadly_force",
        incident_on=datetime.date(2026, 11, 1),
        incident_summary="Shooting",
        actor=intake_user,
        reason="x",
    )
    case_received(intake_user)
    assert _numbers(intake_user, mandatory_category="force_with_injury") == {by_type.number}
    assert _numbers(intake_user, mandatory_category="discrimination") == {by_case.number}
    assert _numbers(intake_user, mandatory_category="any") == {by_type.number, by_case.number, incident.number}


def test_queue_filters_by_the_category_it_shows(intake_user):
    # The case's own category wins over the one its allegation type carries, in the column and the filter.
    case = case_received(intake_user, allegation_type=mandatory_type())
    case_categorize(case=case, mandatory_category="deadly_force", actor=intake_user, reason="Shots fired")
    assert _numbers(intake_user, mandatory_category="deadly_force") == {case.number}
    assert _numbers(intake_user, mandatory_category="force_with_injury") == set()


def test_queue_is_empty_for_roles_that_do_not_see_cases(intake_user, liaison):
    case_received(intake_user)
    assert _numbers(liaison) == set()
