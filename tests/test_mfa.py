"""Staff log in with a second factor (CJIS 5.6.2.2; oversight/accounts/mfa.py): enrolment on first login,
a code at every login after, recovery codes that work once, wrong codes throttled like wrong passwords,
unverified sessions kept out of staff pages and the session API, and resets by the Director recorded."""

import io
import re
from base64 import b32decode
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.management.base import CommandError
from django.test import Client
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from oversight.accounts import mfa
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.notices.models import Notice
from tests.mfa import authenticator, current_code, force_login_unverified

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password-123"
NOON = datetime(2026, 12, 2, 20, 0, tzinfo=UTC)
STAFF_PAGE = "/complaints/staff/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def enrolled(intake_user):
    authenticator(intake_user)
    return intake_user


def _password(client, user=None, username="intake_staff"):
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD, "next": STAFF_PAGE})
    assert response.status_code == 302
    return response


def _code_at(secret, when):
    return str(hotp(b32decode(secret), int(when.timestamp()) // 30, digits=6)).zfill(6)


# Enrolment on first login


def test_first_login_enrols_the_authenticator_then_shows_ten_recovery_codes_once(client, intake_user, clock):
    response = client.get(_password(client)["Location"])
    assert response.status_code == 302 and response["Location"].startswith("/accounts/mfa/verify/")
    response = client.get(response["Location"])
    assert response["Location"] == f"/accounts/mfa/enrol/?next={STAFF_PAGE}"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    secret = "".join(re.search(r'<code id="setup-key">([A-Z2-7 ]+)</code>', html).group(1).split())
    assert client.get(STAFF_PAGE).status_code == 302  # not in before the code is confirmed

    wrong = client.post(response["Location"], {"code": "000000"})
    assert "That code did not work" in wrong.content.decode()
    clock.shift(timedelta(seconds=2))  # past the back-off after a wrong code
    done = client.post(response["Location"], {"code": _code_at(secret, NOON)})
    assert done["Location"].startswith("/accounts/mfa/recovery-codes/")

    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", client.get(done["Location"]).content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticToken.objects.filter(device__user=intake_user).count() == 10
    assert "<code>" not in client.get("/accounts/mfa/recovery-codes/").content.decode()  # shown once
    assert client.get(STAFF_PAGE).status_code == 200
    device = TOTPDevice.objects.get(user=intake_user)
    assert device.confirmed
    assert intake_user.history.first().history_change_reason.startswith("Second factor enrolled")


def test_reloading_the_enrolment_page_keeps_the_same_key(client, intake_user):
    _password(client)
    keys = [re.search(r'id="setup-key">([^<]+)<', client.get("/accounts/mfa/enrol/").content.decode())[1] for _ in "ab"]
    assert keys[0] == keys[1]
    assert TOTPDevice.objects.filter(user=intake_user).count() == 1


# Every later login


def test_a_later_login_asks_for_the_code_and_then_opens_the_page_asked_for(client, enrolled, clock):
    response = client.get(_password(client)["Location"])
    verify = response["Location"]
    assert verify == f"/accounts/mfa/verify/?next={STAFF_PAGE}"
    assert "That code did not work" in client.post(verify, {"code": "123456"}).content.decode()
    assert client.get(STAFF_PAGE).status_code == 302
    clock.shift(timedelta(seconds=2))
    response = client.post(verify, {"code": current_code(enrolled), "next": STAFF_PAGE})
    assert response["Location"] == STAFF_PAGE
    assert client.get(STAFF_PAGE).status_code == 200


def test_a_code_is_accepted_only_once(client, enrolled):
    code = current_code(enrolled)
    _password(client)
    assert client.post("/accounts/mfa/verify/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    _password(client)
    assert "That code did not work" in client.post("/accounts/mfa/verify/", {"code": code}).content.decode()


def test_a_recovery_code_works_once(client, enrolled):
    codes = mfa.recovery_codes_issue(user=enrolled)
    _password(client)
    response = client.post("/accounts/mfa/verify/", {"recovery_code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get(STAFF_PAGE).status_code == 200
    client.post("/accounts/logout/")
    _password(client)
    again = client.post("/accounts/mfa/verify/", {"recovery_code": codes[0]})
    assert "That code did not work" in again.content.decode()
    assert mfa.recovery_codes_left(enrolled) == 9


def test_new_recovery_codes_replace_the_old_ones(client, enrolled):
    old = mfa.recovery_codes_issue(user=enrolled)
    client.force_login(enrolled)
    page = client.post("/accounts/mfa/recovery-codes/", follow=True).content.decode()
    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10 and not set(new) & set(old)
    assert not StaticToken.objects.filter(token__in=old).exists()


# Wrong codes are throttled


def test_five_wrong_codes_in_a_row_end_the_session_and_lock_the_pair(client, enrolled, clock):
    _password(client)
    for attempt in range(4):
        clock.shift(timedelta(seconds=2**attempt))  # past the device's own back-off
        assert client.post("/accounts/mfa/verify/", {"code": "000000"}).status_code == 200
    clock.shift(timedelta(seconds=16))
    locked = client.post("/accounts/mfa/verify/", {"code": "000000"})
    assert locked.status_code == 429
    assert client.get(STAFF_PAGE)["Location"].startswith("/accounts/login/")  # the session was ended
    assert client.post("/accounts/login/", {"username": "intake_staff", "password": PASSWORD}).status_code == 429


def test_the_device_refuses_even_the_right_code_right_after_wrong_ones(client, enrolled, clock):
    _password(client)
    for attempt in range(3):
        clock.shift(timedelta(seconds=2**attempt))
        client.post("/accounts/mfa/verify/", {"code": "000000"})
    response = client.post("/accounts/mfa/verify/", {"code": current_code(enrolled)})  # 4 s not yet passed
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(STAFF_PAGE).status_code == 302


# What an unverified session reaches


def test_an_unverified_session_is_sent_to_the_second_step_from_staff_pages_and_the_admin(client, admin_user):
    force_login_unverified(client, admin_user)
    for url in (STAFF_PAGE, "/accounts/", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/mfa/verify/"), url


def test_an_unverified_session_is_refused_by_the_session_api(client, intake_user):
    force_login_unverified(client, intake_user)
    assert client.get("/api/v1/cases/").status_code == 403
    client.force_login(intake_user)
    assert client.get("/api/v1/cases/").status_code == 200


def test_the_token_api_for_integrations_needs_no_second_factor(client, liaison):
    token = Token.objects.create(user=liaison)
    response = client.get("/api/v1/records-requests/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_the_public_site_is_open_to_an_unverified_session(client, intake_user):
    force_login_unverified(client, intake_user)
    for url in ("/", "/complaints/new/", "/complaints/status/", "/api/schema/"):
        assert client.get(url).status_code == 200, url


def test_without_mfa_required_only_accounts_that_enrolled_verify(client, settings, intake_user, investigator):
    settings.MFA_REQUIRED = False
    authenticator(investigator)
    force_login_unverified(client, intake_user)
    assert client.get(STAFF_PAGE).status_code == 200
    force_login_unverified(client, investigator)
    assert client.get("/accounts/")["Location"].startswith("/accounts/mfa/verify/")


def test_the_absolute_session_limit_still_ends_a_verified_session(client, intake_user, clock):
    client.force_login(intake_user)
    assert client.get(STAFF_PAGE).status_code == 200
    for _ in range(25):  # active every 29 minutes, so never idle; 12 hours after the login it ends
        clock.shift(timedelta(minutes=29))
        response = client.get(STAFF_PAGE)
    assert response["Location"].startswith("/accounts/login/")


# Resets


def test_the_director_resets_a_second_factor_with_the_reason_in_history(client, director, enrolled):
    other = _second_session(enrolled)
    client.force_login(director)
    response = client.post("/accounts/mfa/reset/", {"user": enrolled.pk, "reason": "Lost phone, called on Monday"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled).exists()
    record = User.history.filter(id=enrolled.pk).first()
    assert record.history_user == director
    assert record.history_change_reason == "Second factor reset: Lost phone, called on Monday"
    assert Notice.objects.get(recipient_user=enrolled).subject.startswith("Your second factor")
    # The holder's open session lost its verification and is sent to enrol again.
    assert other.get(STAFF_PAGE)["Location"].startswith("/accounts/mfa/verify/")
    assert other.get("/accounts/mfa/verify/")["Location"] == "/accounts/mfa/enrol/"


def _second_session(user):
    other = Client()
    other.force_login(user)
    assert other.get(STAFF_PAGE).status_code == 200
    return other


def test_a_reset_needs_a_reason_and_is_never_done_on_oneself(director, enrolled):
    with pytest.raises(mfa.ValidationError):
        mfa.second_factor_reset(user=enrolled, actor=director, reason=" ")
    with pytest.raises(mfa.ValidationError):
        mfa.second_factor_reset(user=director, actor=director, reason="lost phone")
    assert TOTPDevice.objects.filter(user=enrolled).exists()


def test_only_the_director_or_an_administrator_may_reset(users_by_role, enrolled):
    for role, actor in users_by_role.items():
        if role in (Role.DIRECTOR, Role.ADMIN):
            continue
        with pytest.raises(mfa.PermissionDenied):
            mfa.second_factor_reset(user=enrolled, actor=actor, reason="lost phone")
    assert TOTPDevice.objects.filter(user=enrolled).exists()


# The demo


def test_demo_accounts_log_in_with_the_code_mfa_code_prints(client, settings):
    from django.core.management import call_command

    from oversight.accounts.management.commands.seed_demo import DEMO_PASSWORD

    settings.DEBUG = True
    call_command("seed_demo", officers=0, stdout=io.StringIO())
    assert TOTPDevice.objects.get(user__username="director").key == b"oversight-demo-totp!".hex()
    out = io.StringIO()
    call_command("mfa_code", "director", stdout=out)
    client.post("/accounts/login/", {"username": "director", "password": DEMO_PASSWORD})
    assert client.post("/accounts/mfa/verify/", {"code": out.getvalue().strip()})["Location"] == "/accounts/"
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only with DEBUG"):
        call_command("mfa_code", "director")


def test_the_admin_site_offers_no_way_to_read_or_add_second_factor_devices(client, admin_user):
    admin_user.is_superuser = True
    admin_user.save()
    client.force_login(admin_user)
    assert client.get("/admin/otp_totp/totpdevice/").status_code == 404
    assert client.get("/admin/otp_static/staticdevice/add/").status_code == 404
    assert client.get("/admin/").status_code == 200
