"""The filer's side of a complaint: files, voluntary demographics, messages and the survey (R1.3, R1.4, R1.10).

Imported at the end of intake/models.py, so these are ordinary models of the intake app.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .models import Complaint

PREFER_NOT = "prefer_not_to_say"


class ComplaintAttachment(models.Model):
    """A file a filer sent, with the SHA-256 digest taken on receipt. Never served to the public."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    message = models.ForeignKey(
        "FilerMessage", null=True, blank=True, on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(upload_to="complaints/")
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    received_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_at", "pk"]

    def __str__(self):
        return self.file_name


class FilerDemographics(models.Model):
    """Voluntary demographics (R1.3): every answer optional, each with "Prefer not to say"."""

    class Race(models.TextChoices):
        AMERICAN_INDIAN = "american_indian_alaska_native", _("American Indian or Alaska Native")
        ASIAN = "asian", _("Asian")
        BLACK = "black_african_american", _("Black or African American")
        HISPANIC = "hispanic_latino", _("Hispanic or Latino/a/x")
        MIDDLE_EASTERN = "middle_eastern_north_african", _("Middle Eastern or North African")
        PACIFIC_ISLANDER = "native_hawaiian_pacific_islander", _("Native Hawaiian or Pacific Islander")
        SLAVIC = "slavic", _("Slavic")
        AFRICAN = "african", _("African (immigrant or refugee)")
        WHITE = "white", _("White")
        OTHER = "other", _("Another race or ethnicity")
        PREFER_NOT = PREFER_NOT, _("Prefer not to say")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        NON_BINARY = "non_binary", _("Non-binary")
        TRANSGENDER = "transgender", _("Transgender")
        OTHER = "other", _("Another gender")
        PREFER_NOT = PREFER_NOT, _("Prefer not to say")

    class AgeRange(models.TextChoices):
        UNDER_18 = "under_18", _("Under 18")
        AGE_18_24 = "18_24", _("18 to 24")
        AGE_25_34 = "25_34", _("25 to 34")
        AGE_35_44 = "35_44", _("35 to 44")
        AGE_45_54 = "45_54", _("45 to 54")
        AGE_55_64 = "55_64", _("55 to 64")
        AGE_65_PLUS = "65_plus", _("65 or older")
        PREFER_NOT = PREFER_NOT, _("Prefer not to say")

    class Disability(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        PREFER_NOT = PREFER_NOT, _("Prefer not to say")

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="demographics")
    race_ethnicity = ArrayField(models.CharField(max_length=40, choices=Race.choices), default=list, blank=True)
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    age_range = models.CharField(max_length=20, choices=AgeRange.choices, blank=True)
    disability = models.CharField(max_length=20, choices=Disability.choices, blank=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"Demographics for {self.complaint_id}"


class FilerMessage(models.Model):
    """A message between the Office and one filer; shown on that filer's status page only (R1.4)."""

    class Direction(models.TextChoices):
        TO_FILER = "to_filer", _("From the Office")
        FROM_FILER = "from_filer", _("From the filer")

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="messages")
    direction = models.CharField(max_length=12, choices=Direction.choices)
    body = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # R6.3: every message to a filer is also a notice row.
    notice = models.ForeignKey("notices.Notice", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_direction_display()} ({self.complaint_id})"


class SurveyAnswer(models.Model):
    """A filer's satisfaction survey at closure (R1.10): one answer per complaint."""

    RATING = [MinValueValidator(1), MaxValueValidator(5)]

    complaint = models.OneToOneField(Complaint, on_delete=models.PROTECT, related_name="survey_answer")
    ease_of_filing = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    kept_informed = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    treated_fairly = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    overall = models.PositiveSmallIntegerField(null=True, blank=True, validators=RATING)
    comments = models.TextField(blank=True)
    answered_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self):
        return f"Survey for {self.complaint_id}"
