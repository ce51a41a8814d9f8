"""Policy recommendations (R4.1, issue 10 part C): every move of the status, and every refusal."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import PolicyRecommendation, RecommendationUpdate
from oversight.governance.recommendations import (
    recommendation_adopt,
    recommendation_answer,
    recommendation_council_decide,
    recommendation_council_request,
    recommendation_draft,
    recommendation_implementation_update,
    recommendation_send,
)
from oversight.governance.services import subcommittee_dissolve, subcommittee_form
from oversight.notices.models import Notice
from tests.conftest import make_user
from tests.governance.arrange_recommendations import VOTE_ON, adopted, answered, council_requested, draft, sent

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 12, 10, 0, tzinfo=PACIFIC)
TODAY = date(2026, 3, 12)
Status = PolicyRecommendation.Status


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _vote(**extra):
    return {"vote_on": VOTE_ON, "votes_yes": 3, "votes_no": 0, "votes_abstain": 0, "reason": "Meeting", **extra}


def _last_history(recommendation):
    return recommendation.history.order_by("-history_date", "-history_id").first()


# Drafting.


def test_a_board_member_drafts_a_recommendation_of_the_full_board(board_members):
    recommendation = draft(board_members[0])
    assert recommendation.status == Status.DRAFT
    assert recommendation.origin == PolicyRecommendation.Origin.BOARD
    history = _last_history(recommendation)
    assert (history.history_user, history.history_change_reason) == (
        board_members[0],
        "Board meeting of 2 March, item 4",
    )


def test_a_draft_names_the_sub_committee_that_drafted_it(director, board_members):
    policy = subcommittee_form(
        actor=director, name="Policy", purpose="Drafts", formed_on=date(2026, 1, 5), members=board_members, reason="r"
    )
    recommendation = draft(director, subcommittee=policy)
    assert recommendation.origin == PolicyRecommendation.Origin.SUBCOMMITTEE
    assert recommendation.subcommittee == policy


def test_a_dissolved_sub_committee_cannot_draft(director, board_members):
    policy = subcommittee_form(
        actor=director, name="Policy", purpose="Drafts", formed_on=date(2026, 1, 5), members=board_members, reason="r"
    )
    subcommittee_dissolve(actor=director, subcommittee=policy, dissolved_on=date(2026, 2, 1), reason="Done")
    with pytest.raises(ValidationError) as refused:
        draft(director, subcommittee=policy)
    assert "subcommittee" in refused.value.message_dict


def test_the_same_draft_twice_is_recorded_once(director):
    assert draft(director) == draft(director)
    assert PolicyRecommendation.objects.count() == 1


def test_a_draft_needs_its_text_rationale_and_reason(director):
    with pytest.raises(ValidationError) as refused:
        recommendation_draft(actor=director, title="T", text=" ", rationale="", reason="")
    assert set(refused.value.message_dict) == {"text", "rationale", "reason"}


def test_a_liaison_cannot_draft(liaison):
    with pytest.raises(PermissionDenied):
        draft(liaison)


# Adoption by a Board vote.


def test_a_board_vote_that_meets_the_threshold_adopts_the_draft(director, board_members):
    recommendation = recommendation_adopt(actor=director, recommendation=draft(board_members[0]), **_vote())
    assert recommendation.status == Status.ADOPTED
    assert (recommendation.vote_on, recommendation.votes_yes, recommendation.seated_members) == (VOTE_ON, 3, 3)
    assert _last_history(recommendation).history_user == director


def test_a_vote_below_the_threshold_does_not_adopt(director, board_members):
    recommendation = draft(director)
    with pytest.raises(ValidationError) as refused:
        recommendation_adopt(actor=director, recommendation=recommendation, **_vote(votes_yes=1, votes_no=2))
    assert "votes_yes" in refused.value.message_dict
    recommendation.refresh_from_db()
    assert recommendation.status == Status.DRAFT


def test_a_vote_without_quorum_does_not_adopt(director, board_members):
    with pytest.raises(ValidationError) as refused:
        recommendation_adopt(actor=director, recommendation=draft(director), **_vote(votes_yes=1))
    assert "No quorum" in refused.value.message_dict["votes_yes"][0]


def test_a_vote_in_the_future_does_not_adopt(director, board_members):
    with pytest.raises(ValidationError) as refused:
        recommendation_adopt(actor=director, recommendation=draft(director), **_vote(vote_on=date(2026, 3, 13)))
    assert "vote_on" in refused.value.message_dict


def test_recording_the_same_adoption_twice_changes_nothing(director, board_members):
    recommendation = adopted(director)
    again = recommendation_adopt(actor=director, recommendation=recommendation, **_vote())
    assert again.status == Status.ADOPTED
    assert recommendation.history.count() == 2


def test_only_the_director_records_the_boards_vote(director, board_members):
    with pytest.raises(PermissionDenied):
        recommendation_adopt(actor=board_members[0], recommendation=draft(director), **_vote())


# Sending to PPB.


def test_a_draft_cannot_be_sent_to_ppb(director):
    with pytest.raises(ValidationError):
        recommendation_send(actor=director, recommendation=draft(director), reason="Send")


def test_sending_freezes_the_days_and_tells_each_ppb_liaison(director, board_members, liaison, settings):
    settings.RECOMMENDATION_RESPONSE_DAYS = 45
    other_liaison = make_user(Role.LIAISON, username="liaison2")
    recommendation = sent(director)
    assert (recommendation.status, recommendation.response_days) == (Status.SENT_TO_PPB, 45)
    told = set(Notice.objects.filter(subject__contains="for PPB's answer").values_list("recipient_user", flat=True))
    assert told == {liaison.pk, other_liaison.pk}


def test_sending_twice_sends_once(director, board_members, liaison):
    recommendation = sent(director)
    recommendation_send(actor=director, recommendation=recommendation, reason="Again")
    assert Notice.objects.filter(recipient_user=liaison).count() == 1


# PPB's answer.


def test_the_liaison_answers_and_each_director_is_told(director, board_members, liaison):
    recommendation = recommendation_answer(
        actor=liaison, recommendation=sent(director), answer="modified", explanation="We adopt it for patrol only."
    )
    assert (recommendation.status, recommendation.answer, recommendation.answered_by) == (
        Status.ANSWERED,
        "modified",
        liaison,
    )
    assert _last_history(recommendation).history_user == liaison
    assert Notice.objects.filter(recipient_user=director, subject__contains="PPB answered").exists()


def test_an_answer_needs_an_explanation(director, board_members, liaison):
    with pytest.raises(ValidationError) as refused:
        recommendation_answer(actor=liaison, recommendation=sent(director), answer="accepted", explanation=" ")
    assert "explanation" in refused.value.message_dict


def test_an_answer_must_be_accepted_rejected_or_modified(director, board_members, liaison):
    with pytest.raises(ValidationError) as refused:
        recommendation_answer(actor=liaison, recommendation=sent(director), answer="maybe", explanation="x")
    assert "answer" in refused.value.message_dict


def test_a_recommendation_not_sent_cannot_be_answered(director, board_members, liaison):
    with pytest.raises(ValidationError):
        recommendation_answer(actor=liaison, recommendation=adopted(director), answer="accepted", explanation="x")


def test_only_a_ppb_liaison_answers(director, board_members):
    with pytest.raises(PermissionDenied):
        recommendation_answer(actor=director, recommendation=sent(director), answer="accepted", explanation="x")


def test_the_same_answer_twice_is_recorded_once(director, board_members, liaison):
    recommendation = answered(director, liaison)
    again = recommendation_answer(
        actor=liaison,
        recommendation=recommendation,
        answer="accepted",
        explanation="PPB will change directive 630.50 accordingly.",
    )
    assert again.status == Status.ANSWERED
    assert recommendation.history.filter(status=Status.ANSWERED).count() == 1


def test_a_different_second_answer_is_refused(director, board_members, liaison):
    recommendation = answered(director, liaison)
    with pytest.raises(ValidationError):
        recommendation_answer(actor=liaison, recommendation=recommendation, answer="rejected", explanation="No")


# City Council.


def test_the_board_asks_council_to_vote_on_a_rejected_recommendation(director, board_members, liaison):
    recommendation = council_requested(director, liaison)
    assert recommendation.status == Status.COUNCIL_REQUESTED
    assert (recommendation.council_request_vote_on, recommendation.council_request_seated_members) == (TODAY, 3)


def test_an_accepted_recommendation_does_not_go_to_council(director, board_members, liaison):
    recommendation = answered(director, liaison, answer="accepted")
    with pytest.raises(ValidationError):
        recommendation_council_request(actor=director, recommendation=recommendation, **_vote(vote_on=TODAY))


def test_the_request_to_council_needs_a_board_vote_that_adopts(director, board_members, liaison):
    recommendation = answered(director, liaison, answer="rejected")
    with pytest.raises(ValidationError) as refused:
        recommendation_council_request(
            actor=director, recommendation=recommendation, **_vote(vote_on=TODAY, votes_yes=1, votes_no=2)
        )
    assert "votes_yes" in refused.value.message_dict


def test_the_request_to_council_cannot_come_before_ppbs_answer(director, board_members, liaison):
    recommendation = answered(director, liaison, answer="rejected")
    with pytest.raises(ValidationError) as refused:
        recommendation_council_request(
            actor=director, recommendation=recommendation, **_vote(vote_on=date(2026, 3, 11))
        )
    assert "vote_on" in refused.value.message_dict


def test_council_siding_with_the_board_binds_ppb_and_tells_the_liaison(director, board_members, liaison):
    recommendation = recommendation_council_decide(
        actor=director,
        recommendation=council_requested(director, liaison),
        outcome="binds_ppb",
        vote_on=TODAY,
        reference="Resolution 37712",
        reason="Council agenda item 210",
    )
    assert recommendation.status == Status.COUNCIL_DECIDED
    assert recommendation.binds_ppb and recommendation.may_be_implemented
    assert (recommendation.council_vote_on, recommendation.council_reference) == (TODAY, "Resolution 37712")
    assert Notice.objects.filter(recipient_user=liaison, subject__contains="binds PPB").exists()
    assert _last_history(recommendation).history_change_reason == "Council agenda item 210"


def test_council_siding_with_ppb_leaves_nothing_to_implement(director, board_members, liaison):
    recommendation = recommendation_council_decide(
        actor=director,
        recommendation=council_requested(director, liaison),
        outcome="sides_with_ppb",
        vote_on=TODAY,
        reference="Resolution 37713",
        reason="Council",
    )
    assert not recommendation.binds_ppb
    with pytest.raises(ValidationError):
        recommendation_implementation_update(
            actor=director, recommendation=recommendation, stage="planned", note="x", update_on=TODAY
        )


def test_councils_vote_needs_its_date_and_reference(director, board_members, liaison):
    with pytest.raises(ValidationError) as refused:
        recommendation_council_decide(
            actor=director,
            recommendation=council_requested(director, liaison),
            outcome="binds_ppb",
            vote_on=None,
            reference="",
            reason="Council",
        )
    assert set(refused.value.message_dict) == {"vote_on", "reference"}


def test_council_cannot_decide_what_was_not_put_to_it(director, board_members, liaison):
    with pytest.raises(ValidationError):
        recommendation_council_decide(
            actor=director,
            recommendation=answered(director, liaison, answer="rejected"),
            outcome="binds_ppb",
            vote_on=TODAY,
            reference="R",
            reason="Council",
        )


# Implementation.


def test_implementation_updates_are_dated_until_done(director, board_members, liaison):
    recommendation = answered(director, liaison)
    recommendation_implementation_update(
        actor=liaison, recommendation=recommendation, stage="planned", note="Directive drafted", update_on=TODAY
    )
    recommendation_implementation_update(
        actor=director, recommendation=recommendation, stage="done", note="Directive in force", update_on=TODAY
    )
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.implementation) == (Status.IMPLEMENTED, "done")
    assert [u.stage for u in recommendation.updates.all()] == ["planned", "done"]
    assert RecommendationUpdate.objects.first().history.first().history_user == liaison


def test_no_update_after_done(director, board_members, liaison):
    recommendation = answered(director, liaison)
    recommendation_implementation_update(
        actor=liaison, recommendation=recommendation, stage="done", note="In force", update_on=TODAY
    )
    with pytest.raises(ValidationError):
        recommendation_implementation_update(
            actor=liaison, recommendation=recommendation, stage="in_progress", note="More", update_on=TODAY
        )


def test_a_rejected_recommendation_has_no_implementation(director, board_members, liaison):
    with pytest.raises(ValidationError):
        recommendation_implementation_update(
            actor=liaison,
            recommendation=answered(director, liaison, answer="rejected"),
            stage="planned",
            note="x",
            update_on=TODAY,
        )


def test_an_update_needs_a_note_a_stage_and_a_past_date(director, board_members, liaison):
    with pytest.raises(ValidationError) as refused:
        recommendation_implementation_update(
            actor=liaison,
            recommendation=answered(director, liaison),
            stage="finished",
            note="",
            update_on=date(2026, 3, 13),
        )
    assert set(refused.value.message_dict) == {"stage", "note", "update_on"}


def test_a_board_member_cannot_record_implementation(director, board_members, liaison):
    with pytest.raises(PermissionDenied):
        recommendation_implementation_update(
            actor=board_members[0],
            recommendation=answered(director, liaison),
            stage="planned",
            note="x",
            update_on=TODAY,
        )


def test_every_state_only_moves_as_the_transitions_allow():
    assert PolicyRecommendation.TRANSITIONS[Status.DRAFT] == {Status.ADOPTED}
    assert PolicyRecommendation.TRANSITIONS[Status.IMPLEMENTED] == set()
    assert set(PolicyRecommendation.TRANSITIONS) == set(Status.values)
