"""The Director reviews reads and role changes: filtered, paginated, a constant number of queries for
any size, and the reads as a streamed CSV."""

import csv
import io
from datetime import datetime, timedelta

import pytest
import time_machine
from django.http import StreamingHttpResponse

from oversight.accounts.roles import Role
from oversight.audit.models import RoleChange, SensitiveRead
from oversight.calendar.business_days import PACIFIC
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 15, 0, tzinfo=PACIFIC)
READS = "/staff/audit/reads/"
ROLES = "/staff/audit/role-changes/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _reads(user, n, *, at=NOW, kind=SensitiveRead.Kind.CASE_PAGE, case_number="2026-00001", address="192.0.2.1"):
    return SensitiveRead.objects.bulk_create(
        SensitiveRead(
            user=user,
            kind=kind,
            object_id=i + 1,
            case_number=case_number,
            field_groups=["compelled_statements"],
            at=at - timedelta(seconds=i),
            client_address=address,
            outcome="shown",
        )
        for i in range(n)
    )


def _rows(page):
    return page.split("<tbody>")[1].split("</tbody>")[0].count("<tr>")


def test_the_director_filters_reads_by_reader_case_kind_and_day(client, director, investigator, intake_user):
    _reads(investigator, 2, case_number="2026-00007")
    _reads(intake_user, 1, kind=SensitiveRead.Kind.API_CASE, at=NOW - timedelta(days=3))
    client.force_login(director)
    assert _rows(client.get(READS).content.decode()) == 3
    assert _rows(client.get(READS, {"user": investigator.pk}).content.decode()) == 2
    assert _rows(client.get(READS, {"case_number": "2026-00007"}).content.decode()) == 2
    page = client.get(READS, {"kind": "api_case"}).content.decode()
    assert _rows(page) == 1 and "API: case" in page and "Compelled statements" in page
    day = (NOW - timedelta(days=3)).date().isoformat()
    assert _rows(client.get(READS, {"since": day, "until": day}).content.decode()) == 1
    assert (
        "No reads match." in client.get(READS, {"until": (NOW - timedelta(days=4)).date().isoformat()}).content.decode()
    )


def test_the_reads_page_runs_the_same_queries_for_one_read_or_many(client, director, django_assert_max_num_queries):
    client.force_login(director)
    _reads(director, 1)
    with django_assert_max_num_queries(12) as few:
        client.get(READS)
    _reads(director, 120, at=NOW - timedelta(hours=1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(READS, {"page": 2}).content.decode()
    assert _rows(page) == 50 and "Page 2 of 3" in page


def test_the_reads_export_streams_the_filtered_rows_as_csv(client, director, investigator):
    _reads(investigator, 3, case_number="2026-00007", address="=1+1")
    _reads(director, 2, case_number="2026-00008")
    client.force_login(director)
    response = client.get("/staff/audit/reads.csv", {"case_number": "2026-00007"})
    assert isinstance(response, StreamingHttpResponse) and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["at", "user", "kind"] and len(rows) == 4
    assert {r[1] for r in rows[1:]} == {"investigator"} and {r[4] for r in rows[1:]} == {"2026-00007"}
    assert rows[1][6] == "'=1+1"  # never run as a formula in a spreadsheet
    assert rows[1][0].startswith("2026-12-02T15:00:00-08:00")


def test_the_director_reviews_role_changes_by_person_actor_and_role(client, director, admin_user, intake_user):
    for user, granted in ((intake_user, ["investigator"]), (director, ["board_member"])):
        RoleChange.objects.create(actor=admin_user, user=user, granted=granted, reason="Reorganised", at=NOW)
    RoleChange.objects.create(
        actor=None, operator="root", user=admin_user, granted=["administrator"], reason="Go-live", at=NOW
    )
    client.force_login(director)
    page = client.get(ROLES).content.decode()
    assert _rows(page) == 3 and "operator root" in page and "Go-live" in page
    assert _rows(client.get(ROLES, {"user": intake_user.pk}).content.decode()) == 1
    assert _rows(client.get(ROLES, {"actor": admin_user.pk}).content.decode()) == 2
    assert _rows(client.get(ROLES, {"role": Role.BOARD}).content.decode()) == 1


def test_the_role_changes_page_runs_the_same_queries_for_one_change_or_many(
    client, director, admin_user, django_assert_max_num_queries
):
    client.force_login(director)
    RoleChange.objects.create(actor=admin_user, user=director, granted=["director"], reason="x", at=NOW)
    with django_assert_max_num_queries(12) as few:
        client.get(ROLES)
    people = [make_user(Role.INTAKE, username=f"clerk{i}") for i in range(5)]
    RoleChange.objects.bulk_create(
        RoleChange(actor=admin_user, user=people[i % 5], granted=["intake_staff"], reason="x", at=NOW)
        for i in range(60)
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(ROLES).content.decode()
    assert _rows(page) == 50


def test_only_the_director_reads_the_logs(client, users_by_role):
    _reads(users_by_role[Role.INTAKE], 1)
    for role, user in users_by_role.items():
        client.force_login(user)
        for url in (READS, ROLES, "/staff/audit/reads.csv"):
            assert (client.get(url).status_code == 200) == (role == Role.DIRECTOR), (role, url)
