"""Complaints lost to time limits (issue 11 section 5, the council work session: "complaints disqualified
when investigations take too long"): the Director records, per case, which time limit cost the complaint
and on what day, so the contract metric is a count, not a search of free-text reasons."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["TimeLimitLoss"]


class TimeLimitLoss(models.Model):
    """One case's complaint lost (dismissed, closed or left without discipline) because a time limit had
    passed. One per case; a withdrawn record (entered in error) stays in the history and is not counted."""

    class Limit(models.TextChoices):
        FILING = "filing", _("The time to file a complaint had passed")
        INVESTIGATION = "investigation", _("The investigation passed its time limit")
        DISCIPLINE = "discipline", _("A labor-contract time limit on discipline had passed")
        OTHER = "other", _("Another time limit")

    case = models.OneToOneField("intake.Case", on_delete=models.PROTECT, related_name="time_limit_loss")
    limit = models.CharField(_("time limit"), max_length=16, choices=Limit.choices)
    lost_on = models.DateField(_("day the complaint was lost"))
    note = models.CharField(_("what happened"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [
            models.Index(fields=["lost_on"], condition=Q(withdrawn_at__isnull=True), name="time_limit_loss_counted")
        ]

    def __str__(self):
        return f"{self.case}: {self.limit} ({self.lost_on})"
