"""Need-to-know (R2.9, R2.10, R2.11, R6.2): who reads and who writes each field group of a case.

The one place this is decided. A field group is material that needs the same protection wherever
it sits: the statement an officer gave under Garrity, an item of evidence, PPB's answer for a
record, a filer's phone number. ``POLICY`` says which roles read and which write each group, with
the per-case condition the role must also meet ("the assigned investigator"); ``COVERS`` says which
rows and fields of which model belong to each group. Pages, the investigation report, the API, the
prosecutor export and the hearing view all ask here:

- about one object: ``can_read(user, group, obj)``, ``can_write(user, group, obj)``,
  ``can_see(user, obj)``, ``can_read_field`` and ``can_write_field``;
- about a queryset: ``visible(qs, user)`` keeps the rows the user may see at all,
  ``readable(qs, user, group)`` the rows whose ``group`` material the user may read, and
  ``with_shown_fields(qs, user, *fields)`` annotates ``shown_<field>``: the value, or NULL where the
  user may not read it;
- for a document made once for a whole audience (the investigation report, the prosecutor
  export): ``audience_visible(qs, audience)`` and ``audience_field_q``.

Rules of the road: an item in two groups (a compelled statement in an interview the Director marked
privileged) is read only by those who may read both. Whoever may not read an item may not write to
it, and a view answers 404 for an item the user may not see, exactly as for one that does not exist.

The kernel never imports intake or investigations (STYLE.md 1): models are named here by label and
reached through lookup paths, so the whole policy still sits in this one module.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Case as CaseWhen
from django.db.models import Exists, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import Role, user_roles

NOTHING = Q(pk__in=[])


class FieldGroup(models.TextChoices):
    COMPELLED = "compelled_statements", _("Compelled statements (Garrity) and evidence derived from them")
    VOLUNTARY = "voluntary_statements", _("Voluntary statements")
    EVIDENCE = "evidence", _("Evidence")
    PPB_RECORDS = "ppb_records", _("PPB records: answers and files")
    PRIVILEGED = "privileged", _("Privileged material")
    CONFIDENTIAL = "confidential", _("Confidential material")
    FILER_CONTACT = "filer_contact", _("Filer contact details")
    DEMOGRAPHICS = "filer_demographics", _("Filer demographics")


class Audience:
    """Who receives a document made once for all its readers."""

    PROSECUTOR = "prosecutor"  # a prosecutor's office (R2.9): only groups marked ``to_prosecutor``


# How each model reaches its case, the case's investigation and (for PPB's records) the agency the
# request went to, as lookups ("" is the row itself).
_PATHS = {
    "intake.case": {"case": "", "investigation": "investigation"},
    "intake.complaint": {"case": "case", "investigation": "case__investigation"},
    "intake.filerdemographics": {"case": "complaint__case", "investigation": "complaint__case__investigation"},
    "investigations.investigation": {"case": "case", "investigation": ""},
    "investigations.interview": {"case": "investigation__case", "investigation": "investigation"},
    "investigations.evidence": {
        "case": "investigation__case",
        "investigation": "investigation",
        "agency": "source_record__request__agency",
    },
    "investigations.recordsrequest": {
        "case": "investigation__case",
        "investigation": "investigation",
        "agency": "agency",
    },
    "investigations.requestedrecord": {
        "case": "request__investigation__case",
        "investigation": "request__investigation",
        "agency": "request__agency",
    },
}


def _label(model_or_obj):
    return model_or_obj._meta.label_lower


def _lookup(path, field):
    return f"{path}__{field}" if path else field


def _follow(obj, path):
    """obj's attribute at a lookup path; None where a link is missing (a case without investigation)."""
    for part in path.split("__") if path else ():
        try:
            obj = getattr(obj, part)
        except ObjectDoesNotExist:
            return None
        if obj is None:
            return None
    return obj


def _path(model_or_obj, kind):
    return _PATHS.get(_label(model_or_obj), {}).get(kind)


