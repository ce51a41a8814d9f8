"""A preliminary panel's own decision (issue 9.3): its review of the case-handling decision (R1.8) before
the investigation ends, its members' votes, and the Director's answer. See discipline/preliminary.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Case

from .panels import NoFindingRule, Panel

__all__ = ["PreliminaryPosition", "PreliminaryReview", "PreliminaryVote"]


class PreliminaryPosition(models.TextChoices):
    """What a member of a preliminary panel votes: the case-handling decision is sound, or the Director
    should reconsider it."""

    CONCUR = "concur", _("Concur with the case-handling decision")
    RECONSIDER = "reconsider", _("Ask the Director to reconsider it")


class PreliminaryVote(models.Model):
    """One member's live vote on a preliminary panel; withdrawn (deleted, with history) on recusal."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="preliminary_votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    position = models.CharField(_("position"), max_length=12, choices=PreliminaryPosition.choices)
    reasons = models.TextField(_("reasons"), blank=True)
    cast_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "member"], name="one_preliminary_vote_per_member"),
            # A vote to reconsider says why: those reasons are what the Director answers.
            models.CheckConstraint(
                condition=~Q(position="reconsider") | ~Q(reasons=""), name="preliminary_reconsider_has_reasons"
            ),
        ]

    def __str__(self):
        return f"{self.member} on {self.panel}: {self.position}"


class PreliminaryReview(models.Model):
    """The preliminary panel's decision on the case-handling decision, and the Director's answer to it."""

    class Outcome(models.TextChoices):
        CONCUR = "concur", _("The panel concurs with the case-handling decision")
        RECONSIDER = "reconsider", _("The panel asks the Director to reconsider the case-handling decision")
        NO_DECISION = "no_decision", _("No decision reached the panel's threshold")

    class Answer(models.TextChoices):
        CHANGED = "changed", _("Decision changed")
        UNCHANGED = "unchanged", _("Decision not changed")

    panel = models.OneToOneField(Panel, on_delete=models.PROTECT, related_name="preliminary_review")
    # The decision the panel reviewed, as it stood when the panel decided: the case's may change later.
    decision_reviewed = models.CharField(max_length=24, choices=Case.Decision.choices)
    decision_reason_reviewed = models.TextField(blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    reasons = models.TextField(blank=True)
    votes_for = models.PositiveSmallIntegerField()
    votes_cast = models.PositiveSmallIntegerField()
    panel_size = models.PositiveSmallIntegerField()
    threshold = models.DecimalField(max_digits=5, decimal_places=4)
    # No decision: the panel's tie rule, frozen at convening; in a review either way the decision stands.
    no_decision_rule = models.CharField(max_length=32, choices=NoFindingRule.choices, blank=True)
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.CharField(max_length=12, choices=Answer.choices, blank=True)
    new_decision = models.CharField(max_length=24, choices=Case.Decision.choices, blank=True)
    answer_reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome="reconsider") | ~Q(reasons=""), name="preliminary_review_reconsider_reasons"
            ),
            models.CheckConstraint(
                condition=Q(outcome="no_decision") | Q(no_decision_rule=""), name="preliminary_review_rule_iff_none"
            ),
            # Only a request to reconsider is answered, and an answer has its reason, its author and its time.
            models.CheckConstraint(
                condition=Q(answer="", answered_at__isnull=True)
                | Q(outcome="reconsider", answered_at__isnull=False, answered_by__isnull=False)
                & ~Q(answer="")
                & ~Q(answer_reason=""),
                name="preliminary_review_answer_complete",
            ),
            models.CheckConstraint(
                condition=Q(answer="changed") | Q(new_decision=""), name="preliminary_review_new_decision_if_changed"
            ),
        ]
        indexes = [
            models.Index(
                fields=["decided_at"],
                name="preliminary_review_pending_idx",
                condition=Q(outcome="reconsider", answer=""),
            )
        ]

    def __str__(self):
        return f"{self.panel}: {self.outcome}"

    @property
    def is_pending(self):
        """A request to reconsider the Director has not answered yet."""
        return self.outcome == self.Outcome.RECONSIDER and not self.answer

    @property
    def consequence(self):
        """What follows, in plain words."""
        if self.outcome == self.Outcome.RECONSIDER:
            if self.answer == self.Answer.CHANGED:
                return _("The Director changed the case-handling decision.")
            if self.answer == self.Answer.UNCHANGED:
                return _("The Director kept the case-handling decision, with reasons.")
            return _("The Director must answer: change the case-handling decision or keep it, with reasons.")
        if self.outcome == self.Outcome.CONCUR:
            return _("The case-handling decision stands.")
        if self.no_decision_rule == NoFindingRule.RETURN_TO_OCPA:
            return _("No decision was adopted: the case-handling decision stands and the case stays with OCPA.")
        return _("No decision was adopted: the case-handling decision stands.")
