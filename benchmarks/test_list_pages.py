"""Speed of the list pages as the data grows. Run: `make bench` (not part of `make test`).

Rows are bulk-inserted (no history) because only read speed is measured here.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from intake.models import Allegation, AllegationType, Case
from oversight.accounts.roles import Role
from oversight.roster.models import Employee
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _bulk_cases(n):
    now = timezone.now()
    kind = AllegationType.objects.create(code="courtesy", name="Discourtesy")
    officer = Employee.objects.create(badge_number="1", first_name="A", last_name="B")
    cases = Case.objects.bulk_create(
        [Case(number=f"2026-{i:06d}", received_at=now - timedelta(minutes=i)) for i in range(n)], batch_size=2000
    )
    Allegation.objects.bulk_create(
        [Allegation(case=c, employee=officer, allegation_type=kind) for c in cases], batch_size=2000
    )


@pytest.mark.parametrize("n", [100, 10_000])
def test_intake_queue(benchmark, client, n):
    _bulk_cases(n)
    client.force_login(make_user(Role.INTAKE))
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/complaints/staff/")
    assert response.status_code == 200
    benchmark.extra_info["queries"] = len(queries)
    benchmark(client.get, "/complaints/staff/")


@pytest.mark.parametrize("n", [100, 10_000])
def test_case_api_list(benchmark, client, n):
    _bulk_cases(n)
    client.force_login(make_user(Role.INTAKE))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/cases/").status_code == 200
    benchmark.extra_info["queries"] = len(queries)
    benchmark(client.get, "/api/v1/cases/")


def _pages_at(n, user):
    """Page 1 and a page past the first for ``n`` cases, each with an investigation and a records request."""
    from tests.bulk import bulk_cases

    bulk_cases(n, now=timezone.now(), investigator=user)


@pytest.mark.parametrize("n", [100, 10_000])
@pytest.mark.parametrize(
    "url",
    [
        "/staff/investigations/",
        "/staff/investigations/?page=2&sort=-case",
        "/staff/investigations/ppb/requests/?page=2",
        "/complaints/staff/?page=2&sort=status",
        "/complaints/staff/?q=officer3",
    ],
)
def test_staff_lists(benchmark, client, n, url):
    director = make_user(Role.DIRECTOR)
    _pages_at(n, director)
    client.force_login(director)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    benchmark.extra_info["queries"] = len(queries)
    benchmark(client.get, url)
