"""The public dashboard in a browser (issue 11 section 7): a member of the public opens it in Vietnamese
(chosen with the language switcher, as users do), filters by year and neighbourhood, reads a chart's
table and downloads its CSV; and the dashboard and the "Data and reports" hub pass axe-core (WCAG 2.x
A/AA) in each of the six public languages."""

import csv
import datetime

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from tests.conftest import make_user
from tests.e2e.axe import axe_violations, format_violations
from tests.reports.arrange_dashboard import NOW, filed_on, force_type

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _arrange():
    intake_user = make_user(Role.INTAKE)
    force = force_type()
    for day in range(1, 7):
        filed_on(datetime.date(2026, 2, day), intake_user, neighbourhood="kenton", allegation_type=force)
    for day in range(1, 6):
        filed_on(datetime.date(2026, 3, day), intake_user, neighbourhood="buckman", decision="mediation")
    filed_on(datetime.date(2025, 5, 1), intake_user, neighbourhood="kenton")


def _choose_language(page, live_server, language):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/")
    page.locator(f'.site-languages button[value="{language}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def test_the_public_filters_the_dashboard_in_vietnamese_and_downloads_a_csv(page, live_server):
    with time_machine.travel(NOW, tick=True):
        _arrange()
        _choose_language(page, live_server, "vi")
        page.locator('.usa-nav a[href="/reports/"]').click()
        expect(page.locator("html")).to_have_attribute("lang", "vi")
        page.locator('main a[href="/reports/dashboard/"]').click()
        expect(page.locator("#dashboard-filters")).to_be_visible()
        # With JavaScript the form is sent as soon as a filter changes, and the focus comes back to it.
        with page.expect_navigation():
            page.locator("#id_year").select_option("2026")
        expect(page.locator("#id_year")).to_be_focused()
        with page.expect_navigation():
            page.locator("#id_neighbourhood").select_option("kenton")
        assert "year=2026" in page.url and "neighbourhood=kenton" in page.url
        expect(page.locator("#id_neighbourhood")).to_have_value("kenton")
        figure = page.locator("#complaints_by_neighbourhood")
        figure.locator("summary").click()
        row = figure.locator("tbody tr")
        expect(row).to_have_count(1)
        expect(row.locator("th")).to_have_text("Kenton")
        expect(row.locator("td")).to_have_text("6")
        over_time = page.locator("#complaints_over_time")
        over_time.locator("summary").click()
        expect(over_time.locator("tbody tr").nth(1).locator("td").first).to_have_text("6")
        with page.expect_download() as downloaded:
            figure.locator("a[download]").click()
        download = downloaded.value
        assert download.suggested_filename == "complaints_by_neighbourhood.csv"
        with open(download.path(), encoding="utf-8") as f:
            rows = list(csv.reader(f))
        assert rows[1:] == [["Kenton", "6"]]
        violations = axe_violations(page)
        assert not violations, format_violations(violations)


def test_the_dashboard_works_without_javascript(browser, live_server):
    with time_machine.travel(NOW, tick=True):
        _arrange()
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(f"{live_server.url}/reports/dashboard/")
        page.locator("#id_year").select_option("2026")
        page.locator("#id_neighbourhood").select_option("buckman")
        page.locator("#dashboard-filters button[type=submit]").click()
        expect(page).to_have_url(
            f"{live_server.url}/reports/dashboard/?year=2026&type=&finding=&level=final&neighbourhood=buckman"
        )
        figure = page.locator("#decisions")
        figure.locator("summary").click()
        expect(figure.locator("tbody tr", has_text="Mediation").locator("td")).to_have_text("5")
        context.close()


def test_the_dashboard_and_the_hub_are_accessible_in_every_language(page, live_server):
    with time_machine.travel(NOW, tick=True):
        _arrange()
        found = []
        for language in LANGUAGES:
            _choose_language(page, live_server, language)
            for what, path in [
                ("the hub", "/reports/"),
                ("the dashboard", "/reports/dashboard/"),
                ("the dashboard filtered", "/reports/dashboard/?year=2026&neighbourhood=kenton"),
                ("the dashboard with a bad filter", "/reports/dashboard/?year=1850"),
            ]:
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, f"{what} in {language}: {response.status}"
                assert page.locator("html").get_attribute("lang") == language, f"{what} in {language}"
                expect(page.locator("main h1")).to_be_visible()
                if path.startswith("/reports/dashboard/"):
                    for summary in page.locator("details.report-figure__details > summary").all():
                        summary.click()
                violations = axe_violations(page)
                if violations:
                    found.append(f"{what} ({path}) in {language}:\n{format_violations(violations)}")
        assert not found, "\n\n".join(found)
