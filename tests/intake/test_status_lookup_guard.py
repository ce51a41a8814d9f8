"""The status page look-up per case number, whatever the address (issue 13.7): four addresses made 40
wrong guesses on one case in seconds, with no alert. Now the case's look-up is paused after
STATUS_CASE_GUESS_LIMIT wrong codes, the Office is told once, and a number of no case gets the same
answers. With Redis and with Redis down (counted in PostgreSQL)."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import Client

from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from tests.test_ratelimit import redis_down  # noqa: F401 - a fixture

from .public import file_through_form

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=PACIFIC)
WRONG = "AAAA-BBBB-CCCC"
ADDRESSES = ["203.0.113.1", "203.0.113.2", "198.51.100.3", "192.0.2.4"]
OTHER_ADDRESSES = ["203.0.113.11", "203.0.113.12", "198.51.100.13", "192.0.2.14"]


@pytest.fixture(params=["redis", "postgresql"])
def store(request):
    if request.param == "postgresql":
        request.getfixturevalue("redis_down")
    return request.param


@pytest.fixture
def filed(settings):
    settings.OFFICE_PHONE = "503-555-0100"
    with time_machine.travel(NOW, tick=False):
        return file_through_form(Client(REMOTE_ADDR="192.0.2.200"))


def _look_up(address, number, code=WRONG):
    return Client(REMOTE_ADDR=address).post("/complaints/status/", {"case_number": number, "access_code": code})


def _forty_guesses(number, addresses=ADDRESSES):
    """Ten rounds of one wrong guess from each of four addresses."""
    return [_look_up(address, number) for _ in range(10) for address in addresses]


def _paused_text(response):
    return re.search(rb'<div[^>]*id="lookup-paused".*?</div>\s*</div>', response.content, re.S).group(0)


def _alerts(case):
    return Notice.objects.filter(subject__contains=f"Case {case.number}: status page look-up paused")


def test_forty_wrong_guesses_from_four_addresses_pause_the_case_and_alert_the_office_once(
    store, filed, director, intake_user
):
    case, _code = filed
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        answers = _forty_guesses(case.number)
    assert [a.status_code for a in answers] == [400] * 10 + [429] * 30
    assert all(b'id="lookup-paused"' in a.content and b"503-555-0100" in a.content for a in answers[10:])
    assert not any(b'id="rate-limited"' in a.content for a in answers)  # no address reached its own limit
    assert sorted(n.recipient_user.username for n in _alerts(case)) == sorted([director.username, intake_user.username])
    (alert,) = _alerts(case).filter(recipient_user=director)
    assert f"/complaints/staff/cases/{case.pk}/" in alert.body


def test_the_right_code_is_refused_during_the_pause_and_opens_the_page_after_it(store, filed, director):
    case, code = filed
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        _forty_guesses(case.number)
        refused = _look_up("192.0.2.99", case.number, code)
    assert refused.status_code == 429 and b'id="lookup-paused"' in refused.content
    if store == "redis":
        return  # Redis expires the pause on its own clock, which time_machine does not move
    with time_machine.travel(NOW + timedelta(minutes=61), tick=False):
        assert _look_up("192.0.2.99", case.number, code).status_code == 302


@pytest.mark.usefixtures("redis_down")
def test_a_second_pause_after_the_first_ends_alerts_again(filed, director):
    case, _code = filed
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        _forty_guesses(case.number)
    with time_machine.travel(NOW + timedelta(minutes=62), tick=False):
        answers = _forty_guesses(case.number)
    assert [a.status_code for a in answers] == [400] * 10 + [429] * 30
    assert _alerts(case).filter(recipient_user=director).count() == 2


def test_a_number_of_no_case_gets_the_same_answers_and_no_alert(store, filed, director):
    case, _code = filed
    with time_machine.travel(NOW + timedelta(minutes=1), tick=False):
        real = _forty_guesses(case.number)
        unknown = _forty_guesses("2026-99999", OTHER_ADDRESSES)
    assert [a.status_code for a in unknown] == [a.status_code for a in real]
    assert _paused_text(unknown[-1]) == _paused_text(real[-1])
    wrong = re.compile(rb"That case number and access code do not match[^<]*")
    assert wrong.search(unknown[0].content).group(0) == wrong.search(real[0].content).group(0)
    assert Notice.objects.filter(subject__contains="2026-99999").count() == 0
    assert _alerts(case).count() == 1
