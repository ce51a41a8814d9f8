"""Trends (issue 11 part D; 35A.050 F.1 items e, f and p): repeat sustained complaints within a year, repeat
complainants and their issues, consistency of discipline with the guide's presumptive level."""

import datetime

import pytest
import time_machine

from reports.trends import (
    complaint_types_frequency,
    discipline_consistency,
    repeat_complainants,
    sustained_repeat_count,
    sustained_repeat_list,
)
from tests.factories import AllegationTypeFactory, EmployeeFactory, file_complaint

from .arrange_trends import at, case_sustained_on

pytestmark = pytest.mark.django_db

YEAR_START, YEAR_END = datetime.date(2026, 1, 1), datetime.date(2027, 1, 1)
NOW = at(datetime.date(2027, 2, 1))


@pytest.fixture
def people(intake_user, director, investigator, board_members):
    return intake_user, director, investigator, board_members


def _two_sustained(people, officer, first, second):
    case_sustained_on(first, officer, *people)
    case_sustained_on(second, officer, *people)


def test_two_sustained_cases_364_days_apart_count_as_a_repeat(people):
    officer = EmployeeFactory()
    _two_sustained(people, officer, datetime.date(2025, 6, 1), datetime.date(2026, 5, 31))
    with time_machine.travel(NOW, tick=False):
        assert sustained_repeat_count(start=YEAR_START, end=YEAR_END) == 1


def test_two_sustained_cases_366_days_apart_do_not_count(people):
    officer = EmployeeFactory()
    _two_sustained(people, officer, datetime.date(2025, 6, 1), datetime.date(2026, 6, 2))
    with time_machine.travel(NOW, tick=False):
        assert sustained_repeat_count(start=YEAR_START, end=YEAR_END) == 0


def test_a_repeat_whose_later_case_falls_after_the_period_is_not_counted_in_it(people):
    officer = EmployeeFactory()
    _two_sustained(people, officer, datetime.date(2026, 11, 1), datetime.date(2027, 1, 10))
    with time_machine.travel(NOW, tick=False):
        assert sustained_repeat_count(start=YEAR_START, end=YEAR_END) == 0
        assert sustained_repeat_count(start=YEAR_END, end=datetime.date(2028, 1, 1)) == 1


def test_cases_the_board_did_not_sustain_are_not_repeats(people):
    officer = EmployeeFactory()
    case_sustained_on(datetime.date(2026, 3, 2), officer, *people)
    case_sustained_on(datetime.date(2026, 4, 1), officer, *people, finding="unfounded")
    with time_machine.travel(NOW, tick=False):
        assert sustained_repeat_count(start=YEAR_START, end=YEAR_END) == 0


def test_the_early_identification_list_names_the_officer_with_both_cases_for_the_director_only(people):
    intake_user, director, _investigator, _members = people
    officer = EmployeeFactory(first_name="Dana", last_name="Repeat")
    first = case_sustained_on(datetime.date(2026, 2, 2), officer, *people)
    second = case_sustained_on(datetime.date(2026, 9, 1), officer, *people)
    case_sustained_on(datetime.date(2026, 9, 2), EmployeeFactory(), *people)
    with time_machine.travel(NOW, tick=False):
        rows = sustained_repeat_list(start=YEAR_START, end=YEAR_END, user=director)
        assert sustained_repeat_list(start=YEAR_START, end=YEAR_END, user=intake_user) == []
    assert [row["employee"] for row in rows] == [officer]
    assert [(c["number"], c["sustained_on"]) for c in rows[0]["cases"]] == [
        (first.number, datetime.date(2026, 2, 2)),
        (second.number, datetime.date(2026, 9, 1)),
    ]


def test_repeat_complainants_are_matched_by_email_or_phone_and_their_issues_counted(intake_user):
    from intake.services import allegation_add

    force = AllegationTypeFactory(code="force", name="Excessive force")
    with time_machine.travel(at(datetime.date(2026, 4, 1)), tick=False):
        first = file_complaint(contact_email="Sam@Example.org", contact_phone="503-555-0101")
        second = file_complaint(contact_email="", contact_phone="1 (503) 555 0101")
        third = file_complaint(contact_email="SAM@example.org")
        file_complaint(contact_email="other@example.org")
        file_complaint()
        file_complaint()
        for case in (first, second, third):
            allegation_add(case=case, allegation_type=force, employee=None, actor=intake_user, reason="Named")
    with time_machine.travel(NOW, tick=False):
        result = repeat_complainants(start=YEAR_START, end=YEAR_END)
    assert result["count"] == 1
    assert result["complaints"] == 3
    assert result["anonymous"] == 2
    assert result["issues"] == [("Excessive force", 3)]


def test_complaints_outside_the_period_do_not_make_a_repeat_complainant(intake_user):
    with time_machine.travel(at(datetime.date(2025, 12, 31)), tick=False):
        file_complaint(contact_email="sam@example.org")
    with time_machine.travel(at(datetime.date(2026, 1, 2)), tick=False):
        file_complaint(contact_email="sam@example.org")
    with time_machine.travel(NOW, tick=False):
        assert repeat_complainants(start=YEAR_START, end=YEAR_END)["count"] == 0


def test_complaint_types_are_counted_by_year_of_receipt(intake_user):
    from tests.arrange import case_received

    force = AllegationTypeFactory(code="force", name="Excessive force")
    with time_machine.travel(at(datetime.date(2025, 5, 1)), tick=False):
        case_received(intake_user, allegation_type=force)
    with time_machine.travel(at(datetime.date(2026, 5, 1)), tick=False):
        case_received(intake_user, allegation_type=force)
        case_received(intake_user, allegation_type=force)
    with time_machine.travel(NOW, tick=False):
        rows = complaint_types_frequency(start=datetime.date(2025, 1, 1), end=YEAR_END)
    assert rows == [
        {"year": 2025, "types": [("Excessive force", 1)]},
        {"year": 2026, "types": [("Excessive force", 2)]},
    ]


def _decide(people, g, **kwargs):
    from tests.discipline.arrange_discipline import discipline_adopted

    with time_machine.travel(at(datetime.date(2026, 6, 1)), tick=False):
        return discipline_adopted(*people, g, **kwargs)


def test_discipline_consistency_counts_departures_per_category_and_keeps_reasons_for_the_director(people):
    from tests.discipline.arrange_discipline import guide_make

    with time_machine.travel(at(datetime.date(2026, 5, 1)), tick=False):
        g = guide_make()
    _decide(people, g)
    _decide(people, g, level=g.demotion, reasoning="Repeated after a warning.")
    with time_machine.travel(NOW, tick=False):
        public = discipline_consistency(start=YEAR_START, end=YEAR_END)
        director = discipline_consistency(start=YEAR_START, end=YEAR_END, include_reasons=True)
    assert public == [
        {
            "category": "Force",
            "presumptive": "Suspension, step 1",
            "imposed": [("Suspension, step 1", 1), ("Demotion", 1)],
            "departures": 1,
            "reasons": [],
        }
    ]
    assert director[0]["reasons"] == ["Repeated after a warning."]
