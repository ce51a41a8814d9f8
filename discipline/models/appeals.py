"""Appeals of Board results (R3.7), proceedings after the Board (R3.8) and final outcomes.

See discipline/models/__init__.py. Services and selectors: discipline/appeals.py, discipline/outcomes.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Allegation, Case, Complaint
from investigations.models import FindingOutcome
from oversight.roster.models import Employee

from .panels import DisciplineDecision, Panel

__all__ = ["Appeal", "AppealVote", "FinalOutcome", "PostBoardProceeding"]


class Appeal(models.Model):
    """An appeal of a Board result on one allegation, by the filer or by the officer (R3.7)."""

    class Appellant(models.TextChoices):
        FILER = "filer", _("The person who filed the complaint")
        OFFICER = "officer", _("The officer (Covered Employee)")

    class Status(models.TextChoices):
        FILED = "filed", _("Filed, waiting for the appeals panel")
        REFUSED = "refused", _("Refused")
        HEARD = "heard", _("Decided by the appeals panel")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Outcome(models.TextChoices):
        AFFIRMED = "affirmed", _("Affirmed")
        MODIFIED = "modified", _("Modified")
        REVERSED = "reversed", _("Reversed")

    TRANSITIONS = {
        Status.FILED: {Status.HEARD, Status.WITHDRAWN},
        Status.REFUSED: set(),
        Status.HEARD: set(),
        Status.WITHDRAWN: set(),
    }

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="appeals")
    panel = models.ForeignKey(
        Panel, on_delete=models.PROTECT, related_name="appeals", help_text=_("The panel whose result is appealed.")
    )
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="appeals")
    # Set when the discipline decided is appealed; blank when the finding is.
    decision = models.ForeignKey(
        DisciplineDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals"
    )
    appellant = models.CharField(max_length=8, choices=Appellant.choices)
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals")
    grounds = models.TextField()
    filed_at = models.DateTimeField()
    # None when the filer filed it on their status page.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.FILED)
    refused_reason = models.TextField(blank=True)
    appeals_panel = models.ForeignKey(
        Panel, on_delete=models.PROTECT, null=True, blank=True, related_name="appeals_heard"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    decision_text = models.TextField(blank=True)
    new_finding = models.CharField(max_length=24, choices=FindingOutcome.choices, blank=True)
    new_level = models.CharField(
        max_length=24,
        choices=DisciplineDecision.Action.choices,
        blank=True,
        help_text=_("The discipline after the appeal."),
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(appellant="filer", complaint__isnull=False, employee__isnull=True)
                | Q(appellant="officer", employee__isnull=False, complaint__isnull=True),
                name="appeal_appellant_named",
            ),
            models.CheckConstraint(
                condition=~Q(status="refused") | ~Q(refused_reason=""), name="appeal_refusal_says_why"
            ),
            models.CheckConstraint(condition=~Q(status="heard") | ~Q(outcome=""), name="appeal_heard_has_outcome"),
        ]
        indexes = [models.Index(fields=["status", "filed_at"], name="appeal_status_filed_idx")]

    def __str__(self):
        return f"Appeal by the {self.appellant} on {self.case}"

    @property
    def concerns_discipline(self):
        return self.decision_id is not None


class AppealVote(models.Model):
    """One appeals-panel member's vote on an appeal: affirm, modify or reverse (R3.7)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Appeal.Outcome.choices)
    cast_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appeal", "member"], name="one_appeal_vote_per_member")]

    def __str__(self):
        return f"{self.member} on {self.appeal}: {self.outcome}"


class PostBoardProceeding(models.Model):
    """A grievance, Civil Service Board appeal or arbitration of discipline decided by the Board (R3.8)."""

    class Kind(models.TextChoices):
        GRIEVANCE = "grievance", _("Grievance (collective bargaining agreement)")
        CIVIL_SERVICE_BOARD = "civil_service_board", _("Civil Service Board appeal")
        ARBITRATION = "arbitration", _("Arbitration")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Upheld")
        MODIFIED = "modified", _("Modified")
        OVERTURNED = "overturned", _("Overturned")

    kind = models.CharField(max_length=24, choices=Kind.choices)
    decision = models.ForeignKey(DisciplineDecision, on_delete=models.PROTECT, related_name="proceedings")
    filed_on = models.DateField()
    heard_on = models.DateField(null=True, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    resulting_level = models.CharField(
        max_length=24,
        choices=DisciplineDecision.Action.choices,
        blank=True,
        help_text=_("The discipline after a modification; blank if overturned."),
    )
    document = models.FileField(upload_to="board-decisions/", blank=True)
    document_name = models.CharField(max_length=200, blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="") | Q(decided_on__isnull=False), name="proceeding_outcome_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="modified") | ~Q(resulting_level=""), name="proceeding_modified_has_level"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.decision}"

    @property
    def is_open(self):
        return not self.outcome


class FinalOutcome(models.Model):
    """Per allegation, the Board's finding and discipline beside the final ones, and what set them (R3.8):
    "discipline reduced after the Board" is a query, not a search."""

    class SetBy(models.TextChoices):
        BOARD = "board", _("The Board")
        APPEAL = "appeal", _("Appeal")
        GRIEVANCE = "grievance", _("Grievance")
        CIVIL_SERVICE_BOARD = "civil_service_board", _("Civil Service Board")
        ARBITRATION = "arbitration", _("Arbitration")

    allegation = models.OneToOneField(Allegation, on_delete=models.PROTECT, related_name="final_outcome")
    board_finding = models.CharField(max_length=24, choices=FindingOutcome.choices, blank=True)
    final_finding = models.CharField(max_length=24, choices=FindingOutcome.choices, blank=True)
    # Levels on the scale of DisciplineDecision.Action (the kind of action, for reports), with their
    # ranks (higher is heavier, 0 none) so "reduced" compares them in the database.
    board_level = models.CharField(max_length=24, choices=DisciplineDecision.Action.choices, blank=True)
    final_level = models.CharField(max_length=24, choices=DisciplineDecision.Action.choices, blank=True)
    board_level_rank = models.PositiveSmallIntegerField(default=0)
    final_level_rank = models.PositiveSmallIntegerField(default=0)
    set_by = models.CharField(max_length=24, choices=SetBy.choices, default=SetBy.BOARD)
    set_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["set_by", "set_at"], name="final_outcome_set_idx")]

    def __str__(self):
        return f"{self.allegation}: {self.final_finding or '-'} / {self.final_level or '-'}"

    @property
    def is_reduced(self):
        return self.final_level_rank < self.board_level_rank
