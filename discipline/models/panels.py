from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Allegation, Case
from investigations.models import FindingOutcome


class Panel(models.Model):
    """A subset of the Board convened for one case (R3.1)."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminary panel")
        HEARINGS = "hearings", _("Hearings panel")
        DISCIPLINARY = "disciplinary", _("Disciplinary panel")
        APPEALS = "appeals", _("Appeals panel")

    class Status(models.TextChoices):
        OPEN = "open", _("Voting open")
        DECIDED = "decided", _("Decided")

    TRANSITIONS = {Status.OPEN: {Status.DECIDED}, Status.DECIDED: set()}

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="panels")
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.HEARINGS)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="panels")
    convened_at = models.DateTimeField()
    convened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    # R3.2: the bylaws numbers in force when the panel was convened, frozen: a later change by the Board
    # applies to panels convened after it, never to one already hearing a case. Set once at convening and
    # never changed, so left out of the history rows (the results record the threshold they met).
    threshold = models.DecimalField(max_digits=5, decimal_places=4)
    quorum = models.DecimalField(max_digits=5, decimal_places=4)
    history = HistoricalRecords(m2m_fields=[members], excluded_fields=["threshold", "quorum"])

    class Meta:
        indexes = [
            # The panels list's default order, newest first (issue 14.2).
            models.Index(fields=["-convened_at", "-id"], name="panel_convened_order_idx"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.case}"


class Vote(models.Model):
    """One member's vote on one allegation's finding (R3.4)."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="votes")
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    finding = models.CharField(max_length=24, choices=FindingOutcome.choices)
    cast_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["panel", "allegation", "member"], name="one_vote_per_member")]

    def __str__(self):
        return f"{self.member} on {self.allegation}: {self.finding}"


class PanelResult(models.Model):
    """The panel's finding on an allegation, with the bylaws threshold it was measured against."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="results")
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="panel_results")
    finding = models.CharField(
        max_length=24,
        choices=FindingOutcome.choices,
        blank=True,
        help_text=_("Blank when no finding reached the threshold."),
    )
    votes_for = models.PositiveSmallIntegerField()
    votes_cast = models.PositiveSmallIntegerField()
    panel_size = models.PositiveSmallIntegerField()
    threshold = models.DecimalField(max_digits=5, decimal_places=4)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["panel", "allegation"], name="one_result_per_allegation")]

    def __str__(self):
        return f"{self.allegation}: {self.finding or 'no finding'}"

    @property
    def is_sustained(self):
        return self.finding == FindingOutcome.OUT_OF_POLICY


class DisciplineDecision(models.Model):
    """Discipline or corrective action for a sustained allegation (R3.5)."""

    class Action(models.TextChoices):
        COMMAND_COUNSELING = "command_counseling", _("Command counseling")
        CORRECTIVE_TRAINING = "corrective_training", _("Corrective action or training")
        LETTER_OF_REPRIMAND = "letter_of_reprimand", _("Letter of reprimand")
        SUSPENSION = "suspension", _("Suspension without pay")
        DEMOTION = "demotion", _("Demotion")
        TERMINATION = "termination", _("Termination")

    allegation = models.OneToOneField(Allegation, on_delete=models.PROTECT, related_name="discipline")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="discipline_decisions")
    action = models.CharField(max_length=24, choices=Action.choices)
    rationale = models.TextField(help_text=_("How the statewide discipline guide and Just Cause apply."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.get_action_display()} for {self.allegation}"
