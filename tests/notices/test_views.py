"""The Office outbox: the Director sees every notice not yet delivered (R6.3)."""

from datetime import timedelta

import pytest
import time_machine

from oversight.notices.services import notice_deliver
from tests.notices.arrange import LOGGED, emails_logged

pytestmark = pytest.mark.django_db

URL = "/staff/notices/outbox/"


def test_the_outbox_lists_undelivered_notices_with_age_attempts_and_channel(client, director):
    waiting, delivered = emails_logged(2)
    notice_deliver(notice_id=delivered.pk)
    with time_machine.travel(LOGGED + timedelta(minutes=45), tick=False):
        client.force_login(director)
        page = client.get(URL).content.decode()
    assert f"{waiting.pk}: Your complaint 0" in page and "Your complaint 1" not in page
    assert "45\xa0minutes" in page and "Stuck" in page and "E-mail" in page and "Queued" in page
    assert "1 notice not delivered" in page


def test_a_notice_younger_than_the_alert_limit_is_listed_but_not_stuck(client, director):
    emails_logged(1)
    with time_machine.travel(LOGGED + timedelta(minutes=5), tick=False):
        client.force_login(director)
        page = client.get(URL).content.decode()
    assert "Your complaint 0" in page and "Stuck" not in page


def test_the_outbox_reads_a_page_in_the_same_number_of_queries_however_many_wait(
    client, director, django_assert_max_num_queries
):
    client.force_login(director)
    emails_logged(1)
    with django_assert_max_num_queries(9) as few:  # 9 with the session's second-factor device
        client.get(URL)
    emails_logged(70)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.content.decode().count("<tr>") == 51  # header row + one page of 50
    assert "Page 1 of 2" in response.content.decode()


def test_the_staff_home_links_the_director_to_the_outbox_with_the_stuck_count(client, director, intake_user):
    emails_logged(3)
    with time_machine.travel(LOGGED + timedelta(hours=1), tick=False):
        client.force_login(director)
        page = client.get("/accounts/").content.decode()
        assert URL in page and "3 stuck" in page
        client.force_login(intake_user)
        assert URL not in client.get("/accounts/").content.decode()
