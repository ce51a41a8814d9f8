"""Civil suits against PPB officers (R4.6; annual report item m; the council work session's costs).

- ``civil_suit_record`` / ``civil_suit_update``: the Director records a suit and keeps it current.
- ``civil_suit_list_visible_to`` / ``civil_suit_get_for``: the Board and the Director read them.
- ``civil_suits_summary(year=)``: what the annual report and the contract metrics read.
- ``civil_suits_public_by_year``: the public aggregate, which names no officer.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited
from oversight.roster.models import Employee

from .models import CivilSuit

FIELDS = (
    "caption",
    "court",
    "court_case_number",
    "filed_on",
    "nature",
    "city_is_defendant",
    "status",
    "resolved_on",
    "settlement_amount",
    "judgment_amount",
    "legal_fees",
    "notes",
)
ZERO = Decimal("0.00")


def can_record_civil_suits(user):
    """The Office keeps the record of suits (from the City Attorney's and Risk Management's files)."""
    return has_role(user, Role.DIRECTOR)


def can_view_civil_suits(user):
    return has_role(user, Role.DIRECTOR, Role.BOARD)


def _check(values, officers):
    """Every rule of a suit's record, as field errors."""
    errors = {}
    if not str(values.get("reason") or "").strip():
        errors["reason"] = _("Give the reason.")
    filed_on, resolved_on, status = values.get("filed_on"), values.get("resolved_on"), values.get("status")
    if filed_on and filed_on > timezone.localdate():
        errors["filed_on"] = _("A suit cannot be filed in the future.")
    if status == CivilSuit.Status.PENDING and resolved_on:
        errors["resolved_on"] = _("A pending suit is not resolved: leave the date empty, or give its outcome.")
    if status != CivilSuit.Status.PENDING and not resolved_on:
        errors["resolved_on"] = _("Give the date the suit was settled, decided or dismissed.")
    if resolved_on and filed_on and resolved_on < filed_on:
        errors["resolved_on"] = _("A suit cannot be resolved before it was filed.")
    if resolved_on and resolved_on > timezone.localdate():
        errors["resolved_on"] = _("The resolution cannot be in the future.")
    for name in ("settlement_amount", "judgment_amount", "legal_fees"):
        amount = values.get(name)
        if amount is not None and Decimal(amount) < 0:
            errors[name] = _("An amount of money cannot be negative.")
    if values.get("settlement_amount") is not None and status != CivilSuit.Status.SETTLED:
        errors["settlement_amount"] = _("A settlement amount belongs to a settled suit.")
    if values.get("judgment_amount") is not None and status != CivilSuit.Status.JUDGMENT:
        errors["judgment_amount"] = _("A judgment amount belongs to a suit decided by judgment.")
    if any(not o.is_covered for o in officers):
        errors["officers"] = _("Name Covered Employees only (sworn employees and supervisors; not the Chief).")
    if errors:
        raise ValidationError(errors)


def _officers(officers):
    return list(Employee.objects.filter(pk__in=[getattr(o, "pk", o) for o in officers or ()]))


@transaction.atomic
def civil_suit_record(*, actor, reason, officers=(), **values):
    """Records a civil suit naming PPB officers. The same court and number again returns the suit untouched."""
    if not can_record_civil_suits(actor):
        raise PermissionDenied(_("The Director records civil suits."))
    values = {name: values.get(name) for name in FIELDS} | {"reason": reason}
    values["status"] = values["status"] or CivilSuit.Status.PENDING
    values["notes"] = values["notes"] or ""
    values["city_is_defendant"] = bool(values["city_is_defendant"])
    officers = _officers(officers)
    _check(values, officers)
    same = (
        CivilSuit.objects.select_for_update()
        .filter(court=values["court"], court_case_number=values["court_case_number"])
        .first()
    )
    if same is not None:
        if same.caption != values["caption"] or same.filed_on != values["filed_on"]:
            raise ValidationError({"court_case_number": _("A suit with this court and number is already recorded.")})
        return same
    values.pop("reason")
    suit = save_audited(CivilSuit(**values), actor=actor, reason=reason)
    if officers:
        suit._change_reason, suit._history_user = str(reason)[:100], actor
        suit.officers.set(officers)
    return suit


