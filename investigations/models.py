from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from intake.models import Allegation, Case
from oversight.calendar.business_days import PACIFIC
from oversight.notices.models import Notice
from oversight.roster.models import Employee


class FindingOutcome(models.TextChoices):
    """The four findings of 35A.050 (R2.8), on the preponderance of the evidence."""

    OUT_OF_POLICY = "out_of_policy", _("Out of Policy (sustained)")
    IN_POLICY = "in_policy", _("In Policy (not sustained)")
    UNFOUNDED = "unfounded", _("Unfounded")
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("Insufficient Evidence")


class ChiefNotice(models.Model):
    """The notice to the Chief or designee that must precede an investigation (R2.1)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="chief_notice")
    recipient = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    # A case about the Chief is noticed to the designee the Director names (35A.050: "Chief or
    # designee"), never to the Chief about himself; ``recipient`` then stays the Chief it is about.
    designee_name = models.CharField(max_length=120, blank=True)
    designee_email = models.EmailField(blank=True)
    notice = models.OneToOneField(Notice, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self):
        return f"Chief's notice for {self.case}"


class Investigation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")

    TRANSITIONS = {Status.OPEN: {Status.COMPLETED}, Status.COMPLETED: set()}

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="investigation")
    investigator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="investigations")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    commenced_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    late_reason = models.TextField(blank=True, help_text=_("Why the 180-day limit was missed (R2.3)."))
    plan = models.TextField(blank=True, help_text=_("The investigative plan: questions, witnesses, records."))
    report_pdf = models.FileField(upload_to="investigation-reports/", blank=True)
    report_rendered_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [
            # The staff list's default order: open first, oldest commenced first (issue 14.2).
            models.Index(fields=["-status", "commenced_at", "id"], name="investigation_status_order_idx"),
        ]

    def __str__(self):
        return f"Investigation of {self.case}"


class RecordsRequest(models.Model):
    """A written request for PPB records, due five business days after it is sent (R2.6)."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent, awaiting PPB")
        PARTIAL = "partial", _("Partly answered")
        ANSWERED = "answered", _("Answered")

    TRANSITIONS = {
        Status.SENT: {Status.PARTIAL, Status.ANSWERED},
        Status.PARTIAL: {Status.ANSWERED},
        Status.ANSWERED: set(),
    }

    class Agency(models.TextChoices):
        PPB = "ppb", _("Portland Police Bureau")

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="records_requests")
    agency = models.CharField(max_length=8, choices=Agency.choices, default=Agency.PPB)
    records_sought = models.TextField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SENT)
    sent_at = models.DateTimeField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True, help_text=_("When the last record was answered."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-sent_at"]
        indexes = [
            # The records inbox's default order: open first, oldest sent first (issue 14.2).
            models.Index(fields=["-status", "sent_at", "id"], name="records_request_status_idx"),
        ]

    def __str__(self):
        return f"Records request {self.pk} ({self.investigation.case})"


class NonComplianceDiscipline(models.TextChoices):
    """Whether PPB imposed discipline on the employee for a failure to comply with the Board (35A.050
    F.1.l): a refused interview, a withheld record, a subpoena not complied with. Blank: not recorded."""

    IMPOSED = "imposed", _("Discipline imposed")
    NOT_IMPOSED = "not_imposed", _("No discipline imposed")
    PENDING = "pending", _("PPB has not decided yet")


def noncompliance_discipline_field():
    return models.CharField(
        _("discipline for not complying"),
        max_length=12,
        choices=NonComplianceDiscipline.choices,
        blank=True,
        default="",
        help_text=_("Recorded by the Director from PPB's answer (35A.050 F.1.l)."),
    )


class RequestedRecord(models.Model):
    """One record named in a request, and PPB's answer for it (R2.6).

    Withheld or redacted records carry a written explanation: the record (this row), the
    reason, and the legal justification. All three are required.
    """

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting PPB")
        PRODUCED = "produced", _("Produced")
        REDACTED = "redacted", _("Produced with redactions")
        WITHHELD = "withheld", _("Withheld")

    request = models.ForeignKey(RecordsRequest, on_delete=models.PROTECT, related_name="records")
    description = models.CharField(max_length=500)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    file = models.FileField(upload_to="records/", blank=True)
    file_name = models.CharField(max_length=200, blank=True, help_text=_("The name the liaison's file had."))
    content_type = models.CharField(max_length=100, blank=True, help_text=_("Detected from the content."))
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    reason = models.TextField(blank=True)
    legal_justification = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    noncompliance_discipline = noncompliance_discipline_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.description


class Subpoena(models.Model):
    """A subpoena the Board issues when it disagrees with a withholding (R2.6, R2.7)."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        SERVED = "served", _("Served")
        COMPLIED = "complied", _("Complied with")
        NOT_COMPLIED = "not_complied", _("Not complied with")

    TRANSITIONS = {
        Status.ISSUED: {Status.SERVED},
        Status.SERVED: {Status.COMPLIED, Status.NOT_COMPLIED},
        Status.COMPLIED: set(),
        Status.NOT_COMPLIED: set(),
    }

    record = models.ForeignKey(RequestedRecord, on_delete=models.PROTECT, related_name="subpoenas")
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField()
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    served_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    noncompliance_discipline = noncompliance_discipline_field()
    history = HistoricalRecords()

    class Meta:
        ordering = ["issued_at"]

    def __str__(self):
        return f"Subpoena for {self.record} ({self.get_status_display()})"


class Finding(models.Model):
    """The investigator's finding on one allegation (R2.8)."""

    allegation = models.OneToOneField(Allegation, on_delete=models.PROTECT, related_name="finding")
    outcome = models.CharField(max_length=24, choices=FindingOutcome.choices)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    evidence_relied_on = models.ManyToManyField("Evidence", blank=True, related_name="findings")
    history = HistoricalRecords(m2m_fields=[evidence_relied_on])

    def __str__(self):
        return f"{self.get_outcome_display()} on {self.allegation}"


class Marking(models.TextChoices):
    """R2.11: confidential and legally privileged material is never disclosed."""

    NONE = "", _("No marking")
    CONFIDENTIAL = "confidential", _("Confidential: OCPA investigators of the case and the Director only")
    PRIVILEGED = "privileged", _("Legally privileged: the Director only")


class Evidence(models.Model):
    """An item of evidence with the SHA-256 digest taken on receipt (R2.5).

    Body-camera footage must be verifiable as unedited: the digest is re-checked on demand
    and by a periodic task, and every check is a custody event.
    """

    class Kind(models.TextChoices):
        BODY_CAMERA = "body_camera", _("Body-camera footage")
        VIDEO = "video", _("Other video")
        PHOTO = "photo", _("Photograph")
        AUDIO = "audio", _("Audio")
        DOCUMENT = "document", _("Document")

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="evidence")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    description = models.CharField(max_length=300)
    file = models.FileField(upload_to="evidence/")
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    source_record = models.ForeignKey(
        RequestedRecord,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence",
        help_text=_("The PPB record this came from, when it was produced in answer to a request."),
    )
    received_at = models.DateTimeField()
    received_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    is_derived_from_compelled = models.BooleanField(
        default=False, help_text=_("Obtained because of a compelled statement: never sent to a prosecutor (R2.9).")
    )
    marking = models.CharField(max_length=12, choices=Marking.choices, blank=True)
    last_verified_at = models.DateTimeField(null=True, blank=True)
    is_intact = models.BooleanField(
        null=True, blank=True, help_text=_("Result of the last digest check; empty before the first.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["received_at"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(
                fields=["source_record"],
                condition=models.Q(source_record__isnull=False),
                name="one_evidence_per_record",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"


class CustodyEvent(models.Model):
    """One link in the chain of custody: who did what with an item, and when (R2.5)."""

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        DOWNLOADED = "downloaded", _("Downloaded")
        VERIFIED = "verified", _("Digest verified")
        MISMATCH = "mismatch", _("Digest mismatch")
        MISSING = "missing", _("File missing")

    evidence = models.ForeignKey(Evidence, on_delete=models.PROTECT, related_name="custody")
    action = models.CharField(max_length=12, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at.astimezone(PACIFIC):%Y-%m-%d %H:%M}"


class EvidenceSeen(models.TextChoices):
    """Whether the officer saw the evidence before the interview (issue 11, contract accountability)."""

    YES = "yes", _("Yes, the officer saw evidence before the interview")
    NO = "no", _("No, the officer did not see evidence before the interview")
    NOT_ASKED = "not_asked", _("Not asked")


class Interview(models.Model):
    """An interview of a Covered Employee (R2.4): on duty, with union representation noted, under
    a Garrity notice that makes the statement compelled, or a recorded refusal."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        COMPLETED = "completed", _("Completed")
        REFUSED = "refused", _("Refused to cooperate")

    TRANSITIONS = {
        Status.SCHEDULED: {Status.COMPLETED, Status.REFUSED},
        Status.COMPLETED: set(),
        Status.REFUSED: set(),
    }

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="interviews")
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="interviews")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    scheduled_at = models.DateTimeField()
    on_duty_basis = models.CharField(max_length=200, help_text=_("How on-duty status was established."))
    union_representative = models.CharField(max_length=120, blank=True)
    union_representation_declined = models.BooleanField(default=False)
    garrity_given_at = models.DateTimeField(null=True, blank=True)
    garrity_acknowledged_at = models.DateTimeField(null=True, blank=True)
    statement = models.TextField(blank=True)
    is_compelled = models.BooleanField(default=False, help_text=_("Given under a Garrity notice (R2.9)."))
    marking = models.CharField(max_length=12, choices=Marking.choices, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    refusal_note = models.TextField(blank=True)
    # Issue 11 (contract accountability): asked at the interview from now on; "" = not recorded (older
    # interviews, and any held before the question was on the form).
    evidence_seen_before = models.CharField(
        _("saw the evidence before the interview"),
        max_length=12,
        choices=EvidenceSeen.choices,
        blank=True,
        default="",
        help_text=_("Whether the officer saw the evidence (video, reports) before being interviewed."),
    )
    noncompliance_discipline = noncompliance_discipline_field()
    history = HistoricalRecords(excluded_fields=["statement"])

    class Meta:
        ordering = ["scheduled_at"]

    def __str__(self):
        return f"Interview of {self.employee} ({self.get_status_display()})"


class ProsecutorExport(models.Model):
    """A transfer of case material to a prosecutor's office: its own action, logged (R2.9)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="prosecutor_exports")
    office = models.CharField(max_length=200)
    exported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    exported_at = models.DateTimeField()
    withheld_count = models.PositiveIntegerField(help_text=_("Compelled statements and derived items left out."))
    history = HistoricalRecords()

    def __str__(self):
        return f"Export of {self.case} to {self.office}"


class PpbRecordAccess(models.Model):
    """Each opening of a PPB record by OCPA staff (R2.10), kept apart from change history."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(RequestedRecord, on_delete=models.PROTECT, related_name="accesses")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"{self.user} opened {self.record} at {self.at.astimezone(PACIFIC):%Y-%m-%d %H:%M}"


class InvestigationTask(models.Model):
    """A step of the investigative plan someone has to do: request footage, find a witness."""

    investigation = models.ForeignKey(Investigation, on_delete=models.PROTECT, related_name="tasks")
    title = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("done_at").asc(nulls_first=True), models.F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.title


class MayorReferral(models.Model):
    """R1.7: the findings on allegations against the Chief of Police, with the investigation report,
    sent to the Mayor, and the Mayor's answer: accepted, or another investigating entity chosen."""

    class Response(models.TextChoices):
        PENDING = "pending", _("Awaiting the Mayor")
        ACCEPTED = "accepted", _("Findings accepted")
        OTHER_ENTITY = "other_entity", _("Another investigating entity chosen")

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="mayor_referral")
    created_at = models.DateTimeField()
    notice = models.OneToOneField(Notice, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True)
    response = models.CharField(max_length=16, choices=Response.choices, default=Response.PENDING)
    other_entity = models.CharField(max_length=200, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    response_note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(response="other_entity") | ~models.Q(other_entity=""),
                name="mayor_other_entity_is_named",
            ),
        ]

    def __str__(self):
        return f"Findings on {self.case} to the Mayor: {self.get_response_display()}"

    @property
    def is_pending(self):
        return self.response == self.Response.PENDING
