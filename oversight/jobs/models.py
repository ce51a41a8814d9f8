from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Job(models.Model):
    """Long work a person started (a PDF, an export, a check of evidence): its progress, and its
    outcome or failure in words, for the page that shows it to them (issue 12.5)."""

    class Kind(models.TextChoices):
        INVESTIGATION_REPORT = "investigation_report", _("Rendering the investigation report")
        ANNUAL_REPORT = "annual_report", _("Rendering the annual report PDF")
        EVIDENCE_VERIFY = "evidence_verify", _("Checking an evidence file against its digest")
        EXPORT = "export", _("Building an export")
        REPORT_EDITION = "report_edition", _("Building a report")
        DATA_RELEASE = "data_release", _("Building a raw-data release")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Working")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=32, choices=Kind.choices)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="jobs")
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # The message is stored untranslated (a msgid and its arguments): the worker writes it, and the
    # page shows it in the reader's language.
    message = models.CharField(max_length=300, blank=True)
    message_args = models.JSONField(default=dict, blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    back_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="job_started_by_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_state_display()})"

    @property
    def is_finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def message_text(self):
        """The message in the reader's language."""
        if not self.message:
            return ""
        return gettext(self.message) % self.message_args if self.message_args else gettext(self.message)

    @property
    def percent(self):
        return min(100, self.done * 100 // self.total) if self.total else (100 if self.state == self.State.DONE else 0)
