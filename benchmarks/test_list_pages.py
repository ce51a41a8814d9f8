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
