"""Append-only logs (CJIS 5.4.1.1): each row is written once and never changed. A database trigger
(migrations/0002_append_only.py) refuses UPDATE and DELETE on these tables, except the retention
purge (services.access_log_purge), which may delete only rows older than its cutoff."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from oversight.accounts.need_to_know import FieldGroup
from oversight.accounts.roles import Role


class RoleChange(models.Model):
    """One change of a staff member's roles: who made it, for whom, what was granted and removed, why."""

    # Null only for the operator's command on the server (manage.py role_change), named in ``operator``.
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    operator = models.CharField(max_length=150, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="role_changes")
    granted = ArrayField(models.CharField(max_length=32, choices=Role.choices), default=list, blank=True)
    revoked = ArrayField(models.CharField(max_length=32, choices=Role.choices), default=list, blank=True)
    reason = models.TextField()
    at = models.DateTimeField()
    client_address = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["-at", "-id"], name="rolechange_at_idx")]

    def __str__(self):
        return f"{self.user}: +{','.join(self.granted)} -{','.join(self.revoked)}"

    @property
    def granted_labels(self):
        return [Role(r).label for r in self.granted]

    @property
    def revoked_labels(self):
        return [Role(r).label for r in self.revoked]


class SensitiveRead(models.Model):
    """One read of sensitive material (CJIS 5.4.1.1): who, what, when, from where, and the outcome."""

    class Kind(models.TextChoices):
        CASE_PAGE = "case_page", _("Staff case page")
        FILER_ATTACHMENT = "filer_attachment", _("Filer's attachment")
        EVIDENCE_FILE = "evidence_file", _("Evidence file")
        PPB_RECORD = "ppb_record", _("PPB record file")
        RECORDS_REQUEST = "records_request", _("Records request page")
        HEARING = "hearing", _("Hearing view")
        HEARING_PACKET = "hearing_packet", _("Hearing packet (PDF)")
        INVESTIGATION_REPORT = "investigation_report", _("Investigation report (PDF)")
        LOUDERMILL = "loudermill", _("Loudermill record (the officer's response)")
        PROSECUTOR_EXPORT = "prosecutor_export", _("Export to a prosecutor")
        API_CASE = "api_case", _("API: case")
        API_INVESTIGATION = "api_investigation", _("API: investigation")
        API_RECORDS_REQUEST = "api_records_request", _("API: records request")
        # Issue 11 part D: the Director's list of officers with repeated sustained complaints.
        EARLY_IDENTIFICATION = "early_identification", _("Early identification list (officers named)")

    class Outcome(models.TextChoices):
        SHOWN = "shown", _("Shown")
        DOWNLOADED = "downloaded", _("Downloaded")
        EXPORTED = "exported", _("Exported")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    case_number = models.CharField(max_length=16, blank=True)
    # The need-to-know groups (oversight/accounts/need_to_know.py) of the material shown.
    field_groups = ArrayField(models.CharField(max_length=32, choices=FieldGroup.choices), default=list, blank=True)
    at = models.DateTimeField()
    client_address = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=300, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            # The review page, newest first, whole or by reader, case or kind; and the purge by age.
            models.Index(fields=["-at", "-id"], name="read_at_idx"),
            models.Index(fields=["user", "-at"], name="read_user_idx"),
            models.Index(fields=["case_number", "-at"], name="read_case_idx"),
            models.Index(fields=["kind", "-at"], name="read_kind_idx"),
        ]

    def __str__(self):
        return f"{self.user_id} read {self.kind} {self.object_id} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def group_labels(self):
        return [FieldGroup(g).label for g in self.field_groups]


class BylawsChange(models.Model):
    """A bylaws number the Director recorded on behalf of a Board vote (R3.2): the vote, the body
    that adopted it, the value before and after. Panels convened earlier keep their own numbers."""

    class AdoptingBody(models.TextChoices):
        BOARD = "board", _("The Board, by vote at a public meeting")
        CITY_COUNCIL = "city_council", _("City Council, by amending City Code")

    key = models.CharField(max_length=64)
    value_before = models.DecimalField(max_digits=5, decimal_places=4, null=True)
    value = models.DecimalField(max_digits=5, decimal_places=4)
    vote_on = models.DateField()
    adopting_body = models.CharField(max_length=16, choices=AdoptingBody.choices)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    client_address = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self):
        return f"{self.key} = {self.value} (vote of {self.vote_on})"
