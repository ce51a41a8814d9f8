"""The public forms' rate limits hold when Redis cannot be reached: counted in PostgreSQL instead."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.test import RequestFactory

from oversight.calendar.business_days import PACIFIC
from oversight.ratelimit import rate_limit_exceeded, rate_limit_hit
from oversight.ratelimit.models import RateLimitCounter
from tests.notices.servers import free_port

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 18, 10, 0, tzinfo=PACIFIC)


@pytest.fixture
def redis_down(settings):
    """The cache pointed at a port where nothing listens: every call is refused, as with Redis stopped."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def _request(address="203.0.113.7"):
    return RequestFactory().post("/complaints/new/", REMOTE_ADDR=address)


def test_with_redis_down_the_limit_is_counted_in_postgresql_and_still_refuses(redis_down, caplog):
    with time_machine.travel(NOW, tick=False):
        assert [rate_limit_hit(_request(), "complaint", limit=3, window=3600) for _ in range(4)] == [
            True,
            True,
            True,
            False,
        ]
        assert rate_limit_hit(_request("198.51.100.1"), "complaint", limit=3, window=3600)
        assert rate_limit_exceeded(_request(), "complaint", limit=3)
        assert not rate_limit_exceeded(_request("198.51.100.1"), "complaint", limit=3)
    assert "counting in PostgreSQL" in caplog.text


def test_the_postgresql_count_never_holds_the_address_and_starts_again_after_its_window(redis_down):
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            rate_limit_hit(_request(), "complaint", limit=3, window=3600)
    (row,) = RateLimitCounter.objects.all()
    assert row.count == 3 and "203.0.113.7" not in row.key
    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        assert not rate_limit_exceeded(_request(), "complaint", limit=3)
        assert rate_limit_hit(_request(), "complaint", limit=3, window=3600)
    assert RateLimitCounter.objects.get().count == 1


def test_with_redis_up_nothing_is_written_to_postgresql():
    for _ in range(3):
        rate_limit_hit(_request(), "complaint", limit=3, window=3600)
    assert not rate_limit_hit(_request(), "complaint", limit=3, window=3600)
    assert not RateLimitCounter.objects.exists()
