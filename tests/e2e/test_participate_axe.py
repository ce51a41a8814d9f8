"""Every public page of issue 10 (/participate/...) passes axe-core (WCAG 2.x A/AA) in each of the six
public languages, chosen with the language switcher, with content on each page arranged through the
real services: rules and bylaws (list, a document, a version open for comment with a published comment,
the difference between versions), the comment form, policy recommendations, sentinel event reviews,
reviews of closed deadly-force cases, the Board's meetings and civil suits."""

import datetime

import pytest
import time_machine
from django.conf import settings
from playwright.sync_api import expect

from discipline.closed_case_reviews import closed_case_review_batch_publish, closed_case_review_redact
from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.governance import sentinel
from oversight.governance.comments import comment_publish, comment_submit
from oversight.governance.documents import document_create, version_adopt, version_draft, version_open_for_comment
from oversight.governance.meetings import agenda_item_add
from oversight.governance.recommendations import (
    recommendation_adopt,
    recommendation_answer,
    recommendation_draft,
    recommendation_send,
)
from tests.conftest import make_board_user, make_user
from tests.discipline.arrange_appeals import DAY_AFTER
from tests.discipline.arrange_closed_reviews import closed_case, review_drafted
from tests.e2e.axe import axe_violations, format_violations
from tests.governance.arrange_sentinel import review_with_report
from tests.governance.arrange_suits import noticed, settled

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = [code for code, _name in settings.LANGUAGES]
NOW = datetime.datetime(2026, 11, 2, 10, 0, tzinfo=PACIFIC)  # a Monday


def _at(when):
    return time_machine.travel(when, tick=False)


def _documents(director):
    """Bylaws in force (v1, adopted after 30 days of input) and v2 open for comment, with a published
    comment in Somali."""
    with _at(NOW - datetime.timedelta(days=60)):
        document = document_create(actor=director, kind="bylaws", title="Bylaws", slug="bylaws", reason="Board")
        v1 = version_draft(
            actor=director, document=document, text="Article 4. The Board meets monthly.", reason="First text"
        )
        version_open_for_comment(actor=director, version=v1, reason="Board meeting, item 2")
    with _at(NOW - datetime.timedelta(days=25)):
        version_adopt(
            actor=director,
            version=v1,
            vote_on=(NOW - datetime.timedelta(days=25)).date(),
            votes_yes=3,
            votes_no=0,
            votes_abstain=0,
            reason="Board meeting, item 4",
        )
    with _at(NOW - datetime.timedelta(days=5)):
        v2 = version_draft(
            actor=director,
            document=document,
            text="Article 4. The Board meets twice a month.",
            change_summary="Meetings twice a month.",
            reason="Sub-committee proposal",
        )
        v2 = version_open_for_comment(actor=director, version=v2, reason="Board meeting, item 3")
        comment = comment_submit(
            item=v2, body="Waan taageersanahay isbeddelkan.", language="so", client_address="203.0.113.9"
        )
        comment_publish(actor=director, comment=comment, published_body=comment.body, reason="Checked")
    return v2


def _recommendation(director, board_member, liaison):
    with _at(NOW - datetime.timedelta(days=40)):
        recommendation = recommendation_draft(
            actor=board_member,
            title="Record every use of a less-lethal launcher",
            text="PPB should record each use of a less-lethal launcher, with the reason.",
            rationale="Launchers were used without a report of why.",
            reason="Drafted at the meeting",
        )
        recommendation_adopt(
            actor=director,
            recommendation=recommendation,
            vote_on=(NOW - datetime.timedelta(days=40)).date(),
            votes_yes=3,
            votes_no=0,
            votes_abstain=0,
            reason="Board meeting, item 5",
        )
        recommendation_send(actor=director, recommendation=recommendation, reason="Sent after adoption")
    with _at(NOW - datetime.timedelta(days=20)):
        recommendation_answer(
            actor=liaison,
            recommendation=recommendation,
            answer="rejected",
            explanation="The report form has no field for it before 2028.",
        )
    return recommendation


def _closed_case_review(director, board_members):
    """A closed deadly-force case's review, names replaced, published in a batch to the public and Council."""
    case = closed_case(
        make_user(Role.INTAKE, username="ines"), director, make_user(Role.INVESTIGATOR, username="ivan"), board_members
    )
    with _at(DAY_AFTER):
        review = review_drafted(case, director)
        review = closed_case_review_redact(actor=director, review=review, reason="Names replaced")
        closed_case_review_batch_publish(
            actor=director,
            reviews=[review],
            title="Closed-case reviews, spring 2026",
            published_on=DAY_AFTER.date(),
            council_email="council@portland.invalid",
            reason="Periodic publication",
        )
    review.refresh_from_db()
    return review


