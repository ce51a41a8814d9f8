"""Paid administrative leave per case and officer (issue 10 section 7; the council work session's costs).

The Director records when an officer named on a case went on paid leave, when it ended, and its cost from
payroll. ``days`` are calendar days, the first and the last day both counted, computed when the leave ends.
``administrative_leave_summary(year=)`` is what the contract metrics and the annual report read.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Allegation
from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited, save_changed
from oversight.roster.models import Employee

from .models import AdministrativeLeave


def can_record_leave(user):
    return has_role(user, Role.DIRECTOR)


def leave_days(start_on, end_on):
    """Calendar days on leave, the first and the last both counted; None while the leave is open."""
    return None if end_on is None else (end_on - start_on).days + 1


def _check(*, case, employee, start_on, end_on, cost, reason):
    errors = {}
    if not str(reason or "").strip():
        errors["reason"] = _("Give the reason.")
    if case is None or case.pk is None:
        errors["case"] = _("Paid leave is recorded on a case.")
    elif not Allegation.objects.filter(case=case, employee=employee).exists():
        errors["employee"] = _("Name an officer named in one of this case's allegations.")
    today = timezone.localdate()
    if start_on and start_on > today:
        errors["start_on"] = _("The leave cannot start in the future.")
    if end_on and start_on and end_on < start_on:
        errors["end_on"] = _("The leave cannot end before it starts.")
    if end_on and end_on > today:
        errors["end_on"] = _("The leave cannot end in the future; record the end when it has ended.")
    if cost is not None and Decimal(cost) < 0:
        errors["cost"] = _("An amount of money cannot be negative.")
    if errors:
        raise ValidationError(errors)


def _overlapping(employee, start_on, end_on):
    """The officer's recorded spells, on any case, that share a day with [start_on, end_on] (open: no end)."""
    spells = AdministrativeLeave.objects.filter(employee=employee).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=start_on)
    )
    return spells if end_on is None else spells.filter(start_on__lte=end_on)


@transaction.atomic
def administrative_leave_record(*, actor, case, employee, start_on, reason, end_on=None, cost=None, source_note=""):
    """Records a spell of paid leave of an officer named on the case. The same start again returns it."""
    if not can_record_leave(actor):
        raise PermissionDenied(_("The Director records paid administrative leave."))
    _check(case=case, employee=employee, start_on=start_on, end_on=end_on, cost=cost, reason=reason)
    # The officer's roster row is the lock: two submits of the same spell, or of two overlapping spells on two
    # cases, are serialised here, so the second sees the first (a row that does not exist yet cannot be locked).
    Employee.objects.select_for_update().filter(pk=getattr(employee, "pk", employee)).first()
    same = AdministrativeLeave.objects.filter(case=case, employee=employee, start_on=start_on).first()
    if same is not None:
        return same
    if end_on is None and AdministrativeLeave.objects.filter(case=case, employee=employee, end_on=None).exists():
        raise ValidationError({"start_on": _("This officer is already on leave on this case; record its end first.")})
    overlap = _overlapping(employee, start_on, end_on).select_related("case").first()
    if overlap is not None:
        raise ValidationError(
            {
                "start_on": _(
                    "This officer's paid leave from %(start)s is already recorded on case %(case)s and covers some of "
                    "these days; a day of leave is counted once."
                )
                % {"start": overlap.start_on.isoformat(), "case": overlap.case.number}
            }
        )
    leave = AdministrativeLeave(
        case=case,
        employee=employee,
        start_on=start_on,
        end_on=end_on,
        days=leave_days(start_on, end_on),
        cost=cost,
        source_note=str(source_note or "").strip(),
    )
    return save_audited(leave, actor=actor, reason=reason)


@transaction.atomic
def administrative_leave_update(*, actor, leave, reason, end_on=None, cost=None, source_note=""):
    """Records the end of a leave and its cost from payroll; the days follow from the dates."""
    if not can_record_leave(actor):
        raise PermissionDenied(_("The Director records paid administrative leave."))
    leave = AdministrativeLeave.objects.select_for_update().select_related("case").get(pk=leave.pk)
    _check(
        case=leave.case, employee=leave.employee_id, start_on=leave.start_on, end_on=end_on, cost=cost, reason=reason
    )
    if leave.end_on is not None and end_on is None:
        raise ValidationError({"end_on": _("A leave that ended keeps its end date; correct it instead.")})
    source_note = str(source_note or "").strip() or leave.source_note
    values = {"end_on": end_on, "days": leave_days(leave.start_on, end_on), "cost": cost, "source_note": source_note}
    return save_changed(leave, values, actor=actor, reason=reason)


def administrative_leave_list_for_case(*, case):
    return AdministrativeLeave.objects.filter(case=case).select_related("employee").order_by("-start_on", "-pk")


def officers_named_on_case(case):
    """The roster's officers named in the case's allegations (whom leave can be recorded for)."""
    return Employee.objects.filter(allegations__case=case).distinct().order_by("last_name", "first_name")


def administrative_leave_summary(*, year):
    """Leave that ended in ``year``: days and cost totals, cases and officers, in one query; with the leaves
    still open (their days are not yet counted) and ``is_recorded`` (a year from the first leave on record
    on) so a report never shows a silent zero."""
    totals = AdministrativeLeave.objects.aggregate(
        days=Sum("days", filter=Q(end_on__year=year)),
        cost=Sum("cost", filter=Q(end_on__year=year)),
        ended=Count("pk", filter=Q(end_on__year=year)),
        cases=Count("case", filter=Q(end_on__year=year), distinct=True),
        officers=Count("employee", filter=Q(end_on__year=year), distinct=True),
        open=Count("pk", filter=Q(end_on=None, start_on__year__lte=year)),
        first=Min("start_on"),
    )
    return {
        "year": year,
        # Before the first leave on record the Office recorded none: "no data", not zero days.
        "is_recorded": totals["first"] is not None and totals["first"].year <= year,
        "leaves": totals["ended"],
        "days": totals["days"] or 0,
        "cost": totals["cost"] if totals["cost"] is not None else Decimal("0.00"),
        "cases": totals["cases"],
        "officers": totals["officers"],
        "open": totals["open"],
    }
