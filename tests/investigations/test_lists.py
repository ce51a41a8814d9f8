"""The investigations list and the records requests inbox as lists that scale (issue 12.3)."""

import datetime
import re

import pytest
import time_machine

from tests.bulk import bulk_cases

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 17, 0, tzinfo=datetime.UTC)
LIST = "/staff/investigations/"
INBOX = "/staff/investigations/ppb/requests/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _numbers(response):
    return re.findall(r">(2026-\d{6})</a></th>", response.content.decode())


def _page(response):
    """The page without what differs between any two requests (CSP nonces, CSRF tokens)."""
    return re.sub(r'(nonce|value)="[^"]{20,}"', "", response.content.decode())


def _requests(response):
    return re.findall(r">Request (\d+)</a></th>", response.content.decode())


@pytest.mark.parametrize("page", [1, 3])
def test_investigation_list_runs_the_same_queries_on_any_page(
    client, director, investigator, django_assert_max_num_queries, page
):
    bulk_cases(130, now=NOW, investigator=investigator)
    client.force_login(director)
    # 7 for the session, user, second factor and roles; count, rows, their clocks; the investigator filter's
    # choices and the chosen one.
    with django_assert_max_num_queries(12):
        response = client.get(LIST, {"page": page, "investigator": investigator.pk})
    assert len(_numbers(response)) == (30 if page == 3 else 50)


@pytest.mark.parametrize("page", [1, 2])
def test_investigator_list_runs_the_same_queries_on_any_page(client, investigator, django_assert_max_num_queries, page):
    bulk_cases(70, now=NOW, investigator=investigator)
    client.force_login(investigator)
    with django_assert_max_num_queries(10):
        response = client.get(LIST, {"page": page})
    assert len(_numbers(response)) == (20 if page == 2 else 50)


def test_investigator_sees_only_their_own_open_first_oldest_first(client, investigator, other_investigator):
    bulk_cases(6, now=NOW, investigator=investigator)
    bulk_cases(2, now=NOW, investigator=other_investigator, prefix="2025")
    client.force_login(investigator)
    response = client.get(LIST)
    # Even positions are open (bulk_cases alternates); the oldest case has the highest number.
    assert _numbers(response) == [
        "2026-000004",
        "2026-000002",
        "2026-000000",
        "2026-000005",
        "2026-000003",
        "2026-000001",
    ]
    assert 'name="investigator"' not in response.content.decode()


def test_each_row_shows_its_next_deadline(client, investigator):
    bulk_cases(1, now=NOW, investigator=investigator)
    client.force_login(investigator)
    assert "2027-05-30" in client.get(LIST).content.decode()  # commenced 16:59 UTC on 1 December + 180 days


def test_director_filters_overdue_and_by_status(client, director, investigator):
    bulk_cases(3, now=NOW, investigator=investigator)
    client.force_login(director)
    with time_machine.travel(NOW + datetime.timedelta(days=181), tick=False):
        client.force_login(director)  # the first session has long expired
        assert len(_numbers(client.get(LIST, {"overdue": "yes"}))) == 3
        assert _numbers(client.get(LIST, {"overdue": "yes", "status": "completed"})) == ["2026-000001"]
    client.force_login(director)
    assert _numbers(client.get(LIST, {"overdue": "yes"})) == []


def test_investigation_list_sorts_by_case_number(client, director, investigator):
    bulk_cases(3, now=NOW, investigator=investigator)
    client.force_login(director)
    assert _numbers(client.get(LIST, {"sort": "-case"})) == ["2026-000002", "2026-000001", "2026-000000"]


def test_assigned_investigator_finds_their_case_by_filer_name(client, investigator):
    bulk_cases(10, now=NOW, investigator=investigator)
    client.force_login(investigator)
    assert _numbers(client.get(LIST, {"q": "Chloe Dubois 7"})) == ["2026-000007"]


@pytest.mark.parametrize("page", [1, 2])
def test_records_inbox_runs_the_same_queries_on_any_page(
    client, liaison, investigator, django_assert_max_num_queries, page
):
    bulk_cases(70, now=NOW, investigator=investigator)
    client.force_login(liaison)
    # As the investigations list, plus the notices to the Chief awaiting the liaison.
    with django_assert_max_num_queries(11):
        response = client.get(INBOX, {"page": page, "sort": "-sent"})
    assert len(_requests(response)) == (20 if page == 2 else 50)


def test_records_inbox_filters_by_due(client, liaison, investigator):
    bulk_cases(3, now=NOW, investigator=investigator)
    client.force_login(liaison)
    assert len(_requests(client.get(INBOX, {"due": "week"}))) == 3
    assert _requests(client.get(INBOX, {"due": "overdue"})) == []
    with time_machine.travel(NOW + datetime.timedelta(days=8), tick=False):
        client.force_login(liaison)
        assert len(_requests(client.get(INBOX, {"due": "overdue"}))) == 3


def test_liaison_search_by_a_filer_name_matches_nothing(client, liaison, director, investigator):
    """A liaison may not read filer contact: a filer's name must not match, exactly like a made-up one."""
    bulk_cases(10, now=NOW, investigator=investigator)
    client.force_login(director)
    assert len(_requests(client.get(INBOX, {"q": "Chloe Dubois 7"}))) == 1
    client.force_login(liaison)
    real = client.get(INBOX, {"q": "Chloe Dubois 7"})
    made_up = client.get(INBOX, {"q": "Zelda Nobody 7"})
    assert _requests(real) == _requests(made_up) == []
    renamed = _page(real).replace("Chloe Dubois", "Zelda Nobody").replace("Chloe+Dubois", "Zelda+Nobody")
    assert renamed == _page(made_up)
    assert len(_requests(client.get(INBOX, {"q": "2026-000007"}))) == 1  # the case number still finds it


def test_officer_search_matches_only_cases_the_user_may_see(client, investigator, other_investigator):
    bulk_cases(4, now=NOW, investigator=investigator, officers=2)
    client.force_login(other_investigator)
    assert _numbers(client.get(LIST, {"q": "officer1"})) == []


def test_records_inbox_puts_what_ppb_still_owes_first_oldest_first(client, liaison, investigator):
    from investigations.models import RecordsRequest

    bulk_cases(3, now=NOW, investigator=investigator)
    oldest, middle, newest = RecordsRequest.objects.order_by("sent_at", "pk")
    RecordsRequest.objects.filter(pk=oldest.pk).update(status=RecordsRequest.Status.ANSWERED)
    RecordsRequest.objects.filter(pk=newest.pk).update(status=RecordsRequest.Status.PARTIAL)
    client.force_login(liaison)
    assert _requests(client.get(INBOX)) == [str(middle.pk), str(newest.pk), str(oldest.pk)]
