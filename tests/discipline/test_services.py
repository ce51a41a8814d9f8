from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.models import PanelResult
from discipline.services import panel_convene, panel_decide, tally, vote_cast
from intake.exceptions import RuleViolation
from intake.models import Case
from oversight.governance.models import BylawsSetting
from oversight.governance.services import bylaws_setting_set
from tests.arrange import case_awaiting_discipline, case_before_panel, case_investigating

pytestmark = pytest.mark.django_db

VOTE = date(2026, 10, 15)  # a day before any clock the suite runs under (faketime included)


def _vote(panel, allegation, members, findings):
    for member, finding in zip(members, findings, strict=False):
        vote_cast(panel=panel, allegation=allegation, finding=finding, actor=member)


def test_panel_only_after_findings_are_ready(intake_user, director, investigator, board_members):
    case = case_investigating(intake_user, director, investigator)
    with pytest.raises(RuleViolation):
        panel_convene(case=case, members=board_members, actor=director, reason="x")


def test_panel_members_must_be_board_members(intake_user, director, investigator, board_members):
    case, _panel = case_before_panel(intake_user, director, investigator, board_members)
    assert case.panels.get().members.count() == 3
    with pytest.raises(RuleViolation):
        from discipline.models import Panel

        panel_convene(case=case, members=[investigator], actor=director, reason="x", kind=Panel.Kind.APPEALS)


def test_majority_adopts_a_finding_under_default_bylaws(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    _vote(panel, allegation, board_members, ["out_of_policy", "out_of_policy", "in_policy"])
    panel_decide(panel=panel, actor=director)
    result = PanelResult.objects.get(panel=panel)
    assert (result.finding, result.votes_for, result.panel_size) == ("out_of_policy", 2, 3)
    case.refresh_from_db()
    assert case.status == Case.Status.DISCIPLINE


def test_result_follows_a_threshold_the_board_changed(intake_user, director, investigator, board_members):
    bylaws_setting_set(
        key=BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD,
        value=Decimal("1"),
        vote_on=VOTE,
        adopting_body="board",
        actor=director,
        reason="Bylaws amended: unanimity",
    )
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    _vote(panel, allegation, board_members, ["out_of_policy", "out_of_policy", "in_policy"])
    # 2 of 3 is not unanimity: no finding adopted, and closing needs the panel's reasons for OCPA (issue 9.3).
    with pytest.raises(ValidationError, match="reasons"):
        panel_decide(panel=panel, actor=director)
    vote_cast(panel=panel, allegation=allegation, finding="out_of_policy", actor=board_members[2])
    panel_decide(panel=panel, actor=director)
    result = PanelResult.objects.get(panel=panel)
    assert (result.finding, result.votes_for, result.threshold) == ("out_of_policy", 3, Decimal("1"))


def test_closing_without_quorum_is_refused_and_the_case_stays_before_the_panel(
    intake_user, director, investigator, board_members
):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    _vote(panel, case.allegations.get(), board_members[:1], ["unfounded"])
    # No quorum: no finding adopted, so the tie rule applies and the panel must give its reasons (issue 9.3).
    with pytest.raises(ValidationError, match="reasons"):
        panel_decide(panel=panel, actor=board_members[0])
    case.refresh_from_db()
    panel.refresh_from_db()
    assert (case.status, panel.status) == (Case.Status.BOARD_REVIEW, "open")
    assert not PanelResult.objects.exists()


def test_a_threshold_of_one_half_or_less_is_refused(director):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="more than one half"):
        bylaws_setting_set(
            key=BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD,
            value=Decimal("0.5"),
            vote_on=VOTE,
            adopting_body="board",
            actor=director,
            reason="x",
        )


def test_without_quorum_no_finding_is_adopted():
    assert tally(["out_of_policy"], 3, Decimal("0.3"), Decimal("0.6667")) == ("", 0)


def test_tally_counts_against_the_whole_panel_not_only_votes_cast():
    assert tally(["unfounded", "unfounded"], 5, Decimal("0.5001"), Decimal("0.4")) == ("", 2)
    assert tally(["unfounded", "unfounded", "unfounded"], 5, Decimal("0.5001"), Decimal("0.4")) == ("unfounded", 3)


def test_only_panel_members_vote(intake_user, director, investigator, board_members, board_alternates):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(PermissionDenied):
        vote_cast(panel=panel, allegation=case.allegations.get(), finding="unfounded", actor=board_alternates[0])


def test_a_member_can_change_their_vote_while_voting_is_open(intake_user, director, investigator, board_members):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    allegation = case.allegations.get()
    vote_cast(panel=panel, allegation=allegation, finding="unfounded", actor=board_members[0])
    vote = vote_cast(panel=panel, allegation=allegation, finding="in_policy", actor=board_members[0])
    assert vote.finding == "in_policy" and panel.votes.count() == 1


def test_no_votes_after_the_panel_decided(intake_user, director, investigator, board_members):
    case, panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    with pytest.raises(RuleViolation):
        vote_cast(panel=panel, allegation=allegation, finding="unfounded", actor=board_members[0])


def test_only_the_director_records_bylaws(investigator, board_members, admin_user):
    for actor in (investigator, board_members[0], admin_user):
        with pytest.raises(PermissionDenied):
            bylaws_setting_set(
                key=BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD,
                value=Decimal("0.75"),
                vote_on=VOTE,
                adopting_body="board",
                actor=actor,
                reason="x",
            )


def test_bylaws_change_is_in_history_with_reason(director):
    row = bylaws_setting_set(
        key=BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD,
        value=Decimal("0.75"),
        vote_on=VOTE,
        adopting_body="board",
        actor=director,
        reason="Amended at the October meeting",
    )
    assert row.history.get().history_change_reason == "Vote of 2026-10-15 (board): Amended at the October meeting"


def test_the_director_records_the_boards_threshold_on_the_bylaws_page(client, director):
    client.force_login(director)
    response = client.post(
        "/board/bylaws/change/",
        {
            "key": "hearings_panel_threshold",
            "value": "0.6667",
            "vote_on": "2026-10-15",
            "adopting_body": "board",
            "reason": "Amendment 4",
        },
    )
    assert response.status_code == 302
    row = BylawsSetting.objects.get(key="hearings_panel_threshold")
    assert row.value == Decimal("0.6667")
    assert (row.history.get().history_user, row.history.get().history_change_reason) == (
        director,
        "Vote of 2026-10-15 (board): Amendment 4",
    )


def test_bylaws_page_rejects_a_share_above_one_and_keeps_the_input(client, director):
    client.force_login(director)
    response = client.post(
        "/board/bylaws/change/",
        {
            "key": "hearings_panel_threshold",
            "value": "1.5",
            "vote_on": "2026-10-15",
            "adopting_body": "board",
            "reason": "x",
        },
    )
    assert response.status_code == 400
    assert b"1.5" in response.content
    assert not BylawsSetting.objects.exists()
