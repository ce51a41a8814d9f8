"""The filer's status page shows the Board's results (R3.9, issue 9.11): always, in their language,
results only (no vote, no member's name, never the Chief's allegations), in constant queries."""

from datetime import datetime

import pytest
import time_machine
from django.conf import settings

from discipline.status_results import status_results_part
from oversight.calendar.business_days import PACIFIC
from tests.factories import EmployeeFactory

from .arrange_results import ACCESS_CODE, case_decided

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 7, 10, 0, tzinfo=PACIFIC)
STATUS = "/complaints/status/"


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(START, tick=False):
        yield


@pytest.fixture
def decided(intake_user, director, investigator, board_members):
    def make(**options):
        return case_decided(intake_user, director, investigator, board_members, **options)

    return make


def status_page(client, case, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    assert client.post(STATUS, {"case_number": case.number, "access_code": ACCESS_CODE}).status_code == 302
    response = client.get(STATUS)
    assert response.status_code == 200
    return response.content.decode()


def test_the_filer_reads_the_findings_on_their_status_page_whatever_their_contact_choice(client, decided):
    case, _panel = decided(contact_method="none")
    page = status_page(client, case)
    assert "Results of the Community Board" in page
    assert "Allegation 1: Discourtesy" in page and "Hearings panel finding: Out of Policy (sustained)." in page


def test_the_filer_reads_the_results_in_their_language(client, decided):
    case, _panel = decided(language="es")
    page = status_page(client, case, language="es")
    assert "Contrario a las normas (confirmada)" in page


def test_the_status_page_shows_no_vote_and_no_board_members_name(client, decided, board_members):
    case, _panel = decided()
    page = status_page(client, case)
    section = page[page.index('id="board-results"') : page.index("</section>", page.index('id="board-results"'))]
    for member in board_members:
        assert member.get_full_name() not in page and member.username not in page
    assert "3 of 3" not in section and "Individual Board members' votes are not shown" in section


def test_the_status_page_never_shows_the_chiefs_allegation(client, decided):
    case, _panel = decided(chief=True)
    page = status_page(client, case)
    assert "Allegation 1: Discourtesy" in page and "Chief&#x27;s own conduct" not in page
    assert "Allegation 2" not in page


def test_a_case_without_a_board_result_shows_no_results_section(client, intake_user):
    from .arrange_results import filed_case

    case = filed_case()
    assert 'id="board-results"' not in status_page(client, case)


def test_the_results_part_costs_the_same_queries_for_one_allegation_or_six(decided, django_assert_max_num_queries):
    small, _panel = decided()
    with django_assert_max_num_queries(20) as one:
        status_results_part(small.complaints.get())
    baseline = len(one.captured_queries)  # now: the connection's query log is a bounded deque
    large, _panel = decided(officers=[EmployeeFactory(email=f"o{n}@police.invalid") for n in range(6)])
    with django_assert_max_num_queries(baseline):
        results = status_results_part(large.complaints.get())["board_results"]
    assert [item.label for item in results][-1] == "Allegation 6: Discourtesy"
    assert all(item.lines for item in results)
