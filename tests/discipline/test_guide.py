"""Discipline as the panel's decision (issue 9.7, R3.5): the guide's bounds, reasoning off the presumptive
level, adoption by vote at the panel's threshold, corrective action, history."""

import datetime
import importlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.guide import discipline_propose, guide_in_force, proposal_vote_cast
from discipline.models import DisciplineDecision, DisciplineGuide, DisciplineProposal, MisconductCategory
from intake.exceptions import RuleViolation
from intake.models import Case
from oversight.accounts.roles import Role
from tests.arrange import case_awaiting_discipline, case_before_panel
from tests.conftest import make_user

from .arrange_discipline import case_with_proposal, discipline_adopted, guide_make

NOW = datetime.datetime(2026, 10, 5, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def g(db):
    return guide_make()


@pytest.fixture
def awaiting(intake_user, director, investigator, board_members):
    return case_awaiting_discipline(intake_user, director, investigator, board_members)


def test_a_starter_guide_is_seeded_and_marked_unconfirmed():
    # The data step, run again: a no-op after the migration, and the seed itself after a flushed database.
    seed = importlib.import_module("discipline.migrations.0006_discipline_guide").seed_starter_guide
    seed(django_apps, None)
    starter = DisciplineGuide.objects.get(effective_on=datetime.date(2025, 7, 1))
    assert not starter.is_confirmed and "confirm" in starter.notes
    assert starter.levels.filter(is_corrective=True).exists() and starter.factors.count() >= 2
    assert all(c.mitigated.rank <= c.presumptive.rank <= c.aggravated.rank for c in starter.categories.all())


def test_the_guide_in_force_is_the_latest_effective_by_the_date(g):
    later = guide_make(effective_on=datetime.date(2026, 7, 1)).guide
    assert guide_in_force(on=datetime.date(2026, 1, 1)) == g.guide
    assert guide_in_force(on=datetime.date(2026, 7, 1)) == later
    assert guide_in_force(on=datetime.date(2025, 6, 30)) is None


def test_a_category_whose_bounds_do_not_hold_the_presumptive_level_is_invalid(g):
    bad = MisconductCategory(
        guide=g.guide, name="Bad", mitigated=g.suspension, presumptive=g.reprimand, aggravated=g.demotion
    )
    with pytest.raises(ValidationError):
        bad.full_clean()


def test_a_level_outside_the_bounds_is_refused(awaiting, board_members, g):
    _case, _panel, allegation = awaiting
    with pytest.raises(ValidationError) as error:
        discipline_propose(
            allegation=allegation,
            category=g.force,
            level=g.termination,
            just_cause="x",
            reasoning="Very serious",
            actor=board_members[0],
        )
    assert "level" in error.value.message_dict and not DisciplineProposal.objects.exists()


def test_a_level_other_than_the_presumptive_one_needs_reasoning(awaiting, board_members, g):
    _case, _panel, allegation = awaiting
    with pytest.raises(ValidationError) as error:
        discipline_propose(
            allegation=allegation, category=g.force, level=g.demotion, just_cause="x", actor=board_members[0]
        )
    assert "reasoning" in error.value.message_dict
    proposal = discipline_propose(
        allegation=allegation,
        category=g.force,
        level=g.demotion,
        just_cause="x",
        reasoning="Two aggravating factors",
        actor=board_members[0],
    )
    assert proposal.level == g.demotion and proposal.reasoning == "Two aggravating factors"


def test_the_just_cause_rationale_is_required(awaiting, board_members, g):
    _case, _panel, allegation = awaiting
    with pytest.raises(ValidationError) as error:
        discipline_propose(
            allegation=allegation, category=g.force, level=g.suspension, just_cause="  ", actor=board_members[0]
        )
    assert "just_cause" in error.value.message_dict


def test_the_factors_found_are_kept_with_their_weight(intake_user, director, investigator, board_members, g):
    *_rest, proposal = case_with_proposal(
        intake_user, director, investigator, board_members, g, factors=[(g.prior, "significant"), (g.accepted, "minor")]
    )
    assert {(f.factor.name, f.weight) for f in proposal.factors.all()} == {
        ("Prior misconduct", "significant"),
        ("Accepted responsibility", "minor"),
    }


def test_a_board_member_not_on_the_panel_cannot_propose(awaiting, g):
    _case, _panel, allegation = awaiting
    outsider = make_user(Role.BOARD, username="outsider")
    with pytest.raises(PermissionDenied):
        discipline_propose(allegation=allegation, category=g.force, level=g.suspension, just_cause="x", actor=outsider)


def test_the_director_may_propose(awaiting, director, g):
    _case, _panel, allegation = awaiting
    proposal = discipline_propose(
        allegation=allegation, category=g.force, level=g.suspension, just_cause="x", actor=director
    )
    assert proposal.proposed_by == director


def test_discipline_is_proposed_only_for_a_sustained_allegation(intake_user, director, investigator, board_members, g):
    case, panel = case_before_panel(intake_user, director, investigator, board_members)
    with pytest.raises(RuleViolation):
        discipline_propose(
            allegation=case.allegations.get(), category=g.force, level=g.suspension, just_cause="x", actor=director
        )


def test_one_vote_short_of_the_threshold_adopts_nothing(intake_user, director, investigator, board_members, g):
    case, panel, allegation, proposal = case_with_proposal(intake_user, director, investigator, board_members, g)
    proposal_vote_cast(proposal=proposal, choice="approve", actor=board_members[0])
    proposal_vote_cast(proposal=proposal, choice="abstain", actor=board_members[1])
    proposal.refresh_from_db()
    assert proposal.status == "open" and not DisciplineDecision.objects.exists()


def test_the_vote_that_reaches_the_threshold_adopts_the_discipline(
    intake_user, director, investigator, board_members, g
):
    case, panel, allegation, proposal = case_with_proposal(
        intake_user, director, investigator, board_members, g, factors=[(g.prior, "moderate")]
    )
    proposal_vote_cast(proposal=proposal, choice="approve", actor=board_members[0])
    proposal_vote_cast(proposal=proposal, choice="approve", actor=board_members[1])
    decision = DisciplineDecision.objects.get(allegation=allegation)
    assert (decision.status, decision.level, decision.category, decision.action) == (
        "proposed",
        g.suspension,
        g.force,
        "suspension",
    )
    assert decision.proposal == proposal and decision.decided_by == board_members[1]
    record = decision.history.get()
    assert record.history_user == board_members[1] and "2 of 3 members approved" in record.history_change_reason
    case.refresh_from_db()
    assert case.status == Case.Status.DISCIPLINE  # not final before Loudermill


def test_rejections_that_make_adoption_impossible_close_the_proposal(
    intake_user, director, investigator, board_members, g
):
    case, panel, allegation, proposal = case_with_proposal(intake_user, director, investigator, board_members, g)
    proposal_vote_cast(proposal=proposal, choice="reject", actor=board_members[0])
    proposal_vote_cast(proposal=proposal, choice="reject", actor=board_members[1])
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    again = discipline_propose(
        allegation=allegation,
        category=g.force,
        level=g.reprimand,
        just_cause="x",
        reasoning="Mitigated",
        actor=director,
    )
    assert again.status == "open"


def test_only_panel_members_vote_and_the_director_does_not(intake_user, director, investigator, board_members, g):
    *_rest, proposal = case_with_proposal(intake_user, director, investigator, board_members, g)
    with pytest.raises(PermissionDenied):
        proposal_vote_cast(proposal=proposal, choice="approve", actor=director)


def test_a_second_proposal_waits_for_the_open_one(intake_user, director, investigator, board_members, g):
    case, panel, allegation, proposal = case_with_proposal(intake_user, director, investigator, board_members, g)
    with pytest.raises(RuleViolation):
        discipline_propose(
            allegation=allegation, category=g.force, level=g.reprimand, just_cause="x", reasoning="y", actor=director
        )
    same = discipline_propose(
        allegation=allegation, category=g.force, level=g.suspension, just_cause="z", actor=board_members[0]
    )
    assert same == proposal


def test_voting_twice_the_same_way_changes_nothing(intake_user, director, investigator, board_members, g):
    *_rest, proposal = case_with_proposal(intake_user, director, investigator, board_members, g)
    proposal_vote_cast(proposal=proposal, choice="approve", actor=board_members[0])
    proposal_vote_cast(proposal=proposal, choice="approve", actor=board_members[0])
    assert proposal.votes.get().history.count() == 1


def test_corrective_action_is_final_on_adoption_and_closes_the_case(
    intake_user, director, investigator, board_members, g
):
    case, decision = discipline_adopted(
        intake_user, director, investigator, board_members, g, category=g.courtesy, level=g.counseling
    )
    assert decision.is_corrective and decision.status == "final" and decision.final_level == g.counseling
    assert case.status == Case.Status.CLOSED


def test_adoption_is_recorded_as_proposed_discipline_with_history(
    intake_user, director, investigator, board_members, g
):
    case, decision = discipline_adopted(intake_user, director, investigator, board_members, g)
    proposal = decision.proposal
    reasons = list(proposal.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[0] == "Discipline proposed" and reasons[-1].startswith("Adopted")
    with pytest.raises(RuleViolation, match="closed"):
        proposal_vote_cast(proposal=proposal, choice="reject", actor=board_members[2])


def test_the_chiefs_allegation_never_gets_discipline(awaiting, director, g):
    _case, _panel, allegation = awaiting
    allegation.is_against_chief = True
    with pytest.raises(RuleViolation):
        discipline_propose(allegation=allegation, category=g.force, level=g.suspension, just_cause="x", actor=director)


def test_once_a_disciplinary_panel_is_convened_it_decides_discipline(
    intake_user, director, investigator, board_members, board_alternates, g
):
    from discipline.seating import panel_convene

    case, hearings_panel, allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
    seated = [board_members[0], *board_alternates]
    disciplinary = panel_convene(
        case=case,
        kind="disciplinary",
        members=seated[:1],
        alternates=seated[1:],
        actor=director,
        reason="Disciplinary panel",
    )
    with pytest.raises(PermissionDenied):  # sat on the hearing, not on the disciplinary panel
        discipline_propose(
            allegation=allegation, category=g.force, level=g.suspension, just_cause="x", actor=board_members[1]
        )
    proposal = discipline_propose(
        allegation=allegation, category=g.force, level=g.suspension, just_cause="x", actor=board_alternates[0]
    )
    assert proposal.panel == disciplinary
    for member in seated[:2]:
        proposal_vote_cast(proposal=proposal, choice="approve", actor=member)
    assert DisciplineDecision.objects.get().panel == disciplinary
