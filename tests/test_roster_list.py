"""The staff roster list (issue 12.3): paged, sortable, searchable by name or badge, filtered."""

import pytest

from oversight.roster.models import Employee
from tests.factories import EmployeeFactory

pytestmark = pytest.mark.django_db
URL = "/staff/roster/"


def _names(response):
    return [f"{e.last_name}, {e.first_name}" for e in response.context["page"]]


def test_search_finds_a_name_without_its_accents_or_capitals(client, intake_user):
    EmployeeFactory(first_name="María", last_name="García", badge_number="41234")
    EmployeeFactory(first_name="Lee", last_name="Smith", badge_number="50001")
    client.force_login(intake_user)
    assert _names(client.get(URL, {"q": "GARCIA maria"})) == ["García, María"]
    assert _names(client.get(URL, {"q": "412"})) == ["García, María"]
    assert _names(client.get(URL, {"q": "garcia 500"})) == []


def test_filters_keep_only_employees_no_longer_employed(client, investigator):
    EmployeeFactory(last_name="Gone", is_active=False)
    EmployeeFactory(last_name="Here")
    client.force_login(investigator)
    assert [e.last_name for e in client.get(URL, {"is_active": "false"}).context["page"]] == ["Gone"]


def test_sorting_by_badge_descending_marks_the_column(client, director):
    for badge in ("300", "100", "200"):
        EmployeeFactory(badge_number=badge)
    client.force_login(director)
    response = client.get(URL, {"sort": "-badge"})
    assert [e.badge_number for e in response.context["page"]] == ["300", "200", "100"]
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_roster_pages_in_a_constant_number_of_queries(client, director, django_assert_max_num_queries):
    Employee.objects.bulk_create(
        [Employee(badge_number=str(10000 + i), first_name="A", last_name=f"L{i:04d}") for i in range(120)]
    )
    client.force_login(director)
    for page in (1, 3):
        with django_assert_max_num_queries(9):
            response = client.get(URL, {"page": page})
        assert response.status_code == 200
    assert len(response.context["page"]) == 20  # 120 rows, 50 a page: the third holds 20