@transaction.atomic
def civil_suit_update(*, actor, suit, reason, officers=None, **values):
    """Changes a suit's record (its outcome, amounts, officers; ``officers=None`` keeps them); an unchanged
    record is returned untouched."""
    if not can_record_civil_suits(actor):
        raise PermissionDenied(_("The Director records civil suits."))
    suit = CivilSuit.objects.select_for_update().get(pk=suit.pk)
    values = {name: values.get(name, getattr(suit, name)) for name in FIELDS} | {"reason": reason}
    values["notes"] = values["notes"] or ""
    officers = list(suit.officers.all()) if officers is None else _officers(officers)
    if values["status"] != suit.status and values["status"] not in CivilSuit.TRANSITIONS[suit.status]:
        raise ValidationError(
            {
                "status": _("A suit that is “%(old)s” cannot become “%(new)s”.")
                % {"old": suit.get_status_display(), "new": CivilSuit.Status(values["status"]).label}
            }
        )
    _check(values, officers)
    values.pop("reason")
    changed = [name for name in FIELDS if getattr(suit, name) != values[name]]
    officers_changed = {o.pk for o in officers} != set(suit.officers.values_list("pk", flat=True))
    if not changed and not officers_changed:
        return suit
    for name in changed:
        setattr(suit, name, values[name])
    if changed:
        save_audited(suit, actor=actor, reason=reason, update_fields=changed)
    if officers_changed:
        suit._change_reason, suit._history_user = str(reason)[:100], actor
        suit.officers.set(officers)
    return suit


# Reads


def civil_suit_list_visible_to(*, user, year=None, status="", nature=""):
    """The suits the user may read (the Board and the Director: all), with their officers, newest first."""
    if not can_view_civil_suits(user):
        return CivilSuit.objects.none()
    suits = CivilSuit.objects.prefetch_related("officers")
    if year:
        suits = suits.filter(filed_on__year=year)
    if status:
        suits = suits.filter(status=status)
    if nature:
        suits = suits.filter(nature=nature)
    return suits


def civil_suit_get_for(*, user, pk):
    suit = civil_suit_list_visible_to(user=user).filter(pk=pk).first()
    if suit is None:
        raise Http404
    return suit


def civil_suit_years():
    """The years in which suits were filed or resolved, newest first (for the filters and the public page)."""
    filed = CivilSuit.objects.annotate(y=ExtractYear("filed_on")).values_list("y", flat=True)
    resolved = (
        CivilSuit.objects.exclude(resolved_on=None).annotate(y=ExtractYear("resolved_on")).values_list("y", flat=True)
    )
    return sorted(set(filed) | set(resolved), reverse=True)


def _money(total):
    return total if total is not None else ZERO


def civil_suits_summary(*, year):
    """Item m for one year, in two queries: suits filed that year (count and count by nature), and the
    money of suits resolved that year (settlements, judgments, the City's legal fees). ``is_recorded``
    says whether any suit is recorded at all, so a report never shows a silent zero for "no data"."""
    filed = CivilSuit.objects.filter(filed_on__year=year)
    by_nature = {row["nature"]: row["n"] for row in filed.values("nature").annotate(n=Count("pk")).order_by()}
    money = CivilSuit.objects.aggregate(
        resolved=Count("pk", filter=Q(resolved_on__year=year)),
        settlements=Sum("settlement_amount", filter=Q(resolved_on__year=year)),
        judgments=Sum("judgment_amount", filter=Q(resolved_on__year=year)),
        fees=Sum("legal_fees", filter=Q(resolved_on__year=year)),
        recorded=Count("pk"),
        city_defendant=Count("pk", filter=Q(filed_on__year=year, city_is_defendant=True)),
    )
    return {
        "year": year,
        "is_recorded": money["recorded"] > 0,
        "count": sum(by_nature.values()),
        "by_nature": {nature: by_nature.get(nature, 0) for nature in CivilSuit.Nature.values},
        "city_defendant": money["city_defendant"],
        "resolved": money["resolved"],
        "settlements": _money(money["settlements"]),
        "judgments": _money(money["judgments"]),
        "fees": _money(money["fees"]),
    }


def civil_suits_public_by_year():
    """Per year, newest first, in two queries: suits filed by nature and the money of suits resolved that
    year. The public aggregate: counts and totals only, never an officer, a caption or a court number."""
    years = {}

    def year_row(year):
        return years.setdefault(
            year,
            {
                "year": year,
                "count": 0,
                "by_nature": dict.fromkeys(CivilSuit.Nature.values, 0),
                "resolved": 0,
                "settlements": ZERO,
                "judgments": ZERO,
                "fees": ZERO,
            },
        )

    filed = CivilSuit.objects.annotate(y=ExtractYear("filed_on")).values("y", "nature").annotate(n=Count("pk"))
    for row in filed.order_by():
        entry = year_row(row["y"])
        entry["by_nature"][row["nature"]] = row["n"]
        entry["count"] += row["n"]
    money = (
        CivilSuit.objects.exclude(resolved_on=None)
        .annotate(y=ExtractYear("resolved_on"))
        .values("y")
        .annotate(n=Count("pk"), s=Sum("settlement_amount"), j=Sum("judgment_amount"), f=Sum("legal_fees"))
    )
    for row in money.order_by():
        entry = year_row(row["y"])
        entry.update(resolved=row["n"], settlements=_money(row["s"]), judgments=_money(row["j"]), fees=_money(row["f"]))
    return [years[year] for year in sorted(years, reverse=True)]
