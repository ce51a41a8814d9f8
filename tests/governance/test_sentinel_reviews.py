"""Sentinel event reviews (R4.3, issue 10 section 4): participants by kind, milestones, public comment
throughout, a final report whose recommendations become policy recommendations, linked both ways."""

import datetime
import subprocess

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.governance import sentinel
from oversight.governance.comments import comment_item_is_open
from oversight.governance.models import PolicyRecommendation, SentinelMilestone, SentinelReview

from .arrange_sentinel import NOW, review_in_progress, review_open, review_with_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_review_opens_in_scoping_with_the_directors_name_and_reason_in_its_history(director):
    review = review_open(director)
    assert review.status == "scoping" and review.created_by == director
    row = review.history.latest()
    assert row.history_user == director and row.history_change_reason == "Board vote to review"


def test_only_the_director_records_a_review(board_members, investigator):
    for user in (board_members[0], investigator):
        with pytest.raises(PermissionDenied):
            review_open(user)
    assert not SentinelReview.objects.exists()


def test_participants_are_kept_by_kind_with_name_and_organisation(director):
    review = review_in_progress(director)
    rows = {(p.kind, p.name, p.organisation) for p in review.participants.all()}
    assert rows == {("law_enforcement", "Pat Quinn", "PPB"), ("public", "Lee Member", "")}


def test_a_double_submit_adds_one_participant_one_milestone_and_one_report_item(director):
    review = review_in_progress(director)
    before = (review.participants.count(), review.milestones.count(), review.report_items.count())
    for _twice in range(2):
        sentinel.sentinel_participant_add(
            actor=director, review=review, kind="public", name="Ana Ortiz", organisation="", reason="Joined"
        )
        sentinel.sentinel_milestone_add(
            actor=director, review=review, title="Draft", due_on=datetime.date(2026, 12, 1), reason="Plan"
        )
        sentinel.sentinel_report_item_add(actor=director, review=review, title="Train", body="Train all.", reason="R")
    after = (review.participants.count(), review.milestones.count(), review.report_items.count())
    assert after == (before[0] + 1, before[1] + 1, before[2] + 1)


def test_a_milestone_is_done_on_a_day_and_never_in_the_future(director):
    review = review_in_progress(director)
    milestone = review.milestones.get()
    with pytest.raises(ValidationError):
        sentinel.sentinel_milestone_done(
            actor=director, milestone=milestone, done_on=datetime.date(2026, 11, 3), reason="Done"
        )
    sentinel.sentinel_milestone_done(
        actor=director, milestone=milestone, done_on=datetime.date(2026, 11, 2), reason="Done"
    )
    milestone = SentinelMilestone.objects.get(pk=milestone.pk)
    assert milestone.done_on == datetime.date(2026, 11, 2)
    assert milestone.history.latest().history_change_reason == "Done"


def test_a_review_cannot_skip_from_scoping_to_closed(director):
    review = review_open(director)
    with pytest.raises(ValidationError):
        sentinel.sentinel_review_close(actor=director, review=review, reason="Skip")
    review.refresh_from_db()
    assert review.status == "scoping"


def test_the_report_is_not_published_without_text_and_recommendations(director):
    review = review_in_progress(director)
    with pytest.raises(ValidationError) as refused:
        sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    assert set(refused.value.message_dict) == {"report_text", "items"}
    review.refresh_from_db()
    assert review.status == "in_progress" and not review.recommendations.exists()


def test_publishing_the_report_drafts_one_linked_policy_recommendation_per_report_recommendation(
    director, django_capture_on_commit_callbacks
):
    review = review_with_report(director)
    with django_capture_on_commit_callbacks() as callbacks:
        sentinel.sentinel_report_publish(actor=director, review=review, reason="Board adopted the report")
    review.refresh_from_db()
    assert review.status == "report_published" and review.report_published_at == NOW
    recommendations = list(review.recommendations.order_by("pk"))
    assert [r.title for r in recommendations] == ["Screen every person at booking", "Record each hand-over"]
    assert all(r.sentinel_review == review and r.origin == "sentinel_review" for r in recommendations)
    assert all(r.status == "draft" for r in recommendations)
    assert review.history.latest().history_change_reason == "Board adopted the report"
    assert len(callbacks) == 1  # the PDF is rendered after the commit, not inside it


def test_publishing_twice_drafts_the_recommendations_once(director):
    review = review_with_report(director)
    sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    assert PolicyRecommendation.objects.filter(sentinel_review=review).count() == 2


def test_the_rendered_report_pdf_holds_the_report_and_its_recommendations(director):
    review = review_with_report(director)
    sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    sentinel.sentinel_report_render(review_id=review.pk)
    review.refresh_from_db()
    assert review.report_rendered_at == NOW
    with review.report_pdf.open("rb") as stored:
        text = subprocess.run(["pdftotext", "-", "-"], input=stored.read(), capture_output=True, check=True).stdout
    text = text.decode()
    assert "The hand-over lacked a medical check." in text and "Screen every person at booking" in text
    assert "Lee Member" not in text  # members of the public are not named


def test_public_comment_is_open_throughout_and_closes_with_the_review(director):
    review = review_with_report(director)
    assert comment_item_is_open(review)
    sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    review.refresh_from_db()
    assert comment_item_is_open(review)
    sentinel.sentinel_review_close(actor=director, review=review, reason="Done")
    review.refresh_from_db()
    assert review.status == "closed" and not comment_item_is_open(review)


def test_a_published_review_takes_no_new_participant(director):
    review = review_with_report(director)
    sentinel.sentinel_report_publish(actor=director, review=review, reason="Publish")
    with pytest.raises(ValidationError):
        sentinel.sentinel_participant_add(actor=director, review=review, kind="forensics", name="Dr X", reason="Late")


def test_a_milestone_past_due_shows_on_the_directors_home(director):
    from oversight.governance.sentinel import director_sentinel_milestones_part

    review = review_in_progress(director)
    assert director_sentinel_milestones_part(user=director, now=NOW) is None
    later = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=NOW.tzinfo)
    found = director_sentinel_milestones_part(user=director, now=later)
    assert found["count"] == 1 and found["rows"][0]["url"] == f"/board/sentinel-reviews/{review.pk}/"
    sentinel.sentinel_milestone_done(
        actor=director, milestone=review.milestones.get(), done_on=datetime.date(2026, 11, 2), reason="Done"
    )
    assert director_sentinel_milestones_part(user=director, now=later) is None
