"""Login throttling on top of django-axes (CJIS 5.5.3; README "Logins").

Three limits, all counted over the last AXES_COOLOFF_TIME from axes' own failure log, so they hold
with Redis down and across workers:

- the pair (username, address): AXES_FAILURE_LIMIT consecutive failures lock it (axes itself). This is
  CJIS 5.5.3's lock, on the attacker's pair only: the same account from another address is unaffected;
- the address: LOGIN_ADDRESS_FAILURE_LIMIT failures over any accounts (one address spraying guesses
  over many accounts, 4 on each, never tripped the pair lock);
- the account: LOGIN_ACCOUNT_FAILURE_LIMIT failures from addresses it never logged in from (many
  addresses guessing one password).

The last two refuse only addresses that are new to the account: an address it logged in from within
LOGIN_KNOWN_ADDRESS_DAYS (axes' AccessLog) keeps just the pair limit. So an attacker cannot lock a
colleague out from elsewhere, nor a shared City address lock out everyone behind it; the account's
holder at a new address waits out the attack, and the Director is alerted when either limit trips.
A wrong second-factor code counts as a failure too (mfa_views.py), and with MFA a failure count is
cleared only by a login that passed both factors.
"""

import logging
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_credentials
from axes.models import AccessFailureLog, AccessLog
from django.conf import settings

logger = logging.getLogger(__name__)

PAIR, ADDRESS, ACCOUNT = "pair", "address", "account"


def _known_addresses(username, now):
    since = now - timedelta(days=settings.LOGIN_KNOWN_ADDRESS_DAYS)
    return AccessLog.objects.filter(username=username, attempt_time__gte=since, ip_address__isnull=False).values(
        "ip_address"
    )


def wider_lock(request, credentials=None):
    """(ADDRESS or ACCOUNT, failures counted) when a limit beyond the pair refuses this request, else (None, 0)."""
    username = get_client_username(request, credentials)
    address = request.axes_ip_address
    now = request.axes_attempt_time
    known = _known_addresses(username, now)
    if address and known.filter(ip_address=address).exists():
        return None, 0
    recent = AccessFailureLog.objects.filter(attempt_time__gt=now - settings.AXES_COOLOFF_TIME)
    from_address = recent.filter(ip_address=address).count() if address else 0
    if from_address >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        return ADDRESS, from_address
    for_account = recent.filter(username=username).exclude(ip_address__in=known).count()
    if for_account >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT:
        return ACCOUNT, for_account
    return None, 0


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with the address and account limits, and the reset after both factors."""

    def is_locked(self, request, credentials=None):
        if super().is_locked(request, credentials):
            request.login_lock = PAIR
            return True
        kind, _count = wider_lock(request, credentials)
        if kind:
            request.login_lock = kind
        return kind is not None

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None:
            return
        if request.axes_locked_out:
            request.login_lock = getattr(request, "login_lock", None) or PAIR
            return
        kind, count = wider_lock(request, credentials)
        if kind:
            request.axes_locked_out = True
            request.axes_credentials = credentials
            request.login_lock = kind
            if count == _limit(kind):  # the failure that tripped it: alert once, not on every refusal
                _alert_director(kind, username=get_client_username(request, credentials), request=request)

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        from .mfa import second_factor_required

        if not second_factor_required(user):
            self.reset_user_attempts(request, get_credentials(user.get_username()))


def login_attempts_reset(request, user):
    """Clears the pair's failures once the login passed its second factor."""
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, get_credentials(user.get_username()))


def _limit(kind):
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT if kind == ADDRESS else settings.LOGIN_ACCOUNT_FAILURE_LIMIT


def _alert_director(kind, *, username, request):
    from .alerts import active_directors, staff_notify

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if kind == ADDRESS:
        subject = f"Logins refused from address {request.axes_ip_address}"
        body = (
            f"{_limit(kind)} failed logins from the address {request.axes_ip_address} within {minutes} minutes, "
            f"the last for the username {username!r}. Logins from it are refused for accounts that never "
            "logged in from it until the failures stop for that long."
        )
    else:
        subject = f"Logins to the account {username!r} refused from new addresses"
        body = (
            f"{_limit(kind)} failed logins for the username {username!r} within {minutes} minutes from "
            f"addresses it never logged in from, the last from {request.axes_ip_address}. Those addresses are "
            "refused until the failures stop for that long; the account's holder can still log in from an "
            "address used before."
        )
    logger.warning("login throttle: %s", subject)
    for director in active_directors():
        staff_notify(director, subject=subject, body=body + " The attempts are in the login failure log.")
