"""Panel kinds, seating by rotation, conflicts and recusal (issue 9.3, 9.4; R3.2, R3.3; 35A.020 I): the services."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from discipline.models import ConflictDeclaration, Panel, PanelSeat, Vote
from discipline.seating import (
    conflict_declare,
    conflict_withdraw,
    panel_candidates,
    panel_convene,
    panel_rules,
    panel_seating,
    seat_recuse,
)
from discipline.services import panel_decide, vote_cast
from intake.exceptions import RuleViolation
from intake.models import Case
from oversight.governance.services import bylaws_version_record
from tests.arrange import case_awaiting_discipline, case_investigating

from .arrange_seating import case_findings_ready, case_on_appeal, hearing_on, more_members

pytestmark = pytest.mark.django_db

DAY = datetime.datetime(2026, 3, 2, 18, 0, tzinfo=datetime.UTC)


def _names(users):
    return [u.username for u in users]


def _at(days):
    return time_machine.travel(DAY + datetime.timedelta(days=days), tick=False)


def test_members_are_offered_least_recently_seated_first_ties_by_name(
    intake_user, director, investigator, board_members
):
    extra = more_members(2)
    with _at(0):
        first = case_findings_ready(intake_user, director, investigator)
        assert _names(panel_candidates(case=first, kind="hearings")) == [
            "board1",
            "board2",
            "board3",
            "extra1",
            "extra2",
        ]
        hearing_on(first, board_members, director)
    with _at(1):
        second = case_findings_ready(intake_user, director, investigator)
        assert _names(panel_candidates(case=second, kind="hearings")) == [
            "extra1",
            "extra2",
            "board1",
            "board2",
            "board3",
        ]
        hearing_on(second, [*extra, board_members[0]], director)
    with _at(2):
        third = case_findings_ready(intake_user, director, investigator)
        assert _names(panel_candidates(case=third, kind="hearings")) == [
            "board2",
            "board3",
            "board1",
            "extra1",
            "extra2",
        ]


def test_a_member_whose_term_has_ended_is_not_offered(intake_user, director, investigator, board_members):
    from tests.conftest import make_board_user

    make_board_user("retired", term_start_on=datetime.date(2000, 1, 1), term_end_on=datetime.date(2001, 1, 1))
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        assert "retired" not in _names(panel_candidates(case=case, kind="hearings"))


def test_a_hearings_panel_moves_the_case_before_the_board_and_freezes_the_bylaws_numbers(
    intake_user, director, investigator, board_members
):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
    case.refresh_from_db()
    assert case.status == Case.Status.BOARD_REVIEW
    assert (panel.kind, panel.size, panel.tie_rule, panel.appeal_window_days, panel.notice_days) == (
        "hearings",
        3,
        "return_to_ocpa",
        30,
        7,
    )
    assert panel_rules(panel).plain_words(panel.size) == "2 of 3 members must vote; 2 must agree."
    assert sorted(_names(panel.members.all())) == ["board1", "board2", "board3"]
    assert PanelSeat.objects.filter(panel=panel, status="seated", is_alternate=False).count() == 3


def test_a_later_bylaws_version_never_changes_a_panel_already_convened(
    intake_user, director, investigator, board_members
):
    five = {
        "size": 5,
        "quorum": Decimal("0.6"),
        "threshold": Decimal("0.8"),
        "tie_rule": "investigator_finding_stands",
        "appeal_window_days": 45,
        "notice_days": 10,
        "training_required": False,
    }
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        on_appeal_rules = {"appeals": five}
        bylaws_version_record(
            actor=director,
            label="Bylaws v4",
            adopted_on=DAY.date(),
            adopting_body="board",
            reason="Vote",
            rules={"hearings": five, **on_appeal_rules},
        )
    panel.refresh_from_db()
    assert (panel.size, panel.appeal_window_days) == (3, 30)


def test_a_panel_freezes_the_version_label_and_adoption_date_in_force(
    intake_user, director, investigator, board_members
):
    rules = {
        "size": 3,
        "quorum": Decimal("0.6667"),
        "threshold": Decimal("0.6667"),
        "tie_rule": "investigator_finding_stands",
        "appeal_window_days": 21,
        "notice_days": 10,
        "training_required": False,
    }
    with _at(0):
        bylaws_version_record(
            actor=director,
            label="Bylaws v5",
            adopted_on=DAY.date() - datetime.timedelta(days=3),
            adopting_body="board",
            reason="Vote",
            rules={"disciplinary": rules},
        )
        case, _panel, _allegation = case_awaiting_discipline(intake_user, director, investigator, board_members)
        panel = panel_convene(
            case=case, kind="disciplinary", members=board_members, actor=director, reason="Discipline"
        )
    assert (panel.bylaws_version_label, panel.bylaws_adopted_on) == (
        "Bylaws v5",
        DAY.date() - datetime.timedelta(days=3),
    )
    assert (panel.tie_rule, panel.appeal_window_days, panel.notice_days, panel.quorum) == (
        "investigator_finding_stands",
        21,
        10,
        Decimal("0.6667"),
    )
    case.refresh_from_db()
    assert case.status == Case.Status.DISCIPLINE  # a disciplinary panel leaves the status as it is


def test_a_preliminary_panel_sits_during_the_investigation_and_leaves_the_status(
    intake_user, director, investigator, board_members
):
    with _at(0):
        case = case_investigating(intake_user, director, investigator)
        panel = panel_convene(case=case, kind="preliminary", members=board_members, actor=director, reason="Review")
    case.refresh_from_db()
    assert (panel.kind, case.status) == ("preliminary", Case.Status.INVESTIGATING)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("hearings", "findings are ready"),
        ("disciplinary", "awaits discipline"),
        ("appeals", "on appeal"),
    ],
)
def test_each_kind_is_refused_outside_its_way_in(intake_user, director, investigator, board_members, kind, message):
    with _at(0):
        case = case_investigating(intake_user, director, investigator)
        with pytest.raises(RuleViolation, match=message):
            panel_convene(case=case, kind=kind, members=board_members, actor=director, reason="x")
    assert not Panel.objects.exists()


def test_one_open_panel_per_kind_convening_twice_returns_the_first(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_investigating(intake_user, director, investigator)
        first = panel_convene(case=case, kind="preliminary", members=board_members, actor=director, reason="Review")
        again = panel_convene(case=case, kind="preliminary", members=board_members, actor=director, reason="Review")
    assert again.pk == first.pk and Panel.objects.count() == 1


def test_a_count_other_than_the_bylaws_size_is_refused(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        with pytest.raises(ValidationError, match="The bylaws seat 3 members on this panel; 2 were chosen"):
            hearing_on(case, board_members[:2], director)
    assert not Panel.objects.exists()


def test_only_the_director_convenes(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        with pytest.raises(PermissionDenied):
            hearing_on(case, board_members, board_members[0])


def test_a_member_with_a_conflict_is_never_offered_and_refused_by_name(
    intake_user, director, investigator, board_members
):
    (extra,) = more_members(1)
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        officer = case.allegations.get().employee
        conflict_declare(actor=board_members[0], kind="immediate_family", employee=officer, description="My brother")
        assert "board1" not in _names(panel_candidates(case=case, kind="hearings"))
        with pytest.raises(ValidationError, match="declared conflict.*: Board Tester"):
            hearing_on(case, board_members, director)
        panel = hearing_on(case, [*board_members[1:], extra], director)
    assert "board1" not in _names(panel.members.all())


@pytest.mark.parametrize("names", ["case", "complaint"])
def test_a_conflict_naming_the_case_or_a_filers_complaint_applies_to_the_case(
    intake_user, director, investigator, board_members, names
):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        subject = {"case": case} if names == "case" else {"complaint": case.complaints.get()}
        conflict_declare(actor=board_members[2], kind="personal_relationship", **subject)
        assert "board3" not in _names(panel_candidates(case=case, kind="hearings"))


def test_a_withdrawn_conflict_no_longer_bars_the_member(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        declaration = conflict_declare(actor=board_members[0], kind="prior_involvement", case=case)
        conflict_withdraw(declaration=declaration, actor=board_members[0])
        assert "board1" in _names(panel_candidates(case=case, kind="hearings"))
    declaration.refresh_from_db()
    assert declaration.withdrawn_at is not None
    assert declaration.history.first().history_change_reason == "Conflict withdrawn"


def test_a_member_withdraws_only_their_own_declaration(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        declaration = conflict_declare(actor=board_members[0], kind="prior_involvement", case=case)
        with pytest.raises(PermissionDenied):
            conflict_withdraw(declaration=declaration, actor=board_members[1])


def test_declaring_the_same_conflict_twice_records_it_once(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        conflict_declare(actor=board_members[0], kind="prior_involvement", case=case)
        conflict_declare(actor=board_members[0], kind="prior_involvement", case=case)
    assert ConflictDeclaration.objects.count() == 1


def test_an_appeals_panel_never_offers_anyone_who_sat_on_an_earlier_panel_of_the_case(
    intake_user, director, investigator, board_members
):
    fresh = more_members(3, prefix="fresh")
    with _at(0):
        case, _hearing = case_on_appeal(intake_user, director, investigator, board_members)
        assert _names(panel_candidates(case=case, kind="appeals")) == ["fresh1", "fresh2", "fresh3"]
        with pytest.raises(ValidationError, match="earlier panel"):
            panel_convene(case=case, kind="appeals", members=[board_members[0], *fresh[:2]], actor=director, reason="x")
        panel = panel_convene(case=case, kind="appeals", members=fresh, actor=director, reason="Appeal heard")
    assert sorted(_names(panel.members.all())) == ["fresh1", "fresh2", "fresh3"]


def test_a_recusal_withdraws_the_members_votes_and_the_next_alternate_takes_the_seat(
    intake_user, director, investigator, board_members, board_alternates
):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        allegation = case.allegations.get()
        vote_cast(panel=panel, allegation=allegation, finding="out_of_policy", actor=board_members[0])
    with _at(1):
        seat = seat_recuse(panel=panel, member=board_members[0], reason="I know the officer", actor=board_members[0])
    seat.refresh_from_db()
    assert (seat.status, seat.reason) == ("recused", "I know the officer")
    assert seat.recused_at == DAY + datetime.timedelta(days=1)
    assert seat.replaced_by.member == board_alternates[0] and seat.replaced_by.is_alternate
    assert sorted(_names(panel.members.all())) == ["alternate1", "board2", "board3"]
    assert not Vote.objects.filter(panel=panel, member=board_members[0]).exists()
    withdrawn = Vote.history.filter(history_type="-").get()
    assert (withdrawn.history_user, withdrawn.history_change_reason) == (
        board_members[0],
        "Vote withdrawn: I know the officer",
    )
    recorded = seat.history.first()
    assert (recorded.history_user, recorded.history_change_reason) == (board_members[0], "I know the officer")


def test_the_alternate_taken_is_the_least_recently_seated(
    intake_user, director, investigator, board_members, board_alternates
):
    with _at(0):
        earlier = case_findings_ready(intake_user, director, investigator)
        panel_convene(
            case=earlier, members=board_members[:2], alternates=board_alternates[:1], actor=director, reason="Hearing"
        )
    with _at(1):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        seat = seat_recuse(panel=panel, member=board_members[1], reason="Ill", actor=director)
    assert seat.replaced_by.member == board_alternates[1]


def test_with_no_eligible_alternate_the_seat_stays_empty(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        seat_recuse(panel=panel, member=board_members[2], reason="Travel", actor=board_members[2])
    seating = panel_seating(panel)
    assert (len(seating["seated"]), seating["empty_seats"], len(seating["recusals"])) == (2, 1, 1)
    assert panel.members.count() == 2


def test_a_conflicted_alternate_is_passed_over(intake_user, director, investigator, board_members, board_alternates):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        conflict_declare(actor=board_alternates[0], kind="business_relationship", case=case)
        seat = seat_recuse(panel=panel, member=board_members[0], reason="Conflict", actor=board_members[0])
    assert seat.replaced_by.member == board_alternates[1]


def test_a_member_may_not_recuse_someone_else(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        with pytest.raises(PermissionDenied):
            seat_recuse(panel=panel, member=board_members[0], reason="x", actor=board_members[1])
        with pytest.raises(PermissionDenied):
            seat_recuse(panel=panel, member=board_members[0], reason="x", actor=board_members[0], status="absent")


def test_the_director_records_an_absence_and_an_alternate_sits(
    intake_user, director, investigator, board_members, board_alternates
):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        seat = seat_recuse(
            panel=panel, member=board_members[1], reason="Did not attend", actor=director, status="absent"
        )
    assert (seat.status, seat.history.first().history_user) == ("absent", director)
    assert board_alternates[0] in panel.members.all()


def test_recusing_twice_changes_nothing(intake_user, director, investigator, board_members, board_alternates):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        seat_recuse(panel=panel, member=board_members[0], reason="x", actor=board_members[0])
        seat_recuse(panel=panel, member=board_members[0], reason="x", actor=board_members[0])
    assert PanelSeat.objects.filter(panel=panel, is_alternate=True).count() == 1


def test_a_recusal_is_refused_once_voting_is_closed(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        for member in board_members:
            vote_cast(panel=panel, allegation=case.allegations.get(), finding="out_of_policy", actor=member)
        panel_decide(panel=panel, actor=director)
        with pytest.raises(RuleViolation, match="closed"):
            seat_recuse(panel=panel, member=board_members[0], reason="x", actor=board_members[0])


def test_a_conflict_declared_while_seated_recuses_at_once_and_an_alternate_sits(
    intake_user, director, investigator, board_members, board_alternates
):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        conflict_declare(actor=board_members[1], kind="immediate_family", employee=case.allegations.get().employee)
    seat = PanelSeat.objects.get(panel=panel, member=board_members[1])
    assert (seat.status, seat.reason, seat.history.first().history_change_reason) == (
        "recused",
        "Conflict declared",
        "Conflict declared",
    )
    assert seat.replaced_by.member == board_alternates[0]
    assert board_members[1] not in panel.members.all()


def test_a_conflict_declared_after_the_result_takes_the_member_off_the_decided_panel_and_keeps_the_votes(
    intake_user, director, investigator, board_members
):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        panel = hearing_on(case, board_members, director)
        for member in board_members:
            vote_cast(panel=panel, allegation=case.allegations.get(), finding="out_of_policy", actor=member)
        panel_decide(panel=panel, actor=director)
        conflict_declare(actor=board_members[0], kind="prior_involvement", case=case)
    assert board_members[0] not in panel.members.all()
    assert Vote.objects.filter(panel=panel, member=board_members[0]).exists()
    assert PanelSeat.objects.get(panel=panel, member=board_members[0]).status == "recused"


def test_only_board_members_declare_conflicts(intake_user, director, investigator):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        with pytest.raises(PermissionDenied):
            conflict_declare(actor=director, kind="prior_involvement", case=case)


def test_a_declaration_names_exactly_one_subject(intake_user, director, investigator, board_members):
    with _at(0):
        case = case_findings_ready(intake_user, director, investigator)
        with pytest.raises(ValidationError):
            conflict_declare(
                actor=board_members[0], kind="prior_involvement", case=case, complaint=case.complaints.get()
            )
