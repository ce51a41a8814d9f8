import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from oversight.roster.models import Employee

from .neighbourhoods import NEIGHBOURHOOD_CHOICES, NOT_SURE


class MandatoryCategory(models.TextChoices):
    """What OCPA must investigate by law (35A.050, R1.8 items 1 and 2)."""

    DEATH_IN_CUSTODY = "death_in_custody", _("Death in custody")
    DEADLY_FORCE = "deadly_force", _("Use of deadly force")
    FORCE_WITH_INJURY = "force_with_injury", _("Force resulting in injury")
    DISCRIMINATION = "discrimination", _("Discrimination against a protected class")
    CONSTITUTIONAL_RIGHTS = "constitutional_rights", _("Violation of federal or state constitutional rights")


class AllegationType(models.Model):
    """A kind of alleged misconduct, from a list the Office edits (R1.6)."""

    code = models.SlugField(max_length=48, unique=True)
    name = models.CharField(max_length=120)
    mandatory_category = models.CharField(max_length=32, choices=MandatoryCategory.choices, blank=True)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class IncidentGroup(models.Model):
    """Cases about one incident (a protest, a surge of complaints) investigated together.

    Each case keeps its own number, complaints, status and notices, so every filer keeps their own
    status page; the group only says which cases are worked as one.
    """

    name = models.CharField(max_length=160)
    incident_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.name


class Case(models.Model):
    """The aggregate every stage hangs from, from the first contact to the last appeal."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        RESOLVED = "resolved", _("Routed away from investigation")
        AWAITING_INVESTIGATION = "awaiting_investigation", _("Awaiting investigation")
        INVESTIGATING = "investigating", _("Under investigation")
        FINDINGS_READY = "findings_ready", _("Findings ready for the Board")
        BOARD_REVIEW = "board_review", _("Before a Board panel")
        DISCIPLINE = "discipline", _("Discipline to decide")
        # R1.7: findings on allegations against the Chief go to the Mayor, never to the Board.
        MAYOR_REVIEW = "mayor_review", _("Findings with the Mayor")
        # R3.7: a result appealed within the bylaws' window, before an appeals panel.
        ON_APPEAL = "on_appeal", _("On appeal to the Board")
        CLOSED = "closed", _("Closed")

    # The one place that says which moves are legal (STYLE.md section 3).
    TRANSITIONS = {
        Status.RECEIVED: {Status.AWAITING_INVESTIGATION, Status.RESOLVED},
        # R1.9: the Director's reconsideration may re-route a decided case before work on it starts.
        Status.AWAITING_INVESTIGATION: {Status.INVESTIGATING, Status.RESOLVED},
        # A case whose every allegation names the Chief goes straight to the Mayor; a mixed case goes
        # to the Board for the Covered Employees and then waits for the Mayor if it has not answered.
        Status.INVESTIGATING: {Status.FINDINGS_READY, Status.MAYOR_REVIEW},
        Status.FINDINGS_READY: {Status.BOARD_REVIEW},
        # A hearings panel that adopts no finding returns the case to OCPA with its reasons (issue 9.3).
        Status.BOARD_REVIEW: {Status.DISCIPLINE, Status.CLOSED, Status.MAYOR_REVIEW, Status.INVESTIGATING},
        Status.DISCIPLINE: {Status.CLOSED, Status.MAYOR_REVIEW, Status.ON_APPEAL},
        Status.MAYOR_REVIEW: {Status.CLOSED},
        Status.RESOLVED: {Status.CLOSED, Status.AWAITING_INVESTIGATION},
        # R3.7: an appeal filed within the window reopens a closed case before an appeals panel; the
        # appeals panel's decision closes it again or sends it to discipline.
        Status.ON_APPEAL: {Status.CLOSED, Status.DISCIPLINE},
        Status.CLOSED: {Status.ON_APPEAL},
    }

    class Origin(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        MANDATORY_INCIDENT = "mandatory_incident", _("Incident OCPA must investigate")

    class Decision(models.TextChoices):
        """Case-handling decisions (R1.8)."""

        INVESTIGATE = "investigate", _("Full investigation by OCPA")
        MEDIATION = "mediation", _("Mediation")
        INFORMAL_RESOLUTION = "informal_resolution", _("Informal resolution")
        SUPERVISOR_REFERRAL = "supervisor_referral", _("Referral for supervisor or management action or training")
        AGENCY_REFERRAL = "agency_referral", _("Referral to another agency")
        DISMISSAL = "dismissal", _("Dismissal")

    number = models.CharField(max_length=16, unique=True)
    origin = models.CharField(max_length=24, choices=Origin.choices, default=Origin.COMPLAINT)
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField()
    mandatory_category = models.CharField(max_length=32, choices=MandatoryCategory.choices, blank=True)
    is_chief_route = models.BooleanField(default=False, help_text=_("An allegation names the Chief of Police (R1.7)."))
    decision = models.CharField(max_length=24, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # A case opened without a complaint (R1.5) says what happened here.
    incident_on = models.DateField(null=True, blank=True)
    incident_summary = models.TextField(blank=True)
    # The staff form's key for a case opened without a complaint: a double submit opens one case.
    submission_key = models.UUIDField(null=True, blank=True, unique=True)
    incident_group = models.ForeignKey(
        IncidentGroup, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            # The queue sorted by status (either way, id breaking ties); also serves status filters.
            models.Index(fields=["status", "received_at", "id"], name="case_status_order_idx"),
            # The intake queue's order (newest first, id breaking ties), read 50 rows at a time.
            models.Index(fields=["-received_at", "-id"], name="case_queue_order_idx"),
        ]
        constraints = [
            # R1.5/R1.8: a case opened without a complaint is a death in custody or a use of deadly
            # force, which OCPA must investigate; the category can never be cleared.
            models.CheckConstraint(
                condition=~models.Q(origin="mandatory_incident")
                | models.Q(mandatory_category__in=["death_in_custody", "deadly_force"]),
                name="mandatory_incident_has_its_category",
            ),
        ]

    def __str__(self):
        return self.number


class Complaint(models.Model):
    """What a filer told us. A case may gather several (complaints about one incident)."""

    class FilerType(models.TextChoices):
        COMPLAINANT = "complainant", _("I experienced the alleged misconduct")
        THIRD_PARTY = "third_party", _("I saw it or am filing for someone else")
        PPB_EMPLOYEE = "ppb_employee", _("I am a PPB employee")

    class Channel(models.TextChoices):
        WEB = "web", _("Web form")
        PHONE = "phone", _("Phone")
        MAIL = "mail", _("Mail")
        EMAIL = "email", _("E-mail")
        IN_PERSON = "in_person", _("In person")

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")
        MAIL = "mail", _("Mail")
        NONE = "none", _("Please do not contact me")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="complaints")
    submission_key = models.UUIDField(unique=True, default=uuid.uuid4)
    channel = models.CharField(max_length=12, choices=Channel.choices, default=Channel.WEB)
    filer_type = models.CharField(max_length=16, choices=FilerType.choices)
    narrative = models.TextField()
    incident_on = models.DateField()
    incident_time = models.TimeField(null=True, blank=True)
    incident_place = models.CharField(max_length=200)
    officers_described = models.TextField(blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=8, default="en")
    received_at = models.DateTimeField()
    # R1.3: what the public form records beyond the narrative.
    witnesses = models.TextField(blank=True)
    contact_address = models.TextField(blank=True)
    contact_method = models.CharField(max_length=8, choices=ContactMethod.choices, blank=True)
    accommodations = models.TextField(blank=True)
    # Public data uses only neighbourhood and ZIP, never the place as typed (R1.3).
    neighbourhood = models.CharField(max_length=40, choices=NEIGHBOURHOOD_CHOICES, default=NOT_SURE)
    zip_code = models.CharField(
        max_length=5, blank=True, validators=[RegexValidator(r"^\d{5}$", _("Enter a 5-digit ZIP code."))]
    )
    # R1.4: the filer's private access code, kept only as a keyed hash (intake/access.py).
    access_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["access_code_hash"])

    class Meta:
        ordering = ["received_at"]
        # Staff search by filer name (issue 12.3) uses complaint_filer_name_trgm, a trigram index on
        # oversight_unaccent(lower(contact_name)) made by migration 0008 in SQL (oversight/folding.py).

    def __str__(self):
        return f"Complaint on {self.case.number}"

    @property
    def is_anonymous(self):
        return not (self.contact_email or self.contact_phone or self.contact_address)

    @property
    def wants_no_contact(self):
        return self.is_anonymous or self.contact_method == self.ContactMethod.NONE


class Allegation(models.Model):
    """One alleged act by one Covered Employee (or an unidentified officer) (R1.6)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="allegations")
    employee = models.ForeignKey(Employee, null=True, blank=True, on_delete=models.PROTECT, related_name="allegations")
    # R1.7: fixed when the allegation is made, so a later roster edit (a promotion, a new Chief)
    # never moves an allegation between the Board and the Mayor.
    is_against_chief = models.BooleanField(default=False)
    allegation_type = models.ForeignKey(AllegationType, on_delete=models.PROTECT)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        indexes = [
            # Staff search by officer (intake.staff_selectors._officer_matches): the cases of an
            # officer's allegations read from the index alone, without a heap visit per allegation.
            models.Index(fields=["employee", "case"], name="allegation_employee_case"),
        ]

    def __str__(self):
        who = self.employee or _("Unidentified officer")
        return f"{self.allegation_type}: {who}"


