"""Staff logins: lockout after five failures in a row for ten minutes (CJIS 5.5.3), and every
logon, failure and logoff logged with time, address and user (CJIS 5.4.1.1)."""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.utils import timezone

from oversight.accounts.roles import Role
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-password-for-staff"


@pytest.fixture
def staff(db):
    user = make_user(Role.INTAKE, username="dana")
    user.set_password(PASSWORD)
    user.save()
    return user


def _login(client, password):
    return client.post("/accounts/login/", {"username": "dana", "password": password})


def test_five_failures_in_a_row_lock_the_account_for_ten_minutes(client, staff):
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200  # the form again, with its error
    locked = _login(client, "wrong")
    assert locked.status_code == 429
    assert "paused for 10 minutes" in locked.content.decode()
    # Even the right password is refused while locked...
    assert _login(client, PASSWORD).status_code == 429
    # ...and works again once the cool-off has passed.
    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert _login(client, PASSWORD).status_code == 302


def test_a_success_resets_the_count_so_only_consecutive_failures_lock(client, staff):
    for _ in range(4):
        _login(client, "wrong")
    assert _login(client, PASSWORD).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert _login(client, "wrong").status_code == 200
    assert not AccessAttempt.objects.filter(failures_since_start__gte=5).exists()


def test_another_account_is_not_locked_by_someone_elses_failures(client, staff):
    other = make_user(Role.INVESTIGATOR, username="ivan")
    other.set_password(PASSWORD)
    other.save()
    for _ in range(5):
        _login(client, "wrong")
    assert client.post("/accounts/login/", {"username": "ivan", "password": PASSWORD}).status_code == 302


def test_logons_failures_and_logoffs_are_logged_with_user_address_and_time(client, staff):
    _login(client, "wrong")
    _login(client, PASSWORD)
    client.post("/accounts/logout/")
    failure = AccessFailureLog.objects.get()
    assert (failure.username, failure.ip_address) == ("dana", "127.0.0.1")
    entry = AccessLog.objects.get()
    assert entry.username == "dana" and entry.attempt_time and entry.logout_time
