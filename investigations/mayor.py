"""The Chief of Police route (R1.7, City Code 35A.020 and 35A.050).

The Chief is not a Covered Employee: the Board has no authority over him. OCPA investigates an
allegation against the Chief like any other, but its findings and the investigation report go to
the Mayor, who accepts them or chooses another investigating entity. In a case that also names
Covered Employees (or unidentified officers), their allegations go on to the Board as usual; the
Chief's go to the Mayor; the case closes when both are done.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.chief import allegations_against_chief, allegations_for_board
from intake.exceptions import RuleViolation
from intake.models import Case
from intake.services import case_lock, case_transition
from oversight.history import save_audited
from oversight.notices.models import Notice
from oversight.notices.services import notice_send

from .models import Finding, Investigation, MayorReferral
from .permissions import can_direct


def case_status_after_findings(case):
    """Where a completed investigation sends the case: the Board, unless every allegation names the Chief."""
    if case.is_chief_route and not allegations_for_board(case).exists():
        return Case.Status.MAYOR_REVIEW
    return Case.Status.FINDINGS_READY


def mayor_referral_open(*, case, actor):
    """Records, inside the completing transaction, that the Chief's findings are owed to the Mayor."""
    existing = MayorReferral.objects.filter(case=case).first()
    if existing:
        return existing
    return save_audited(
        MayorReferral(case=case, created_at=timezone.now()),
        actor=actor,
        reason="Findings on the Chief of Police go to the Mayor (R1.7)",
    )


def _findings_text(case):
    lines = []
    findings = {f.allegation_id: f for f in Finding.objects.filter(allegation__case=case)}
    for number, allegation in enumerate(allegations_against_chief(case).select_related("allegation_type"), 1):
        finding = findings.get(allegation.pk)
        described = f": {allegation.description}" if allegation.description else ""
        lines.append(f"{number}. {allegation.allegation_type}{described}")
        if finding:
            lines.append(_("   Finding: %(outcome)s") % {"outcome": finding.get_outcome_display()})
            lines.append(_("   Rationale: %(text)s") % {"text": finding.rationale})
    return "\n".join(lines)


def mayor_referral_send(*, case_id):
    """Sends the Mayor the findings on the Chief with the investigation report attached, once the
    report is rendered. Sending twice sends one notice (its dedupe key)."""
    with transaction.atomic():
        referral = MayorReferral.objects.select_for_update().select_related("case").filter(case_id=case_id).first()
        if referral is None or referral.notice_id:
            return referral
        case = referral.case
        investigation = Investigation.objects.get(case=case)
        covered = allegations_for_board(case).exists()
        body = _(
            "OCPA has completed its investigation of case %(number)s, which includes allegations against the "
            "Chief of Police. The Chief is not a Covered Employee, so under City Code 35A these findings and the "
            "investigation report (attached) go to the Mayor, not to the Community Board for Police "
            "Accountability. The Mayor may accept the findings or choose another investigating entity; please "
            "tell the Office which, and the date.\n\nFindings on the allegations against the Chief:\n%(findings)s"
        ) % {"number": case.number, "findings": _findings_text(case)}
        if covered:
            body += "\n\n" + _(
                "The case's allegations against Covered Employees go to the Board under City Code 35A as usual."
            )
        notice = notice_send(
            recipient_name=_("Office of the Mayor"),
            recipient_address=settings.MAYOR_EMAIL,
            # Without an address on file the letter and the report are printed and mailed.
            channel=Notice.Channel.EMAIL if settings.MAYOR_EMAIL else Notice.Channel.POSTAL,
            about=case,
            actor=None,
            subject=_("Findings on case %(number)s: allegations against the Chief of Police") % {"number": case.number},
            body=body,
            attachment=investigation.report_pdf.name,
            dedupe_key=f"mayor-findings-{case.pk}",
        )
        referral.notice, referral.sent_at = notice, notice.created_at
        return save_audited(
            referral, actor=None, reason="Findings and report sent to the Mayor", update_fields=["notice", "sent_at"]
        )


@transaction.atomic
def mayor_response_record(*, case, response, responded_on, actor, reason, other_entity="", note=""):
    """Records the Mayor's answer; a case waiting only for it then closes with that outcome (R1.7)."""
    if not can_direct(actor):
        raise PermissionDenied
    case = case_lock(case)
    referral = MayorReferral.objects.select_for_update().filter(case=case).first()
    if referral is None:
        raise RuleViolation(_("Only findings on the Chief of Police go to the Mayor."))
    if referral.response == response and referral.other_entity == other_entity.strip():
        return referral
    if not referral.is_pending:
        raise RuleViolation(_("The Mayor's response is already recorded."))
    if response not in (MayorReferral.Response.ACCEPTED, MayorReferral.Response.OTHER_ENTITY):
        raise RuleViolation(_("Choose whether the Mayor accepted the findings or chose another investigating entity."))
    if response == MayorReferral.Response.OTHER_ENTITY and not other_entity.strip():
        raise RuleViolation(_("Name the investigating entity the Mayor chose."))
    if referral.sent_at is None:
        raise RuleViolation(_("The findings have not been sent to the Mayor yet."))
    if responded_on > timezone.localdate() or responded_on < timezone.localtime(referral.sent_at).date():
        raise RuleViolation(
            _("The date of the Mayor's response must fall between the date the findings were sent and today.")
        )
    referral.response, referral.other_entity, referral.responded_on = response, other_entity.strip(), responded_on
    referral.response_note, referral.recorded_by, referral.recorded_at = note, actor, timezone.now()
    save_audited(referral, actor=actor, reason=reason)
    if case.status == Case.Status.MAYOR_REVIEW:
        case_transition(case=case, to=Case.Status.CLOSED, actor=actor, reason=reason, closed_at=timezone.now())
    return referral


def case_close_after_board(*, case, actor, reason):
    """The Board's work on a case is done: it closes, or waits for the Mayor on the Chief's findings."""
    pending = MayorReferral.objects.filter(case=case, response=MayorReferral.Response.PENDING).exists()
    if pending:
        return case_transition(case=case, to=Case.Status.MAYOR_REVIEW, actor=actor, reason=reason)
    return case_transition(case=case, to=Case.Status.CLOSED, actor=actor, reason=reason, closed_at=timezone.now())


def mayor_stage_note(case):
    """The line the filer's status page shows under the Mayor's stage once the Mayor has answered."""
    from django.utils.formats import date_format

    referral = MayorReferral.objects.filter(case=case).first()
    if referral is None or referral.is_pending:
        return ""
    when = date_format(referral.responded_on, "DATE_FORMAT")
    if referral.response == MayorReferral.Response.ACCEPTED:
        # Translators: public. The filer's status page: the Mayor's answer on findings about the Chief.
        return _("The Mayor accepted the findings on %(date)s.") % {"date": when}
    # Translators: public. The filer's status page: the Mayor chose another investigator (a name follows).
    return _("On %(date)s the Mayor chose another organization to investigate: %(entity)s.") % {
        "date": when,
        "entity": referral.other_entity,
    }
