"""Complaints lost to time limits (issue 11 section 5): the Director records, on a case, which time limit
cost the complaint and on what day; ``time_limit_losses_summary`` is what the contract metric and the
annual report read. One record per case; a record entered in error is withdrawn, never deleted."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.services import case_lock
from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited, save_changed

from .models import TimeLimitLoss

Limit = TimeLimitLoss.Limit


def can_record_time_limit_loss(user):
    return has_role(user, Role.DIRECTOR)


def _check(*, case, limit, lost_on, reason):
    errors = {}
    if not case.decision:
        errors["limit"] = _("Record this once the case-handling decision is made.")
    if not str(reason or "").strip():
        errors["reason"] = _("Give the reason.")
    if limit not in Limit.values:
        errors["limit"] = _("Choose which time limit passed.")
    if lost_on is None:
        errors["lost_on"] = _("Give the day the complaint was lost.")
    elif lost_on > timezone.localdate():
        errors["lost_on"] = _("The day cannot be in the future.")
    elif lost_on < timezone.localtime(case.received_at).date():
        errors["lost_on"] = _("The day cannot be before the case was received.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def time_limit_loss_record(*, actor, case, limit, lost_on, reason, note=""):
    """Records which time limit cost the case's complaint, or corrects the record (one per case; a
    withdrawn record is restored). The same values again change nothing."""
    if not can_record_time_limit_loss(actor):
        raise PermissionDenied(_("The Director records complaints lost to time limits."))
    # The case's lock serialises every change of its record (two submits, a correction and a withdrawal).
    case = case_lock(case)
    _check(case=case, limit=limit, lost_on=lost_on, reason=reason)
    values = {"limit": limit, "lost_on": lost_on, "note": str(note or "").strip(), "withdrawn_at": None}
    loss = TimeLimitLoss.objects.select_for_update().filter(case=case).first()
    if loss is None:
        return save_audited(TimeLimitLoss(case=case, **values), actor=actor, reason=reason)
    return save_changed(loss, values, actor=actor, reason=reason)


@transaction.atomic
def time_limit_loss_withdraw(*, actor, loss, reason):
    """Withdraws a record entered in error: it stays in the history and is no longer counted."""
    if not can_record_time_limit_loss(actor):
        raise PermissionDenied(_("The Director records complaints lost to time limits."))
    case_lock(loss.case)
    loss = TimeLimitLoss.objects.select_for_update().get(pk=loss.pk)
    if loss.withdrawn_at is not None:
        return loss
    loss.withdrawn_at = timezone.now()
    return save_audited(loss, actor=actor, reason=reason, update_fields=["withdrawn_at"])


def time_limit_loss_for_case(case):
    """The case's record, withdrawn or not, or None."""
    return TimeLimitLoss.objects.filter(case=case).first()


def time_limit_losses_summary(*, start, end):
    """Complaints lost to a time limit on a day in [start, end) (dates), in all and per limit, in one query.
    ``is_recorded`` only for a period that ends after the earliest loss on record: before it the Office
    recorded none, which is "no data", not "none lost", so a report never shows a silent zero."""
    counted = Q(withdrawn_at__isnull=True, lost_on__gte=start, lost_on__lt=end)
    totals = TimeLimitLoss.objects.aggregate(
        total=Count("pk", filter=counted),
        first=Min("lost_on"),
        **{value: Count("pk", filter=counted & Q(limit=value)) for value in Limit.values},
    )
    return {
        "is_recorded": totals["first"] is not None and totals["first"] < end,
        "total": totals["total"],
        "by_limit": {value: totals[value] for value in Limit.values},
    }
