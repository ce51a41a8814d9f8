"""Loudermill (R3.6, issue 9.8): before discipline is imposed, the officer (and their union representative)
is told of the proposed discipline, a hearing date is set, the officer may respond, and the outcome is
recorded: imposed as proposed, modified (to another level within the guide's bounds, with reasoning) or
withdrawn. Discipline is not final without it; corrective action is not discipline and needs none.
The Director records every step. The case closes when the last sustained allegation's discipline is
final or withdrawn (``guide.case_close_if_discipline_done``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.exceptions import RuleViolation
from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited
from oversight.notices.models import Notice
from oversight.notices.services import notice_send

from .guide import case_close_if_discipline_done
from .models import DisciplineDecision, Loudermill
from .results_told import ResultEvent, result_tell

CORRECTIVE_NEEDS_NONE = _("Corrective action is not discipline: it needs no Loudermill and is final as adopted.")


def can_record_loudermill(user):
    return has_role(user, Role.DIRECTOR)


def loudermill_list_pending(*, user):
    """Adopted discipline awaiting its Loudermill outcome, oldest first (the Director's list)."""
    if not can_record_loudermill(user):
        return DisciplineDecision.objects.none()
    return (
        DisciplineDecision.objects.filter(status=DisciplineDecision.Status.PROPOSED, is_corrective=False)
        .select_related(
            "allegation__employee", "allegation__allegation_type", "allegation__case", "level", "loudermill"
        )
        .order_by("decided_at", "pk")
    )


def _notice_body(decision, loudermill):
    values = {
        "number": decision.allegation.case.number,
        "allegation": decision.allegation.allegation_type,
        "level": decision.level_name,
        "when": timezone.localtime(loudermill.hearing_at).strftime("%Y-%m-%d %H:%M"),
    }
    return (
        _(
            "Notice of proposed discipline, case %(number)s. The Board's panel proposes %(level)s on the allegation "
            "“%(allegation)s”. Before any discipline is imposed you may respond, in writing or in person, at a "
            "Loudermill hearing on %(when)s (Pacific time), with your union representative."
        )
        % values
    )


def _notices_send(decision, loudermill, *, actor):
    employee = decision.allegation.employee
    subject = _("Notice of proposed discipline, case %(number)s") % {"number": decision.allegation.case.number}
    body = _notice_body(decision, loudermill)
    recipients = [(str(employee), employee.email or employee.unit, "officer")]
    if loudermill.representative_name:
        recipients.append((loudermill.representative_name, loudermill.representative_email, "representative"))
    for name, address, who in recipients:
        notice_send(
            recipient_name=name,
            recipient_address=address,
            channel=Notice.Channel.EMAIL if "@" in address else Notice.Channel.POSTAL,
            about=loudermill,
            actor=actor,
            subject=subject,
            body=body,
            dedupe_key=f"loudermill:{loudermill.pk}:{who}",
            dedupe_key_is_new=True,
        )


def _decision_locked(decision):
    return (
        DisciplineDecision.objects.select_for_update(of=("self",))
        .select_related("allegation__case", "allegation__employee", "category", "level")
        .get(pk=decision.pk)
    )


@transaction.atomic
def loudermill_notice_send(
    *,
    decision,
    hearing_at,
    actor,
    representative_name="",
    representative_email="",
    reason="Notice of proposed discipline (Loudermill)",
):
    """Tells the officer and their union representative of the proposed discipline and the hearing date."""
    if not can_record_loudermill(actor):
        raise PermissionDenied
    decision = _decision_locked(decision)
    existing = Loudermill.objects.filter(decision=decision).first()
    if existing:
        return existing
    if decision.is_corrective:
        raise RuleViolation(CORRECTIVE_NEEDS_NONE)
    if decision.status != DisciplineDecision.Status.PROPOSED:
        raise RuleViolation(_("This discipline is no longer proposed."))
    if decision.allegation.employee is None:
        raise RuleViolation(_("The officer is not identified: name them on the allegation before the notice."))
    if hearing_at <= timezone.now():
        raise ValidationError({"hearing_at": _("The hearing must be after the notice.")})
    now = timezone.now()
    loudermill = save_audited(
        Loudermill(
            decision=decision,
            representative_name=representative_name.strip(),
            representative_email=representative_email.strip(),
            notice_sent_at=now,
            hearing_at=hearing_at,
            created_by=actor,
        ),
        actor=actor,
        reason=reason,
    )
    _notices_send(decision, loudermill, actor=actor)
    return loudermill


def _loudermill_locked(loudermill):
    return Loudermill.objects.select_for_update().get(pk=loudermill.pk)


@transaction.atomic
def loudermill_response_record(*, loudermill, response, actor, document=None, reason="Officer's response recorded"):
    """Records the officer's response (text and an optional document) before the outcome."""
    if not can_record_loudermill(actor):
        raise PermissionDenied
    loudermill = _loudermill_locked(loudermill)
    response = response.strip()
    if response == loudermill.response and not document:
        return loudermill
    if loudermill.outcome:
        raise RuleViolation(_("The Loudermill outcome is recorded: the response can no longer change."))
    if not response and not document:
        raise ValidationError({"response": _("Give the officer's response, or attach it.")})
    loudermill.response, loudermill.responded_at = response, timezone.now()
    if document:
        loudermill.response_document = document
    return save_audited(loudermill, actor=actor, reason=reason)


def _outcome_check(decision, outcome, level, reasoning):
    if outcome != Loudermill.Outcome.MODIFIED:
        return None
    errors = {}
    if level is None:
        errors["level"] = _("Choose the new level.")
    elif level.pk == decision.level_id:
        errors["level"] = _("A modification changes the level; to keep it, choose “Imposed as proposed”.")
    elif not decision.category.allows(level):
        errors["level"] = _("The new level must lie within the category's bounds: from %(low)s to %(high)s.") % {
            "low": decision.category.mitigated.name,
            "high": decision.category.aggravated.name,
        }
    if not reasoning.strip():
        errors["reasoning"] = _("A modification needs written reasoning.")
    if errors:
        raise ValidationError(errors)
    return level


@transaction.atomic
def loudermill_decide(*, loudermill, outcome, actor, level=None, reasoning="", reason="Loudermill outcome recorded"):
    """Records the outcome after the hearing; the discipline becomes final (imposed or modified) or
    withdrawn, and the case closes with the last sustained allegation."""
    if not can_record_loudermill(actor):
        raise PermissionDenied
    loudermill = _loudermill_locked(loudermill)
    if loudermill.outcome:
        if loudermill.outcome == outcome:
            return loudermill
        raise RuleViolation(_("The Loudermill outcome is already recorded."))
    if timezone.now() < loudermill.hearing_at:
        raise RuleViolation(_("The outcome is recorded after the Loudermill hearing."))
    decision = _decision_locked(loudermill.decision)
    new_level = _outcome_check(decision, outcome, level, reasoning)
    now = timezone.now()
    loudermill.outcome, loudermill.outcome_level, loudermill.outcome_reasoning = outcome, new_level, reasoning.strip()
    loudermill.decided_at, loudermill.decided_by = now, actor
    save_audited(loudermill, actor=actor, reason=reason)
    if outcome == Loudermill.Outcome.WITHDRAWN:
        decision.status = DisciplineDecision.Status.WITHDRAWN
    else:
        decision.status, decision.final_level = DisciplineDecision.Status.FINAL, new_level or decision.level
        decision.action = decision.final_level.action
    decision.final_at = now
    save_audited(decision, actor=actor, reason=f"Loudermill: {loudermill.get_outcome_display()}")
    result_tell(case=decision.allegation.case, event=ResultEvent.LOUDERMILL, actor=actor, about=loudermill)
    from .outcomes import final_outcomes_refresh  # part E: the Board's final level, beside later ones (R3.8)

    final_outcomes_refresh(case=decision.allegation.case, actor=actor, reason=f"Loudermill: {loudermill.outcome}")
    case_close_if_discipline_done(case=decision.allegation.case, actor=actor)
    return loudermill
