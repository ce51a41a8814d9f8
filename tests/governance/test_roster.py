"""Members, alternates, terms, leadership and trainings; who may sit (issue 9.1, R3.1, R4.4)."""

from datetime import date, datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.accounts.roles import Role
from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import BoardMembership, Body, TieRule
from oversight.governance.selectors import board_members_eligible, member_is_trained
from oversight.governance.services import (
    board_membership_appoint,
    board_membership_end,
    board_membership_set_leadership,
    bylaws_version_record,
    training_completion_record,
    training_create,
)
from tests.conftest import make_board_user, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC)
TODAY = date(2026, 12, 2)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _require_training(director, body=Body.HEARINGS):
    numbers = {
        "size": 3,
        "quorum": Decimal("0.5001"),
        "threshold": Decimal("0.5001"),
        "tie_rule": TieRule.RETURN_TO_OCPA,
        "appeal_window_days": 30,
        "notice_days": 7,
        "training_required": True,
    }
    bylaws_version_record(
        actor=director,
        label="Training rule",
        adopted_on=date(2026, 1, 1),
        adopting_body="board",
        reason="Bylaws 4.2",
        rules={body: numbers},
    )


def test_members_serving_today_are_eligible_and_alternates_only_when_asked(board_members, board_alternates):
    assert list(board_members_eligible(on=TODAY, body=Body.HEARINGS)) == board_members
    assert list(board_members_eligible(on=TODAY, body=Body.HEARINGS, alternates=True)) == board_alternates


def test_a_member_whose_term_ended_or_has_not_begun_is_not_eligible(db):
    make_board_user("ended", term_end_on=date(2026, 11, 30))
    make_board_user("later", term_start_on=date(2027, 1, 1))
    assert not board_members_eligible(on=TODAY, body=Body.HEARINGS).exists()
    assert [u.username for u in board_members_eligible(on=date(2026, 11, 30), body=Body.HEARINGS)] == ["ended"]


def test_an_inactive_user_is_never_eligible(board_members):
    board_members[0].is_active = False
    board_members[0].save()
    assert board_members[0] not in board_members_eligible(on=TODAY, body=Body.HEARINGS)


def test_when_the_bylaws_require_training_an_untrained_member_is_barred(director, board_members):
    training = training_create(actor=director, name="Procedural justice", reason="Bylaws 4.2")
    training_completion_record(
        actor=director, member=board_members[0], training=training, completed_on=date(2026, 3, 1), reason="Certificate"
    )
    assert board_members_eligible(on=TODAY, body=Body.HEARINGS).count() == 3  # not required yet
    _require_training(director)
    assert list(board_members_eligible(on=TODAY, body=Body.HEARINGS)) == [board_members[0]]
    assert board_members_eligible(on=TODAY, body=Body.APPEALS).count() == 3  # another body's rule
    assert list(board_members_eligible(on=date(2026, 2, 1), body=Body.HEARINGS)) == []  # not trained yet then


def test_a_member_is_trained_only_with_every_active_required_training(director, board_members):
    member = board_members[0]
    first = training_create(actor=director, name="Procedural justice", reason="Bylaws")
    training_create(actor=director, name="Use of force law", reason="Bylaws")
    training_create(actor=director, name="Optional history", is_required=False, reason="Offered")
    training_completion_record(actor=director, member=member, training=first, completed_on=TODAY, reason="Cert")
    assert not member_is_trained(member, on=TODAY)


def test_the_director_appoints_a_term_with_history(director):
    person = make_user(Role.BOARD, username="newcomer")
    membership = board_membership_appoint(
        actor=director, user=person, kind="member", term_start_on=TODAY, term_end_on=date(2029, 12, 1), reason="Res 37"
    )
    record = membership.history.get()
    assert (record.history_user, record.history_change_reason) == (director, "Res 37")


def test_appointing_the_same_term_twice_changes_nothing(director):
    person = make_user(Role.BOARD, username="newcomer")
    kwargs = {"actor": director, "user": person, "kind": "member", "term_start_on": TODAY, "reason": "Res 37"}
    assert board_membership_appoint(**kwargs) == board_membership_appoint(**kwargs)
    assert BoardMembership.objects.count() == 1


def test_a_term_overlapping_another_of_the_same_person_is_refused(director, board_members):
    with pytest.raises(ValidationError) as refused:
        board_membership_appoint(
            actor=director, user=board_members[0], kind="alternate", term_start_on=TODAY, reason="Res 38"
        )
    assert "term_start_on" in refused.value.message_dict


def test_a_person_without_the_board_role_cannot_be_appointed(director, investigator):
    with pytest.raises(ValidationError) as refused:
        board_membership_appoint(actor=director, user=investigator, kind="member", term_start_on=TODAY, reason="x")
    assert "user" in refused.value.message_dict


def test_a_board_member_cannot_appoint(board_members):
    person = make_user(Role.BOARD, username="newcomer")
    with pytest.raises(PermissionDenied):
        board_membership_appoint(actor=board_members[0], user=person, kind="member", term_start_on=TODAY, reason="x")


def test_ending_a_term_takes_the_member_off_after_that_day(director, board_members):
    membership = board_members[0].board_memberships.get()
    board_membership_end(actor=director, membership=membership, term_end_on=TODAY, reason="Resigned")
    assert board_members[0] in board_members_eligible(on=TODAY, body=Body.HEARINGS)
    assert board_members[0] not in board_members_eligible(on=date(2026, 12, 3), body=Body.HEARINGS)
    assert membership.history.latest().history_change_reason == "Resigned"


def test_only_one_chair_at_a_time_but_co_chairs_may_be_several(director, board_members):
    first, second, third = (m.board_memberships.get() for m in board_members)
    board_membership_set_leadership(actor=director, membership=first, leadership="chair", reason="Elected")
    with pytest.raises(ValidationError):
        board_membership_set_leadership(actor=director, membership=second, leadership="chair", reason="Elected")
    board_membership_set_leadership(actor=director, membership=second, leadership="co_chair", reason="Elected")
    board_membership_set_leadership(actor=director, membership=third, leadership="co_chair", reason="Elected")
    assert BoardMembership.objects.filter(leadership="co_chair").count() == 2


def test_an_alternate_holds_no_leadership_role(director, board_alternates):
    with pytest.raises(ValidationError):
        board_membership_set_leadership(
            actor=director, membership=board_alternates[0].board_memberships.get(), leadership="chair", reason="x"
        )


def test_a_training_completion_cannot_be_in_the_future_or_recorded_twice_with_another_date(director, board_members):
    training = training_create(actor=director, name="Procedural justice", reason="Bylaws")
    kwargs = {"actor": director, "member": board_members[0], "training": training, "reason": "Cert"}
    with pytest.raises(ValidationError):
        training_completion_record(completed_on=date(2026, 12, 3), **kwargs)
    done = training_completion_record(completed_on=TODAY, **kwargs)
    assert training_completion_record(completed_on=TODAY, **kwargs) == done
    with pytest.raises(ValidationError):
        training_completion_record(completed_on=date(2026, 1, 1), **kwargs)
    assert done.recorded_by == director and done.history.get().history_user == director
