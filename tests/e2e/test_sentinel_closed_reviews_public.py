"""Issue 10 part D's public pages pass axe-core in every public language: sentinel event reviews (with
their comment form) and the reviews of closed deadly-force cases, which name no one."""

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from discipline.closed_case_reviews import closed_case_review_batch_publish, closed_case_review_redact
from oversight.accounts.roles import Role
from oversight.governance import sentinel
from tests.conftest import make_board_user, make_user
from tests.discipline.arrange_closed_reviews import COMPLAINANT, DAY_AFTER, closed_case, review_drafted
from tests.e2e.axe import assert_no_axe_violations
from tests.governance.arrange_sentinel import review_with_report

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _arrange():
    director = make_user(Role.DIRECTOR, username="director_e2e")
    board = [make_board_user(f"board_e2e{i}") for i in range(3)]
    review = review_with_report(director)
    sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    case = closed_case(
        make_user(Role.INTAKE, username="intake_e2e"),
        director,
        make_user(Role.INVESTIGATOR, username="investigator_e2e"),
        board,
    )
    closed = closed_case_review_redact(actor=director, review=review_drafted(case, director), reason="Names out")
    closed_case_review_batch_publish(
        actor=director,
        reviews=[closed],
        title="Reviews, spring 2026",
        published_on=DAY_AFTER.date(),
        council_email="clerk@council.invalid",
        reason="Periodic",
    )
    return review, closed


def test_the_sentinel_and_closed_case_review_pages_are_accessible_in_every_language(page, live_server):
    with time_machine.travel(DAY_AFTER, tick=True):
        review, closed = _arrange()
        paths = [
            "/participate/sentinel-reviews/",
            f"/participate/sentinel-reviews/{review.pk}/",
            "/participate/closed-case-reviews/",
            f"/participate/closed-case-reviews/{closed.pk}/",
            f"/participate/closed-case-reviews/publications/{closed.batch_id}/",
        ]
        for language in LANGUAGES:
            page.goto(f"{live_server.url}/")
            page.locator(f'.site-languages button[value="{language}"]').click()
            expect(page.locator("html")).to_have_attribute("lang", language)
            for path in paths:
                page.goto(f"{live_server.url}{path}")
                expect(page.locator("h1")).to_be_visible()
                assert COMPLAINANT not in page.content()
                assert_no_axe_violations(page)
