"""Counters for the public forms that need no login: the complaint form, the status page, uploads.
Most count per address; ``counter_add`` counts per anything else, such as a case number.

Counted in the shared cache (Redis). When Redis cannot be reached the count moves to PostgreSQL
(``RateLimitCounter``) rather than failing open: an outage must neither open the form to a flood of
filings and uploads nor the status page to guessing access codes, and it must not stop a filing
either. Counts do not move between the two stores, so across an outage an address may once get up
to twice its limit. Expired PostgreSQL counts are deleted by the next fallback count.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac
from redis.commands.core import Script
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What an unreachable or failing Redis raises through Django's cache (redis-py wraps most socket errors).
CACHE_ERRORS = (RedisError, OSError)


def client_address(request):
    """The client's address. Behind TRUSTED_PROXY_COUNT proxies each appends what it saw, so the
    client is that many entries from the right; anything further left was written by the client
    and is never trusted. Without trusted proxies the header is ignored."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, subject):
    return f"ratelimit:{scope}:{subject}"


def rate_limit_hit(request, scope, *, limit, window, cost=1):
    """Counts one attempt (or `cost` units of one, such as the bytes of an upload); True while the
    address stays within `limit` per `window` seconds."""
    return counter_add(scope, client_address(request), window=window, cost=cost) <= limit


def rate_limit_exceeded(request, scope, *, limit):
    """True when the address has already used its attempts (without counting one)."""
    return counter_value(scope, client_address(request)) >= limit


def counter_add(scope, subject, *, window, cost=1):
    """Adds cost to subject's count in scope and returns the new count. The window starts at the first
    count and is never extended; each count is returned to exactly one caller, so the one that reaches
    a limit can act once (an alert)."""
    key = _key(scope, subject)
    try:
        return _cache_hit(key, window, cost)
    except CACHE_ERRORS as exc:
        _log_fallback(scope, exc)
        return _database_hit(key, window, cost)


def counter_value(scope, subject):
    """subject's count in scope within its window (0 when none), without counting."""
    key = _key(scope, subject)
    try:
        return cache.get(key) or 0
    except CACHE_ERRORS as exc:
        _log_fallback(scope, exc)
        return _database_count(key)


# One round trip per count. The window starts at the first count and is never extended: the expiry
# is set only on a key that has none, which is also what repairs a key whose expiry a race lost.
# The value is a plain integer, as Django's Redis cache stores ints, so cache.get() reads it.
# EVALSHA, and the script's text only the first time a server is asked (redis-py's Script).
_HIT_SCRIPT = Script(
    None,
    b"""
local count = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return count
""",
)


def _cache_hit(key, window, cost=1):
    backend = getattr(cache, "_cache", None)
    if not hasattr(backend, "get_client"):  # not Django's Redis cache (a local-memory cache)
        return _cache_add_then_incr(key, window, cost)
    full_key = cache.make_and_validate_key(key)
    return int(_HIT_SCRIPT(keys=[full_key], args=[cost, window], client=backend.get_client(full_key, write=True)))


def _cache_add_then_incr(key, window, cost):
    # add() only sets a missing key, so the window starts at the first attempt and is never extended.
    if cache.add(key, cost, timeout=window):
        return cost
    try:
        return cache.incr(key, cost)
    except ValueError:  # expired between add() and incr()
        cache.add(key, cost, timeout=window)
        return cost


def _log_fallback(scope, exc):
    logger.warning("rate limit %s: cache unreachable (%r); counting in PostgreSQL", scope, exc)


def _hashed(key):
    return salted_hmac("oversight.ratelimit", key).hexdigest()


def _database_hit(key, window, cost=1):
    from .models import RateLimitCounter

    now = timezone.now()
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    # One statement, so parallel requests never lose a count; a window that ended starts again.
    sql = (
        f'INSERT INTO {table} ("key", "count", "expires_at") VALUES (%s, %s, %s) '  # noqa: S608 - names from the model
        f'ON CONFLICT ("key") DO UPDATE SET '
        f'"count" = CASE WHEN {table}."expires_at" <= %s THEN EXCLUDED."count" '
        f'ELSE {table}."count" + EXCLUDED."count" END, '
        f'"expires_at" = CASE WHEN {table}."expires_at" <= %s THEN EXCLUDED."expires_at" '
        f'ELSE {table}."expires_at" END RETURNING "count"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_hashed(key), cost, now + timedelta(seconds=window), now, now])
        (count,) = cursor.fetchone()
    RateLimitCounter.objects.filter(expires_at__lte=now).delete()
    return count


def _database_count(key):
    from .models import RateLimitCounter

    row = RateLimitCounter.objects.filter(key=_hashed(key), expires_at__gt=timezone.now()).first()
    return row.count if row else 0
