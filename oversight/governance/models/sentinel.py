"""Sentinel event reviews (R4.3, 35A.050 I): systemic root-cause reviews of an event, with participants
from each side of the system, milestones, public comment throughout and a final report whose
recommendations become policy recommendations (``PolicyRecommendation.sentinel_review``)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["SentinelReview", "SentinelParticipant", "SentinelMilestone", "SentinelReportItem"]


class SentinelReview(models.Model):
    """One sentinel event review: the event in general terms (never a name), its scope and status."""

    class Status(models.TextChoices):
        SCOPING = "scoping", _("Scoping")
        IN_PROGRESS = "in_progress", _("In progress")
        REPORT_PUBLISHED = "report_published", _("Final report published")
        CLOSED = "closed", _("Closed")

    # The one place that says which moves are legal (STYLE 3).
    TRANSITIONS = {
        Status.SCOPING: {Status.IN_PROGRESS},
        Status.IN_PROGRESS: {Status.REPORT_PUBLISHED},
        Status.REPORT_PUBLISHED: {Status.CLOSED},
        Status.CLOSED: set(),
    }

    title = models.CharField(_("title"), max_length=200)
    event_summary = models.TextField(
        _("the event, in general terms"), help_text=_("Describe what happened without naming anyone.")
    )
    scope = models.TextField(_("scope"))
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.SCOPING)
    opened_on = models.DateField(_("opened on"))
    report_text = models.TextField(_("final report"), blank=True)
    report_published_at = models.DateTimeField(_("report published at"), null=True, blank=True)
    report_pdf = models.FileField(upload_to="sentinel-reports/", blank=True)
    report_rendered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        indexes = [models.Index(fields=["status", "-opened_on"], name="sentinel_status_opened")]

    def __str__(self):
        return self.title

    @property
    def is_public_comment_open(self):
        """Public comment is open throughout the review, until it is closed (R4.3)."""
        return self.status != self.Status.CLOSED


class SentinelParticipant(models.Model):
    """Who takes part in a review, by kind (R4.3)."""

    class Kind(models.TextChoices):
        LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
        JUDICIAL_BRANCH = "judicial_branch", _("Judicial branch")
        FORENSICS = "forensics", _("Forensics")
        BOARD = "board", _("Community Board for Police Accountability")
        CIVIL_RIGHTS_LAWYER = "civil_rights_lawyer", _("Civil-rights lawyers")
        PUBLIC = "public", _("Members of the public")

    review = models.ForeignKey(SentinelReview, on_delete=models.CASCADE, related_name="participants")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"


class SentinelMilestone(models.Model):
    """A step of the review with the date it is due and the date it was done."""

    review = models.ForeignKey(SentinelReview, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title


class SentinelReportItem(models.Model):
    """One recommendation of the final report; on publication each becomes a policy recommendation."""

    review = models.ForeignKey(SentinelReview, on_delete=models.CASCADE, related_name="report_items")
    position = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("recommendation"), max_length=200)
    body = models.TextField(_("explanation"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "position"], name="sentinel_report_item_position_unique")
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"
