"""The panels list (issue 12.3): pages, sorts and a search that tells a Board member nothing new."""

import datetime
import re

import pytest
import time_machine

from tests.arrange import case_before_panel

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 17, 0, tzinfo=datetime.UTC)
URL = "/board/panels/"


def _page(body):
    """The page without what differs between any two requests (CSP nonces, CSRF tokens)."""
    return re.sub(r'(nonce|value)="[^"]{20,}"', "", body)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def panel_case(intake_user, director, investigator, board_members):
    from intake.models import Complaint

    case, _panel = case_before_panel(intake_user, director, investigator, board_members)
    Complaint.objects.filter(case=case).update(contact_name="Chloé Dubois")
    return case


def test_board_member_search_by_filer_name_matches_nothing(client, panel_case, board_members, director):
    client.force_login(director)
    assert panel_case.number in client.get(URL, {"q": "chloe"}).content.decode()
    client.force_login(board_members[0])
    real = client.get(URL, {"q": "chloe"}).content.decode()
    made_up = client.get(URL, {"q": "zelda"}).content.decode()
    assert panel_case.number not in real
    assert _page(real).replace("chloe", "zelda") == _page(made_up)
    assert panel_case.number in client.get(URL, {"q": panel_case.number}).content.decode()


def test_panel_list_marks_its_sort(client, panel_case, director, django_assert_max_num_queries):
    client.force_login(director)
    with django_assert_max_num_queries(10):
        body = client.get(URL, {"sort": "-convened", "status": "open"}).content.decode()
    assert 'aria-sort="descending"' in body and panel_case.number in body
