"""Editions of the annual and quarterly reports (R5.1, R5.2; issue 11 part A2).

An edition holds the report's computed items as a snapshot (``reports.items.report_build``) and the
texts the Director writes. A draft may be rebuilt and edited; publishing freezes it for good. A
correction is a new version, a draft that copies the narratives and must say what it changed; when it
is published the earlier version becomes ``superseded`` (its page stays, pointing to the newer one).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# The Director's texts: the executive summary (beside the computed highlights) and the narratives that
# items name in their ``narrative_field`` (item a "overview", item p "trends_narrative").
NARRATIVE_FIELDS = ("executive_summary", "overview", "trends_narrative")


class ReportEdition(models.Model):
    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual report")
        QUARTERLY = "quarterly", _("Quarterly report")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded by a correction")

    TRANSITIONS = {
        Status.DRAFT: {Status.PUBLISHED},
        Status.PUBLISHED: {Status.SUPERSEDED},
        Status.SUPERSEDED: set(),
    }

    kind = models.CharField(max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    snapshot = models.JSONField(default=dict, blank=True)
    executive_summary = models.TextField(_("Executive summary"), blank=True)
    overview = models.TextField(_("Overview (item a)"), blank=True)
    trends_narrative = models.TextField(_("Trends: the Director's analysis (item p)"), blank=True)
    changelog = models.TextField(_("What this correction changed"), blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pdf = models.FileField(upload_to="reports/editions/", blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind", "-quarter", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "quarter", "version"], nulls_distinct=False, name="edition_version_unique"
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "quarter"],
                condition=Q(status="draft"),
                nulls_distinct=False,
                name="edition_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(kind="annual", quarter__isnull=True) | Q(kind="quarterly", quarter__gte=1, quarter__lte=4),
                name="edition_quarter_matches_kind",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="edition_version_positive"),
            models.CheckConstraint(condition=Q(version=1) | ~Q(changelog=""), name="edition_correction_has_changelog"),
        ]
        indexes = [models.Index(fields=["kind", "year", "quarter", "status"], name="edition_lookup_idx")]

    def __str__(self):
        return f"{self.period_label} v{self.version}"

    @property
    def period_label(self):
        if self.kind == self.Kind.QUARTERLY:
            return f"{self.year} Q{self.quarter}"
        return str(self.year)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_frozen(self):
        return self.status != self.Status.DRAFT
