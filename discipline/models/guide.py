"""The statewide discipline guide, discipline proposals adopted by vote, and Loudermill (issue 9.7, 9.8).

The guide (Oregon Administrative Rules chapter 265, in force from July 1, 2025; R3.5) is data the
administrator keeps: sanction levels in order, misconduct categories each with a presumptive level and
mitigated..aggravated bounds, and the aggravating and mitigating factors. A panel proposes discipline
within it, members vote, and adoption records a ``DisciplineDecision`` (proposed discipline) that is final
only after Loudermill (R3.6), unless it is corrective action.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Allegation

from .panels import DisciplineDecision, Panel

__all__ = [
    "DisciplineGuide",
    "SanctionLevel",
    "MisconductCategory",
    "GuideFactor",
    "DisciplineProposal",
    "ProposalFactor",
    "ProposalVote",
    "Loudermill",
]


class DisciplineGuide(models.Model):
    """One edition of the statewide discipline guide; the one in force on a date is the latest effective by it."""

    title = models.CharField(_("title"), max_length=200)
    effective_on = models.DateField(_("effective on"))
    is_confirmed = models.BooleanField(
        _("confirmed against the adopted rule text"),
        default=False,
        help_text=_("Tick once an administrator has checked every level, category and bound against the OAR text."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["effective_on"], name="one_guide_per_effective_date")]

    def __str__(self):
        return f"{self.title} ({self.effective_on:%Y-%m-%d})"


class SanctionLevel(models.Model):
    """A sanction level, ordered by rank (1 = least severe); corrective action or discipline."""

    guide = models.ForeignKey(DisciplineGuide, on_delete=models.PROTECT, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the least severe."))
    name = models.CharField(_("name"), max_length=120)
    action = models.CharField(
        _("kind of action"),
        max_length=24,
        choices=DisciplineDecision.Action.choices,
        help_text=_("The kind of action the level is, for reports."),
    )
    is_corrective = models.BooleanField(
        _("corrective action (not discipline)"),
        default=False,
        help_text=_("Corrective action is not discipline and needs no Loudermill hearing."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["guide", "rank"]
        constraints = [models.UniqueConstraint(fields=["guide", "rank"], name="one_level_per_rank")]

    def __str__(self):
        return f"{self.rank}. {self.name}"


class MisconductCategory(models.Model):
    """A category of misconduct with its presumptive sanction and the mitigated and aggravated bounds."""

    guide = models.ForeignKey(DisciplineGuide, on_delete=models.PROTECT, related_name="categories")
    name = models.CharField(_("name"), max_length=160)
    description = models.TextField(_("description"), blank=True)
    presumptive = models.ForeignKey(
        SanctionLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("presumptive sanction")
    )
    mitigated = models.ForeignKey(
        SanctionLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("mitigated bound (least severe)")
    )
    aggravated = models.ForeignKey(
        SanctionLevel, on_delete=models.PROTECT, related_name="+", verbose_name=_("aggravated bound (most severe)")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["guide", "name"]
        verbose_name_plural = _("misconduct categories")
        constraints = [models.UniqueConstraint(fields=["guide", "name"], name="one_category_name_per_guide")]

    def __str__(self):
        return self.name

    def clean(self):
        levels = [getattr(self, f"{f}_id") and getattr(self, f) for f in ("mitigated", "presumptive", "aggravated")]
        if not all(levels):
            return
        if any(level.guide_id != self.guide_id for level in levels):
            raise ValidationError(_("The levels must belong to the same guide as the category."))
        mitigated, presumptive, aggravated = levels
        if not mitigated.rank <= presumptive.rank <= aggravated.rank:
            raise ValidationError(
                _("The bounds must hold the presumptive sanction: mitigated ≤ presumptive ≤ aggravated.")
            )

    def allows(self, level):
        """Whether ``level`` lies within the mitigated..aggravated bounds (R3.5)."""
        return level.guide_id == self.guide_id and self.mitigated.rank <= level.rank <= self.aggravated.rank


class GuideFactor(models.Model):
    """An aggravating or mitigating factor the guide lists."""

    class Kind(models.TextChoices):
        AGGRAVATING = "aggravating", _("Aggravating")
        MITIGATING = "mitigating", _("Mitigating")

    guide = models.ForeignKey(DisciplineGuide, on_delete=models.PROTECT, related_name="factors")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["guide", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["guide", "kind", "name"], name="one_factor_name_per_kind")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"


class DisciplineProposal(models.Model):
    """Discipline a member (or the Director) proposes for one sustained allegation; the panel votes on it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for votes")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Not adopted")

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="discipline_proposals")
    allegation = models.ForeignKey(Allegation, on_delete=models.PROTECT, related_name="discipline_proposals")
    category = models.ForeignKey(MisconductCategory, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(SanctionLevel, on_delete=models.PROTECT, related_name="+")
    is_corrective = models.BooleanField(default=False)
    just_cause = models.TextField(
        help_text=_("Just Cause (35A.020 K): how the cause relates to the officer's ability to perform required work.")
    )
    reasoning = models.TextField(blank=True, help_text=_("Required when the level is not the presumptive one."))
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["allegation"], condition=Q(status="open"), name="one_open_proposal_per_allegation"
            ),
            models.UniqueConstraint(
                fields=["allegation"], condition=Q(status="adopted"), name="one_adopted_proposal_per_allegation"
            ),
        ]

    def __str__(self):
        return f"{self.level.name} for {self.allegation}"


