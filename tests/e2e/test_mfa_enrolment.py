"""A new staff member's first login in Chromium: password, authenticator set up from the QR code's key,
recovery codes kept, then the portal; and the second login asks for a code. Every MFA page passes axe
and loads under the Content-Security-Policy (conftest.py fails the test on any refusal)."""

import time
from base64 import b32decode
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django_otp.oath import hotp
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clock():
    with time_machine.travel(datetime(2026, 12, 2, 20, 0, tzinfo=UTC), tick=True) as traveller:
        yield traveller


def test_a_new_staff_member_enrols_at_first_login_and_reaches_the_portal(page, live_server, clock):
    make_user(Role.INTAKE, username="nina")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("nina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your second factor")
    expect(page.get_by_role("img", name="QR code with the setup key shown below")).to_be_visible()
    assert_no_axe_violations(page)
    key = b32decode(page.locator("#setup-key").inner_text().replace(" ", ""))
    code = page.get_by_label("Code from your authenticator app")
    expect(code).to_have_attribute("autocomplete", "one-time-code")
    expect(code).to_have_attribute("inputmode", "numeric")
    code.fill("000000")
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_no_axe_violations(page)  # the page with its error summary and the field in error
    clock.shift(timedelta(seconds=2))  # past the back-off after a wrong code
    code.fill(str(hotp(key, int(time.time()) // 30)).zfill(6))
    page.get_by_role("button", name="Confirm and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery codes")
    expect(page.get_by_role("list", name="Your new recovery codes").get_by_role("listitem")).to_have_count(10)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="I have kept my codes: continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff portal")

    page.get_by_role("button", name="Log out").click()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("nina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second step of the login")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server, "nina")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff portal")
