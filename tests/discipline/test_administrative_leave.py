"""Paid administrative leave per case and officer (issue 10 section 7): days from the dates, the cost from
payroll, only an officer named on a real case, and the summary the contract metrics read."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.leave import (
    administrative_leave_record,
    administrative_leave_summary,
    administrative_leave_update,
    leave_days,
)
from discipline.models import AdministrativeLeave
from oversight.calendar.business_days import PACIFIC
from tests.arrange import case_received
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 6, 1, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def case(intake_user):
    return case_received(intake_user)


@pytest.fixture
def officer(case):
    return case.allegations.get().employee


def _record(director, case, officer, **extra):
    values = {"start_on": date(2026, 3, 1), "reason": "Placed on leave", "source_note": "PPB payroll"}
    return administrative_leave_record(actor=director, case=case, employee=officer, **(values | extra))


def test_days_count_the_first_and_the_last_calendar_day():
    assert leave_days(date(2026, 3, 1), date(2026, 3, 1)) == 1
    assert leave_days(date(2026, 2, 27), date(2026, 3, 2)) == 4
    assert leave_days(date(2026, 3, 1), None) is None


def test_an_open_leave_has_no_days_yet(director, case, officer):
    leave = _record(director, case, officer)
    assert (leave.end_on, leave.days) == (None, None)
    record = leave.history.get()
    assert (record.history_user, record.history_change_reason) == (director, "Placed on leave")


def test_ending_a_leave_computes_its_days_and_keeps_the_cost(director, case, officer):
    leave = _record(director, case, officer)
    leave = administrative_leave_update(
        actor=director, leave=leave, end_on=date(2026, 3, 31), cost=Decimal("14250.75"), reason="Returned to duty"
    )
    assert (leave.days, leave.cost) == (31, Decimal("14250.75"))
    assert leave.history.latest().history_change_reason == "Returned to duty"


def test_leave_is_only_for_an_officer_named_on_the_case(director, case):
    with pytest.raises(ValidationError) as error:
        _record(director, case, EmployeeFactory())
    assert "employee" in error.value.message_dict


def test_leave_is_only_on_a_real_case(director, officer):
    from intake.models import Case

    with pytest.raises(ValidationError) as error:
        _record(director, Case(), officer)
    assert "case" in error.value.message_dict


def test_a_negative_cost_is_refused(director, case, officer):
    with pytest.raises(ValidationError) as error:
        _record(director, case, officer, end_on=date(2026, 3, 2), cost=Decimal("-1"))
    assert "cost" in error.value.message_dict


def test_a_leave_cannot_end_before_it_starts(director, case, officer):
    with pytest.raises(ValidationError) as error:
        _record(director, case, officer, end_on=date(2026, 2, 28))
    assert "end_on" in error.value.message_dict


def test_an_officer_has_one_open_leave_per_case(director, case, officer):
    _record(director, case, officer)
    with pytest.raises(ValidationError):
        _record(director, case, officer, start_on=date(2026, 4, 1))


def test_a_spell_overlapping_one_recorded_on_another_case_is_refused_with_that_case(
    director, intake_user, case, officer
):
    _record(director, case, officer, end_on=date(2026, 3, 10), cost=Decimal("5000.00"))
    other = case_received(intake_user, employee=officer)
    with pytest.raises(ValidationError) as refused:
        _record(director, other, officer, start_on=date(2026, 3, 10), end_on=date(2026, 3, 20))
    assert case.number in " ".join(refused.value.messages)
    _record(director, other, officer, start_on=date(2026, 3, 11), end_on=date(2026, 3, 20))  # the next day is new
    assert AdministrativeLeave.objects.filter(employee=officer).count() == 2


def test_a_spell_starting_while_an_open_one_runs_on_another_case_is_refused(director, intake_user, case, officer):
    _record(director, case, officer)  # open since March 1
    other = case_received(intake_user, employee=officer)
    with pytest.raises(ValidationError):
        _record(director, other, officer, start_on=date(2026, 4, 1))
    assert AdministrativeLeave.objects.filter(employee=officer).count() == 1


def test_recording_the_same_leave_twice_returns_it(director, case, officer):
    assert _record(director, case, officer) == _record(director, case, officer)
    assert AdministrativeLeave.objects.count() == 1


def test_only_the_director_records_leave(case, officer, users_by_role):
    from oversight.accounts.roles import Role

    for role, user in users_by_role.items():
        if role != Role.DIRECTOR:
            with pytest.raises(PermissionDenied):
                _record(user, case, officer)


def test_the_summary_totals_days_and_cost_of_leave_ended_that_year(director, intake_user, case, officer):
    _record(director, case, officer, end_on=date(2026, 3, 10), cost=Decimal("5000.00"))
    other = case_received(intake_user)
    _record(
        director,
        other,
        other.allegations.get().employee,
        end_on=date(2026, 1, 31),
        start_on=date(2025, 12, 31),
        cost=Decimal("2500.50"),
    )
    _record(director, other, other.allegations.get().employee, start_on=date(2026, 5, 1))  # still open
    summary = administrative_leave_summary(year=2026)
    assert summary["days"] == 10 + 32
    assert summary["cost"] == Decimal("7500.50")
    assert (summary["leaves"], summary["cases"], summary["open"], summary["is_recorded"]) == (2, 2, 1, True)


def test_the_summary_says_when_nothing_is_recorded(db):
    assert administrative_leave_summary(year=2026)["is_recorded"] is False


def test_a_year_before_the_first_leave_on_record_says_no_data_not_zero(director, case, officer):
    _record(director, case, officer, end_on=date(2026, 3, 10), cost=Decimal("5000.00"))
    assert administrative_leave_summary(year=2025)["is_recorded"] is False
    assert administrative_leave_summary(year=2026)["is_recorded"] is True
    assert administrative_leave_summary(year=2027)["is_recorded"] is True


def test_the_director_records_leave_on_the_case_page(client, director, case, officer):
    client.force_login(director)
    response = client.post(
        f"/board/cases/{case.pk}/leave/",
        {
            "employee": officer.pk,
            "start_on": "2026-03-01",
            "end_on": "2026-03-05",
            "cost": "900.00",
            "reason": "Payroll",
        },
    )
    assert response.status_code == 302
    leave = AdministrativeLeave.objects.get()
    assert (leave.days, leave.cost) == (5, Decimal("900.00"))
    html = client.get(f"/board/cases/{case.pk}/leave/").content.decode()
    assert "$900.00" in html


def test_the_leave_page_of_a_case_that_does_not_exist_is_404(client, director):
    client.force_login(director)
    assert client.get("/board/cases/999999/leave/").status_code == 404


def test_the_case_pages_investigation_section_shows_the_director_the_leave(client, intake_user, director, investigator):
    from tests.arrange import case_investigating

    case = case_investigating(intake_user, director, investigator)
    _record(director, case, case.allegations.get().employee, end_on=date(2026, 3, 2), cost=Decimal("400.00"))
    client.force_login(director)
    html = client.get(f"/complaints/staff/cases/{case.pk}/investigation/").content.decode()
    assert f"/board/cases/{case.pk}/leave/" in html and "2 days, $400.00" in html
    client.force_login(investigator)
    assert (
        "Paid administrative leave"
        not in client.get(f"/complaints/staff/cases/{case.pk}/investigation/").content.decode()
    )
