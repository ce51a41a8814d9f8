"""Hearings and their public notice (issue 9.5): the meeting at which a panel hears a case."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .panels import Panel

__all__ = ["Hearing"]


class Hearing(models.Model):
    """A panel's public meeting: when, where (a place, an online link or both) and its agenda.

    The agenda is frozen when the notice is published, so the notice the public read is the notice on
    record; it names no one (case number, kind of panel, allegations counted by type)."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="hearings")
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    notice_published_at = models.DateTimeField()
    # {"case_number": str, "panel_kind": str, "allegations": [[type name, count], ...]}: no names.
    agenda = models.JSONField(default=dict)
    status_reason = models.CharField(max_length=300, blank=True)
    scheduled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_link=""), name="hearing_has_place_or_link"),
        ]
        indexes = [models.Index(fields=["starts_at"], name="hearing_starts_idx")]

    def __str__(self):
        return f"Hearing of {self.panel} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def agenda_panel_kind(self):
        return Panel.Kind(self.agenda["panel_kind"]).label if self.agenda.get("panel_kind") else ""

    @property
    def allegation_count(self):
        return sum(n for _name, n in self.agenda.get("allegations", []))
