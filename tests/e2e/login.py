"""The staff login in Chromium: the password, then a current code from the user's authenticator (tests/mfa.py)."""

from playwright.sync_api import expect

from oversight.accounts.models import User
from tests.mfa import authenticator, current_code

PASSWORD = "a-long-test-password-123"


def log_in(page, live_server, username, password=PASSWORD):
    """From anywhere; ``live_server=None`` logs in on the login page already open."""
    user = User.objects.get(username=username)
    authenticator(user)  # before the password, or the login goes on to enrolment
    if live_server is not None:
        page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code from your authenticator app").fill(current_code(user))
    page.get_by_role("button", name="Verify").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
