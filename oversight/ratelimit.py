"""A small per-address counter in the shared (Redis) cache, for public forms that need no login."""

from django.conf import settings
from django.core.cache import cache


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
