from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReportDocument(models.Model):
    """A rendered report PDF, kept so the public download never renders on request."""

    class Kind(models.TextChoices):
        ANNUAL = "annual", _("Annual report")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField()
    pdf = models.FileField(upload_to="reports/")
    generated_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-generated_at"]
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="one_document_per_report")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year}"
