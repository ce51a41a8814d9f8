"""A Spanish speaker files, follows the case on the status page and reads a staff reply there,
without a word of English on their side (R1.1, R1.4).

Labels come from the Spanish catalog through ``es()``, which fails when a string is still English:
the journey proves both that the page is translated and that it works in translation.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from intake.models import Case, Complaint
from oversight.accounts.roles import Role
from oversight.notices.models import Notice
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.e2e.login import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def es(msgid, **values):
    with translation.override("es"):
        text = translation.gettext(msgid)
    assert text != msgid, f"not translated into Spanish: {msgid!r}"
    return text % values if values else text


def test_a_spanish_speaker_files_and_reads_the_staff_reply_on_the_status_page(page, browser, live_server):
    make_user(Role.INTAKE, username="ines")

    page.goto(f"{live_server.url}/")
    page.locator(".site-languages").get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    page.get_by_role("link", name=es("Start your complaint")).click()
    assert_no_axe_violations(page)

    page.locator("label", has_text=es("I experienced the alleged misconduct")).click()
    page.get_by_label(es("What happened?")).fill("Un agente me empujó en la parada del autobús y no me dio su nombre.")
    page.get_by_label(es("Date of the incident")).fill("2026-11-02")
    page.get_by_label(es("Where did it happen?")).fill("SE Division y 82nd")
    page.get_by_label(es("ZIP code")).fill("97266")
    page.get_by_label(es("Your e-mail address")).fill("ana@example.org")
    page.get_by_role("button", name=es("Submit complaint")).click()

    number = page.locator("#case-number").inner_text()
    code = page.locator("#access-code").inner_text()
    assert re.fullmatch(r"\d{4}-\d{5}", number)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_no_axe_violations(page)
    complaint = Complaint.objects.get(case__number=number)
    assert complaint.language == "es"
    # The receipt went out in Spanish, and it never carries the access code.
    receipt = Notice.objects.get(recipient_address="ana@example.org")
    assert receipt.subject == es("Your complaint %(number)s was received", number=number)
    assert code not in receipt.body

    # Intake staff answer from the case page, in English, in their own browser.
    staff = browser.new_context().new_page()
    log_in(staff, live_server, "ines")
    staff.goto(f"{live_server.url}/complaints/staff/cases/{Case.objects.get(number=number).pk}/complaint/")
    staff.get_by_label("Message to the filer").fill("Gracias. ¿Puede decirnos a qué hora pasó?")
    staff.get_by_role("button", name="Send message").click()
    expect(staff.locator(".usa-alert--success")).to_contain_text("Message sent to the filer.")
    staff.context.close()

    # Later, on another visit, the filer opens the status page with the number and code.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    page.locator(".site-languages").get_by_role("button", name="Español").click()
    page.goto(f"{live_server.url}/complaints/status/?case={number}")
    assert_no_axe_violations(page)
    page.get_by_label(es("Access code")).fill(code)
    page.get_by_role("button", name=es("Open my status page")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(es("Your complaint %(n)s", n=number))
    expect(page.locator("#filer-messages")).to_contain_text(es("From the Office"))
    expect(page.locator("#filer-messages")).to_contain_text("¿Puede decirnos a qué hora pasó?")
    assert_no_axe_violations(page)

    page.get_by_label(es("Information to add")).fill("Fue alrededor de las 7 de la tarde.")
    page.get_by_role("button", name=es("Send to the Office")).click()
    expect(page.locator("#filer-messages")).to_contain_text("Fue alrededor de las 7 de la tarde.")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert_no_axe_violations(page)
