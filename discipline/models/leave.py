"""Paid administrative leave per case and officer (issue 10, R4.6 and the council work session): the days
an officer was paid while on leave and what it cost, entered from payroll."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["AdministrativeLeave"]


class AdministrativeLeave(models.Model):
    """One spell of paid administrative leave of one officer named on one case; open while ``end_on`` is empty.

    ``days`` are calendar days, the first and the last day on leave both counted, set when the leave ends."""

    case = models.ForeignKey("intake.Case", on_delete=models.PROTECT, related_name="administrative_leaves")
    employee = models.ForeignKey("roster.Employee", on_delete=models.PROTECT, related_name="administrative_leaves")
    start_on = models.DateField(_("first day on leave"))
    end_on = models.DateField(_("last day on leave"), null=True, blank=True)
    days = models.PositiveIntegerField(_("days on leave"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (USD)"), max_digits=12, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    source_note = models.CharField(_("source"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=F("start_on")), name="adminleave_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(end_on__isnull=True, days__isnull=True) | Q(end_on__isnull=False, days__gte=1),
                name="adminleave_days_when_ended",
            ),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="adminleave_cost_not_negative"
            ),
            models.UniqueConstraint(
                fields=["case", "employee"], condition=Q(end_on__isnull=True), name="adminleave_one_open_per_officer"
            ),
        ]
        indexes = [models.Index(fields=["start_on"], name="adminleave_start_idx")]

    def __str__(self):
        return f"Leave of {self.employee_id} on case {self.case_id} from {self.start_on:%Y-%m-%d}"

    @property
    def is_open(self):
        return self.end_on is None
