"""Interviews of Covered Employees under Garrity (R2.4), and the prosecutor firewall (R2.9).

Compelled statements, and evidence derived from them, never leave for a prosecutor's office:
`prosecutor_export_build` is the only export to one, and it leaves them out by construction.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.exceptions import RuleViolation
from oversight.accounts import need_to_know as ntk
from oversight.accounts.need_to_know import Audience, FieldGroup
from oversight.history import save_audited

from .models import Evidence, Interview, PpbRecordAccess, ProsecutorExport
from .permissions import can_direct, can_investigate


def _locked(interview):
    return Interview.objects.select_for_update().select_related("investigation__case").get(pk=interview.pk)


@transaction.atomic
def interview_schedule(
    *,
    investigation,
    employee,
    scheduled_at,
    actor,
    on_duty_basis="",
    union_representative="",
    union_representation_declined=False,
):
    """Schedules an interview while the employee is on duty (R2.4), with representation noted."""
    if not can_investigate(actor, investigation.case):
        raise PermissionDenied
    if not employee.is_covered:
        raise RuleViolation(_("Interviews under this procedure are of Covered Employees."))
    on_duty = employee.is_on_duty_at(scheduled_at)
    if on_duty is False:
        raise RuleViolation(
            _("%(who)s is not on duty then (shift %(a)s to %(b)s).")
            % {"who": employee, "a": employee.shift_starts, "b": employee.shift_ends}
        )
    if on_duty is None and not on_duty_basis.strip():
        raise RuleViolation(_("The roster has no shift for this employee: say how on-duty status was confirmed."))
    if not (union_representative.strip() or union_representation_declined):
        raise RuleViolation(_("Record the union representative, or that representation was declined."))
    basis = on_duty_basis.strip() or _("Within the rostered shift")
    return save_audited(
        Interview(
            investigation=investigation,
            employee=employee,
            scheduled_at=scheduled_at,
            on_duty_basis=basis,
            union_representative=union_representative,
            union_representation_declined=union_representation_declined,
        ),
        actor=actor,
        reason="Interview scheduled",
    )


@transaction.atomic
def interview_give_garrity(*, interview, actor):
    """Records that the Garrity notice was given and acknowledged: what follows is compelled."""
    interview = _locked(interview)
    if not ntk.can_write(actor, FieldGroup.COMPELLED, interview):  # what follows is compelled
        raise PermissionDenied
    if interview.garrity_given_at:
        return interview
    if interview.status != Interview.Status.SCHEDULED:
        raise RuleViolation(_("The Garrity notice is given before the statement."))
    now = timezone.now()
    interview.garrity_given_at = interview.garrity_acknowledged_at = now
    interview.is_compelled = True
    return save_audited(
        interview,
        actor=actor,
        reason="Garrity notice given and acknowledged",
        update_fields=["garrity_given_at", "garrity_acknowledged_at", "is_compelled"],
    )


@transaction.atomic
def interview_complete(*, interview, statement, actor, evidence_seen_before=""):
    """Records the statement; under a Garrity notice it is marked compelled. ``evidence_seen_before``
    (yes, no, not_asked; "" = not recorded) is whether the officer saw the evidence before the interview."""
    interview = _locked(interview)
    if not ntk.can_write_field(actor, interview, "statement"):
        raise PermissionDenied
    if interview.status == Interview.Status.COMPLETED:
        return interview
    if interview.status != Interview.Status.SCHEDULED:
        raise RuleViolation(_("This interview did not take place."))
    if not statement.strip():
        raise RuleViolation(_("Record the statement."))
    interview.status, interview.statement, interview.held_at = Interview.Status.COMPLETED, statement, timezone.now()
    interview.evidence_seen_before = evidence_seen_before
    interview.clean_fields(exclude=[f.name for f in Interview._meta.fields if f.name != "evidence_seen_before"])
    return save_audited(
        interview,
        actor=actor,
        reason="Statement recorded" + (" (compelled)" if interview.is_compelled else ""),
        update_fields=["status", "statement", "held_at", "evidence_seen_before"],
    )


@transaction.atomic
def interview_refuse(*, interview, note, actor):
    """Records a refusal to cooperate (R2.4); the annual report counts them."""
    interview = _locked(interview)
    if not ntk.can_write_field(actor, interview, "refusal_note"):
        raise PermissionDenied
    if interview.status == Interview.Status.REFUSED:
        return interview
    if interview.status != Interview.Status.SCHEDULED:
        raise RuleViolation(_("A completed interview cannot become a refusal."))
    if not note.strip():
        raise RuleViolation(_("Describe the refusal."))
    interview.status, interview.refusal_note, interview.held_at = Interview.Status.REFUSED, note, timezone.now()
    return save_audited(
        interview,
        actor=actor,
        reason="Refusal to cooperate recorded",
        update_fields=["status", "refusal_note", "held_at"],
    )


def hours_from_incident_to_interview(interview):
    """A contract metric from the council work session: how long until the officer was heard."""
    complaint = interview.investigation.case.complaints.order_by("received_at").first()
    if complaint is None or interview.held_at is None:
        return None
    from datetime import UTC, datetime, time

    incident = datetime.combine(
        complaint.incident_on, complaint.incident_time or time(0), tzinfo=timezone.get_default_timezone()
    )
    # Both in UTC: two aware times sharing one tzinfo subtract as wall-clock times, an hour off across a DST change.
    return round((interview.held_at.astimezone(UTC) - incident.astimezone(UTC)).total_seconds() / 3600, 1)


def prosecutor_export_build(*, case, office, actor):
    """The material that may go to a prosecutor's office, with every compelled statement and
    everything derived from one left out (R2.9). The export itself is logged."""
    if not can_direct(actor):
        raise PermissionDenied
    investigation = getattr(case, "investigation", None)
    interviews = Interview.objects.filter(investigation=investigation) if investigation else Interview.objects.none()
    evidence = Evidence.objects.filter(investigation=investigation) if investigation else Evidence.objects.none()
    # Compelled (R2.9) and confidential or privileged (R2.11) material never leaves: the need-to-know
    # table says which field groups may go to a prosecutor's office, and the query keeps only those.
    completed = interviews.filter(status=Interview.Status.COMPLETED).select_related("employee")
    statements = list(completed.filter(ntk.audience_field_q(Audience.PROSECUTOR, Interview, "statement")))
    items = list(ntk.audience_visible(evidence, Audience.PROSECUTOR))
    withheld = completed.count() - len(statements) + evidence.count() - len(items)
    with transaction.atomic():
        save_audited(
            ProsecutorExport(
                case=case, office=office, exported_by=actor, exported_at=timezone.now(), withheld_count=withheld
            ),
            actor=actor,
            reason=f"Exported to {office}",
        )
    return {
        "case": case.number,
        "office": office,
        "exported_at": timezone.localtime().isoformat(),  # Pacific, with its offset
        "complaints": [
            {"incident_on": c.incident_on.isoformat(), "place": c.incident_place, "narrative": c.narrative}
            for c in case.complaints.all()
        ],
        "allegations": [
            {"type": a.allegation_type.name, "employee": a.employee.badge_number if a.employee else None}
            for a in case.allegations.select_related("allegation_type", "employee")
        ],
        "voluntary_statements": [
            {
                "employee": i.employee.badge_number,
                "held_at": timezone.localtime(i.held_at).isoformat(),
                "statement": i.statement,
            }
            for i in statements
        ],
        "evidence": [{"kind": e.kind, "description": e.description, "sha256": e.sha256} for e in items],
        "left_out": withheld,
    }


def evidence_mark_derived(*, evidence, actor):
    """Marks evidence obtained because of a compelled statement, so no export to a prosecutor carries it."""
    with transaction.atomic():
        evidence = Evidence.objects.select_for_update().select_related("investigation__case").get(pk=evidence.pk)
        # It becomes compelled material (R2.9): written only by those who may write both.
        if not (
            ntk.can_write(actor, FieldGroup.EVIDENCE, evidence) and ntk.can_write(actor, FieldGroup.COMPELLED, evidence)
        ):
            raise PermissionDenied
        if evidence.is_derived_from_compelled:
            return evidence
        evidence.is_derived_from_compelled = True
        return save_audited(
            evidence,
            actor=actor,
            reason="Marked as derived from a compelled statement (R2.9)",
            update_fields=["is_derived_from_compelled"],
        )


@transaction.atomic
def material_mark(*, obj, marking, actor, reason):
    """Marks evidence or an interview confidential or privileged (R2.11); every page, export and
    role then sees it only as oversight/accounts/need_to_know.py allows."""
    obj = type(obj).objects.select_for_update().select_related("investigation__case").get(pk=obj.pk)
    if not ntk.can_mark(actor, obj, marking):
        raise PermissionDenied
    if obj.marking == marking:
        return obj
    obj.marking = marking
    return save_audited(obj, actor=actor, reason=reason, update_fields=["marking"])


@transaction.atomic
def ppb_record_open(*, record, actor):
    """Logs each opening of a PPB record, after checking the opener's certification (R2.10)."""
    if not ntk.can_read(actor, FieldGroup.PPB_RECORDS, record):
        raise PermissionDenied(_("Opening PPB records needs a current certification."))
    PpbRecordAccess.objects.create(user=actor, record=record, at=timezone.now())
