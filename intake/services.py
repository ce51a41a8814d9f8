from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.history import save_audited, save_audited_many

from . import filer_reasons
from .access import access_code_hash
from .case_numbers import case_number_next, submission_lock
from .exceptions import RuleViolation
from .filer_notices import complaint_acknowledge, decision_notify_filers, survey_invite
from .models import (
    Allegation,
    Case,
    Complaint,
    ComplaintAttachment,
    FilerDemographics,
    MandatoryCategory,
)
from .permissions import can_decide_case, can_work_intake
from .selectors import allegation_types_carrying_category, case_mandatory_category

# R1.5: the incidents for which a case is opened without a complaint.
INCIDENT_CATEGORIES = (MandatoryCategory.DEATH_IN_CUSTODY, MandatoryCategory.DEADLY_FORCE)


@transaction.atomic
def complaint_file(
    *,
    data,
    submission_key,
    actor=None,
    channel=Complaint.Channel.WEB,
    access_code="",
    demographics=None,
    attachments=(),
):
    """Opens a case for a complaint; the same submission_key always returns the same complaint.

    attachments are files already in storage (see intake/filing.py), as dicts of
    ComplaintAttachment fields; they are recorded only when this call creates the complaint.
    """
    actor = actor or AnonymousUser()
    if channel != Complaint.Channel.WEB and not can_work_intake(actor):
        raise PermissionDenied(_("Only intake staff enter complaints received by other channels."))
    now = timezone.now()
    # A double submit waits here for the first and then finds its complaint; other filings never
    # wait for each other (the case number comes from a sequence, intake/case_numbers.py).
    submission_lock(submission_key)
    existing = Complaint.objects.select_related("case").filter(submission_key=submission_key).first()
    if existing:
        return existing
    # The rows below are new in this transaction: their unique keys, foreign keys and check
    # constraints are PostgreSQL's to enforce (db_checks=False spares a query per check).
    case = Case(number=case_number_next(now), received_at=now)
    save_audited(case, actor=actor, reason=filer_reasons.case_received(channel), db_checks=False)
    complaint = Complaint(case=case, submission_key=submission_key, channel=channel, received_at=now, **data)
    if access_code:
        complaint.access_code_hash = access_code_hash(access_code)
    save_audited(complaint, actor=actor, reason=filer_reasons.COMPLAINT_RECEIVED, db_checks=False)
    if demographics and any(demographics.values()):
        save_audited(
            FilerDemographics(complaint=complaint, **demographics),
            actor=actor,
            reason=filer_reasons.DEMOGRAPHICS_GIVEN,
            db_checks=False,
        )
    attachments_record(complaint=complaint, facts_list=attachments, received_at=now, actor=actor)
    # Sent the way the filer asked (e-mail or a letter); anonymous or "do not contact": nothing owed (R1.2).
    complaint_acknowledge(complaint, actor=actor)
    return complaint


def attachments_record(*, complaint, facts_list, received_at, actor, message=None):
    """Records several stored files in two statements (rows, then their history, each with the
    actor and reason); the caller holds the transaction."""
    rows = [
        ComplaintAttachment(complaint=complaint, message=message, received_at=received_at, **facts)
        for facts in facts_list
    ]
    return save_audited_many(rows, actor=actor, reason=filer_reasons.FILE_RECEIVED)


def case_transition(*, case, to, actor, reason, **fields):
    """Moves a case along Case.TRANSITIONS; the caller holds the row lock in its transaction."""
    if case.status == to:
        return case
    if to not in Case.TRANSITIONS[case.status]:
        raise RuleViolation(
            _("A case cannot move from %(from)s to %(to)s.")
            % {"from": Case.Status(case.status).label, "to": Case.Status(to).label}
        )
    case.status = to
    for name, value in fields.items():
        setattr(case, name, value)
    save_audited(case, actor=actor, reason=reason, update_fields=["status", *fields])
    if to == Case.Status.CLOSED:
        # Every path to closure passes here, so no filer misses the survey (R1.10).
        survey_invite(case, actor=actor)
    return case


def case_lock(case):
    """Re-reads the case under a row lock; every service that changes a case starts here."""
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def allegation_add(*, case, allegation_type, actor, reason, employee=None, description=""):
    """Adds an allegation against a rostered employee or an unidentified officer (R1.6, R1.7)."""
    if not can_work_intake(actor):
        raise PermissionDenied
    case = case_lock(case)
    if case.status != Case.Status.RECEIVED:
        raise RuleViolation(_("Allegations are added at intake, before the case-handling decision."))
    if employee is not None and not (employee.is_covered or employee.is_chief):
        raise RuleViolation(_("Allegations name a Covered Employee, the Chief of Police, or an unidentified officer."))
    allegation = save_audited(
        Allegation(
            case=case,
            employee=employee,
            allegation_type=allegation_type,
            description=description,
            is_against_chief=employee is not None and employee.is_chief,
        ),
        actor=actor,
        reason=reason,
    )
    if employee is not None and employee.is_chief and not case.is_chief_route:
        # R1.7: the Chief is not a Covered Employee; OCPA investigates and reports to the Mayor.
        case.is_chief_route = True
        save_audited(
            case, actor=actor, reason="Allegation names the Chief of Police (R1.7)", update_fields=["is_chief_route"]
        )
    return allegation


