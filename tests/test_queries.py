"""List pages run a constant number of queries whatever the data size (STYLE.md 7)."""

import pytest

from investigations.services import records_request_send
from tests.arrange import case_investigating, case_received

pytestmark = pytest.mark.django_db


def _count(client, url, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_intake_queue_queries_do_not_grow(client, intake_user, django_assert_max_num_queries, n):
    for _ in range(n):
        case_received(intake_user)
    client.force_login(intake_user)
    _count(client, "/complaints/staff/", django_assert_max_num_queries, 8)


@pytest.mark.parametrize("n", [1, 6])
def test_liaison_inbox_and_investigation_list_queries_do_not_grow(
    client, intake_user, director, investigator, liaison, django_assert_max_num_queries, n
):
    from tests.factories import ChiefFactory

    ChiefFactory()
    for _ in range(n):
        case = case_investigating(intake_user, director, investigator)
        records_request_send(investigation=case.investigation, records_sought="x", actor=investigator)
    client.force_login(liaison)
    _count(client, "/staff/investigations/ppb/requests/", django_assert_max_num_queries, 9)
    client.force_login(investigator)
    _count(client, "/staff/investigations/", django_assert_max_num_queries, 8)


@pytest.mark.parametrize("n", [1, 12])
def test_case_api_list_queries_do_not_grow(client, intake_user, django_assert_max_num_queries, n):
    for _ in range(n):
        case_received(intake_user)
    client.force_login(intake_user)
    _count(client, "/api/v1/cases/", django_assert_max_num_queries, 8)


@pytest.mark.parametrize("n", [1, 8])
def test_filer_status_page_queries_do_not_grow(client, intake_user, django_assert_max_num_queries, n):
    from intake.filing import filer_message_send
    from tests.intake.public import file_through_form, photo

    case, _code = file_through_form(client, attachments=[photo()])
    complaint = case.complaints.get()
    for i in range(n):
        filer_message_send(complaint=complaint, body=f"Message {i}", actor=intake_user)
        client.post("/complaints/status/add/", {"body": f"Reply {i}", "attachments": [photo()]})
    _count(client, "/complaints/status/", django_assert_max_num_queries, 8)


@pytest.mark.parametrize("n", [1, 8])
def test_staff_case_page_queries_do_not_grow_with_filer_messages(client, intake_user, django_assert_max_num_queries, n):
    from intake.filing import filer_message_send
    from tests.intake.public import file_through_form, photo

    case, _code = file_through_form(client, attachments=[photo(), photo("b.png")])
    complaint = case.complaints.get()
    for i in range(n):
        filer_message_send(complaint=complaint, body=f"Message {i}", actor=intake_user)
        client.post("/complaints/status/add/", {"body": f"Reply {i}", "attachments": [photo()]})
    client.force_login(intake_user)
    _count(client, f"/complaints/staff/cases/{case.pk}/", django_assert_max_num_queries, 15)
