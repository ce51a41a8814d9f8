"""Per-address counters for the public forms that need no login: the complaint form, the status page.

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


def _key(scope, request):
    return f"ratelimit:{scope}:{client_address(request)}"


def rate_limit_hit(request, scope, *, limit, window):
    """Counts one attempt; True while the address stays within `limit` attempts per `window` seconds."""
    key = _key(scope, request)
    try:
        return _cache_hit(key, window) <= limit
    except CACHE_ERRORS as exc:
        _log_fallback(scope, exc)
        return _database_hit(key, window) <= limit


def rate_limit_exceeded(request, scope, *, limit):
    """True when the address has already used its attempts (without counting one)."""
    key = _key(scope, request)
    try:
        count = cache.get(key) or 0
    except CACHE_ERRORS as exc:
        _log_fallback(scope, exc)
        count = _database_count(key)
    return count >= limit


def _cache_hit(key, window):
    # add() only sets a missing key, so the window starts at the first attempt and is never extended.
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return 1


def _log_fallback(scope, exc):
    logger.warning("rate limit %s: cache unreachable (%r); counting in PostgreSQL", scope, exc)


def _hashed(key):
    return salted_hmac("oversight.ratelimit", key).hexdigest()


def _database_hit(key, window):
    from .models import RateLimitCounter

    now = timezone.now()
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    # One statement, so parallel requests never lose a count; a window that ended starts again at 1.
    sql = (
        f'INSERT INTO {table} ("key", "count", "expires_at") VALUES (%s, 1, %s) '  # noqa: S608 - names from the model
        f'ON CONFLICT ("key") DO UPDATE SET '
        f'"count" = CASE WHEN {table}."expires_at" <= %s THEN 1 ELSE {table}."count" + 1 END, '
        f'"expires_at" = CASE WHEN {table}."expires_at" <= %s THEN EXCLUDED."expires_at" '
        f'ELSE {table}."expires_at" END RETURNING "count"'
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_hashed(key), now + timedelta(seconds=window), now, now])
        (count,) = cursor.fetchone()
    RateLimitCounter.objects.filter(expires_at__lte=now).delete()
    return count


def _database_count(key):
    from .models import RateLimitCounter

    row = RateLimitCounter.objects.filter(key=_hashed(key), expires_at__gt=timezone.now()).first()
    return row.count if row else 0
