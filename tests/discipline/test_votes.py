"""Votes, the live tally and "no finding adopted" (R3.4, issue 9.3 and 9.6)."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from discipline.hearings import Tally
from discipline.models import Panel, PanelResult, Vote
from discipline.services import panel_decide, tally, vote_cast
from intake.models import Case
from investigations.models import Investigation
from oversight.notices.models import Notice
from tests.arrange import case_before_panel
from tests.discipline.arrange_hearings import outsider, panel_with_evidence, votes, with_tie_rule

pytestmark = pytest.mark.django_db

HALF = Decimal("0.5001")


def _tally(*findings, size=3):
    return Tally(size=size, threshold=HALF, quorum=HALF, votes=tuple(findings))


# The tally


def test_the_tally_says_in_plain_words_who_voted_what_is_needed_and_the_counts():
    words = _tally("out_of_policy", "out_of_policy").plain_words()
    assert words == "2 of 3 members have voted; 2 must vote; 2 must agree. Out of Policy (sustained) has 2."


def test_an_abstention_counts_toward_quorum_and_for_no_finding():
    t = _tally("abstain", "out_of_policy")
    assert t.has_quorum and t.adopted == ""
    assert "1 abstained" in t.plain_words()


def test_a_finding_at_the_threshold_is_adopted():
    assert _tally("in_policy", "in_policy", "unfounded").adopted == "in_policy"


def test_without_quorum_nothing_is_adopted():
    t = _tally("out_of_policy", size=3)
    assert not t.has_quorum and t.adopted == ""
    assert tally(["out_of_policy"], 3, HALF, HALF) == ("", 0)


def test_a_tie_at_the_top_adopts_nothing_even_under_a_low_threshold():
    t = Tally(size=4, threshold=Decimal("0.5"), quorum=HALF, votes=("unfounded", "unfounded", "in_policy", "in_policy"))
    assert t.adopted == ""


# Casting a vote


def test_a_member_may_abstain_and_the_vote_is_kept_with_its_history(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    vote = vote_cast(panel=panel, allegation=allegation, finding="abstain", actor=board_members[0])
    assert Vote.objects.get(pk=vote.pk).finding == "abstain"
    row = vote.history.get()
    assert row.history_user == board_members[0] and row.history_change_reason == "Vote cast"


def test_a_vote_must_be_a_finding_or_abstain(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(ValidationError) as refused:
        vote_cast(panel=panel, allegation=case.allegations.get(), finding="guilty", actor=board_members[0])
    assert "finding" in refused.value.message_dict
    assert not Vote.objects.exists()


def test_the_director_does_not_vote(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(PermissionDenied):
        vote_cast(panel=panel, allegation=case.allegations.get(), finding="unfounded", actor=director)


# Closing voting


def test_a_finding_that_reaches_the_threshold_is_the_result_and_sustained_goes_to_discipline(
    intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    votes(panel, allegation, board_members, ["out_of_policy", "out_of_policy", "abstain"])
    panel_decide(panel=panel, actor=director)
    result = PanelResult.objects.get(panel=panel)
    assert (result.finding, result.votes_for, result.votes_cast, result.no_finding_rule) == ("out_of_policy", 2, 3, "")
    case.refresh_from_db()
    assert case.status == Case.Status.DISCIPLINE


def test_no_finding_returned_to_ocpa_needs_the_panels_reasons(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    votes(panel, case.allegations.get(), board_members, ["out_of_policy", "unfounded", "abstain"])
    with pytest.raises(ValidationError) as refused:
        panel_decide(panel=panel, actor=director)
    assert "reasons" in refused.value.message_dict
    panel.refresh_from_db()
    case.refresh_from_db()
    assert panel.status == Panel.Status.OPEN and case.status == Case.Status.BOARD_REVIEW
    assert not PanelResult.objects.exists()


def test_no_finding_returns_the_case_to_ocpa_reopens_the_investigation_and_tells_the_investigator(
    intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    votes(panel, case.allegations.get(), board_members, ["out_of_policy", "unfounded", "in_policy"])
    panel_decide(panel=panel, actor=director, reasons="No witness to the shove was interviewed.")
    result = PanelResult.objects.get(panel=panel)
    assert result.finding == "" and result.no_finding_rule == "return_to_ocpa"
    assert result.reasons == "No witness to the shove was interviewed."
    assert result.history.get().history_user == director
    case.refresh_from_db()
    assert case.status == Case.Status.INVESTIGATING
    investigation = Investigation.objects.get(case=case)
    assert investigation.status == Investigation.Status.OPEN and investigation.completed_at is None
    reopened = investigation.history.first()
    assert reopened.history_user == director and reopened.history_change_reason == "Returned by a Board panel"
    notice = Notice.objects.get(recipient_user=investigator)
    assert case.number in notice.subject and "No witness to the shove" in notice.body


def test_without_quorum_no_finding_is_adopted_either(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    vote_cast(panel=panel, allegation=case.allegations.get(), finding="out_of_policy", actor=board_members[0])
    panel_decide(panel=panel, actor=director, reasons="Two members were absent.")
    result = PanelResult.objects.get(panel=panel)
    assert (result.finding, result.votes_cast, result.no_finding_rule) == ("", 1, "return_to_ocpa")


def test_where_the_investigators_finding_stands_the_case_goes_on_to_discipline(
    intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with_tie_rule(panel, "investigator_finding_stands")
    votes(panel, case.allegations.get(), board_members, ["out_of_policy", "unfounded", "abstain"])
    panel_decide(panel=panel, actor=director)
    result = PanelResult.objects.get(panel=panel)
    assert (result.finding, result.no_finding_rule, result.standing_finding) == (
        "",
        "investigator_finding_stands",
        "out_of_policy",
    )
    assert result.is_sustained
    case.refresh_from_db()
    assert case.status == Case.Status.DISCIPLINE
    assert Investigation.objects.get(case=case).status == Investigation.Status.COMPLETED


def test_where_a_standing_finding_is_not_sustained_the_case_closes(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members, outcome="in_policy")
    with_tie_rule(panel, "investigator_finding_stands")
    votes(panel, case.allegations.get(), board_members, ["out_of_policy", "unfounded", "abstain"])
    panel_decide(panel=panel, actor=director)
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED


# The hearing view


def _url(panel):
    return reverse("discipline:panel-detail", args=[panel.pk])


def test_the_hearing_view_shows_each_members_vote_to_the_panel_and_the_director(
    client, intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    vote_cast(panel=panel, allegation=case.allegations.get(), finding="unfounded", actor=board_members[1])
    for reader in (board_members[0], director):
        client.force_login(reader)
        html = client.get(_url(panel)).content.decode()
        assert f'<th scope="row">{board_members[1]}</th><td>Unfounded</td>' in html
        assert "1 of 3 members has voted; 2 must vote; 2 must agree. Unfounded has 1." in html


def test_a_recused_member_shows_as_recused(client, intake_user, director, investigator, board_members):
    from discipline.seating import seat_recuse

    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    seat_recuse(panel=panel, member=board_members[2], reason="Knows the officer", actor=board_members[2])
    client.force_login(director)
    html = client.get(_url(panel)).content.decode()
    assert f'<th scope="row">{board_members[2]}</th><td>Recused: Knows the officer</td>' in html


def test_closing_with_no_finding_says_what_follows_in_words(client, intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    votes(panel, case.allegations.get(), board_members, ["out_of_policy", "unfounded", "in_policy"])
    client.force_login(director)
    url = reverse("discipline:panel-decide", args=[panel.pk])
    client.post(url, {"confirm_complete": "1", "close-reasons": "Interview the bus driver."})
    html = client.get(_url(panel)).content.decode()
    assert "No finding adopted" in html
    assert "As the bylaws provide, the case returns to OCPA for more work" in html
    assert "Interview the bus driver." in html


def test_closing_with_no_finding_and_no_reasons_is_refused_with_the_reason(
    client, intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    votes(panel, case.allegations.get(), board_members, ["out_of_policy", "unfounded", "in_policy"])
    client.force_login(director)
    response = client.post(reverse("discipline:panel-decide", args=[panel.pk]), {"confirm_complete": "1"}, follow=True)
    assert "give the panel" in " ".join(str(m) for m in response.context["messages"])
    panel.refresh_from_db()
    assert panel.status == Panel.Status.OPEN


def test_a_member_votes_abstain_from_the_hearing_view(client, intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    client.force_login(board_members[0])
    url = reverse("discipline:vote-cast", args=[panel.pk, allegation.pk])
    client.post(url, {f"a{allegation.pk}-finding": "abstain"})
    assert Vote.objects.get(member=board_members[0]).finding == "abstain"


@pytest.mark.parametrize("n", [1, 4])
def test_the_hearing_view_queries_stay_constant_with_more_allegations_and_votes(
    client, intake_user, director, investigator, board_members, django_assert_max_num_queries, n
):
    case, panel, _shown, _marked = panel_with_evidence(
        intake_user, director, investigator, board_members, allegations=n
    )
    for allegation in case.allegations.all():
        votes(panel, allegation, board_members, ["out_of_policy", "unfounded", "abstain"])
    client.force_login(board_members[0])
    with django_assert_max_num_queries(24):
        response = client.get(_url(panel))
    assert response.content.decode().count("3 of 3 members have voted") == n


# The API


def test_a_member_casts_their_own_vote_through_the_api(client, intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    client.force_login(board_members[0])
    url = f"/api/v1/board/panels/{panel.pk}/votes/"
    response = client.post(url, {"allegation": allegation.pk, "finding": "abstain"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["finding"] == "abstain"
    assert Vote.objects.get().member == board_members[0]


def test_the_api_refuses_a_vote_on_an_allegation_of_another_case(
    client, intake_user, director, investigator, board_members
):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    other, _other_panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(board_members[0])
    response = client.post(
        f"/api/v1/board/panels/{panel.pk}/votes/",
        {"allegation": other.allegations.get().pk, "finding": "unfounded"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "allegation" in response.json()


def test_the_tally_and_results_through_the_api(client, intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    votes(panel, allegation, board_members, ["out_of_policy", "out_of_policy", "abstain"])
    client.force_login(director)
    tally_ = client.get(f"/api/v1/board/panels/{panel.pk}/tally/").json()
    assert tally_[0]["adopted"] == "out_of_policy" and tally_[0]["abstained"] == 1
    assert client.get(f"/api/v1/board/panels/{panel.pk}/results/").json() == []
    panel_decide(panel=panel, actor=director)
    results = client.get(f"/api/v1/board/panels/{panel.pk}/results/").json()
    assert results[0]["allegation"] == allegation.pk and results[0]["finding"] == "out_of_policy"


def test_a_board_member_off_the_panel_gets_404_from_the_tally(
    client, intake_user, director, investigator, board_members
):
    _case, panel = case_before_panel(intake_user, director, investigator, board_members)
    client.force_login(outsider())
    assert client.get(f"/api/v1/board/panels/{panel.pk}/tally/").status_code == 404
