"""PPB's periodic data submissions to the Board (R4.7, 35A.050 [M]).

The Board defines a standard (what PPB sends, its columns and how often); the Director records it.
A changed standard is a new version: each submission keeps the version it was validated against.
Each ended period of a standard owes one submission, on the deadline engine (DATA_SUBMISSION).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..votes import RecordedBoardVote

__all__ = [
    "DataStandard",
    "DataStandardVersion",
    "DataStandardColumn",
    "DataSubmissionPeriod",
    "DataSubmission",
    "DataSubmissionRow",
    "DataSubmissionAttempt",
]


class DataStandard(models.Model):
    """What PPB sends, by name; its columns and frequency are in its versions."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class DataStandardVersion(RecordedBoardVote):
    """One version of a standard, as the Board adopted it; in force from ``in_force_on``."""

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        ANNUALLY = "annually", _("Annually (calendar year)")

    standard = models.ForeignKey(DataStandard, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    description = models.TextField(_("description"), blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices)
    grace_days = models.PositiveSmallIntegerField(_("days after the period ends to submit"))
    in_force_on = models.DateField(_("in force from"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["standard", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="data_standard_version_unique"),
            models.CheckConstraint(condition=models.Q(grace_days__gte=1), name="data_standard_grace_positive"),
        ]

    def __str__(self):
        return f"{self.standard.name} v{self.number}"


class DataStandardColumn(models.Model):
    class Kind(models.TextChoices):
        INTEGER = "integer", _("Whole number")
        DECIMAL = "decimal", _("Decimal number")
        DATE = "date", _("Date (YYYY-MM-DD)")
        TEXT = "text", _("Text")
        CHOICE = "choice", _("One of a list of values")

    version = models.ForeignKey(DataStandardVersion, on_delete=models.CASCADE, related_name="columns")
    name = models.CharField(_("column"), max_length=60)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    allowed_values = models.JSONField(_("allowed values"), default=list, blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="data_column_name_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="data_column_order_unique"),
        ]

    def __str__(self):
        return self.name


class DataSubmissionPeriod(models.Model):
    """One period of a standard that owes a submission; its clock is a DATA_SUBMISSION deadline."""

    standard = models.ForeignKey(DataStandard, on_delete=models.PROTECT, related_name="periods")
    # The version in force when the period began: its frequency drew the period.
    version = models.ForeignKey(DataStandardVersion, on_delete=models.PROTECT, related_name="+")
    start_on = models.DateField(_("period starts"))
    end_on = models.DateField(_("period ends"))
    # Frozen from the version when the period was created: the clock's length.
    grace_days = models.PositiveSmallIntegerField()
    received_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-end_on", "standard", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "start_on"], name="data_period_unique"),
            models.CheckConstraint(condition=models.Q(end_on__gte=models.F("start_on")), name="data_period_order"),
        ]

    def __str__(self):
        return f"{self.standard.name}: {self.start_on.isoformat()} to {self.end_on.isoformat()}"


class DataSubmission(models.Model):
    """A file PPB sent for a period that passed validation; its rows are stored with it. A correction
    is a new submission that replaces the current one (kept, no longer current)."""

    class Via(models.TextChoices):
        PORTAL = "portal", _("Liaison portal")
        API = "api", _("API")

    period = models.ForeignKey(DataSubmissionPeriod, on_delete=models.PROTECT, related_name="submissions")
    version = models.ForeignKey(DataStandardVersion, on_delete=models.PROTECT, related_name="submissions")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    via = models.CharField(max_length=8, choices=Via.choices)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()
    is_current = models.BooleanField(default=True)
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    correction_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["period"], condition=models.Q(is_current=True), name="data_submission_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.period} ({self.submitted_at:%Y-%m-%d})"


class DataSubmissionRow(models.Model):
    """One data row of a submission as typed values (integers, decimals as text, ISO dates, text)."""

    submission = models.ForeignKey(DataSubmission, on_delete=models.CASCADE, related_name="rows")
    # The row's number in the file, the header being row 1 (as a spreadsheet shows it).
    number = models.PositiveIntegerField()
    values = models.JSONField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["submission", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="data_row_unique")]

    def __str__(self):
        return f"row {self.number}"


class DataSubmissionAttempt(models.Model):
    """A file refused for a period, with what was wrong, kept for the Board; nothing of it is stored."""

    period = models.ForeignKey(DataSubmissionPeriod, on_delete=models.PROTECT, related_name="attempts")
    version = models.ForeignKey(DataStandardVersion, null=True, on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    via = models.CharField(max_length=8, choices=DataSubmission.Via.choices)
    file_name = models.CharField(max_length=255)
    file_size = models.PositiveBigIntegerField()
    errors = models.JSONField(default=list)
    error_count = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.period}: {self.file_name} refused"
