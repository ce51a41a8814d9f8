"""Public meetings of the Board (Oregon public meetings law, ORS 192.610 to 192.705): notice, agenda and
minutes, including the meeting where the annual report is presented with public comment (35A.050 F)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["AgendaItem", "BoardMeeting"]


class BoardMeeting(models.Model):
    """One public meeting of the Board; the notice is on the public site from ``notice_published_at``."""

    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular meeting")
        SPECIAL = "special", _("Special meeting")
        EMERGENCY = "emergency", _("Emergency meeting")
        ANNUAL_REPORT_PRESENTATION = "annual_report_presentation", _("Annual report presentation")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Minutes(models.TextChoices):
        NONE = "none", _("No minutes yet")
        DRAFT = "draft", _("Draft minutes")
        APPROVED = "approved", _("Approved minutes")

    # The allowed moves of the status; no other code decides whether a move is legal.
    TRANSITIONS = {
        Status.SCHEDULED: {Status.HELD, Status.CANCELLED},
        Status.HELD: set(),
        Status.CANCELLED: set(),
    }

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.REGULAR)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("remote link"), blank=True)
    emergency_reason = models.TextField(_("why it is an emergency"), blank=True)
    notice_published_at = models.DateTimeField(_("notice published at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    status_reason = models.CharField(_("why"), max_length=300, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(_("minutes"), max_length=12, choices=Minutes.choices, default=Minutes.NONE)
    minutes_approved_at = models.ForeignKey(
        "self",
        verbose_name=_("minutes approved at"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="minutes_approved",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(place="") | ~Q(online_link=""), name="boardmeeting_place_or_link"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="boardmeeting_ends_after"),
            models.CheckConstraint(
                condition=~Q(kind="emergency") | ~Q(emergency_reason=""), name="boardmeeting_emergency_reason"
            ),
            models.CheckConstraint(
                condition=Q(minutes_status="approved", minutes_approved_at__isnull=False)
                | (~Q(minutes_status="approved") & Q(minutes_approved_at__isnull=True)),
                name="boardmeeting_approved_minutes_name_meeting",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="boardmeeting_starts_idx")]

    def __str__(self):
        return f"{self.title} ({self.starts_at:%Y-%m-%d %H:%M})"

    @property
    def is_noticed(self):
        return self.notice_published_at is not None


class AgendaItem(models.Model):
    """One item of a meeting's agenda, in order; ``link`` is free text or an address (a document, a report)."""

    meeting = models.ForeignKey(BoardMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    link = models.CharField(_("linked item"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "position"], name="agendaitem_one_per_position"),
        ]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def link_is_url(self):
        return self.link.startswith(("https://", "http://", "/"))
