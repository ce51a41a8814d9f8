"""The Content-Security-Policy in Chromium (issue 13): every page works under it with nothing
refused, the admin site included, and an injected inline script does not run."""

import pytest
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from tests.arrange import case_received
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in as _log_in

pytestmark = pytest.mark.django_db(transaction=True)


def _refusals(page):
    """Every CSP refusal the page reports, as the browser words it."""
    seen = []
    page.on("console", lambda m: seen.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def test_public_and_staff_pages_load_everything_they_need_under_the_policy(page, live_server):
    intake = make_user(Role.INTAKE, username="ines")
    case = case_received(intake)
    refused = _refusals(page)
    for path in ("/", "/complaints/new/", "/complaints/status/", "/reports/annual/"):
        response = page.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        # USWDS's script ran: it takes the loading class off the page once it is ready.
        expect(page.locator("html")).not_to_have_class("usa-js-loading")
    _log_in(page, live_server, "ines")
    page.goto(f"{live_server.url}/complaints/staff/cases/{case.pk}/")
    assert_no_axe_violations(page)  # axe goes in by page.evaluate, which the policy allows
    assert refused == []


def test_an_injected_inline_script_is_refused(browser, live_server):
    page = browser.new_page()  # not the `page` fixture, whose guard (conftest.py) fails on any refusal
    refused = _refusals(page)
    page.goto(live_server.url + "/")
    page.evaluate(
        """() => { const s = document.createElement('script');
                   s.textContent = 'window.injected = true'; document.body.append(s); }"""
    )
    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in text for text in refused)
    page.close()


def test_the_admin_site_works_under_the_policy(page, live_server):
    make_user(Role.ADMIN, username="ada", is_staff=True, is_superuser=True)
    refused = _refusals(page)
    _log_in(page, live_server, "ada")
    for path in ("/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/"):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
    expect(page.locator("#id_username")).to_be_visible()
    assert refused == []