def _arrange():
    director = make_user(Role.DIRECTOR, username="dana")
    board = [make_board_user(name) for name in ("ana", "ben", "cy")]
    liaison = make_user(Role.LIAISON, username="lee")
    version = _documents(director)
    recommendation = _recommendation(director, board[0], liaison)
    review = _closed_case_review(director, board)
    with _at(NOW - datetime.timedelta(days=3)):
        sentinel_review = review_with_report(director)
        sentinel.sentinel_report_publish(actor=director, review=sentinel_review, reason="Report adopted")
        meeting = noticed(
            director,
            kind="annual_report_presentation",
            title="Annual report 2026",
            starts_at=NOW + datetime.timedelta(days=14),
        )
        agenda_item_add(actor=director, meeting=meeting, title="Presentation of the annual report", reason="Agenda")
        settled(director, "3:26-cv-00101", "150000.00")
        settled(director, "3:26-cv-00102", "42500.50", resolved_on=datetime.date(2026, 9, 1))
    slug = version.document.slug
    listed = f"a[href$='/recommendations/{recommendation.pk}/']"
    return [
        ("take part", "/participate/", f"a[href$='/documents/{slug}/v{version.number}/']"),
        ("documents", "/participate/documents/", "#current-text, main table, main ul"),
        ("a document", f"/participate/documents/{slug}/", "#open-notice"),
        ("a version open for comment", f"/participate/documents/{slug}/v{version.number}/", "#comment-list"),
        ("the changes", f"/participate/documents/{slug}/compare/1/2/", "main"),
        ("the comment form", f"/participate/comment/document-version/{version.pk}/", "textarea[name=body]"),
        ("recommendations", "/participate/recommendations/", listed),
        ("rejected recommendations", "/participate/recommendations/?answer=rejected", listed),
        ("a recommendation", f"/participate/recommendations/{recommendation.pk}/", "#recommendation-answer"),
        ("sentinel reviews", "/participate/sentinel-reviews/", f"a[href$='/sentinel-reviews/{sentinel_review.pk}/']"),
        ("a sentinel review", f"/participate/sentinel-reviews/{sentinel_review.pk}/", "#comments"),
        ("closed-case reviews", "/participate/closed-case-reviews/", f"a[href$='/closed-case-reviews/{review.pk}/']"),
        ("a closed-case review", f"/participate/closed-case-reviews/{review.pk}/", "main h1"),
        ("a publication", f"/participate/closed-case-reviews/publications/{review.batch_id}/", "main h1"),
        ("meetings", "/participate/meetings/", f"a[href$='/meetings/{meeting.pk}/']"),
        ("a meeting", f"/participate/meetings/{meeting.pk}/", "#comments"),
        ("civil suits", "/participate/civil-suits/", "main table"),
    ]


def test_every_public_page_of_issue_10_is_accessible_in_every_language(page, live_server):
    with time_machine.travel(NOW, tick=True):
        pages = _arrange()
        comment_form = next(path for what, path, _content in pages if what == "the comment form")
        found = []
        for language in LANGUAGES:
            page.context.clear_cookies()
            page.goto(f"{live_server.url}/")
            page.locator(f'.site-languages button[value="{language}"]').click()
            expect(page.locator("html")).to_have_attribute("lang", language)
            for what, path, content in pages:
                response = page.goto(f"{live_server.url}{path}")
                assert response.status == 200, f"{what} ({path}) in {language}: {response.status}"
                assert page.locator("html").get_attribute("lang") == language, f"{what} in {language}"
                expect(page.locator(content).first).to_be_visible()
                violations = axe_violations(page)
                if violations:
                    found.append(f"{what} ({path}) in {language}:\n{format_violations(violations)}")
            # The comment form sent empty: the error summary and the field's error, still accessible.
            page.goto(f"{live_server.url}{comment_form}")
            page.locator("form[action*='/participate/comment/'] button[type=submit]").click()
            expect(page.locator("#error-summary")).to_be_visible()
            assert page.locator("html").get_attribute("lang") == language, f"comment form with errors in {language}"
            violations = axe_violations(page)
            if violations:
                found.append(f"the comment form with errors in {language}:\n{format_violations(violations)}")
        assert not found, "\n\n".join(found)
