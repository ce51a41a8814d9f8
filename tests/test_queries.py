"""List pages run a constant number of queries whatever the data size (STYLE.md 7)."""

import pytest
from django.test import Client

from investigations.services import records_request_send
from tests.arrange import case_investigating, case_received

pytestmark = pytest.mark.django_db

# A signed-in staff request includes one query for the session's second-factor device (django-otp checks
# it still exists on every request, so a reset ends the verification at once).


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_intake_queue_queries_do_not_grow(client, intake_user, django_assert_max_num_queries, n):
    for _ in range(n):
        case_received(intake_user)
    client.force_login(intake_user)
    _count(client, "/complaints/staff/", django_assert_max_num_queries, 9)


@pytest.mark.parametrize("n", [1, 6])
def test_liaison_inbox_and_investigation_list_queries_do_not_grow(
    client, intake_user, director, investigator, liaison, django_assert_max_num_queries, n
):
    from tests.factories import ChiefFactory

    ChiefFactory()
    for _ in range(n):
        case = case_investigating(intake_user, director, investigator)
        records_request_send(investigation=case.investigation, records_sought="x", actor=investigator)
    # Each list pages (issue 12.3): one count for the pager besides the page's rows and their clocks.
    client.force_login(liaison)
    _count(client, "/staff/investigations/ppb/requests/", django_assert_max_num_queries, 11)
    client.force_login(investigator)
    _count(client, "/staff/investigations/", django_assert_max_num_queries, 10)


@pytest.mark.parametrize("n", [1, 12])
def test_case_api_list_queries_do_not_grow(client, intake_user, django_assert_max_num_queries, n):
    for _ in range(n):
        case_received(intake_user)
    client.force_login(intake_user)
    _count(client, "/api/v1/cases/", django_assert_max_num_queries, 9)


@pytest.mark.parametrize("n", [1, 8])
def test_filer_status_page_queries_do_not_grow(client, intake_user, django_assert_max_num_queries, n):
    from intake.filing import filer_message_send
    from tests.intake.public import file_through_form, photo

    case, _code = file_through_form(client, attachments=[photo()])
    complaint = case.complaints.get()
    for i in range(n):
        filer_message_send(complaint=complaint, body=f"Message {i}", actor=intake_user)
        client.post("/complaints/status/add/", {"body": f"Reply {i}", "attachments": [photo()]})
    # session, its savepoint/update/release, the complaint, messages with files, the timeline, reconsideration,
    # and the Board's results and appeal parts (issue 9: one query to learn there is no Board result yet)
    _count(client, "/complaints/status/", django_assert_max_num_queries, 10)


def test_staff_case_page_queries_do_not_grow_with_filer_messages(client, intake_user):
    """The same number of queries with 1 or 8 rounds of messages and files (the timeline included)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from intake.filing import filer_message_send
    from tests.intake.public import file_through_form, photo

    case, _code = file_through_form(client, attachments=[photo(), photo("b.png")])
    complaint = case.complaints.get()

    def exchange(rounds):
        for i in range(rounds):
            filer_message_send(complaint=complaint, body=f"Message {i}", actor=intake_user)
            client.post("/complaints/status/add/", {"body": f"Reply {i}", "attachments": [photo()]})

    def queries():
        """The filer's section (messages and files), the notice log and the timeline."""
        # Both measures start from the same cold content-type cache: whether an earlier test in this
        # process warmed it must not change the count.
        ContentType.objects.clear_cache()
        staff = Client()
        staff.force_login(intake_user)
        counts = []
        for section in ("complaint", "notices", "timeline"):
            with CaptureQueriesContext(connection) as ctx:
                assert staff.get(f"/complaints/staff/cases/{case.pk}/{section}/").status_code == 200
            counts.append(len(ctx.captured_queries))
        return counts

    exchange(1)
    small = queries()
    exchange(7)
    assert queries() == small


def _mixed_cases(intake_user, n):
    """Cases by every staff channel and two languages, some grouped, some mandatory."""
    import uuid

    from intake.incidents import incident_group_add_case, incident_group_create
    from intake.services import allegation_add, complaint_file
    from tests.factories import AllegationTypeFactory, complaint_data, mandatory_type

    group = incident_group_create(name="Protest", actor=intake_user)
    for i in range(n):
        complaint = complaint_file(
            data=complaint_data(language=("en", "es")[i % 2]),
            submission_key=uuid.uuid4(),
            actor=intake_user,
            channel=("phone", "mail", "email", "in_person")[i % 4],
        )
        kind = mandatory_type() if i % 3 == 0 else AllegationTypeFactory()
        allegation_add(case=complaint.case, allegation_type=kind, actor=intake_user, reason="x")
        if i % 2:
            incident_group_add_case(group=group, case=complaint.case, actor=intake_user)


QUEUE_URLS = [
    "/complaints/staff/",
    "/complaints/staff/?status=received&channel=phone&language=en&mandatory_category=any",
    "/complaints/staff/?channel=phone&mandatory_category=force_with_injury",
]


@pytest.mark.parametrize("n", [3, 30])
@pytest.mark.parametrize("url", QUEUE_URLS)
def test_filtered_intake_queue_runs_the_same_queries_for_3_or_30_cases(
    client, intake_user, django_assert_num_queries, n, url
):
    _mixed_cases(intake_user, n)
    client.force_login(intake_user)
    # session, user, roles, count, page, and the session's savepoint, update and release
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.status_code == 200 and len(response.context["page"].object_list) > 0


@pytest.mark.parametrize("n", [3, 30])
def test_filtered_case_api_runs_the_same_queries_for_3_or_30_cases(client, intake_user, django_assert_num_queries, n):
    _mixed_cases(intake_user, n)
    client.force_login(intake_user)
    with django_assert_num_queries(9):
        response = client.get("/api/v1/cases/?channel=phone&mandatory_category=any")
    assert response.status_code == 200 and response.json()["count"] > 0
