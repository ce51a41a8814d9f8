from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A staff account. Community members never need one (R1.1)."""

    class Agency(models.TextChoices):
        OCPA = "ocpa", _("OCPA")
        CBPA = "cbpa", _("CBPA")
        PPB = "ppb", _("Portland Police Bureau")
        CITY = "city", _("City of Portland")

    agency = models.CharField(max_length=8, choices=Agency.choices, default=Agency.OCPA)
    # R2.10: only staff trained and certified to access PPB records may open them.
    ppb_records_certified_until = models.DateField(
        null=True, blank=True, help_text=_("Last day of the current certification to open PPB records.")
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    def __str__(self):
        return self.get_full_name() or self.username
