from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .shares import share_display


class BylawsSetting(models.Model):
    """A number the Board's bylaws set and the Board can change (R3.2): never a constant."""

    class Key(models.TextChoices):
        HEARINGS_PANEL_THRESHOLD = (
            "hearings_panel_threshold",
            _("Hearings panel: share of members needed to adopt a finding"),
        )
        HEARINGS_PANEL_QUORUM = "hearings_panel_quorum", _("Hearings panel: share of members who must vote")

    key = models.CharField(max_length=64, choices=Key.choices, unique=True)
    value = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
    )
    adopted_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.get_key_display()}: {share_display(self.value)}"


# Until the Board records its own numbers: more than half of the panel must vote (quorum) and
# more than half of the panel must agree on a finding. Shares of the whole panel, so a
# 3-member panel needs 2 voters and 2 in agreement.
DEFAULTS = {
    BylawsSetting.Key.HEARINGS_PANEL_THRESHOLD: Decimal("0.5001"),
    BylawsSetting.Key.HEARINGS_PANEL_QUORUM: Decimal("0.5001"),
}
