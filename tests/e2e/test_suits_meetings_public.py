"""Issue 10 part E's public pages pass axe-core in every public language: civil suits in aggregate (no
officer named), the Board's meetings, one meeting's notice and agenda, and the annual report meeting with
its comment form."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from oversight.accounts.roles import Role
from oversight.governance.meetings import agenda_item_add
from tests.conftest import make_user
from tests.e2e.axe import assert_no_axe_violations
from tests.governance.arrange_suits import NOW, noticed, settled

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def test_the_civil_suit_and_meeting_pages_are_accessible_in_every_language(page, live_server):
    with time_machine.travel(NOW, tick=True):
        director = make_user(Role.DIRECTOR, username="director_e2e")
        settled(director, "3:26-cv-1", "125000.00", legal_fees=Decimal("9000.00"))
        meeting = noticed(director, title="Regular meeting")
        agenda_item_add(actor=director, meeting=meeting, title="Call to order", reason="Agenda")
        annual = noticed(
            director, kind="annual_report_presentation", title="Annual report 2026", starts_in=timedelta(days=20)
        )
        paths = [
            "/participate/civil-suits/",
            "/participate/meetings/",
            f"/participate/meetings/{meeting.pk}/",
            f"/participate/meetings/{annual.pk}/",
        ]
        for language in LANGUAGES:
            page.goto(f"{live_server.url}/")
            page.locator(f'.site-languages button[value="{language}"]').click()
            expect(page.locator("html")).to_have_attribute("lang", language)
            for path in paths:
                page.goto(f"{live_server.url}{path}")
                expect(page.locator("h1")).to_be_visible()
                assert "Holloway" not in page.content()
                assert_no_axe_violations(page)
