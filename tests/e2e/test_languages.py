"""Every public page in every language passes axe-core (WCAG 2.x A/AA) and says which language
it is in (R1.1); the switcher works by keyboard and the choice is remembered."""

import re

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.e2e.axe import assert_no_axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def check(page, language, what):
    assert page.locator("html").get_attribute("lang") == language, f"{what} in {language}"
    assert_no_axe_violations(page)


def choose_language(page, language):
    page.locator(f'.site-languages button[value="{language}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_is_accessible_in(page, live_server, language):
    page.goto(f"{live_server.url}/")
    choose_language(page, language)
    check(page, language, "home")

    page.goto(f"{live_server.url}/complaints/new/")
    check(page, language, "complaint form")
    submit = page.locator("form.usa-form button[type=submit]")
    submit.click()
    expect(page.locator("#error-summary")).to_be_visible()
    check(page, language, "form with errors")

    radio = page.locator("input[name=filer_type][value=complainant]")
    page.locator(f"label[for={radio.get_attribute('id')}]").click()  # USWDS draws the label, not the input
    expect(radio).to_be_checked()
    page.locator("#id_narrative").fill("An officer pushed me at the bus stop.")
    page.locator("#id_incident_on").fill("2026-01-05")
    page.locator("#id_incident_place").fill("SE Hawthorne & 39th")
    submit.click()
    expect(page.locator("#case-number")).to_have_text(re.compile(r"\d{4}-\d{5}"))
    check(page, language, "filed page")

    # The filer's status page, then the look-up after locking it, then a wrong code.
    page.locator('main a[href="/complaints/status/"]').click()
    expect(page.locator("#timeline")).to_be_visible()
    check(page, language, "status page")
    page.locator('form[action="/complaints/status/lock/"] button').click()
    check(page, language, "status look-up")
    page.locator("#id_case_number").fill("2026-00001")
    page.locator("#id_access_code").fill("AAAA-BBBB-CCCC")
    page.locator('form[action="/complaints/status/"] button[type=submit]').click()
    expect(page.locator(".usa-alert--error, #error-summary").first).to_be_visible()
    check(page, language, "status look-up with an error")

    for path, what in (
        ("/reports/annual/", "annual report"),
        ("/accounts/login/", "staff login"),
        ("/no-such-page/", "page not found"),
    ):
        page.goto(f"{live_server.url}{path}")
        check(page, language, what)


def test_the_switcher_works_by_keyboard_and_the_choice_is_remembered(page, live_server):
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "en"
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('lang')") == "es":
            break
    assert page.evaluate("document.activeElement.textContent") == "Español"
    page.keyboard.press("Enter")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervisión de la policía en Portland")
    # The next page, reached by a link, is still in Spanish: the choice is remembered.
    page.get_by_role("link", name="Empezar su queja").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Presente una queja sobre un agente de la policía de Portland"
    )
    expect(page.locator('.site-languages button[aria-current="true"]')).to_have_text("Español")
