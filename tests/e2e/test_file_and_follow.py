"""A community member files with a photo, keeps the access code, and follows the case; staff write back (R1.4)."""

import re

import pytest
from playwright.sync_api import expect

from intake.models import Case, ComplaintAttachment
from oversight.accounts.roles import Role
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in
from tests.intake.public import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_filer_files_with_a_photo_and_reads_a_staff_message_on_the_status_page(page, browser, live_server):
    make_user(Role.INTAKE, username="ines")

    page.goto(f"{live_server.url}/complaints/new/")
    assert_no_axe_violations(page)
    page.locator("label", has_text="I experienced the alleged misconduct").click()
    page.get_by_label("What happened?").fill("An officer took my phone while I was filming.")
    page.get_by_label("Date of the incident").fill("2026-11-01")
    page.get_by_label("Where did it happen?").fill("NE Alberta & 15th")
    page.get_by_label("Neighborhood").select_option(label="King")
    page.get_by_label("ZIP code").fill("97211")
    page.get_by_label("Your e-mail address").fill("filer@example.org")
    # A program dressed as a picture is refused by its content; what was typed stays.
    page.get_by_label("Photos, video or documents").set_input_files(
        [{"name": "holiday.png", "mimeType": "image/png", "buffer": b"MZ\x90\x00" + b"\x00" * 200}]
    )
    page.get_by_role("button", name="Submit complaint").click()
    expect(page.get_by_role("heading", name="Please correct the following")).to_be_visible()
    expect(page.locator("#error-summary")).to_contain_text("The file “holiday.png” was not accepted")
    expect(page.get_by_label("What happened?")).to_have_value("An officer took my phone while I was filming.")
    expect(page.get_by_label("ZIP code")).to_have_value("97211")
    assert_no_axe_violations(page)

    page.get_by_label("Photos, video or documents").set_input_files(
        [{"name": "phone.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.get_by_role("button", name="Submit complaint").click()

    number = page.locator("#case-number").inner_text()
    code = page.locator("#access-code").inner_text()
    assert re.fullmatch(r"\d{4}-\d{5}", number) and re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert ComplaintAttachment.objects.get().file_name == "phone.png"
    assert_no_axe_violations(page)

    # A staff member writes to the filer from the case page, in their own browser.
    staff = browser.new_context().new_page()
    log_in(staff, live_server, "ines")
    staff.goto(f"{live_server.url}/complaints/staff/cases/{Case.objects.get(number=number).pk}/complaint/")
    expect(staff.get_by_role("link", name="phone.png")).to_be_visible()
    staff.get_by_label("Message to the filer").fill("Thank you. Could you send the video as well?")
    staff.get_by_role("button", name="Send message").click()
    expect(staff.locator(".usa-alert--success")).to_contain_text("Message sent to the filer.")
    staff.context.close()

    # The filer locks the page, then opens it again with the case number and code.
    page.get_by_role("link", name="Go to your status page").click()
    page.get_by_role("button", name="Lock my status page").click()
    assert_no_axe_violations(page)
    page.get_by_label("Case number").fill(number)
    page.get_by_label("Access code").fill("WRONG-CODE-000")
    page.get_by_role("button", name="Open my status page").click()
    expect(page.get_by_text("That case number and access code do not match.").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Access code").fill(code)
    page.get_by_role("button", name="Open my status page").click()

    expect(page.get_by_role("heading", name=f"Your complaint {number}")).to_be_visible()
    expect(page.locator("#filer-messages")).to_contain_text("Could you send the video as well?")
    expect(page.locator("#timeline li[aria-current='step']")).to_contain_text("Decision on how to handle it")
    assert_no_axe_violations(page)

    page.get_by_label("Information to add").fill("The video is on its way by mail.")
    page.get_by_role("button", name="Send to the Office").click()
    expect(page.locator("#filer-messages")).to_contain_text("The video is on its way by mail.")
    assert_no_axe_violations(page)
