"""Sentinel event review pages (issue 10 part D): the Director's forms, the Board's reading, the public
list and page with the comment section, the report PDF, and lists in a constant number of queries."""

import subprocess

import pytest
import time_machine

from oversight.governance import sentinel
from oversight.governance.models import SentinelReview

from .arrange_sentinel import NOW, review_in_progress, review_open, review_with_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _published(director):
    review = review_with_report(director)
    sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    return review


def test_the_director_opens_a_review_from_the_list_page(client, director):
    client.force_login(director)
    response = client.post(
        "/board/sentinel-reviews/open/",
        {
            "open-title": "Shooting at a traffic stop",
            "open-event_summary": "An officer fired at a driver during a stop.",
            "open-scope": "Training and dispatch.",
            "open-opened_on": "2026-11-01",
            "open-reason": "Board vote",
        },
    )
    review = SentinelReview.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/board/sentinel-reviews/{review.pk}/"
    assert review.history.latest().history_user == director


def test_a_board_member_reads_the_review_but_sees_no_form(client, director, board_members):
    review = review_in_progress(director)
    client.force_login(board_members[0])
    page = client.get(f"/board/sentinel-reviews/{review.pk}/").content.decode()
    assert "Pat Quinn" in page and "Interviews done" in page
    assert "/participants/" not in page and "csrf" not in page.lower().split("<main")[-1]


def test_the_director_adds_a_participant_through_the_page(client, director):
    review = review_open(director)
    client.force_login(director)
    client.post(
        f"/board/sentinel-reviews/{review.pk}/participants/",
        {"participant-kind": "judicial_branch", "participant-name": "Judge Rye", "participant-reason": "Agreed"},
    )
    assert review.participants.get().kind == "judicial_branch"


def test_the_public_page_shows_the_review_its_recommendations_and_the_comment_form(client, director):
    review = _published(director)
    page = client.get(f"/participate/sentinel-reviews/{review.pk}/").content.decode()
    assert review.title in page and "Pat Quinn" in page
    assert "Lee Member" not in page  # members of the public who take part are not named publicly
    assert f"/participate/comment/sentinel/{review.pk}/" in page
    assert f"/participate/sentinel-reviews/{review.pk}/report.pdf" in page
    for recommendation in review.recommendations.all():  # drafts: named, not yet linked to a public page
        assert recommendation.title in page
        assert f'href="/participate/recommendations/{recommendation.pk}/"' not in page


def test_an_adopted_recommendation_is_linked_from_the_review_and_links_back(client, director, board_members):
    from oversight.governance.recommendations import recommendation_adopt

    review = _published(director)
    recommendation = review.recommendations.order_by("pk").first()
    recommendation_adopt(
        actor=director,
        recommendation=recommendation,
        vote_on=NOW.date(),
        votes_yes=len(board_members),
        votes_no=0,
        votes_abstain=0,
        reason="Board meeting",
    )
    page = client.get(f"/participate/sentinel-reviews/{review.pk}/").content.decode()
    assert f'href="/participate/recommendations/{recommendation.pk}/"' in page
    back = client.get(f"/participate/recommendations/{recommendation.pk}/").content.decode()
    assert f"/participate/sentinel-reviews/{review.pk}/" in back


def test_the_public_report_pdf_is_served_before_and_after_it_is_stored(client, director):
    review = _published(director)
    first = client.get(f"/participate/sentinel-reviews/{review.pk}/report.pdf")
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    sentinel.sentinel_report_render(review_id=review.pk)
    stored = client.get(f"/participate/sentinel-reviews/{review.pk}/report.pdf")
    text = subprocess.run(["pdftotext", "-", "-"], input=stored.content, capture_output=True, check=True).stdout
    assert b"Record each hand-over" in text


def test_an_unpublished_report_has_no_pdf(client, director):
    review = review_in_progress(director)
    assert client.get(f"/participate/sentinel-reviews/{review.pk}/report.pdf").status_code == 404


def test_the_public_list_filters_by_status(client, director):
    open_one = review_open(director, "Open review")
    started = review_in_progress(director, "Started review")
    page = client.get("/participate/sentinel-reviews/?status=in_progress").content.decode()
    assert started.title in page and open_one.title not in page


def test_the_public_list_takes_a_constant_number_of_queries(client, director, django_assert_max_num_queries):
    for n in range(4):
        review_in_progress(director, f"Review {n}")
    with django_assert_max_num_queries(6):
        assert client.get("/participate/sentinel-reviews/").status_code == 200


def test_the_staff_list_takes_a_constant_number_of_queries(client, director, django_assert_max_num_queries):
    for n in range(4):
        review_in_progress(director, f"Review {n}")
    client.force_login(director)
    with django_assert_max_num_queries(14):
        assert client.get("/board/sentinel-reviews/").status_code == 200


def test_the_public_page_takes_a_constant_number_of_queries(client, director, django_assert_max_num_queries):
    review = _published(director)
    with django_assert_max_num_queries(12):
        assert client.get(f"/participate/sentinel-reviews/{review.pk}/").status_code == 200


def test_the_director_sees_the_forms_for_each_stage(client, director):
    review = review_in_progress(director)
    client.force_login(director)
    page = client.get(f"/board/sentinel-reviews/{review.pk}/").content.decode()
    for action in ("participants/", "milestones/", "report/", "report/items/", "report/publish/"):
        assert f'action="/board/sentinel-reviews/{review.pk}/{action}"' in page
    sentinel.sentinel_report_save(actor=director, review=review, report_text="Text", reason="Draft")
    sentinel.sentinel_report_item_add(actor=director, review=review, title="One", body="Do it", reason="Draft")
    client.post(f"/board/sentinel-reviews/{review.pk}/report/publish/", {"publish-reason": "Board adopted"})
    page = client.get(f"/board/sentinel-reviews/{review.pk}/").content.decode()
    recommendation = review.recommendations.get()
    assert f'href="/board/recommendations/{recommendation.pk}/"' in page
    assert f'action="/board/sentinel-reviews/{review.pk}/close/"' in page