class ProposalFactor(models.Model):
    """A factor the proposal found, with the weight given it."""

    class Weight(models.TextChoices):
        MINOR = "minor", _("Minor")
        MODERATE = "moderate", _("Moderate")
        SIGNIFICANT = "significant", _("Significant")

    proposal = models.ForeignKey(DisciplineProposal, on_delete=models.CASCADE, related_name="factors")
    factor = models.ForeignKey(GuideFactor, on_delete=models.PROTECT, related_name="+")
    weight = models.CharField(max_length=12, choices=Weight.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "factor"], name="one_weight_per_factor")]

    def __str__(self):
        return f"{self.factor} ({self.get_weight_display()})"


class ProposalVote(models.Model):
    """One member's vote on a discipline proposal."""

    class Choice(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")
        ABSTAIN = "abstain", _("Abstain")

    proposal = models.ForeignKey(DisciplineProposal, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    cast_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="one_vote_per_proposal_member")]

    def __str__(self):
        return f"{self.member}: {self.get_choice_display()}"


class Loudermill(models.Model):
    """The pre-disciplinary process for proposed discipline (R3.6): notice, hearing, response, outcome."""

    class Outcome(models.TextChoices):
        IMPOSED = "imposed", _("Imposed as proposed")
        MODIFIED = "modified", _("Modified")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    decision = models.OneToOneField(DisciplineDecision, on_delete=models.PROTECT, related_name="loudermill")
    representative_name = models.CharField(_("union representative"), max_length=200, blank=True)
    representative_email = models.EmailField(_("union representative's e-mail"), blank=True)
    notice_sent_at = models.DateTimeField()
    hearing_at = models.DateTimeField(_("hearing date and time"))
    response = models.TextField(_("the officer's response"), blank=True)
    response_document = models.FileField(_("response document"), upload_to="loudermill/%Y/%m/", blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_level = models.ForeignKey(
        SanctionLevel, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("new level")
    )
    outcome_reasoning = models.TextField(_("reasoning"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["hearing_at"], name="loudermill_hearing_idx", condition=Q(outcome=""))]

    def __str__(self):
        return f"Loudermill: {self.decision}"

    @property
    def allegation_id(self):
        """The allegation the outcome is about (results told names its officer only)."""
        return self.decision.allegation_id
