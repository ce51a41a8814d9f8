"""Seats on a panel, and the conflicts Board members declare (R3.3, 35A.020 I). See discipline/models/__init__.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Case, Complaint
from oversight.roster.models import Employee

from .panels import Panel

__all__ = ["ConflictDeclaration", "PanelSeat"]


class PanelSeat(models.Model):
    """One member's place on a panel: seated, or recused/absent with the reason and who took the seat.

    ``Panel.members`` is kept equal to the members whose seat is ``seated`` (case visibility and
    need-to-know read that M2M), so a recused member loses sight of the case at once."""

    class Status(models.TextChoices):
        SEATED = "seated", _("Seated")
        RECUSED = "recused", _("Recused")
        ABSENT = "absent", _("Absent")

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="seats")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats")
    is_alternate = models.BooleanField(default=False)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.SEATED)
    seated_at = models.DateTimeField()
    recused_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    # The seat this one took over when its holder was recused or absent (R3.3: an alternate fills the seat).
    replaces = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["panel", "member"], name="one_seat_per_member"),
            models.CheckConstraint(
                condition=Q(status="seated", recused_at__isnull=True)
                | ~Q(status="seated") & Q(recused_at__isnull=False),
                name="seat_recused_at_iff_not_seated",
            ),
        ]
        indexes = [models.Index(fields=["member", "-seated_at"], name="seat_rotation_idx")]

    def __str__(self):
        return f"{self.member} on {self.panel}: {self.status}"


class ConflictDeclaration(models.Model):
    """A Board member's declared conflict (35A.020 I; R3.3), naming an officer, a filer's complaint or a case.

    It applies to a case when the officer is the subject of one of the case's allegations, the complaint
    is in the case, or the case is the one named; until withdrawn the member is never offered for that
    case and never sees it."""

    class Kind(models.TextChoices):
        IMMEDIATE_FAMILY = "immediate_family", _("Immediate Family Member")
        PERSONAL = "personal_relationship", _("Personal relationship")
        BUSINESS = "business_relationship", _("Business relationship")
        PRIOR_INVOLVEMENT = "prior_involvement", _("Prior involvement in the case")

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conflict_declarations")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    employee = models.ForeignKey(
        Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="board_conflicts"
    )
    complaint = models.ForeignKey(
        Complaint, null=True, blank=True, on_delete=models.PROTECT, related_name="board_conflicts"
    )
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="board_conflicts")
    description = models.TextField(blank=True)
    declared_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(employee__isnull=False, complaint__isnull=True, case__isnull=True)
                    | Q(employee__isnull=True, complaint__isnull=False, case__isnull=True)
                    | Q(employee__isnull=True, complaint__isnull=True, case__isnull=False)
                ),
                name="conflict_names_exactly_one",
            ),
        ]
        indexes = [models.Index(fields=["member", "withdrawn_at"], name="conflict_member_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def subject(self):
        if self.employee_id:
            return self.employee
        if self.complaint_id:
            return self.complaint
        return self.case
