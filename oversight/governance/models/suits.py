"""Civil suits against PPB officers (R4.6; annual report item m) and the costs the City pays for them."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["CivilSuit"]

MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True, "validators": [MinValueValidator(0)]}


class CivilSuit(models.Model):
    """One civil suit naming PPB officers, whether or not the City is a defendant (35A.050 F.1.m)."""

    class Nature(models.TextChoices):
        EXCESSIVE_FORCE = "excessive_force", _("Excessive force")
        FALSE_ARREST = "false_arrest", _("False arrest")
        WRONGFUL_DEATH = "wrongful_death", _("Wrongful death")
        DISCRIMINATION = "discrimination", _("Discrimination")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SETTLED = "settled", _("Settled")
        JUDGMENT = "judgment", _("Judgment")
        DISMISSED = "dismissed", _("Dismissed")

    # The one place that says which moves are legal (STYLE.md section 3). A settlement ends a suit; a
    # judgment may still be settled (on appeal); a dismissal reversed on appeal makes the suit pending again.
    TRANSITIONS = {
        Status.PENDING: {Status.SETTLED, Status.JUDGMENT, Status.DISMISSED},
        Status.JUDGMENT: {Status.SETTLED},
        Status.DISMISSED: {Status.PENDING},
        Status.SETTLED: set(),
    }

    caption = models.CharField(_("caption"), max_length=300, help_text=_("For example: Doe v. City of Portland."))
    court = models.CharField(_("court"), max_length=200)
    court_case_number = models.CharField(_("court case number"), max_length=80)
    filed_on = models.DateField(_("filed on"))
    nature = models.CharField(_("nature"), max_length=20, choices=Nature.choices)
    officers = models.ManyToManyField(
        "roster.Employee", verbose_name=_("officers named"), related_name="civil_suits", blank=True
    )
    city_is_defendant = models.BooleanField(_("the City is a defendant"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    settlement_amount = models.DecimalField(_("settlement amount (USD)"), **MONEY)
    judgment_amount = models.DecimalField(_("judgment amount (USD)"), **MONEY)
    legal_fees = models.DecimalField(_("legal fees paid by the City (USD)"), **MONEY)
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords(m2m_fields=[officers])

    class Meta:
        ordering = ["-filed_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["court", "court_case_number"], name="civilsuit_one_per_court_number"),
            models.CheckConstraint(
                condition=Q(status="pending", resolved_on__isnull=True)
                | (~Q(status="pending") & Q(resolved_on__isnull=False)),
                name="civilsuit_resolved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("filed_on")),
                name="civilsuit_resolved_after_filed",
            ),
            models.CheckConstraint(
                condition=(Q(settlement_amount__isnull=True) | Q(settlement_amount__gte=Decimal("0")))
                & (Q(judgment_amount__isnull=True) | Q(judgment_amount__gte=Decimal("0")))
                & (Q(legal_fees__isnull=True) | Q(legal_fees__gte=Decimal("0"))),
                name="civilsuit_money_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["filed_on"], name="civilsuit_filed_idx")]

    def __str__(self):
        return f"{self.caption} ({self.court_case_number})"
