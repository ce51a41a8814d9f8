"""PPB's feedback to the Board (35A.050 F.1.q: the annual report's "community and PPB feedback"; issue 11):
what a PPB liaison tells the Oversight System about its work, by topic, as written."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["PpbFeedback"]


class PpbFeedback(models.Model):
    class Topic(models.TextChoices):
        INVESTIGATIONS = "investigations", _("Investigations and interviews")
        RECORDS = "records", _("Records requests and subpoenas")
        HEARINGS = "hearings", _("Hearings and discipline")
        RECOMMENDATIONS = "recommendations", _("Policy recommendations")
        DATA = "data", _("Data submissions")
        OTHER = "other", _("Something else")

    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    body = models.TextField(_("feedback"))
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    # The form's once-only token: a double submit stores one row.
    submission_key = models.UUIDField(unique=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["submitted_at"], name="ppb_feedback_submitted")]

    def __str__(self):
        return f"{self.get_topic_display()} ({self.submitted_at:%Y-%m-%d})"