class ReconsiderationRequest(models.Model):
    """A filer's request that the Director reconsider the case-handling decision (R1.9)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Awaiting the Director")
        CHANGED = "changed", _("Decision changed")
        UNCHANGED = "unchanged", _("Decision not changed")

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reconsideration_requests")
    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="reconsideration_requests")
    reason = models.TextField()
    requested_at = models.DateTimeField()
    # Null when the filer asked through their status page; otherwise the staff member who took it.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_before = models.CharField(max_length=24, choices=Case.Decision.choices)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    decision_after = models.CharField(max_length=24, choices=Case.Decision.choices, blank=True)
    outcome_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            # A double submit from the status page must not queue the same request twice.
            models.UniqueConstraint(
                fields=["complaint"], condition=models.Q(outcome="pending"), name="one_pending_reconsideration"
            ),
        ]

    def __str__(self):
        return f"Reconsideration of {self.case.number}"

    @property
    def is_pending(self):
        return self.outcome == self.Outcome.PENDING


# The filer's side of a complaint (attachments, demographics, messages, survey) lives in its own module.
from .filer_models import (  # noqa: E402
    ComplaintAttachment,
    FilerDemographics,
    FilerMessage,
    SurveyAnswer,
)

__all__ = [
    "Allegation",
    "AllegationType",
    "Case",
    "Complaint",
    "ComplaintAttachment",
    "FilerDemographics",
    "FilerMessage",
    "IncidentGroup",
    "MandatoryCategory",
    "ReconsiderationRequest",
    "SurveyAnswer",
]