@dataclass(frozen=True)
class Condition:
    """What a role must also meet for one object: a test on the object, and the same as a filter on rows.

    ``about_the_case`` conditions (assigned to it, on its panel) are taken as met when a document is
    made for that audience; a fact about the person alone (a certification) never is.
    """

    label: str  # for people reading the table, never shown on a page
    test: object  # (user, obj) -> bool
    q: object  # (user, model) -> Q; an empty Q() is every row
    about_the_case: bool = True

    def __and__(self, other):
        return Condition(
            f"{self.label}, {other.label}",
            lambda user, obj: self.test(user, obj) and other.test(user, obj),
            lambda user, model: self.q(user, model) & other.q(user, model),
            self.about_the_case and other.about_the_case,
        )


def _assigned(user, obj):
    investigation = _follow(obj, _path(obj, "investigation"))
    return investigation is not None and investigation.investigator_id == user.pk


def _assigned_q(user, model):
    path = _path(model, "investigation")
    return NOTHING if path is None else Q(**{_lookup(path, "investigator"): user})


def _on_panel(user, obj):
    case = _follow(obj, _path(obj, "case"))
    return case is not None and user.panels.filter(case_id=case.pk).exists()


def _on_panel_q(user, model):
    path = _path(model, "case")
    if path is None:
        return NOTHING
    # A subquery, not a join: a case with two panels must not repeat its rows.
    return Q(pk__in=model._default_manager.filter(**{_lookup(path, "panels__members"): user}).values("pk"))


def _own_agency(user, obj):
    path = _path(obj, "agency")
    return path is not None and _follow(obj, path) == user.agency


def _own_agency_q(user, model):
    path = _path(model, "agency")
    return NOTHING if path is None else Q(**{path: user.agency})


def _certified(user):
    """R2.10: a current certification to open PPB records."""
    until = getattr(user, "ppb_records_certified_until", None)
    return until is not None and until >= timezone.localdate()


ANY = Condition("any case", lambda user, obj: True, lambda user, model: Q())
ASSIGNED = Condition("the assigned investigator", _assigned, _assigned_q)
ON_PANEL = Condition("on the case's panel", _on_panel, _on_panel_q)
OWN_AGENCY = Condition("requests to their own agency", _own_agency, _own_agency_q)
CERTIFIED = Condition(
    "with a current PPB-records certification (R2.10)",
    lambda user, obj: _certified(user),
    lambda user, model: Q() if _certified(user) else NOTHING,
    about_the_case=False,
)

INTAKE = (Role.INTAKE, ANY)
DIRECTOR = (Role.DIRECTOR, ANY)
ASSIGNED_INVESTIGATOR = (Role.INVESTIGATOR, ASSIGNED)
PANEL_MEMBER = (Role.BOARD, ON_PANEL)
AGENCY_LIAISON = (Role.LIAISON, OWN_AGENCY)


@dataclass(frozen=True)
class Access:
    read: tuple
    write: tuple
    to_prosecutor: bool = False  # R2.9: may it go to a prosecutor's office at all


# The policy. The administrator appears nowhere: running the system gives no need to know a case.
POLICY = {
    FieldGroup.COMPELLED: Access(read=(DIRECTOR, ASSIGNED_INVESTIGATOR), write=(DIRECTOR, ASSIGNED_INVESTIGATOR)),
    FieldGroup.VOLUNTARY: Access(
        read=(DIRECTOR, ASSIGNED_INVESTIGATOR), write=(DIRECTOR, ASSIGNED_INVESTIGATOR), to_prosecutor=True
    ),
    # The panel reads the evidence its findings rest on, in the investigation report.
    FieldGroup.EVIDENCE: Access(
        read=(DIRECTOR, ASSIGNED_INVESTIGATOR, PANEL_MEMBER),
        write=(DIRECTOR, ASSIGNED_INVESTIGATOR),
        to_prosecutor=True,
    ),
    FieldGroup.PPB_RECORDS: Access(
        read=((Role.DIRECTOR, CERTIFIED), (Role.INVESTIGATOR, ASSIGNED & CERTIFIED), AGENCY_LIAISON),
        write=(AGENCY_LIAISON,),
    ),
    FieldGroup.PRIVILEGED: Access(read=(DIRECTOR,), write=(DIRECTOR,)),
    FieldGroup.CONFIDENTIAL: Access(read=(DIRECTOR, ASSIGNED_INVESTIGATOR), write=(DIRECTOR, ASSIGNED_INVESTIGATOR)),
    FieldGroup.FILER_CONTACT: Access(read=(INTAKE, DIRECTOR, ASSIGNED_INVESTIGATOR), write=(INTAKE, DIRECTOR)),
    # Kept for reports, which count them without names; the filer alone gives them, on the public form.
    FieldGroup.DEMOGRAPHICS: Access(read=(INTAKE, DIRECTOR), write=()),
}


