"""The intake queue as a list that scales (issue 12.3): pages, sorts, search, constant queries."""

import datetime
import re

import pytest
import time_machine

from tests.bulk import bulk_cases

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 17, 0, tzinfo=datetime.UTC)
URL = "/complaints/staff/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _numbers(response):
    return re.findall(r">(2026-\d{6})</a></th>", response.content.decode())


@pytest.mark.parametrize("page", [1, 3])
def test_queue_runs_the_same_queries_on_any_page(client, intake_user, django_assert_max_num_queries, page):
    bulk_cases(130, now=NOW, allegations_per_case=3)
    client.force_login(intake_user)
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"page": page, "sort": "status", "status": "received"})
    assert response.status_code == 200
    assert len(_numbers(response)) == (30 if page == 3 else 50)


def test_queue_pages_hold_50_newest_first_and_links_keep_the_filters(client, intake_user):
    bulk_cases(60, now=NOW)
    client.force_login(intake_user)
    response = client.get(URL, {"status": "received", "q": "2026"})
    numbers = _numbers(response)
    assert numbers[:2] == ["2026-000000", "2026-000001"] and len(numbers) == 50
    body = response.content.decode()
    assert "?status=received&amp;q=2026&amp;page=2" in body
    assert _numbers(client.get(URL, {"page": 2})) == [f"2026-{i:06d}" for i in range(50, 60)]


def test_sorted_column_says_its_direction_and_its_link_reverses_it(client, intake_user):
    bulk_cases(3, now=NOW)
    client.force_login(intake_user)
    body = client.get(URL, {"sort": "number", "page": "1"}).content.decode()
    th = re.search(r'<th scope="col" aria-sort="ascending"[^>]*><a href="([^"]+)">Case', body)
    assert th and th.group(1) == "?sort=-number"  # the page is dropped, the direction flips
    assert "sorted ascending; select to sort descending" in body
    assert body.count("aria-sort=") == 1
    assert _numbers(client.get(URL, {"sort": "-number"})) == ["2026-000002", "2026-000001", "2026-000000"]


def test_unknown_sort_falls_back_to_newest_first(client, intake_user):
    bulk_cases(2, now=NOW)
    client.force_login(intake_user)
    assert _numbers(client.get(URL, {"sort": "narrative"})) == ["2026-000000", "2026-000001"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("2026-00001", [f"2026-{i:06d}" for i in range(10, 20)]),  # case number prefix
        ("officer3", ["2026-000003", "2026-000013"]),  # officer name, any case
        ("OFFICER3", ["2026-000003", "2026-000013"]),
        ("b2600003", ["2026-000003", "2026-000013"]),  # badge
        ("chloe dubois 7", ["2026-000007", "2026-000017"]),  # filer name, accents folded, every word
        ("nunez 5", ["2026-000005", "2026-000015"]),
    ],
)
def test_queue_search_finds_case_number_officer_and_filer(client, intake_user, query, expected):
    bulk_cases(20, now=NOW, officers=10)
    client.force_login(intake_user)
    assert sorted(_numbers(client.get(URL, {"q": query}))) == expected


def test_search_keeps_the_filters_and_says_the_count(client, intake_user):
    bulk_cases(20, now=NOW, officers=10)
    client.force_login(intake_user)
    response = client.get(URL, {"q": "officer3", "channel": "phone"})
    assert _numbers(response) == ["2026-000003"]  # every third complaint is by phone
    assert "1 case" in response.content.decode()


def test_past_the_bound_a_list_says_about_and_below_it_counts(client, intake_user, settings):
    from django.db import connection

    bulk_cases(20, now=NOW, officers=10)
    settings.STAFF_LIST_EXACT_COUNT_UP_TO = 5
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE intake_case")
    client.force_login(intake_user)
    assert "About 20 cases" in client.get(URL).content.decode()  # the table's statistics
    # A filter past the bound: the planner's estimate, never less than the rows counted (bound + 1).
    filtered = client.get(URL, {"status": "received"}).content.decode()
    about = re.search(r"About ([\d,]+) cases", filtered)
    assert about and int(about.group(1).replace(",", "")) >= 6
    assert len(_numbers(client.get(URL, {"status": "received"}))) == 20  # every row is still listed
    narrow = client.get(URL, {"q": "officer3"}).content.decode()  # 2 rows: under the bound, counted
    assert not re.search(r"About [\d,]+ cases", narrow) and "2 cases" in narrow


def test_an_incident_groups_cases_come_50_to_a_page_at_a_constant_cost(
    client, intake_user, django_assert_max_num_queries
):
    from intake.models import Case, IncidentGroup

    cases = bulk_cases(60, now=NOW)
    group = IncidentGroup.objects.create(name="Protest downtown")
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(incident_group=group)
    client.force_login(intake_user)
    url = f"/complaints/staff/groups/{group.pk}/"
    first = client.get(url)
    with django_assert_max_num_queries(12) as captured:
        second = client.get(url, {"page": 2})
    with django_assert_max_num_queries(len(captured)):
        client.get(url)
    numbers = [c.number for c in sorted(cases, key=lambda c: (c.received_at, c.pk))]
    shown = re.findall(r">(2026-\d{6})</a></th>", first.content.decode())
    assert shown == numbers[:50] and "60 cases" in first.content.decode()
    assert re.findall(r">(2026-\d{6})</a></th>", second.content.decode()) == numbers[50:]
