"""Issue 10 part C's public pages pass axe-core in every public language: the list of policy
recommendations with its filters, and a recommendation's page with PPB's answer, Council's vote and
implementation. A draft never shows."""

from datetime import date, datetime

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from oversight.calendar.business_days import PACIFIC
from oversight.governance.recommendations import recommendation_council_decide, recommendation_implementation_update
from tests.conftest import make_board_user, make_user
from tests.governance.arrange_recommendations import council_requested, draft

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
NOW = datetime(2026, 3, 12, 10, 0, tzinfo=PACIFIC)


def _arrange():
    from oversight.accounts.roles import Role

    director = make_user(Role.DIRECTOR, username="director_e2e")
    liaison = make_user(Role.LIAISON, username="liaison_e2e")
    for i in range(3):
        make_board_user(f"board_e2e{i}")
    draft(director, title="Secret draft")
    recommendation = council_requested(director, liaison)
    recommendation_council_decide(
        actor=director,
        recommendation=recommendation,
        outcome="binds_ppb",
        vote_on=date(2026, 3, 12),
        reference="Resolution 37712",
        reason="Council",
    )
    recommendation_implementation_update(
        actor=liaison,
        recommendation=recommendation,
        stage="planned",
        note="Directive drafted",
        update_on=date(2026, 3, 12),
    )
    return recommendation


def test_the_recommendation_pages_are_accessible_in_every_language(page, live_server):
    from tests.e2e.axe import assert_no_axe_violations

    with time_machine.travel(NOW, tick=True):
        recommendation = _arrange()
        paths = [
            "/participate/recommendations/",
            "/participate/recommendations/?status=council_decided&answer=rejected",
            f"/participate/recommendations/{recommendation.pk}/",
        ]
        for language in LANGUAGES:
            page.goto(f"{live_server.url}/")
            page.locator(f'.site-languages button[value="{language}"]').click()
            expect(page.locator("html")).to_have_attribute("lang", language)
            for path in paths:
                page.goto(f"{live_server.url}{path}")
                expect(page.locator("h1")).to_be_visible()
                assert "Secret draft" not in page.content()
                assert_no_axe_violations(page)


def test_the_filters_are_usable_from_the_keyboard(page, live_server):
    with time_machine.travel(NOW, tick=True):
        recommendation = _arrange()
        page.goto(f"{live_server.url}/participate/recommendations/")
        page.get_by_label("Status").select_option("council_decided")
        page.get_by_label("PPB's answer").select_option("rejected")
        page.get_by_role("button", name="Show").press("Enter")
        expect(page.locator("#recommendations")).to_contain_text(recommendation.title)
