"""Reviews of closed investigations of shootings, deaths in custody and deadly force (R4.5, 35A.050 H):
the Director's write-up names no one (``oversight.pseudonyms``) and is published in batches, on a
date, to the public and to City Council."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Case

__all__ = ["ClosedCaseReview", "ClosedCaseReviewBatch"]


class ClosedCaseReviewBatch(models.Model):
    """One periodic publication: the reviews it made public, on its date, also sent to City Council."""

    title = models.CharField(_("title"), max_length=200)
    published_on = models.DateField(_("published on"))
    council_reference = models.CharField(
        _("City Council reference"),
        max_length=200,
        blank=True,
        help_text=_("The Council agenda item or filing that received this publication."),
    )
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(_("published at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self):
        return self.title


class ClosedCaseReview(models.Model):
    """The Director's review of one closed deadly-force case; its public text uses pseudonyms only."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    TRANSITIONS = {Status.DRAFT: {Status.PUBLISHED}, Status.PUBLISHED: set()}

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="closed_case_review")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what happened"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    # Never published: the names of other people the write-up might mention (one a line), each
    # mapped to a "Community Member" letter so the check and the redaction find them too.
    other_names = models.TextField(
        _("other people's names (never published)"),
        blank=True,
        help_text=_("One name a line: anyone else the write-up might name (a witness, a relative)."),
    )
    batch = models.ForeignKey(
        ClosedCaseReviewBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="reviews"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-published_at"], name="closedreview_status_pub")]

    def __str__(self):
        return self.title
