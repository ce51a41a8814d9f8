from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Allegation, Case
from investigations.models import FindingOutcome

FROZEN_FIELDS = [
    "threshold",
    "quorum",
    "size",
    "tie_rule",
    "appeal_window_days",
    "notice_days",
    "bylaws_version_label",
    "bylaws_adopted_on",
]


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
    # Issue 9.2: the rest of the body's bylaws numbers, frozen with the others (discipline/seating.py).
    # The defaults are the documented bylaws defaults, for panels convened before these were kept.
    size = models.PositiveSmallIntegerField(default=3)
    tie_rule = models.CharField(max_length=32, default="return_to_ocpa")
    appeal_window_days = models.PositiveSmallIntegerField(default=30)
    notice_days = models.PositiveSmallIntegerField(default=7)
    bylaws_version_label = models.CharField(max_length=80, blank=True)
    bylaws_adopted_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[members], excluded_fields=FROZEN_FIELDS)

    class Meta:
        indexes = [
            # The panels list's default order, newest first (issue 14.2).
            models.Index(fields=["-convened_at", "-id"], name="panel_convened_order_idx"),
        ]
        constraints = [
            # Issue 9.3: one open panel of each kind per case; a case may have many over its life.
            models.UniqueConstraint(
                fields=["case", "kind"], condition=models.Q(status="open"), name="one_open_panel_per_kind"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.case}"


class VoteChoice(models.TextChoices):
    """What a member may vote (R3.4): one of the four findings (stored as FindingOutcome stores them), or
    abstain, which counts toward quorum and for no finding."""

    OUT_OF_POLICY = FindingOutcome.OUT_OF_POLICY.value, FindingOutcome.OUT_OF_POLICY.label
    IN_POLICY = FindingOutcome.IN_POLICY.value, FindingOutcome.IN_POLICY.label
    UNFOUNDED = FindingOutcome.UNFOUNDED.value, FindingOutcome.UNFOUNDED.label
    INSUFFICIENT_EVIDENCE = FindingOutcome.INSUFFICIENT_EVIDENCE.value, FindingOutcome.INSUFFICIENT_EVIDENCE.label
    ABSTAIN = "abstain", _("Abstain")


class NoFindingRule(models.TextChoices):
    """What follows when no finding reaches the threshold: the panel's tie rule, recorded on the result.
    The stored values are the bylaws' tie rules (oversight.governance.models.TieRule)."""

    RETURN_TO_OCPA = "return_to_ocpa", _("The case returns to OCPA for more work, with the panel's reasons")
    INVESTIGATOR_FINDING_STANDS = "investigator_finding_stands", _("The investigator's finding stands")


class Vote(models.Model):
    """One member's vote on one allegation's finding (R3.4)."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="votes")
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    finding = models.CharField(max_length=24, choices=VoteChoice.choices)
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
    # No finding adopted (issue 9.3): the tie rule that decided what follows, the investigator's finding
    # when that rule lets it stand, and the panel's reasons when the case returns to OCPA.
    no_finding_rule = models.CharField(max_length=32, choices=NoFindingRule.choices, blank=True)
    standing_finding = models.CharField(max_length=24, choices=FindingOutcome.choices, blank=True)
    reasons = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "allegation"], name="one_result_per_allegation"),
            models.CheckConstraint(
                condition=models.Q(finding="") | models.Q(no_finding_rule=""), name="result_adopted_or_rule"
            ),
        ]

    def __str__(self):
        return f"{self.allegation}: {self.finding or 'no finding'}"

    @property
    def effective_finding(self):
        """The finding that holds: the panel's, or the investigator's where the tie rule lets it stand."""
        return self.finding or self.standing_finding

    @property
    def is_sustained(self):
        return self.effective_finding == FindingOutcome.OUT_OF_POLICY

    @property
    def is_returned(self):
        return self.no_finding_rule == NoFindingRule.RETURN_TO_OCPA


class DisciplineDecision(models.Model):
    """Discipline or corrective action for a sustained allegation (R3.5)."""

    class Action(models.TextChoices):
        COMMAND_COUNSELING = "command_counseling", _("Command counseling")
        CORRECTIVE_TRAINING = "corrective_training", _("Corrective action or training")
        LETTER_OF_REPRIMAND = "letter_of_reprimand", _("Letter of reprimand")
        SUSPENSION = "suspension", _("Suspension without pay")
        DEMOTION = "demotion", _("Demotion")
        TERMINATION = "termination", _("Termination")

    class Status(models.TextChoices):
        # Adopted by the panel's vote; discipline becomes final only after Loudermill (R3.6), corrective
        # action on adoption.
        PROPOSED = "proposed", _("Proposed (awaiting Loudermill)")
        FINAL = "final", _("Final")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    allegation = models.OneToOneField(Allegation, on_delete=models.PROTECT, related_name="discipline")
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="discipline_decisions")
    action = models.CharField(max_length=24, choices=Action.choices)
    rationale = models.TextField(help_text=_("How the statewide discipline guide and Just Cause apply."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    # Issue 9.7/9.8 (part D, discipline/guide.py): the proposal the panel adopted, the guide's category and
    # level, corrective action or discipline, and where Loudermill left it (``loudermill`` is the link).
    proposal = models.OneToOneField(
        "discipline.DisciplineProposal", on_delete=models.PROTECT, null=True, blank=True, related_name="decision"
    )
    category = models.ForeignKey(
        "discipline.MisconductCategory", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.ForeignKey(
        "discipline.SanctionLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    final_level = models.ForeignKey(
        "discipline.SanctionLevel", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_corrective = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    final_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["decided_at"], name="discipline_proposed_idx", condition=models.Q(status="proposed"))
        ]

    def __str__(self):
        return f"{self.get_action_display()} for {self.allegation}"

    @property
    def level_name(self):
        """The level in words: the final one once Loudermill modified it, else the adopted one."""
        level = self.final_level or self.level
        return level.name if level else self.get_action_display()
