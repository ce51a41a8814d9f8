from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..shares import share_display


class BylawsSetting(models.Model):
    """A number the Board's bylaws set and the Board can change (R3.2): never a constant."""

    class Key(models.TextChoices):
        HEARINGS_PANEL_THRESHOLD = (
            "hearings_panel_threshold",
            _("Hearings panel: share of members needed to adopt a finding"),
        )
        HEARINGS_PANEL_QUORUM = "hearings_panel_quorum", _("Hearings panel: share of members who must vote")

    key = models.CharField(max_length=64, choices=Key.choices, unique=True)
    value = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
    )
    adopted_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.get_key_display()}: {share_display(self.value)}"


# Until the Board records its own numbers: more than half of the panel must vote (quorum) and
# more than half of the panel must agree on a finding. Shares of the whole panel, so a
# 3-member panel needs 2 voters and 2 in agreement.
DEFAULTS = {
    BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD: Decimal("0.5001"),
    BylawsSetting.Key.HEARINGS_PANEL_QUORUM: Decimal("0.5001"),
}


class Body(models.TextChoices):
    """Each body the bylaws give numbers to (R3.2); the panel values equal discipline.Panel.Kind values."""

    BOARD = "board", _("The full Board")
    SUBCOMMITTEE = "subcommittee", _("A sub-committee")
    PRELIMINARY = "preliminary", _("Preliminary panel")
    HEARINGS = "hearings", _("Hearings panel")
    DISCIPLINARY = "disciplinary", _("Disciplinary panel")
    APPEALS = "appeals", _("Appeals panel")


class TieRule(models.TextChoices):
    """What follows when no finding reaches the threshold: a panel is never stuck (issue 9.3)."""

    RETURN_TO_OCPA = "return_to_ocpa", _("The case returns to OCPA for more work, with the panel's reasons")
    INVESTIGATOR_FINDING_STANDS = (
        "investigator_finding_stands",
        _("No Board finding; the investigator's recommended finding stands"),
    )


class AdoptingBody(models.TextChoices):
    # The same values as oversight.audit.BylawsChange.AdoptingBody, kept here so governance owns its rows.
    BOARD = "board", _("The Board, by vote at a public meeting")
    CITY_COUNCIL = "city_council", _("City Council, by amending City Code")


