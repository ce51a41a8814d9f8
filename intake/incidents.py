"""Cases that begin without a complaint (R1.5) and cases grouped by incident for a surge of complaints."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.history import save_audited

from .case_numbers import case_number_next, submission_lock
from .exceptions import RuleViolation
from .models import Case, IncidentGroup
from .permissions import can_work_intake
from .services import INCIDENT_CATEGORIES, case_lock


@transaction.atomic
def case_open_for_incident(*, mandatory_category, incident_on, incident_summary, actor, reason, submission_key=None):
    """Opens a case with no complaint for a death in custody or a use of deadly force; it can only be investigated.

    The same submission_key always returns the same case.
    """
    if not can_work_intake(actor):
        raise PermissionDenied
    if mandatory_category not in INCIDENT_CATEGORIES:
        raise RuleViolation(
            _("A case without a complaint is opened only for a death in custody or a use of deadly force.")
        )
    now = timezone.now()
    # As in complaint_file: a double submit waits for the first, then finds its case.
    if submission_key:
        submission_lock(submission_key)
        existing = Case.objects.filter(submission_key=submission_key).first()
        if existing:
            return existing
    case = Case(
        number=case_number_next(now),
        received_at=now,
        origin=Case.Origin.MANDATORY_INCIDENT,
        mandatory_category=mandatory_category,
        incident_on=incident_on,
        incident_summary=incident_summary,
        submission_key=submission_key,
    )
    return save_audited(case, actor=actor, reason=reason)


@transaction.atomic
def incident_group_create(*, name, actor, incident_on=None, description="", reason="Incident group created"):
    """Starts a group for the cases about one incident (a protest, a surge of complaints)."""
    if not can_work_intake(actor):
        raise PermissionDenied
    group = IncidentGroup(name=name, incident_on=incident_on, description=description)
    return save_audited(group, actor=actor, reason=reason)


@transaction.atomic
def incident_group_add_case(*, group, case, actor, reason="Added to incident group"):
    """Puts a case in the group; each filer keeps their own case, status page and notices."""
    if not can_work_intake(actor):
        raise PermissionDenied
    case = case_lock(case)
    if case.incident_group_id == group.pk:
        return case
    if case.incident_group_id is not None:
        raise RuleViolation(
            _("Case %(number)s is already in another incident group; remove it from that group first.")
            % {"number": case.number}
        )
    case.incident_group = group
    return save_audited(case, actor=actor, reason=reason, update_fields=["incident_group"])


@transaction.atomic
def incident_group_remove_case(*, case, actor, reason="Removed from incident group"):
    """Takes a case out of its group; nothing else about the case changes."""
    if not can_work_intake(actor):
        raise PermissionDenied
    case = case_lock(case)
    if case.incident_group_id is None:
        return case
    case.incident_group = None
    return save_audited(case, actor=actor, reason=reason, update_fields=["incident_group"])
