"""A vote of the full Board, recorded by the Office as a tally (issue 10, R4).

The Board adopts policy recommendations, recommends rules and adopts its own documents at public
meetings; the Office records what was voted. One check says whether a tally adopts, against the
Board's quorum and threshold in force on the day of the vote (``body_rules``), so every governance
decision counts the same way.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import BoardMembership, Body
from .selectors import body_rules, memberships_on


class RecordedBoardVote(models.Model):
    """The fields of a recorded Board vote; a model that a Board vote decides inherits them."""

    vote_on = models.DateField(gettext_lazy("date of the vote"), null=True, blank=True)
    votes_yes = models.PositiveSmallIntegerField(gettext_lazy("votes for"), null=True, blank=True)
    votes_no = models.PositiveSmallIntegerField(gettext_lazy("votes against"), null=True, blank=True)
    votes_abstain = models.PositiveSmallIntegerField(gettext_lazy("abstentions"), null=True, blank=True)
    seated_members = models.PositiveSmallIntegerField(gettext_lazy("members serving"), null=True, blank=True)

    class Meta:
        abstract = True


def board_vote_check(*, vote_on, yes, no, abstain, body=Body.BOARD):
    """({field: message}, seated): empty errors when the tally adopts under the body's quorum and
    threshold in force on `vote_on`, counted over the members serving that day."""
    errors = {}
    if vote_on is None:
        return {"vote_on": _("Give the date of the vote.")}, 0
    if vote_on > timezone.localdate():
        return {"vote_on": _("The vote cannot be in the future.")}, 0
    seated = memberships_on(on=vote_on, kind=BoardMembership.Kind.MEMBER).count()
    yes, no, abstain = (yes or 0), (no or 0), (abstain or 0)
    if yes + no + abstain > seated:
        errors["votes_yes"] = _("More votes than the %(seated)s members serving on that day.") % {"seated": seated}
        return errors, seated
    rules = body_rules(body, on=vote_on)
    if yes + no + abstain < rules.votes_for_quorum(seated):
        errors["votes_yes"] = _("No quorum: %(quorum)s of %(seated)s members must vote.") % {
            "quorum": rules.votes_for_quorum(seated),
            "seated": seated,
        }
    elif yes < rules.votes_to_adopt(seated):
        errors["votes_yes"] = _("Not adopted: %(adopt)s of %(seated)s members must vote for it.") % {
            "adopt": rules.votes_to_adopt(seated),
            "seated": seated,
        }
    return errors, seated
