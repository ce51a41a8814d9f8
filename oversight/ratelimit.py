"""A small per-address counter in the shared (Redis) cache, for public forms that need no login."""

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    # Behind the TLS proxy the client is the last address the proxy appended.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") if settings.SECURE_PROXY_SSL_HEADER else ""
    if forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, request):
    return f"ratelimit:{scope}:{client_address(request)}"


def rate_limit_hit(request, scope, *, limit, window):
    """Counts one attempt; True while the address stays within `limit` attempts per `window` seconds."""
    key = _key(scope, request)
    # add() only sets a missing key, so the window starts at the first attempt and is never extended.
    if cache.add(key, 1, timeout=window):
        return 1 <= limit
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=window)
        return True


def rate_limit_exceeded(request, scope, *, limit):
    """True when the address has already used its attempts (without counting one)."""
    return (cache.get(_key(scope, request)) or 0) >= limit