@transaction.atomic
def case_decide(*, case, decision, reason, actor):
    """Records the case-handling decision (R1.8); mandatory categories must be investigated."""
    if not can_decide_case(actor, case):
        raise PermissionDenied
    case = case_lock(case)
    if case.decision == decision:
        return case
    if case.status != Case.Status.RECEIVED:
        raise RuleViolation(_("The case-handling decision has already been made."))
    if not case.allegations.exists():
        raise RuleViolation(_("Add at least one allegation before deciding how the case is handled."))
    case = decision_apply(case=case, decision=decision, reason=reason, actor=actor)
    decision_notify_filers(case=case, actor=actor)
    return case


@dataclass(frozen=True)
class DecisionRule:
    """The case-handling decisions the law allows for one case, and why it allows no others."""

    allowed: tuple
    why: str = ""
    category: str = ""


def case_decision_rule(case):
    """Which decisions this case may get (R1.7, R1.8): the decision forms offer exactly these, and
    decision_apply refuses any other, so a form never offers what the service will refuse."""
    category = case_mandatory_category(case)
    if category:
        why = _("This case is in a category OCPA must investigate (%(category)s); it cannot be routed elsewhere.") % {
            "category": MandatoryCategory(category).label
        }
        return DecisionRule((Case.Decision.INVESTIGATE,), why, category)
    if case.is_chief_route:
        why = _("An allegation names the Chief of Police: OCPA investigates and reports to the Mayor (R1.7).")
        return DecisionRule((Case.Decision.INVESTIGATE,), why)
    return DecisionRule(tuple(Case.Decision))


def decision_apply(*, case, decision, reason, actor):
    """Sets the case-handling decision on a case locked by the caller; mandatory categories stay investigated."""
    rule = case_decision_rule(case)
    if decision not in rule.allowed:
        raise RuleViolation(rule.why)
    to = Case.Status.AWAITING_INVESTIGATION if decision == Case.Decision.INVESTIGATE else Case.Status.RESOLVED
    fields = {"decision": decision, "decision_reason": reason, "decided_by": actor, "decided_at": timezone.now()}
    if rule.category and not case.mandatory_category:
        # The category binds from the decision on: a later edit of an allegation type cannot undo it.
        fields["mandatory_category"] = rule.category
    if case.status == to:
        # A reconsidered decision that stays routed away (mediation to dismissal) changes no status.
        for name, value in fields.items():
            setattr(case, name, value)
        return save_audited(case, actor=actor, reason=reason, update_fields=list(fields))
    return case_transition(case=case, to=to, actor=actor, reason=reason, **fields)


@transaction.atomic
def case_close(*, case, actor, reason):
    """Closes a case routed away from investigation (R1.8 outcomes other than investigation)."""
    if not can_decide_case(actor, case):
        raise PermissionDenied
    case = case_lock(case)
    if case.status == Case.Status.CLOSED:
        return case
    if case.status != Case.Status.RESOLVED:
        raise RuleViolation(_("Investigated cases close when the Board's work on them is done."))
    return case_transition(case=case, to=Case.Status.CLOSED, actor=actor, reason=reason, closed_at=timezone.now())


@transaction.atomic
def case_categorize(*, case, mandatory_category, actor, reason):
    """Marks the mandatory category that binds the case to investigation (R1.8); a category an
    allegation type carries cannot be cleared while that allegation stands."""
    if not can_work_intake(actor):
        raise PermissionDenied
    case = case_lock(case)
    carrier = None if mandatory_category else allegation_types_carrying_category(case=case).order_by("name").first()
    if carrier is not None:
        # Clearing the case's own field would leave the carried category binding: say so, never "cleared".
        raise RuleViolation(
            _(
                "The allegation type “%(type)s” carries the mandatory category %(category)s; the case keeps "
                "that category while the allegation stands."
            )
            % {"type": carrier.name, "category": MandatoryCategory(carrier.mandatory_category).label}
        )
    if case.mandatory_category == mandatory_category:
        return case
    if case.status != Case.Status.RECEIVED:
        raise RuleViolation(_("The mandatory category is set at intake, before the case-handling decision."))
    if case.origin == Case.Origin.MANDATORY_INCIDENT and mandatory_category not in INCIDENT_CATEGORIES:
        raise RuleViolation(_("A case opened for a death in custody or a use of deadly force keeps that category."))
    case.mandatory_category = mandatory_category
    return save_audited(case, actor=actor, reason=reason, update_fields=["mandatory_category"])