@dataclass(frozen=True)
class Cover:
    """Rows (``rows``/``applies``, the same test as a filter and in Python) and fields (None: the whole
    row) of one model that belong to a group."""

    model: str
    fields: tuple | None = None
    rows: Q = Q()
    applies: object = lambda obj: True  # noqa: E731


STATEMENT = ("statement", "refusal_note")  # what the officer said, or did instead of answering
PPB_ANSWER = ("file", "file_name", "content_type", "size", "sha256", "reason", "legal_justification")
CONTACT = ("contact_name", "contact_email", "contact_phone", "contact_address")


def _marked(marking):
    return lambda obj: obj.marking == marking


COVERS = {
    FieldGroup.COMPELLED: (
        Cover("investigations.interview", STATEMENT, Q(is_compelled=True), lambda obj: obj.is_compelled),
        Cover(
            "investigations.evidence", None, Q(is_derived_from_compelled=True), lambda o: o.is_derived_from_compelled
        ),
    ),
    FieldGroup.VOLUNTARY: (
        Cover("investigations.interview", STATEMENT, Q(is_compelled=False), lambda obj: not obj.is_compelled),
    ),
    FieldGroup.EVIDENCE: (Cover("investigations.evidence"),),
    FieldGroup.PPB_RECORDS: (
        Cover("investigations.requestedrecord", PPB_ANSWER),
        # An item registered from PPB's production is PPB's file too.
        Cover("investigations.evidence", ("file",), Q(source_record__isnull=False), lambda o: bool(o.source_record_id)),
    ),
    FieldGroup.PRIVILEGED: (
        Cover("investigations.interview", None, Q(marking="privileged"), _marked("privileged")),
        Cover("investigations.evidence", None, Q(marking="privileged"), _marked("privileged")),
    ),
    FieldGroup.CONFIDENTIAL: (
        Cover("investigations.interview", None, Q(marking="confidential"), _marked("confidential")),
        Cover("investigations.evidence", None, Q(marking="confidential"), _marked("confidential")),
    ),
    FieldGroup.FILER_CONTACT: (Cover("intake.complaint", CONTACT),),
    FieldGroup.DEMOGRAPHICS: (Cover("intake.filerdemographics"),),
}

# The marking of an item (R2.11) and the group it puts the item in.
MARKING_GROUPS = {"privileged": FieldGroup.PRIVILEGED, "confidential": FieldGroup.CONFIDENTIAL}


def _covers(label, field):
    """(group, cover) for the model's whole rows, and for ``field`` when given."""
    for group, covers in COVERS.items():
        for cover in covers:
            if cover.model == label and (cover.fields is None or (field is not None and field in cover.fields)):
                yield group, cover


def groups_of(obj, field=None):
    """The groups the object (or one of its fields) belongs to."""
    return {group for group, cover in _covers(_label(obj), field) if cover.applies(obj)}


# One object


def _passes(user, rules, obj):
    roles = user_roles(user)
    return any(role in roles and condition.test(user, obj) for role, condition in rules)


def can_see(user, obj):
    """May the user see this row at all (every whole-row group it belongs to)?"""
    return all(_passes(user, POLICY[group].read, obj) for group in groups_of(obj))


def can_read(user, group, obj):
    """May the user read ``group`` material on this object (a case, an investigation, an item)?"""
    return _passes(user, POLICY[group].read, obj) and can_see(user, obj)


def can_write(user, group, obj):
    """May the user write ``group`` material on this object? Never without reading it."""
    return (
        can_read(user, group, obj)
        and _passes(user, POLICY[group].write, obj)
        and all(_passes(user, POLICY[g].write, obj) for g in groups_of(obj))
    )


def can_read_field(user, obj, field):
    return all(_passes(user, POLICY[group].read, obj) for group in groups_of(obj, field))