class BylawsVersion(models.Model):
    """One adopted version of the bylaws' numbers (R3.2): a label, the vote that adopted it and why.
    Its BodyRule rows are the numbers it set; a body it does not name keeps the earlier version's.
    Issue 10 will tie a version to the adopted bylaws document (a nullable link, added then)."""

    label = models.CharField(_("label"), max_length=80, unique=True)
    adopted_on = models.DateField(_("adopted on"))
    adopting_body = models.CharField(_("adopted by"), max_length=16, choices=AdoptingBody.choices)
    summary = models.TextField(_("summary"), blank=True)
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    # Issue 10 part A: the adopted bylaws text these numbers belong to (null for versions recorded before).
    document_version = models.ForeignKey(
        "governance.DocumentVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bylaws_numbers",
        verbose_name=_("adopted bylaws text"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-adopted_on", "-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.label} ({self.adopted_on:%Y-%m-%d})"


class BodyRule(models.Model):
    """The numbers one bylaws version sets for one body."""

    version = models.ForeignKey(BylawsVersion, on_delete=models.PROTECT, related_name="rules")
    body = models.CharField(_("body"), max_length=16, choices=Body.choices)
    size = models.PositiveSmallIntegerField(_("members"), validators=[MinValueValidator(1), MaxValueValidator(99)])
    quorum = models.DecimalField(
        _("quorum (share of seated members who must vote)"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
    )
    threshold = models.DecimalField(
        _("threshold (share of seated members who must agree)"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.5001")), MaxValueValidator(Decimal("1"))],
    )
    tie_rule = models.CharField(_("when no finding is adopted"), max_length=32, choices=TieRule.choices)
    appeal_window_days = models.PositiveSmallIntegerField(_("appeal window (days)"), validators=[MinValueValidator(1)])
    notice_days = models.PositiveSmallIntegerField(_("public notice before a hearing (days)"))
    training_required = models.BooleanField(_("required trainings bar untrained members"), default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "body"], name="bodyrule_one_per_body_per_version"),
            models.CheckConstraint(
                condition=models.Q(threshold__gt=Decimal("0.5"), threshold__lte=1),
                name="bodyrule_threshold_more_than_half",
            ),
            models.CheckConstraint(condition=models.Q(quorum__gt=0, quorum__lte=1), name="bodyrule_quorum_is_a_share"),
            models.CheckConstraint(condition=models.Q(size__gte=1), name="bodyrule_size_positive"),
        ]

    def __str__(self):
        return f"{self.get_body_display()} ({self.version.label})"


# Until the Board records its own numbers (documented in README): 3 members, more than half must vote and
# more than half must agree, the case returns to OCPA when no finding is adopted, a 30-day appeal window,
# 7 days' public notice, trainings do not bar anyone.
BODY_DEFAULTS = {
    "size": 3,
    "quorum": Decimal("0.5001"),
    "threshold": Decimal("0.5001"),
    "tie_rule": TieRule.RETURN_TO_OCPA,
    "appeal_window_days": 30,
    "notice_days": 7,
    "training_required": False,
}


class BoardMembership(models.Model):
    """One term of one person on the Board, as a member or an alternate (35A.010 G, R3.1)."""

    class Kind(models.TextChoices):
        MEMBER = "member", _("Member")
        ALTERNATE = "alternate", _("Alternate")

    class Leadership(models.TextChoices):
        NONE = "none", _("None")
        CHAIR = "chair", _("Chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="board_memberships")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    term_start_on = models.DateField(_("term starts"))
    term_end_on = models.DateField(_("term ends"), null=True, blank=True)
    leadership = models.CharField(_("leadership"), max_length=16, choices=Leadership.choices, default=Leadership.NONE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["term_start_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_end_on__isnull=True) | models.Q(term_end_on__gte=models.F("term_start_on")),
                name="boardmembership_term_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["user", "term_start_on"], name="boardmembership_user_start")]

    def __str__(self):
        return f"{self.user} ({self.get_kind_display()}, {self.term_start_on:%Y-%m-%d})"

    def covers(self, day):
        return self.term_start_on <= day and (self.term_end_on is None or day <= self.term_end_on)


class SubCommittee(models.Model):
    """A sub-committee of the Board (35A.020 "Sub-Committee"); its actions go to the full Board for review."""

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="subcommittees", blank=True)
    formed_on = models.DateField(_("formed on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["-formed_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(dissolved_on__isnull=True) | models.Q(dissolved_on__gte=models.F("formed_on")),
                name="subcommittee_dissolved_after_formed",
            ),
        ]

    def __str__(self):
        return self.name


class SubCommitteeAction(models.Model):
    """What a sub-committee did, and the full Board's review of it."""

    class Review(models.TextChoices):
        PENDING = "pending", _("Awaiting the full Board's review")
        AFFIRMED = "affirmed", _("Affirmed by the full Board")
        MODIFIED = "modified", _("Modified by the full Board")
        REJECTED = "rejected", _("Rejected by the full Board")

    subcommittee = models.ForeignKey(SubCommittee, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField(_("what the sub-committee did"))
    acted_on = models.DateField(_("acted on"))
    review = models.CharField(_("full Board review"), max_length=16, choices=Review.choices, default=Review.PENDING)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-acted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(review="pending", reviewed_on__isnull=True)
                | (~models.Q(review="pending") & models.Q(reviewed_on__isnull=False)),
                name="subcommitteeaction_review_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.subcommittee}: {self.acted_on:%Y-%m-%d}"


class BoardTraining(models.Model):
    """A training the Board offers; a required one may bar untrained members from panels (R4.4)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class TrainingCompletion(models.Model):
    """One member completed one training on a date."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_completions")
    training = models.ForeignKey(BoardTraining, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField(_("completed on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["training__name", "member__username"]
        constraints = [
            models.UniqueConstraint(fields=["member", "training"], name="trainingcompletion_once_per_member"),
        ]

    def __str__(self):
        return f"{self.member} completed {self.training} on {self.completed_on:%Y-%m-%d}"
