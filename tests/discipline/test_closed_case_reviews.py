"""Reviews of closed deadly-force cases (R4.5, 35A.050 H; issue 10 section 6): eligible only when closed
in the law's sense, a write-up that names no one, published in batches to the public and City Council."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.appeals import appeal_file
from discipline.closed_case_reviews import (
    closed_case_review_batch_publish,
    closed_case_review_leaks,
    closed_case_review_open,
    closed_case_review_redact,
    closed_case_review_refusals,
    review_pseudonyms,
)
from discipline.models import ClosedCaseReview, ClosedCaseReviewBatch
from oversight.notices.models import Notice

from .arrange_closed_reviews import DAY_AFTER, LAST_DAY, closed_case, review_drafted

pytestmark = pytest.mark.django_db

PUBLISHED_ON = DAY_AFTER.date()


@pytest.fixture
def case(intake_user, director, investigator, board_members):
    return closed_case(intake_user, director, investigator, board_members)


def _publish(director, reviews):
    return closed_case_review_batch_publish(
        actor=director,
        reviews=reviews,
        title="Reviews, spring 2026",
        published_on=PUBLISHED_ON,
        council_email="clerk@council.invalid",
        council_reference="Council item 123",
        reason="Periodic publication",
    )


def test_a_closed_deadly_force_case_is_eligible_once_its_appeal_window_has_passed(case, director):
    assert case.status == "closed"
    assert closed_case_review_refusals(case, now=LAST_DAY)
    assert closed_case_review_refusals(case, now=DAY_AFTER) == []


def test_a_review_is_refused_while_appeal_rights_are_not_exhausted(case, director):
    with time_machine.travel(LAST_DAY, tick=False), pytest.raises(ValidationError) as refused:
        closed_case_review_open(actor=director, case=case, title="Too early", reason="Due")
    assert "grievance and appeal right" in " ".join(refused.value.messages)
    assert not ClosedCaseReview.objects.exists()


def test_an_open_appeal_makes_the_case_ineligible(case, director):
    with time_machine.travel(LAST_DAY, tick=False):
        appeal_file(
            case=case, allegation=case.allegations.first(), complaint=case.complaints.get(), grounds="No.", actor=None
        )
    case.refresh_from_db()
    with time_machine.travel(DAY_AFTER, tick=False), pytest.raises(ValidationError):
        closed_case_review_open(actor=director, case=case, title="Appealed", reason="Due")


def test_a_case_that_is_not_about_deadly_force_is_refused(intake_user, director, investigator, board_members):
    case = closed_case(intake_user, director, investigator, board_members, deadly=False)
    with time_machine.travel(DAY_AFTER, tick=False), pytest.raises(ValidationError) as refused:
        closed_case_review_open(actor=director, case=case, title="Courtesy", reason="Due")
    assert "deadly force" in " ".join(refused.value.messages)


def test_only_the_director_opens_a_review(case, board_members, investigator):
    with time_machine.travel(DAY_AFTER, tick=False):
        for user in (board_members[0], investigator):
            with pytest.raises(PermissionDenied):
                closed_case_review_open(actor=user, case=case, title="Review", reason="Due")


def test_opening_twice_returns_the_same_review_with_its_history(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        first = closed_case_review_open(actor=director, case=case, title="Review", reason="Due")
        again = closed_case_review_open(actor=director, case=case, title="Review", reason="Due")
    assert first == again and first.status == "draft"
    row = first.history.get()
    assert row.history_user == director and row.history_change_reason == "Due"


def test_each_person_keeps_one_letter_throughout_the_review_and_people_differ(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = review_drafted(case, director)
    names = review_pseudonyms(review)
    assert [p for _kind, _key, p in names.people()] == [
        "Employee A",
        "Employee B",
        "Community Member A",
        "Community Member B",
    ]
    assert review_pseudonyms(review).people() == names.people()  # stable: built the same way every time


def test_publishing_is_refused_while_a_mapped_name_remains(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = review_drafted(case, director)
        with pytest.raises(ValidationError) as refused:
            _publish(director, [review])
    message = " ".join(refused.value.messages)
    assert "Blake" in message and "Maria Alvarez" in message
    review.refresh_from_db()
    assert review.status == "draft" and not ClosedCaseReviewBatch.objects.exists()
    assert not Notice.objects.filter(recipient_address="clerk@council.invalid").exists()


def test_redacting_replaces_every_name_with_the_same_pseudonym_each_time(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = review_drafted(case, director)
        review = closed_case_review_redact(actor=director, review=review, reason="Names out")
    assert review.summary == (
        "Officer Employee A and officer Employee B stopped Community Member A. Employee A fired once; "
        "Employee B called for medical aid. Community Member B saw it. Later Employee A wrote the report."
    )
    assert review.findings == "Employee A followed policy; Employee B did not report promptly."
    assert closed_case_review_leaks(review) == {}
    assert review.history.latest().history_change_reason == "Names out"


def test_a_batch_publishes_to_the_public_and_sends_council_a_logged_notice(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = review_drafted(case, director)
        review = closed_case_review_redact(actor=director, review=review, reason="Names out")
        batch = _publish(director, [review])
    review.refresh_from_db()
    assert review.status == "published" and review.batch == batch and review.published_at == DAY_AFTER
    assert batch.published_on == PUBLISHED_ON and batch.council_reference == "Council item 123"
    notice = Notice.objects.get(recipient_address="clerk@council.invalid")
    assert notice.channel == "email" and notice.about == batch
    assert f"/participate/closed-case-reviews/publications/{batch.pk}/" in notice.body
    assert review.history.latest().history_user == director


def test_a_published_review_is_not_published_again_nor_edited(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = closed_case_review_redact(actor=director, review=review_drafted(case, director), reason="Names out")
        _publish(director, [review])
        with pytest.raises(ValidationError):
            closed_case_review_batch_publish(
                actor=director,
                reviews=[review],
                title="Another publication",
                published_on=PUBLISHED_ON,
                council_email="clerk@council.invalid",
                reason="Again",
            )
        with pytest.raises(ValidationError):
            closed_case_review_redact(actor=director, review=review, reason="Again")
    assert ClosedCaseReviewBatch.objects.count() == 1


def test_the_same_publication_asked_twice_returns_the_batch_and_tells_council_once(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = closed_case_review_redact(actor=director, review=review_drafted(case, director), reason="Names out")
        first = _publish(director, [review])
        again = _publish(director, [review])
    assert again == first and ClosedCaseReviewBatch.objects.count() == 1
    assert Notice.objects.filter(recipient_address="clerk@council.invalid").count() == 1


@pytest.mark.parametrize("field", ["title", "council_reference"])
def test_a_publication_whose_own_title_or_reference_names_someone_is_refused(case, director, field):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = closed_case_review_redact(actor=director, review=review_drafted(case, director), reason="Names out")
        texts = {"title": "Reviews, spring 2026", "council_reference": "Council item 123"}
        texts[field] = "The Blake shooting"
        with pytest.raises(ValidationError) as refused:
            closed_case_review_batch_publish(
                actor=director,
                reviews=[review],
                published_on=PUBLISHED_ON,
                council_email="clerk@council.invalid",
                reason="Periodic publication",
                **texts,
            )
    assert "Blake" in " ".join(refused.value.messages)
    review.refresh_from_db()
    assert review.status == "draft" and not ClosedCaseReviewBatch.objects.exists()


def test_the_publication_date_cannot_be_in_the_future(case, director):
    with time_machine.travel(DAY_AFTER, tick=False):
        review = closed_case_review_redact(actor=director, review=review_drafted(case, director), reason="Names out")
        with pytest.raises(ValidationError):
            closed_case_review_batch_publish(
                actor=director,
                reviews=[review],
                title="Later",
                published_on=PUBLISHED_ON + datetime.timedelta(days=1),
                council_email="clerk@council.invalid",
                reason="Periodic",
            )
