"""The public contract-accountability page and its definitions (issue 11 part D), and the Director's
early-identification list: who may open them, what they show, read logging and constant queries."""

import datetime

import pytest
import time_machine

from oversight.audit.models import SensitiveRead
from oversight.calendar.business_days import PACIFIC
from tests.factories import EmployeeFactory

from .arrange_trends import case_sustained_on

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2027, 1, 15, 9, 0, tzinfo=PACIFIC)
EARLY = "/reports/trends/early-identification/?year=2026"


def test_the_public_page_shows_each_figure_or_no_data_recorded_with_a_link_to_its_definition(client):
    with time_machine.travel(NOW, tick=False):
        page = client.get("/reports/accountability/?year=2026").content.decode()
    assert "Contract accountability: 2026" in page
    assert "No data recorded" in page
    assert 'id="investigations-past-180-days"' in page
    assert "/reports/accountability/definitions/?year=2026#evidence-seen-before-interview" in page


def test_a_year_outside_those_offered_falls_back_to_the_current_year(client):
    with time_machine.travel(NOW, tick=False):
        page = client.get("/reports/accountability/?year=1999").content.decode()
    assert "Contract accountability: 2027" in page


def test_the_definitions_page_shows_each_definition_and_its_sql(client):
    with time_machine.travel(NOW, tick=False):
        page = client.get("/reports/accountability/definitions/?year=2026").content.decode()
    assert '<pre class="accountability-sql"><code>SELECT' in page
    assert "PERCENTILE_CONT(0.5) WITHIN GROUP" in page
    assert "investigation_180d" in page


def test_the_public_page_counts_repeat_officers_without_naming_them(
    client, intake_user, director, investigator, board_members
):
    officer = EmployeeFactory(first_name="Dana", last_name="Repeatname")
    for day in (datetime.date(2026, 2, 2), datetime.date(2026, 9, 1)):
        case_sustained_on(day, officer, intake_user, director, investigator, board_members)
    with time_machine.travel(NOW, tick=False):
        page = client.get("/reports/accountability/?year=2026").content.decode()
    assert "1 Covered Employee had two or more sustained complaints" in page
    assert "Repeatname" not in page and officer.badge_number not in page


def test_the_public_page_runs_a_constant_number_of_queries(
    client, intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    for i in range(3):
        officer = EmployeeFactory()
        for day in (datetime.date(2026, 2, 2 + i), datetime.date(2026, 9, 1 + i)):
            case_sustained_on(day, officer, intake_user, director, investigator, board_members)
    with time_machine.travel(NOW, tick=False), django_assert_max_num_queries(13):
        assert client.get("/reports/accountability/?year=2026").status_code == 200


def test_the_director_sees_the_named_list_and_the_read_is_logged(
    client, intake_user, director, investigator, board_members
):
    officer = EmployeeFactory(first_name="Dana", last_name="Repeatname")
    cases = [
        case_sustained_on(day, officer, intake_user, director, investigator, board_members)
        for day in (datetime.date(2026, 2, 2), datetime.date(2026, 9, 1))
    ]
    with time_machine.travel(NOW, tick=False):
        client.force_login(director)
        page = client.get(EARLY).content.decode()
    assert "Repeatname, Dana" in page and officer.badge_number in page
    assert all(case.number in page for case in cases) and "2026-09-01" in page
    read = SensitiveRead.objects.get()
    assert (read.user, read.kind, read.object_id) == (director, "early_identification", 2026)


@pytest.mark.parametrize("who", ["intake_user", "investigator", "liaison", "admin_user"])
def test_no_one_but_the_director_opens_the_list(client, request, who):
    with time_machine.travel(NOW, tick=False):
        client.force_login(request.getfixturevalue(who))
        assert client.get(EARLY).status_code in (403, 404)
    assert not SensitiveRead.objects.exists()


def test_a_board_member_cannot_open_the_list(client, board_members):
    with time_machine.travel(NOW, tick=False):
        client.force_login(board_members[0])
        assert client.get(EARLY).status_code in (403, 404)


def test_the_list_runs_a_constant_number_of_queries(
    client, intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    for i in range(3):
        officer = EmployeeFactory()
        for day in (datetime.date(2026, 2, 2 + i), datetime.date(2026, 9, 1 + i)):
            case_sustained_on(day, officer, intake_user, director, investigator, board_members)
    with time_machine.travel(NOW, tick=False):
        client.force_login(director)
        with django_assert_max_num_queries(12):
            assert client.get(EARLY).status_code == 200
