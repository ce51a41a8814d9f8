"""The public's way in to governance (/participate/): what is open for comment, the next meetings, links."""

from datetime import timedelta

import pytest
import time_machine

from .arrange_documents import DAY0, day, document_arrange, open_arrange
from .arrange_suits import NOW, noticed

pytestmark = pytest.mark.django_db


def test_the_page_lists_what_is_open_for_comment_and_not_a_draft(client, director):
    with time_machine.travel(DAY0, tick=False):
        open_arrange(director, title="Body-worn cameras")
        document_arrange(director, title="Still a draft")
    with time_machine.travel(day(3), tick=False):
        page = client.get("/participate/").content.decode()
    assert "Body-worn cameras" in page and "Still a draft" not in page
    assert "Nothing is open for comment now." not in page


def test_the_page_says_when_nothing_is_open_and_no_meeting_is_scheduled(client):
    with time_machine.travel(DAY0, tick=False):
        page = client.get("/participate/").content.decode()
    assert "Nothing is open for comment now." in page and "No meetings are scheduled." in page


def test_the_next_three_noticed_meetings_are_listed(client, director):
    with time_machine.travel(NOW, tick=False):
        for n in range(4):
            noticed(director, title=f"Meeting {n}", starts_in=timedelta(days=10 + n))
        page = client.get("/participate/").content.decode()
    assert [f"Meeting {n}" in page for n in range(4)] == [True, True, True, False]


def test_the_site_navigation_links_the_page(client):
    assert 'href="/participate/"' in client.get("/").content.decode()


def test_the_page_costs_the_same_queries_with_more_items(client, director, django_assert_max_num_queries):
    with time_machine.travel(NOW, tick=False):
        for n in range(6):
            open_arrange(director, title=f"Policy {n}")
            noticed(director, title=f"Meeting {n}", starts_in=timedelta(days=10 + n))
        with django_assert_max_num_queries(8):
            response = client.get("/participate/")
    assert response.status_code == 200 and response.content.decode().count("Policy ") >= 6
