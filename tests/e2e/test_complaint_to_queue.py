"""A community member files in Chromium; intake staff then find the case in their queue."""

import re

import pytest
from playwright.sync_api import expect

from intake.models import Case
from oversight.accounts.roles import Role
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_filed_complaint_appears_in_the_staff_intake_queue(page, live_server):
    make_user(Role.INTAKE, username="ines")

    page.goto(f"{live_server.url}/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Start your complaint").click()
    assert_no_axe_violations(page)

    # Submitting with nothing filled in explains what is missing and keeps the page usable.
    page.get_by_role("button", name="Submit complaint").click()
    expect(page.get_by_role("heading", name="Please correct the following")).to_be_visible()
    assert_no_axe_violations(page)

    page.locator("label", has_text="I experienced the alleged misconduct").click()
    expect(page.get_by_label("I experienced the alleged misconduct")).to_be_checked()
    page.get_by_label("What happened?").fill("An officer pushed me while I was waiting for the bus.")
    page.get_by_label("Date of the incident").fill("2026-11-01")
    page.get_by_label("Where did it happen?").fill("SE Hawthorne & 39th")
    page.get_by_role("button", name="Submit complaint").click()

    number = page.locator("#case-number").inner_text()
    assert re.fullmatch(r"\d{4}-\d{5}", number)
    assert Case.objects.filter(number=number).exists()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Staff login").click()
    expect(page.locator("#system-use-notice")).to_be_visible()
    assert_no_axe_violations(page)
    log_in(page, None, "ines")
    page.get_by_role("link", name="Intake queue").first.click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=number).click()
    expect(page.locator("#case-status")).to_have_text("Received")
    # The case page opens on what the stage needs (the decision); the narrative is a section away.
    page.get_by_role("link", name="Complaint and filers").click()
    expect(page.get_by_text("An officer pushed me while I was waiting for the bus.")).to_be_visible()
    assert_no_axe_violations(page)
