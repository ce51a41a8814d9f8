"""Policy recommendations to PPB (R4.1, 35A.050 C; annual report items b and c, issue 10 part C).

A recommendation is drafted by the Board, a sub-committee or a sentinel event review, adopted by a
recorded Board vote, sent to PPB with an answer due on the deadline engine, answered by the PPB
liaison (accepted, rejected or modified), and, when PPB rejects it, may go to City Council, whose
vote binds PPB. Implementation updates follow until done.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..votes import RecordedBoardVote

__all__ = ["PolicyRecommendation", "RecommendationUpdate"]


class PolicyRecommendation(RecordedBoardVote):
    """One recommendation; the inherited vote fields are the Board's vote that adopted it."""

    class Origin(models.TextChoices):
        BOARD = "board", _("The full Board")
        SUBCOMMITTEE = "subcommittee", _("A sub-committee")
        SENTINEL_REVIEW = "sentinel_review", _("A sentinel event review")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted by the Board")
        SENT_TO_PPB = "sent_to_ppb", _("Sent to PPB, awaiting its answer")
        ANSWERED = "answered", _("Answered by PPB")
        COUNCIL_REQUESTED = "council_requested", _("Before City Council")
        COUNCIL_DECIDED = "council_decided", _("Decided by City Council")
        IMPLEMENTED = "implemented", _("Implemented")

    # The one place that says which move is legal (STYLE.md 3). An answered recommendation goes to
    # Council only when PPB rejected it, and is implemented only when PPB accepted or modified it;
    # after Council, only a vote that binds PPB leads to implementation (checked in the services).
    TRANSITIONS = {
        Status.DRAFT: {Status.ADOPTED},
        Status.ADOPTED: {Status.SENT_TO_PPB},
        Status.SENT_TO_PPB: {Status.ANSWERED},
        Status.ANSWERED: {Status.COUNCIL_REQUESTED, Status.IMPLEMENTED},
        Status.COUNCIL_REQUESTED: {Status.COUNCIL_DECIDED},
        Status.COUNCIL_DECIDED: {Status.IMPLEMENTED},
        Status.IMPLEMENTED: set(),
    }

    class Answer(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        MODIFIED = "modified", _("Accepted with modifications")

    class CouncilOutcome(models.TextChoices):
        BINDS_PPB = "binds_ppb", _("Council sided with the Board: the recommendation binds PPB")
        SIDES_WITH_PPB = "sides_with_ppb", _("Council did not side with the Board: PPB's rejection stands")

    class Implementation(models.TextChoices):
        NONE = "none", _("No update yet")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("recommendation"))
    rationale = models.TextField(_("rationale"))
    origin = models.CharField(_("drafted by"), max_length=16, choices=Origin.choices)
    subcommittee = models.ForeignKey(
        "governance.SubCommittee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("sub-committee"),
    )
    sentinel_review = models.ForeignKey(
        "governance.SentinelReview",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
        verbose_name=_("sentinel event review"),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    drafted_at = models.DateTimeField(_("drafted at"))
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    adopted_at = models.DateTimeField(_("adoption recorded at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent to PPB at"), null=True, blank=True)
    # RECOMMENDATION_RESPONSE_DAYS when it was sent, frozen: a later change of the setting moves no due date.
    response_days = models.PositiveSmallIntegerField(_("days PPB has to answer"), null=True, blank=True)
    answer = models.CharField(_("PPB's answer"), max_length=16, choices=Answer.choices, blank=True)
    answer_explanation = models.TextField(_("PPB's explanation"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The Board's vote to ask City Council to decide a rejected recommendation.
    council_request_vote_on = models.DateField(_("date of the Board's vote to ask Council"), null=True, blank=True)
    council_request_votes_yes = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    council_request_votes_no = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    council_request_votes_abstain = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    council_request_seated_members = models.PositiveSmallIntegerField(_("members serving"), null=True, blank=True)
    council_requested_at = models.DateTimeField(_("Council asked at"), null=True, blank=True)
    # City Council's vote, recorded by the Director (no Council login), with its date and reference.
    council_outcome = models.CharField(
        _("Council's decision"), max_length=16, choices=CouncilOutcome.choices, blank=True
    )
    council_vote_on = models.DateField(_("date of Council's vote"), null=True, blank=True)
    council_reference = models.CharField(_("Council reference"), max_length=200, blank=True)
    council_decided_at = models.DateTimeField(_("Council's vote recorded at"), null=True, blank=True)
    implementation = models.CharField(
        _("implementation"), max_length=16, choices=Implementation.choices, default=Implementation.NONE
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-drafted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(origin="subcommittee") | models.Q(subcommittee__isnull=False),
                name="recommendation_subcommittee_origin_names_it",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin="sentinel_review") | models.Q(sentinel_review__isnull=False),
                name="recommendation_sentinel_origin_names_it",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(vote_on__isnull=False),
                name="recommendation_adopted_has_vote",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["draft", "adopted", "sent_to_ppb"]) | ~models.Q(answer=""),
                name="recommendation_answered_has_answer",
            ),
        ]
        indexes = [models.Index(fields=["status", "vote_on"], name="recommendation_status_vote")]

    def __str__(self):
        return self.title

    @property
    def binds_ppb(self):
        """City Council sided with the Board: PPB must implement it (R4.1)."""
        return self.council_outcome == self.CouncilOutcome.BINDS_PPB

    @property
    def may_be_implemented(self):
        """Implementation is tracked once PPB accepted or modified it, or Council made it binding."""
        if self.status == self.Status.ANSWERED:
            return self.answer in (self.Answer.ACCEPTED, self.Answer.MODIFIED)
        return self.status == self.Status.COUNCIL_DECIDED and self.binds_ppb

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT


# The stages an update records: every implementation value but "none".
UPDATE_STAGES = [choice for choice in PolicyRecommendation.Implementation.choices if choice[0] != "none"]


class RecommendationUpdate(models.Model):
    """A dated note on how implementation stands, by the PPB liaison or the Director."""

    recommendation = models.ForeignKey(PolicyRecommendation, on_delete=models.PROTECT, related_name="updates")
    stage = models.CharField(
        _("stage"),
        max_length=16,
        choices=UPDATE_STAGES,
    )
    note = models.TextField(_("note"))
    update_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["update_on", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.recommendation}: {self.get_stage_display()} ({self.update_on:%Y-%m-%d})"