def can_write_field(user, obj, field):
    """May the user write this field: a field no group covers is nobody's to write through here."""
    groups = groups_of(obj, field)
    return bool(groups) and all(can_write(user, group, obj) for group in groups)


def can_mark(user, obj, marking):
    """R2.11: marking or unmarking needs the right to write confidential material, and privileged
    material when the item is or becomes privileged."""
    groups = {FieldGroup.CONFIDENTIAL} | groups_of(obj) & set(MARKING_GROUPS.values())
    if marking in MARKING_GROUPS:
        groups.add(MARKING_GROUPS[marking])
    return can_see(user, obj) and all(can_write(user, group, obj) for group in groups)


# Querysets


def _any(qs):
    """OR of filters where an empty Q() means every row (Django's ``Q() | q`` would drop it)."""
    qs = list(qs)
    if any(not q for q in qs):
        return Q()
    return reduce(operator.or_, qs, NOTHING)


def _unless(rows, allowed):
    """Rows outside ``rows``, or inside them and ``allowed``."""
    if not allowed:
        return Q()
    if not rows:
        return allowed
    return ~rows | allowed


def _rules_q(user, rules, model):
    roles = user_roles(user)
    return _any(condition.q(user, model) for role, condition in rules if role in roles)


def field_read_q(user, model, field=None):
    """The rows of ``model`` on which the user may read ``field`` (None: may see the row)."""
    parts = [
        _unless(cover.rows, _rules_q(user, POLICY[group].read, model)) for group, cover in _covers(_label(model), field)
    ]
    return reduce(operator.and_, parts, Q())


def visible(queryset, user):
    """The rows the user may see: the one query behind every list, page, fetch-or-404 and export."""
    q = field_read_q(user, queryset.model)
    return queryset.filter(q) if q else queryset


def readable(queryset, user, group):
    """The rows on which the user may read ``group`` material."""
    q = _rules_q(user, POLICY[group].read, queryset.model) & field_read_q(user, queryset.model)
    return queryset.filter(q) if q else queryset


def _shown(model, field, q):
    if not q:
        return F(field)
    output = model._meta.get_field(field)
    output = models.CharField() if isinstance(output, models.FileField) else output.__class__()
    return CaseWhen(When(q, then=F(field)), default=Value(None), output_field=output)


def with_shown_fields(queryset, user, *fields):
    """Annotates ``shown_<field>`` for each field: its value where the user may read it, else NULL."""
    model = queryset.model
    return queryset.annotate(**{f"shown_{f}": _shown(model, f, field_read_q(user, model, f)) for f in fields})


def _audience_allows(group, audience):
    if audience == Audience.PROSECUTOR:
        return POLICY[group].to_prosecutor
    return any(role == audience and condition.about_the_case for role, condition in POLICY[group].read)


def audience_field_q(audience, model, field=None):
    """The rows of ``model`` whose ``field`` (None: the row) every member of the audience may read: a
    role (Role.BOARD: a panel reads the investigation report) or Audience.PROSECUTOR."""
    parts = [
        _unless(cover.rows, Q() if _audience_allows(group, audience) else NOTHING)
        for group, cover in _covers(_label(model), field)
    ]
    return reduce(operator.and_, parts, Q())


def audience_visible(queryset, audience):
    q = audience_field_q(audience, queryset.model)
    return queryset.filter(q) if q else queryset


def groups_shown_on_case(user, case, groups=tuple(FieldGroup)):
    """Of ``groups``, those with material on the case that the user may read: what a page of the case
    can have shown them, for the read log (oversight/audit/reads.py). One query."""
    checks = {}
    for group in groups:
        for i, cover in enumerate(COVERS[group]):
            model = apps.get_model(cover.model)
            rows = model._default_manager.filter(cover.rows, **{_lookup(_path(model, "case"), "pk"): case.pk})
            checks[f"g_{group}_{i}"] = Exists(readable(rows, user, group))
    if not checks:
        return set()
    found = type(case)._default_manager.filter(pk=case.pk).values(**checks).first() or {}
    return {group for group in groups for i in range(len(COVERS[group])) if found.get(f"g_{group}_{i}")}
