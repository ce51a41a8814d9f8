"""The annual report from the Director's draft to the public (issue 11 part A2, R5.1): the Director
writes the executive summary and publishes; the public reads it in Spanish, the summary as written and
the headings translated, and both pages pass axe-core."""

import datetime

import pytest
import time_machine
from django.utils import translation
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from reports.editions import edition_draft_build
from reports.models import ReportEdition
from tests.arrange import case_received
from tests.conftest import make_user
from tests.e2e.axe import axe_violations, format_violations
from tests.e2e.login import log_in

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime.datetime(2027, 3, 2, 10, 0, tzinfo=PACIFIC)
SUMMARY = "In 2026 the Office closed its first full investigations. Thank you to every filer."


def _no_violations(page, what):
    violations = axe_violations(page)
    assert not violations, f"{what}:\n{format_violations(violations)}"


def test_the_director_publishes_and_the_public_reads_it_in_spanish(page, live_server):
    with time_machine.travel(NOW, tick=True):
        director = make_user(Role.DIRECTOR, username="dana")
        case_received(make_user(Role.INTAKE, username="ines"))
        edition = edition_draft_build(kind="annual", year=2026, actor=director)

        log_in(page, live_server, "dana")
        page.goto(f"{live_server.url}/reports/editions/{edition.pk}/")
        page.get_by_role("textbox", name="Executive summary").fill(SUMMARY)
        page.get_by_role("button", name="Save the texts").click()
        expect(page.locator("[role=status]")).to_contain_text("The texts are saved.")
        _no_violations(page, "the draft's page")
        page.get_by_role("link", name="Publish…").click()
        _no_violations(page, "the confirmation")
        page.get_by_role("button", name="Publish this report").click()
        expect(page.get_by_role("link", name="Start a correction…")).to_be_visible()
        assert ReportEdition.objects.get().status == "published"

        page.get_by_role("button", name="Log out").click()
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/")
        page.locator('.site-languages button[value="es"]').click()
        expect(page.locator("html")).to_have_attribute("lang", "es")
        page.goto(f"{live_server.url}/reports/annual/2026/")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.locator("h1")).to_have_text("Informe anual 2026")
        with translation.override("es"):
            heading = translation.gettext("Executive summary")
        expect(page.locator("#summary-h")).to_have_text(heading)
        prose = page.locator(".report-summary .report-prose")
        expect(prose).to_have_text(SUMMARY)  # the Director's prose as written, not translated
        assert prose.get_attribute("lang") == "en"
        _no_violations(page, "the published report in Spanish")
        page.get_by_role("link", name=translation_of("All published reports")).click()
        expect(page.locator('main a[href="/reports/annual/2026/"]')).to_be_visible()
        _no_violations(page, "the index of published reports in Spanish")


def translation_of(msgid, language="es"):
    with translation.override(language):
        return translation.gettext(msgid)
