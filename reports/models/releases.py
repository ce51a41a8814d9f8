"""Versioned raw-data releases (R5.3, 35A.050 J; issue 11 part B): each release is a numbered set of
files (CSV and JSON per dataset, the dictionary, the changelog, a manifest with SHA-256) built by a job
and published by the Director."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DataRelease(models.Model):
    class Status(models.TextChoices):
        BUILDING = "building", _("Building")
        BUILT = "built", _("Built, not yet published")
        PUBLISHED = "published", _("Published")
        FAILED = "failed", _("Failed")

    # The only moves; the services check them here. A failed build is built again (retried).
    TRANSITIONS = {
        Status.BUILDING: {Status.BUILT, Status.FAILED},
        Status.FAILED: {Status.BUILDING},
        Status.BUILT: {Status.PUBLISHED, Status.BUILDING},
        Status.PUBLISHED: set(),
    }

    version = models.PositiveIntegerField(_("version"), unique=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.BUILDING)
    # Cases received in [period_start, period_end), with a case-handling decision.
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changelog = models.TextField(_("changelog"), blank=True)
    error = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | ~models.Q(changelog=""),
                name="published_release_has_changelog",
            ),
        ]

    def __str__(self):
        return f"Data release {self.version}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class DataReleaseFile(models.Model):
    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        JSON = "json", "JSON"

    release = models.ForeignKey(DataRelease, on_delete=models.PROTECT, related_name="files")
    dataset = models.CharField(max_length=20)
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.FileField(upload_to="reports/releases/", max_length=200)
    sha256 = models.CharField(max_length=64)
    bytes = models.PositiveBigIntegerField()
    rows = models.PositiveIntegerField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["release", "dataset", "format"], name="one_file_per_dataset_format")
        ]

    def __str__(self):
        return f"{self.dataset}.{self.format}"

    @property
    def filename(self):
        return f"{self.dataset}.{self.format}"
