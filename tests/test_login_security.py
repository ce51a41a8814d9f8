"""Staff logins: throttled per (account, address) pair, per address and per account without handing anyone
a lock-out switch (oversight/accounts/throttle.py; CJIS 5.5.3: five failures in a row lock for ten
minutes), and every logon, failure and logoff logged with time, the client's address and user
(CJIS 5.4.1.1)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from oversight.accounts.roles import Role
from oversight.notices.models import Notice
from oversight.ratelimit import client_address
from tests.conftest import make_user
from tests.mfa import current_code

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-for-staff"
NOON = datetime(2026, 12, 2, 20, 0, tzinfo=UTC)
ATTACKER = "203.0.113.66"
OFFICE = "198.51.100.20"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


def _staff(username, role=Role.INTAKE):
    user = make_user(role, username=username)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def staff(db):
    return _staff("dana")


def _login(client, password, username="dana", address="127.0.0.1", **extra):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def _log_in_fully(client, user, address="127.0.0.1"):
    """Password, then the code from the user's authenticator: a login that passed both factors."""
    assert _login(client, PASSWORD, user.username, address).status_code == 302
    response = client.post("/accounts/mfa/verify/", {"code": current_code(user)}, REMOTE_ADDR=address)
    assert response.status_code == 302, response.content.decode()[:500]
    client.post("/accounts/logout/", REMOTE_ADDR=address)


# The pair (CJIS 5.5.3)


def test_five_failures_in_a_row_lock_the_account_for_ten_minutes(client, staff, clock):
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200  # the form again, with its error
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    assert "paused for 10 minutes" in locked.content.decode()
    # Even the right password is refused while locked...
    assert _login(client, PASSWORD).status_code == 429
    # ...and works again once the cool-off has passed.
    clock.shift(timedelta(minutes=11))
    assert _login(client, PASSWORD).status_code == 302


def test_only_a_login_that_passed_both_factors_resets_the_count(client, staff):
    for _ in range(4):
        _login(client, "wrong")
    _log_in_fully(client, staff)
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200
    assert not AccessAttempt.objects.filter(failures_since_start__gte=5).exists()


def test_the_right_password_alone_does_not_reset_the_count(client, staff):
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302  # the second factor is still owed
    client.post("/accounts/logout/")
    assert _login(client, "wrong").status_code == 429  # the fifth failure in a row


def test_another_account_is_not_locked_by_someone_elses_failures(client, staff):
    _staff("ivan", Role.INVESTIGATOR)
    for _ in range(5):
        _login(client, "wrong")
    assert _login(client, PASSWORD, "ivan").status_code == 302


# The probe's findings


def test_an_attacker_cannot_lock_a_named_account_from_their_own_address(client, staff):
    """Probe: five requests from anywhere locked the account for ten minutes."""
    for _ in range(5):
        _login(client, "wrong", address=ATTACKER)
    assert _login(client, PASSWORD, address=ATTACKER).status_code == 429  # the attacker's pair is locked
    assert _login(client, PASSWORD, address=OFFICE).status_code == 302  # the holder, elsewhere, is not


def test_one_address_guessing_over_many_accounts_is_throttled(client, staff):
    """Probe: four wrong guesses on each of four accounts from one address were never throttled."""
    for name in ("ann", "bob", "cy"):
        _staff(name)
    names = ("dana", "ann", "bob", "cy")
    statuses = [_login(client, "wrong", name, ATTACKER).status_code for name in names for _ in range(4)]
    assert 429 in statuses
    assert statuses.index(429) == 9  # the tenth failure from the address (LOGIN_ADDRESS_FAILURE_LIMIT)
    locked = _login(client, PASSWORD, "dana", ATTACKER)
    assert locked.status_code == 429
    assert "from your network address" in locked.content.decode()


def test_an_address_throttled_by_an_attacker_still_lets_in_staff_who_logged_in_from_it(client, staff):
    _log_in_fully(client, staff, address=OFFICE)  # the office's shared address
    for name in ("ann", "bob", "cy"):
        _staff(name)
        for _ in range(4):
            _login(client, "wrong", name, OFFICE)
    assert _login(client, PASSWORD, "ann", OFFICE).status_code == 429  # never logged in from here
    assert _login(client, PASSWORD, "dana", OFFICE).status_code == 302


def test_many_addresses_guessing_one_account_are_refused_but_its_holder_is_not(client, staff):
    director = make_user(Role.DIRECTOR, username="director")
    _log_in_fully(client, staff, address=OFFICE)
    for i in range(10):
        _login(client, "wrong", address=f"203.0.113.{i + 1}")
    locked = _login(client, PASSWORD, address="203.0.113.99")  # right password, new address
    assert locked.status_code == 429
    assert "addresses it has not used before" in locked.content.decode()
    assert _login(client, PASSWORD, address=OFFICE).status_code == 302  # the holder's own address
    alert = Notice.objects.get(recipient_user=director)
    assert "'dana'" in alert.subject and "new addresses" in alert.subject


def test_the_director_is_alerted_once_per_throttled_address(client, staff):
    make_user(Role.DIRECTOR, username="director")
    for _ in range(3):
        for name in ("a1", "a2", "a3", "a4"):
            _login(client, "wrong", name, ATTACKER)
    assert Notice.objects.filter(subject__contains=ATTACKER).count() == 1


def test_the_wider_limits_end_when_the_failures_stop_for_the_cool_off(client, staff, clock):
    for name in ("a1", "a2", "a3", "a4"):
        for _ in range(3):
            _login(client, "wrong", name, ATTACKER)
    assert _login(client, PASSWORD, "dana", ATTACKER).status_code == 429
    clock.shift(timedelta(minutes=11))
    assert _login(client, PASSWORD, "dana", ATTACKER).status_code == 302


# The log, and who the client is


def test_logons_failures_and_logoffs_are_logged_with_user_address_and_time(client, staff):
    _login(client, "wrong")
    _login(client, PASSWORD)
    client.post("/accounts/logout/")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("dana", "127.0.0.1")
    entry = AccessLog.objects.get()
    assert entry.username == "dana" and entry.attempt_time and entry.logout_time


def test_behind_one_trusted_proxy_the_log_records_the_client_not_the_proxy(client, staff, settings):
    """Probe: the login log recorded the proxy's address."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"HTTP_X_FORWARDED_FOR": "6.6.6.6, 192.0.2.44"}  # a forged entry, then what our proxy saw
    _login(client, "wrong", address="10.0.0.2", **proxy)
    _login(client, PASSWORD, address="10.0.0.2", **proxy)
    assert AccessFailureLog.objects.get().ip_address == "192.0.2.44"
    assert AccessLog.objects.get().ip_address == "192.0.2.44"


def test_without_trusted_proxies_a_forged_forwarded_header_is_ignored(client, staff, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    _login(client, "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert AccessFailureLog.objects.get().ip_address == "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "6.6.6.6", "10.0.0.2"),
        (1, "192.0.2.44", "192.0.2.44"),
        (1, "6.6.6.6, 192.0.2.44", "192.0.2.44"),
        (2, "192.0.2.44, 10.0.0.9", "192.0.2.44"),
        (1, "", "10.0.0.2"),
    ],
)
def test_the_rate_limits_and_the_login_log_agree_on_the_client(rf, settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = rf.post("/accounts/login/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == get_client_ip_address(request) == expected
