"""A preliminary panel's review of the case-handling decision (issue 9.3): votes, the decision, the
Director's answer, and the panel's page."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from discipline.models import Panel, PreliminaryReview, PreliminaryVote, Vote
from discipline.preliminary import (
    board_preliminary_part,
    director_preliminary_reviews_part,
    preliminary_answer,
    preliminary_decide,
    preliminary_vote_cast,
)
from discipline.seating import panel_convene, seat_recuse
from discipline.services import panel_decide, vote_cast
from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_decide
from oversight.accounts.roles import Role
from oversight.notices.models import Notice
from tests.arrange import case_investigating, case_received

from .arrange_seating import more_members

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 3, 2, 18, 0, tzinfo=datetime.UTC)
# Session, user, roles, the panel and its case, members, votes, seats, the review, complaints, allegations,
# the seating block (rules, seats), hearings, the read log, session save: 18 measured, 19 with hearings.
MAX_QUERIES = 20


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(DAY, tick=False) as traveller:
        yield traveller


def _preliminary(intake_user, director, board_members):
    """A case awaiting its investigation (its decision may still change) before a preliminary panel."""
    case = case_received(intake_user)
    case_decide(case=case, decision="investigate", reason="Community concern", actor=intake_user)
    panel = panel_convene(case=case, kind="preliminary", members=board_members, actor=director, reason="Review")
    return case, panel


def _vote(panel, member, position, reasons=""):
    return preliminary_vote_cast(panel=panel, member=member, position=position, reasons=reasons, actor=member)


def _reconsidered(intake_user, director, board_members):
    case, panel = _preliminary(intake_user, director, board_members)
    _vote(panel, board_members[0], "reconsider", "Mediation would serve the filer better")
    _vote(panel, board_members[1], "reconsider", "The facts are simple")
    return case, panel, preliminary_decide(panel=panel, actor=director)


def _url(panel):
    return reverse("discipline:panel-detail", args=[panel.pk])


# Votes


def test_a_board_member_not_seated_on_the_panel_cannot_vote(intake_user, director, board_members):
    (outsider,) = more_members(1)
    _case, panel = _preliminary(intake_user, director, board_members)
    with pytest.raises(PermissionDenied):
        _vote(panel, outsider, "concur")
    assert not PreliminaryVote.objects.exists()


def test_a_member_casts_only_their_own_vote(intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    with pytest.raises(PermissionDenied):
        preliminary_vote_cast(
            panel=panel, member=board_members[1], position="concur", reasons="", actor=board_members[0]
        )


def test_a_vote_to_reconsider_needs_reasons(intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    with pytest.raises(ValidationError, match="Say why the Director should reconsider"):
        _vote(panel, board_members[0], "reconsider", "   ")
    assert not PreliminaryVote.objects.exists()


def test_a_recused_members_vote_is_withdrawn_with_history(intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    vote = _vote(panel, board_members[0], "concur")
    seat_recuse(panel=panel, member=board_members[0], reason="Knows the filer", actor=board_members[0])
    assert not PreliminaryVote.objects.filter(pk=vote.pk).exists()
    deleted = PreliminaryVote.history.filter(id=vote.pk, history_type="-").get()
    assert deleted.history_change_reason == "Vote withdrawn: Knows the filer"


def test_closing_findings_voting_refuses_a_preliminary_panel(intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    with pytest.raises(RuleViolation, match="votes on no findings"):
        panel_decide(panel=panel, actor=director)
    panel.refresh_from_db()
    assert panel.status == Panel.Status.OPEN


def test_a_findings_vote_is_refused_on_a_preliminary_panel(intake_user, director, board_members):
    case, panel = _preliminary(intake_user, director, board_members)
    with pytest.raises(RuleViolation, match="votes on no findings"):
        vote_cast(panel=panel, allegation=case.allegations.get(), finding="unfounded", actor=board_members[0])
    assert not Vote.objects.exists()


# The panel's decision


def test_concur_decides_the_panel_and_leaves_the_decision_as_it_was(intake_user, director, board_members):
    case, panel = _preliminary(intake_user, director, board_members)
    _vote(panel, board_members[0], "concur")
    _vote(panel, board_members[1], "concur", "Investigation is right")
    review = preliminary_decide(panel=panel, actor=board_members[0])
    panel.refresh_from_db()
    case.refresh_from_db()
    assert (review.outcome, review.decision_reviewed, review.votes_for, review.votes_cast) == (
        "concur",
        "investigate",
        2,
        2,
    )
    assert (panel.status, case.decision, case.status) == ("decided", "investigate", Case.Status.AWAITING_INVESTIGATION)
    assert not Notice.objects.filter(recipient_user=director).exists()


def test_deciding_twice_returns_the_first_review(intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    _vote(panel, board_members[0], "concur")
    _vote(panel, board_members[1], "concur")
    first = preliminary_decide(panel=panel, actor=director)
    again = preliminary_decide(panel=panel, actor=director)
    assert again.pk == first.pk and PreliminaryReview.objects.count() == 1


def test_reconsider_decides_and_the_director_is_told(intake_user, director, board_members):
    case, panel, review = _reconsidered(intake_user, director, board_members)
    assert review.outcome == "reconsider" and "Mediation would serve the filer better" in review.reasons
    notice = Notice.objects.get(recipient_user=director)
    assert notice.channel == Notice.Channel.PORTAL and case.number in notice.subject
    assert review.history.get().history_user == director


def test_the_director_sees_a_pending_review_in_my_work(intake_user, director, board_members):
    case, panel, _review = _reconsidered(intake_user, director, board_members)
    part = director_preliminary_reviews_part(user=director, now=DAY)
    assert part["count"] == 1
    assert [(r["label"], r["url"]) for r in part["rows"]] == [(case.number, _url(panel))]


def test_a_member_sees_an_open_preliminary_panel_waiting_for_their_vote(intake_user, director, board_members):
    case, panel = _preliminary(intake_user, director, board_members)
    _vote(panel, board_members[1], "concur")
    part = board_preliminary_part(user=board_members[0], now=DAY)
    assert "1 waiting for my vote" in part["title"] and part["rows"][0]["url"] == _url(panel)


def test_no_decision_when_the_votes_tie_and_the_decision_stands(intake_user, director, board_members):
    case, panel = _preliminary(intake_user, director, board_members)
    _vote(panel, board_members[0], "concur")
    _vote(panel, board_members[1], "reconsider", "Mediation instead")
    review = preliminary_decide(panel=panel, actor=director)
    case.refresh_from_db()
    assert (review.outcome, review.no_decision_rule, review.reasons) == ("no_decision", "return_to_ocpa", "")
    assert "the case-handling decision stands" in str(review.consequence)
    assert case.decision == "investigate" and not Notice.objects.filter(recipient_user=director).exists()


def test_no_decision_without_quorum(intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    _vote(panel, board_members[0], "reconsider", "Mediation instead")
    review = preliminary_decide(panel=panel, actor=director)
    assert (review.outcome, review.votes_cast) == ("no_decision", 1)


# The Director's answer


def test_a_changed_answer_changes_the_decision_with_history_naming_the_panel(intake_user, director, board_members):
    case, panel, review = _reconsidered(intake_user, director, board_members)
    preliminary_answer(
        review=review, changed=True, new_decision="mediation", reason="The panel is right", actor=director
    )
    case.refresh_from_db()
    review.refresh_from_db()
    assert (case.decision, case.status) == ("mediation", Case.Status.RESOLVED)
    latest = case.history.latest()
    assert f"preliminary panel {panel.pk}" in latest.history_change_reason and latest.history_user == director
    assert (review.answer, review.new_decision, review.answered_by) == ("changed", "mediation", director)


def test_the_panel_members_are_told_the_answer(intake_user, director, board_members):
    case, panel, review = _reconsidered(intake_user, director, board_members)
    preliminary_answer(review=review, changed=False, new_decision=None, reason="OCPA must look", actor=director)
    told = Notice.objects.filter(subject__contains="answered your preliminary panel")
    assert sorted(n.recipient_user_id for n in told) == sorted(m.pk for m in board_members)
    assert all("OCPA must look" in n.body for n in told)


def test_an_unchanged_answer_keeps_the_decision(intake_user, director, board_members):
    case, panel, review = _reconsidered(intake_user, director, board_members)
    preliminary_answer(review=review, changed=False, new_decision=None, reason="OCPA must look", actor=director)
    case.refresh_from_db()
    review.refresh_from_db()
    assert (case.decision, case.status) == ("investigate", Case.Status.AWAITING_INVESTIGATION)
    assert (review.answer, review.answer_reason, review.is_pending) == ("unchanged", "OCPA must look", False)


def test_a_non_director_cannot_answer(intake_user, director, board_members):
    _case, _panel, review = _reconsidered(intake_user, director, board_members)
    with pytest.raises(PermissionDenied):
        preliminary_answer(review=review, changed=False, new_decision=None, reason="No", actor=board_members[0])
    review.refresh_from_db()
    assert review.is_pending


def test_a_change_is_refused_once_the_investigation_has_opened(intake_user, director, investigator, board_members):
    case = case_investigating(intake_user, director, investigator)
    panel = panel_convene(case=case, kind="preliminary", members=board_members, actor=director, reason="Review")
    _vote(panel, board_members[0], "reconsider", "Mediation instead")
    _vote(panel, board_members[1], "reconsider", "Agreed")
    review = preliminary_decide(panel=panel, actor=director)
    with pytest.raises(RuleViolation, match="can no longer change"):
        preliminary_answer(review=review, changed=True, new_decision="mediation", reason="Yes", actor=director)
    case.refresh_from_db()
    assert case.decision == "investigate"


def test_a_concurring_review_is_not_answered(intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    _vote(panel, board_members[0], "concur")
    _vote(panel, board_members[1], "concur")
    review = preliminary_decide(panel=panel, actor=director)
    with pytest.raises(RuleViolation, match="request to reconsider"):
        preliminary_answer(review=review, changed=False, new_decision=None, reason="Fine", actor=director)


# The page


def test_the_preliminary_page_shows_its_own_vote_form_and_no_findings_form(
    client, intake_user, director, board_members
):
    case, panel = _preliminary(intake_user, director, board_members)
    allegation = case.allegations.get()
    client.force_login(board_members[0])
    html = client.get(_url(panel)).content.decode()
    assert 'id="preliminary-vote-form"' in html and "Full investigation by OCPA" in html
    assert reverse("discipline:vote-cast", args=[panel.pk, allegation.pk]) not in html
    assert 'name="prelim-position"' in html and f'name="a{allegation.pk}-finding"' not in html


def test_a_member_votes_from_the_page(client, intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    client.force_login(board_members[0])
    data = {"prelim-position": "reconsider", "prelim-reasons": "Mediation instead"}
    response = client.post(reverse("discipline:preliminary-vote", args=[panel.pk]), data)
    assert response.status_code == 302
    vote = PreliminaryVote.objects.get()
    assert (vote.member, vote.position, vote.reasons) == (board_members[0], "reconsider", "Mediation instead")


def test_the_director_answers_from_the_page(client, intake_user, director, board_members):
    case, panel, review = _reconsidered(intake_user, director, board_members)
    client.force_login(director)
    assert 'id="preliminary-answer-form"' in client.get(_url(panel)).content.decode()
    data = {"changed": "yes", "new_decision": "mediation", "reason": "The panel is right"}
    client.post(reverse("discipline:preliminary-answer", args=[panel.pk]), data)
    case.refresh_from_db()
    assert case.decision == "mediation"


@pytest.mark.parametrize("role", [Role.INTAKE, Role.INVESTIGATOR, Role.LIAISON, Role.ADMIN])
@pytest.mark.parametrize("name", ["panel-detail", "preliminary-vote", "preliminary-decide", "preliminary-answer"])
def test_other_roles_are_refused(client, users_by_role, intake_user, director, board_members, role, name):
    _case, panel = _preliminary(intake_user, director, board_members)
    client.force_login(users_by_role[role])
    url = reverse(f"discipline:{name}", args=[panel.pk])
    response = client.get(url) if name == "panel-detail" else client.post(url)
    assert response.status_code == 403


def test_the_director_may_schedule_the_panels_hearing_from_its_page(client, intake_user, director, board_members):
    _case, panel = _preliminary(intake_user, director, board_members)
    client.force_login(director)
    html = client.get(_url(panel)).content.decode()
    assert 'id="hearing-schedule-form"' in html and 'id="preliminary-vote-form"' not in html


def test_a_board_member_cannot_post_an_answer(client, intake_user, director, board_members):
    _case, panel, review = _reconsidered(intake_user, director, board_members)
    client.force_login(board_members[0])
    data = {"changed": "no", "reason": "Fine"}
    assert client.post(reverse("discipline:preliminary-answer", args=[panel.pk]), data).status_code == 403


def test_a_board_member_off_the_panel_gets_404(client, intake_user, director, board_members):
    (outsider,) = more_members(1)
    _case, panel = _preliminary(intake_user, director, board_members)
    client.force_login(outsider)
    assert client.get(_url(panel)).status_code == 404


def test_the_page_reads_a_constant_number_of_queries(
    client, intake_user, director, board_members, django_assert_max_num_queries
):
    _case, panel = _preliminary(intake_user, director, board_members)
    for member in board_members:
        _vote(panel, member, "reconsider", "Mediation instead")
    client.force_login(director)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(_url(panel))
    assert response.status_code == 200
