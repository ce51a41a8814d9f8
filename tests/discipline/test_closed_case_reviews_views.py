"""Closed-case review pages (issue 10 part D): the Director's pages, the public's list, publication and
review pages and PDF, which name no one, and lists in a constant number of queries."""

import subprocess

import pytest
import time_machine

from discipline.closed_case_reviews import closed_case_review_batch_publish, closed_case_review_redact
from discipline.models import ClosedCaseReview

from .arrange_closed_reviews import COMPLAINANT, DAY_AFTER, OFFICERS, WITNESS, closed_case, review_drafted

pytestmark = pytest.mark.django_db

EVERY_NAME = [COMPLAINANT, WITNESS, *COMPLAINANT.split(), *WITNESS.split()] + [
    part for first, last in OFFICERS for part in (first, last, f"{first} {last}")
]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(DAY_AFTER, tick=False):
        yield


@pytest.fixture
def case(intake_user, director, investigator, board_members):
    return closed_case(intake_user, director, investigator, board_members)


def _published(case, director):
    review = closed_case_review_redact(actor=director, review=review_drafted(case, director), reason="Names out")
    batch = closed_case_review_batch_publish(
        actor=director,
        reviews=[review],
        title="Reviews, spring 2026",
        published_on=DAY_AFTER.date(),
        council_email="clerk@council.invalid",
        reason="Periodic publication",
    )
    review.refresh_from_db()
    return review, batch


def _text(html):
    return html.casefold()


def test_the_director_opens_a_review_by_case_number(client, case, director):
    client.force_login(director)
    response = client.post(
        "/board/closed-case-reviews/open/",
        {"open-case_number": case.number, "open-title": "Shooting at a stop", "open-reason": "Due"},
    )
    review = ClosedCaseReview.objects.get()
    assert response["Location"] == f"/board/closed-case-reviews/{review.pk}/"


def test_the_draft_page_lists_the_names_that_stop_publication(client, case, director):
    review = review_drafted(case, director)
    client.force_login(director)
    page = client.get(f"/board/closed-case-reviews/{review.pk}/").content.decode()
    assert 'id="leaks"' in page and "Maria Alvarez" in page
    assert "Employee A" in page and "Community Member B" in page


def test_publishing_through_the_page_is_refused_while_a_name_remains(client, case, director):
    review = review_drafted(case, director)
    client.force_login(director)
    client.post(
        "/board/closed-case-reviews/publish/",
        {
            "publish-reviews": [review.pk],
            "publish-title": "Reviews",
            "publish-published_on": DAY_AFTER.date().isoformat(),
            "publish-council_email": "clerk@council.invalid",
            "publish-reason": "Periodic",
        },
    )
    review.refresh_from_db()
    assert review.status == "draft"


def test_the_published_html_and_pdf_name_no_one(client, case, director):
    review, batch = _published(case, director)
    pages = [
        client.get("/participate/closed-case-reviews/").content.decode(),
        client.get(f"/participate/closed-case-reviews/{review.pk}/").content.decode(),
        client.get(f"/participate/closed-case-reviews/publications/{batch.pk}/").content.decode(),
    ]
    pdf = client.get(f"/participate/closed-case-reviews/{review.pk}/review.pdf").content
    pdf_text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert "Employee A fired once" in pages[1] and "Employee A fired once" in " ".join(pdf_text.split())
    for text in [*pages, pdf_text]:
        for name in EVERY_NAME:
            assert name.casefold() not in _text(text), name


def test_a_draft_is_never_on_the_public_site(client, case, director):
    review = review_drafted(case, director)
    assert client.get(f"/participate/closed-case-reviews/{review.pk}/").status_code == 404
    assert review.title not in client.get("/participate/closed-case-reviews/").content.decode()


def test_the_public_list_takes_a_constant_number_of_queries(
    client, intake_user, director, investigator, board_members, django_assert_max_num_queries
):
    case = closed_case(intake_user, director, investigator, board_members)
    _published(case, director)
    with django_assert_max_num_queries(6):
        assert client.get("/participate/closed-case-reviews/").status_code == 200


def test_the_staff_list_takes_a_constant_number_of_queries(client, case, director, django_assert_max_num_queries):
    review_drafted(case, director)
    client.force_login(director)
    with django_assert_max_num_queries(16):
        assert client.get("/board/closed-case-reviews/").status_code == 200


def test_the_director_replaces_the_names_and_reads_the_published_review(client, case, director):
    review = review_drafted(case, director)
    client.force_login(director)
    client.post(f"/board/closed-case-reviews/{review.pk}/redact/", {"redact-reason": "Names out"})
    page = client.get(f"/board/closed-case-reviews/{review.pk}/").content.decode()
    assert 'id="no-leaks"' in page
    client.post(
        "/board/closed-case-reviews/publish/",
        {
            "publish-reviews": [review.pk],
            "publish-title": "Reviews",
            "publish-published_on": DAY_AFTER.date().isoformat(),
            "publish-council_email": "clerk@council.invalid",
            "publish-reason": "Periodic",
        },
    )
    review.refresh_from_db()
    assert review.status == "published"
    page = client.get(f"/board/closed-case-reviews/{review.pk}/").content.decode()
    assert "Employee A fired once" in page and "edit-summary" not in page
