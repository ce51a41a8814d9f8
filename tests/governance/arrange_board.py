"""Arranges the Board's roster, a sub-committee with an action and a training through the real services
(issue 9 part A), for page and journey tests."""

import datetime

from django.contrib.auth.models import Group

from oversight.accounts.roles import Role
from oversight.governance.models import BoardMembership
from oversight.governance.services import (
    board_membership_appoint,
    subcommittee_action_record,
    subcommittee_form,
    training_completion_record,
    training_create,
)

START = datetime.date(2000, 1, 1)


def board_roster_arrange(director, users, kind=BoardMembership.Kind.MEMBER):
    """Gives each Board user without a term an open term from 2000-01-01."""
    board = Group.objects.get(name=Role.BOARD)
    for user in users:
        user.groups.add(board)
        if not BoardMembership.objects.filter(user=user).exists():
            board_membership_appoint(actor=director, user=user, kind=kind, term_start_on=START, reason="Appointed")


def board_arrange(director, board_users, *, on=None):
    """A roster for `board_users`, one required training (the first user trained), and a sub-committee
    with one action awaiting the full Board. Returns the sub-committee."""
    on = on or datetime.date(2020, 1, 1)
    board_users = list(board_users) if isinstance(board_users, (list, tuple)) else [board_users]
    board_roster_arrange(director, board_users)
    training = training_create(actor=director, name="Procedural justice", is_required=True, reason="Bylaws 4.2")
    training_completion_record(
        actor=director, member=board_users[0], training=training, completed_on=on, reason="Sign-in sheet"
    )
    subcommittee = subcommittee_form(
        actor=director,
        name="Policy sub-committee",
        purpose="Drafts policy recommendations for the full Board.",
        formed_on=on,
        members=board_users[:1],
        reason="Board vote",
    )
    subcommittee_action_record(
        actor=director,
        subcommittee=subcommittee,
        description="Recommended a draft on body-worn cameras.",
        acted_on=on,
        reason="Minutes",
    )
    return subcommittee
