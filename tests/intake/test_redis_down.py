"""A public filing does not depend on Redis (R6.3; STACK.md, "Trust"): with Redis stopped the complaint is
taken, its number shown, the status page and the paper form answer, and the notices Redis would have
carried are delivered by the outbox sweep once it returns."""

import re
from datetime import datetime

import pytest
import time_machine
from celery.contrib.testing.worker import start_worker
from django.test import Client

from intake.models import Case
from oversight.calendar.business_days import PACIFIC
from oversight.celery import app
from oversight.notices.models import Notice
from oversight.notices.tasks import notice_outbox_sweep_task
from oversight.ratelimit.models import RateLimitCounter
from tests.notices.servers import RedisServer, celery_broker, wait_until

from .public import file_through_form, form_fields, minimal, unlock

pytestmark = [pytest.mark.worker, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

FILED = datetime(2026, 11, 20, 10, 0, tzinfo=PACIFIC)


@pytest.fixture
def redis_server(settings):
    """A throwaway redis-server as the cache and the broker of this process (and its worker thread)."""
    server = RedisServer().start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 5},
        }
    }
    try:
        with celery_broker(server.url):
            yield server
    finally:
        server.stop()


def _file_while_redis_is_down(client):
    response = client.post(
        "/complaints/new/",
        {**form_fields(client), **minimal(contact_email="down@example.org", narrative="Filed while Redis was down.")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    number = re.search(r'id="case-number">([^<]+)<', html).group(1)
    code = re.search(r'id="access-code"[^>]*>([^<]+)<', html).group(1)
    return Case.objects.get(number=number), code


def test_a_complaint_is_taken_with_redis_stopped_and_its_notice_sent_when_redis_returns(
    redis_server, settings, mailoutbox
):
    settings.NOTICE_REDELIVER_AFTER_SECONDS = 0  # the sweep below runs at once, not two minutes later
    with time_machine.travel(FILED, tick=True):
        file_through_form(Client(), contact_email="up@example.org")
        assert redis_server.client().llen("celery") == 1  # with Redis up, the doorbell rang

        redis_server.stop()  # and everything queued in it is lost
        filer = Client(raise_request_exception=False)
        case, code = _file_while_redis_is_down(filer)
        assert unlock(filer, case, code).status_code == 302
        status_page = filer.get("/complaints/status/")
        assert status_page.status_code == 200 and case.number in status_page.content.decode()
        paper = Client(raise_request_exception=False).get("/complaints/paper-form.pdf")
        assert paper.status_code == 200 and paper.content.startswith(b"%PDF")
        assert RateLimitCounter.objects.exists()  # the filing was still counted against its address

        acknowledgements = Notice.objects.filter(recipient_address__in=["up@example.org", "down@example.org"])
        assert sorted(acknowledgements.values_list("recipient_address", "status")) == [
            ("down@example.org", "queued"),
            ("up@example.org", "queued"),
        ]

        redis_server.start()  # back, on the same port, empty
        # queues named: an earlier worker test may have narrowed the app's queues to its own.
        with start_worker(app, pool="solo", queues=["celery"], perform_ping_check=False, shutdown_timeout=30):
            notice_outbox_sweep_task.delay()  # what beat sends every minute
            assert wait_until(lambda: not acknowledgements.exclude(status=Notice.Status.SENT).exists(), timeout=60)
    assert sorted(m.to[0] for m in mailoutbox) == ["down@example.org", "up@example.org"]
