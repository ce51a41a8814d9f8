from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Employee(models.Model):
    """A PPB employee on the roster.

    Sworn employees and supervisors are Covered Employees (35A.020); the Chief of Police
    is on the roster so notices can reach the office, but is not a Covered Employee (R1.7).
    """

    class Rank(models.TextChoices):
        OFFICER = "officer", _("Officer")
        SERGEANT = "sergeant", _("Sergeant")
        LIEUTENANT = "lieutenant", _("Lieutenant")
        CAPTAIN = "captain", _("Captain")
        COMMANDER = "commander", _("Commander")
        ASSISTANT_CHIEF = "assistant_chief", _("Assistant Chief")
        CHIEF = "chief", _("Chief of Police")

    badge_number = models.CharField(max_length=16, unique=True)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    rank = models.CharField(max_length=20, choices=Rank.choices, default=Rank.OFFICER)
    unit = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    shift_starts = models.TimeField(null=True, blank=True, help_text=_("Usual on-duty hours, Pacific time."))
    shift_ends = models.TimeField(null=True, blank=True)
    is_covered = models.BooleanField(default=True, help_text=_("Sworn employee or supervisor under 35A."))
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["last_name", "first_name"]
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(rank="chief") & models.Q(is_covered=True)),
                name="chief_is_not_covered",
            ),
        ]

    def __str__(self):
        return f"{self.get_rank_display()} {self.first_name} {self.last_name} (#{self.badge_number})"

    @property
    def is_chief(self):
        return self.rank == self.Rank.CHIEF

    def is_on_duty_at(self, moment):
        """True or False from the recorded shift (overnight shifts included); None when unknown."""
        if self.shift_starts is None or self.shift_ends is None:
            return None
        from django.utils import timezone

        t = timezone.localtime(moment).time()
        if self.shift_starts <= self.shift_ends:
            return self.shift_starts <= t < self.shift_ends
        return t >= self.shift_starts or t < self.shift_ends
