from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .business_days import PACIFIC


class CityDay(models.Model):
    """A day the City adds to, or removes from, the Oregon holiday list (DEADLINES.md).

    The City's exact closure days are confirmed by an administrator here, not in code.
    """

    class Kind(models.TextChoices):
        CLOSED = "closed", _("City closed (not a business day)")
        OPEN = "open", _("City open despite a state holiday")

    date = models.DateField(unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.CLOSED)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.date}: {self.name} ({self.get_kind_display()})"


class Deadline(models.Model):
    """One running clock of the law. ``due_at`` is computed once, when the clock starts."""

    class Rule(models.TextChoices):
        RECORDS_5BD = "records_5bd", _("Records request: 5 business days (35A.050, R2.6)")
        INVESTIGATION_180D = "investigation_180d", _("Investigation: 180 days from commencement (R2.3)")
        # R3.7: the days the bylaws give to appeal a Board result, frozen on the panel that decided it.
        APPEAL_WINDOW = "appeal_window", _("Appeal: the bylaws' window after a Board result (R3.7)")
        # Issue 10 (R4): the community input period, urgent rules' lapse, PPB's answer to a policy
        # recommendation, and PPB's periodic data submissions.
        COMMENT_PERIOD = "comment_period", _("Community input: at least 30 days (35A.010 C, R4.2)")
        URGENT_LAPSE = "urgent_lapse", _("Urgent or temporary rule: lapses after 90 days (35A.010 D, R4.2)")
        RECOMMENDATION_RESPONSE = "recommendation_response", _("PPB's answer to a policy recommendation (R4.1)")
        DATA_SUBMISSION = "data_submission", _("PPB's periodic data submission (35A.050 M, R4.7)")

    about_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    about_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("about_type", "about_id")
    rule = models.CharField(max_length=32, choices=Rule.choices)
    starts_at = models.DateTimeField()
    due_at = models.DateTimeField()
    explanation = models.JSONField(default=list)
    met_at = models.DateTimeField(null=True, blank=True)
    breached_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_at"]
        constraints = [
            models.UniqueConstraint(fields=["about_type", "about_id", "rule"], name="one_clock_per_rule"),
        ]
        indexes = [models.Index(fields=["due_at"], condition=models.Q(met_at__isnull=True), name="deadline_open_due")]

    def __str__(self):
        # The law's days are Pacific days: a request due at 23:59 on 1 December is due on the 1st.
        return f"{self.get_rule_display()} due {self.due_at.astimezone(PACIFIC):%Y-%m-%d}"

    @property
    def is_open(self):
        return self.met_at is None


class DeadlineReminder(models.Model):
    """A reminder or escalation owed at ``fire_at``; ``sent_at`` is set exactly once, when the sweep
    handles it. A reminder that a later one of the same clock had already overtaken when the sweep
    first saw it is not sent: ``skipped_reason`` says why (issue 8)."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=32)
    fire_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    skipped_reason = models.CharField(max_length=200, blank=True)
    # A reminder that raised is tried again after a pause, then given up with its error; it never
    # holds back the reminders behind it (issue 14).
    attempts = models.PositiveSmallIntegerField(default=0)
    retry_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["fire_at"]
        constraints = [models.UniqueConstraint(fields=["deadline", "kind"], name="one_reminder_per_kind")]
        indexes = [
            models.Index(fields=["fire_at"], condition=models.Q(sent_at__isnull=True), name="reminder_unsent_due")
        ]

    def __str__(self):
        return f"{self.kind} at {self.fire_at.astimezone(PACIFIC):%Y-%m-%d %H:%M}"
