"""Discipline for PPB's failures to comply with the Board (35A.050 F.1.l: "whether discipline was imposed
for any such non-compliance"; issue 11). A failure is a refused interview, a withheld record or a subpoena
not complied with; the Director records, from PPB's answer, whether discipline was imposed for it.
``noncompliance_summary`` is what item l of the annual report reads."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited

from .models import Interview, NonComplianceDiscipline, RequestedRecord, Subpoena


@dataclass(frozen=True)
class FailureKind:
    key: str
    model: type
    failed: Q  # the rows that are failures to comply
    day: str  # when the failure happened
    case_path: str  # from the row to its case
    label: str
    about: str  # what the failure was about: a path from the row to a text (the officer, the record)

    def day_of(self, row):
        return getattr(row, self.day)

    def about_of(self, row):
        value = row
        for step in self.about.split("__"):
            value = getattr(value, step)
        return str(value)


KINDS = {
    kind.key: kind
    for kind in (
        FailureKind(
            "interview",
            Interview,
            Q(status=Interview.Status.REFUSED),
            "held_at",
            "investigation__case",
            _l("Interview refused"),
            "employee",
        ),
        FailureKind(
            "record",
            RequestedRecord,
            Q(outcome=RequestedRecord.Outcome.WITHHELD),
            "answered_at",
            "request__investigation__case",
            _l("Record withheld"),
            "description",
        ),
        FailureKind(
            "subpoena",
            Subpoena,
            Q(status=Subpoena.Status.NOT_COMPLIED),
            "resolved_at",
            "record__request__investigation__case",
            _l("Subpoena not complied with"),
            "record__description",
        ),
    )
}
FIELD = "noncompliance_discipline"


def can_record_noncompliance_discipline(user):
    return has_role(user, Role.DIRECTOR)


def failures_of_case(case):
    """[(kind, row)] of the case's failures to comply, oldest first: one query per kind."""
    rows = []
    for kind in KINDS.values():
        found = kind.model.objects.filter(kind.failed, **{kind.case_path: case}).order_by(kind.day, "pk")
        if kind.key == "interview":
            found = found.select_related("employee")
        elif kind.key == "subpoena":
            found = found.select_related("record")
        rows += [(kind, row) for row in found]
    # A row the services dated always has its day; one without (entered by hand) sorts last.
    return sorted(
        rows, key=lambda pair: (pair[0].day_of(pair[1]) is None, pair[0].day_of(pair[1]) or 0, pair[0].key, pair[1].pk)
    )


def failure_get(kind_key, pk):
    """The failure ``pk`` of kind ``kind_key``, or None (unknown kind, no such row, or not a failure)."""
    kind = KINDS.get(kind_key)
    if kind is None:
        return None, None
    return kind, kind.model.objects.filter(kind.failed, pk=pk).first()


def case_of(kind, row):
    return kind.model.objects.filter(pk=row.pk).values_list(kind.case_path, flat=True).get()


@transaction.atomic
def noncompliance_discipline_record(*, actor, kind, failure, outcome, reason):
    """Records whether PPB imposed discipline for this failure to comply ("" clears an entry made in
    error). The same answer again changes nothing."""
    if not can_record_noncompliance_discipline(actor):
        raise PermissionDenied(_("The Director records whether discipline was imposed."))
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if outcome not in ("", *NonComplianceDiscipline.values):
        raise ValidationError({"outcome": _("Choose whether discipline was imposed.")})
    row = kind.model.objects.select_for_update().filter(kind.failed, pk=failure.pk).first()
    if row is None:
        raise ValidationError(_("Discipline is recorded only for a failure to comply."))
    if getattr(row, FIELD) == outcome:
        return row
    setattr(row, FIELD, outcome)
    return save_audited(row, actor=actor, reason=reason, update_fields=[FIELD])


def noncompliance_summary(*, since, until):
    """For each kind of failure to comply in [since, until): how many, and how many with discipline
    imposed, not imposed, pending, and not recorded. One query per kind."""
    summary = {}
    for kind in KINDS.values():
        summary[kind.key] = kind.model.objects.filter(
            kind.failed, **{f"{kind.day}__gte": since, f"{kind.day}__lt": until}
        ).aggregate(
            total=Count("pk"),
            **{value: Count("pk", filter=Q(**{FIELD: value})) for value in NonComplianceDiscipline.values},
            unrecorded=Count("pk", filter=Q(**{FIELD: ""})),
        )
    return summary
