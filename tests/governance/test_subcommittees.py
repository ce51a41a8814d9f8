"""Sub-committees and the full Board's review of their actions (35A.020 "Sub-Committee")."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from oversight.calendar.business_days import PACIFIC
from oversight.governance.models import SubCommitteeAction
from oversight.governance.services import (
    subcommittee_action_record,
    subcommittee_action_review,
    subcommittee_dissolve,
    subcommittee_form,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=PACIFIC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def policy(director, board_members):
    return subcommittee_form(
        actor=director,
        name="Policy",
        purpose="Drafts recommendations",
        formed_on=date(2026, 1, 10),
        members=board_members[:2],
        reason="Board vote of 10 January",
    )


def _action(director, policy, acted_on=date(2026, 11, 1)):
    return subcommittee_action_record(
        actor=director,
        subcommittee=policy,
        description="Drafted a body-camera policy",
        acted_on=acted_on,
        reason="Minutes",
    )


def test_a_sub_committee_is_recorded_with_its_members_and_history(director, board_members, policy):
    assert list(policy.members.order_by("username")) == board_members[:2]
    assert {h.history_change_reason for h in policy.history.all()} == {"Board vote of 10 January"}


def test_only_board_members_sit_on_a_sub_committee(director, investigator):
    with pytest.raises(ValidationError) as refused:
        subcommittee_form(
            actor=director, name="X", purpose="Y", formed_on=date(2026, 1, 1), members=[investigator], reason="r"
        )
    assert "members" in refused.value.message_dict


def test_a_board_member_does_not_record_sub_committees(board_members):
    with pytest.raises(PermissionDenied):
        subcommittee_form(
            actor=board_members[0], name="X", purpose="Y", formed_on=date(2026, 1, 1), members=[], reason="r"
        )


def test_an_action_awaits_the_full_boards_review(director, policy):
    action = _action(director, policy)
    assert (action.review, action.reviewed_on) == (SubCommitteeAction.Review.PENDING, None)


def test_the_full_board_affirms_an_action_with_a_date(director, policy):
    action = _action(director, policy)
    reviewed = subcommittee_action_review(
        actor=director, action=action, review="affirmed", reviewed_on=date(2026, 11, 20), reason="Board minutes"
    )
    assert (reviewed.review, reviewed.reviewed_on) == ("affirmed", date(2026, 11, 20))
    assert reviewed.history.latest().history_user == director


def test_a_modification_or_rejection_needs_a_note(director, policy):
    action = _action(director, policy)
    with pytest.raises(ValidationError) as refused:
        subcommittee_action_review(
            actor=director, action=action, review="rejected", reviewed_on=date(2026, 11, 20), reason="Minutes"
        )
    assert "note" in refused.value.message_dict


def test_a_review_is_recorded_once(director, policy):
    action = _action(director, policy)
    kwargs = {"actor": director, "action": action, "reviewed_on": date(2026, 11, 20), "reason": "Minutes"}
    subcommittee_action_review(review="affirmed", **kwargs)
    assert subcommittee_action_review(review="affirmed", **kwargs).review == "affirmed"
    with pytest.raises(ValidationError):
        subcommittee_action_review(review="modified", note="Narrowed", **kwargs)


def test_no_action_after_a_sub_committee_is_dissolved(director, policy):
    subcommittee_dissolve(actor=director, subcommittee=policy, dissolved_on=date(2026, 6, 30), reason="Work done")
    with pytest.raises(ValidationError) as refused:
        _action(director, policy, acted_on=date(2026, 7, 1))
    assert "acted_on" in refused.value.message_dict
