from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404

from oversight.accounts import need_to_know as ntk
from oversight.accounts.roles import Role, has_role, user_roles

from .models import Allegation, AllegationType, Case, Complaint


def _visibility(user):
    """Who sees which case (R6.2), as one filter: the only place this is decided."""
    roles = user_roles(user)
    if roles & {Role.INTAKE, Role.DIRECTOR}:
        return Q()
    q = Q(pk__in=[])
    if Role.INVESTIGATOR in roles:
        q |= Q(investigation__investigator=user)
    if Role.BOARD in roles:
        q |= Q(panels__members=user)
    return q


def case_list_visible_to(*, user, status=None):
    """Cases the user may see, newest first; a constant number of queries for any size."""
    if not has_role(user, Role.INTAKE, Role.DIRECTOR, Role.INVESTIGATOR, Role.BOARD):
        return Case.objects.none()
    visible = _visibility(user)
    # Only the joined filters (investigator, panel member) can repeat a row.
    qs = Case.objects.filter(visible).distinct() if visible else Case.objects.all()
    if status:
        qs = qs.filter(status=status)
    return qs


def case_get_for(*, user, pk):
    """The case if the user may see it, else 404 (never a hint that it exists); with its effective_category."""
    visible = case_list_visible_to(user=user).select_related("decided_by", "incident_group").filter(pk=pk)
    case = case_annotate_category(visible).first()
    if case is None:
        raise Http404
    return case


def complaint_list_shown_to(*, user, case, complaints=None):
    """The case's complaints, oldest first, with ``shown_contact_<name|email|phone|address>``: the filer's
    contact details where the user may read them (oversight/accounts/need_to_know.py), else NULL."""
    complaints = Complaint.objects.all() if complaints is None else complaints
    return ntk.with_shown_fields(complaints.filter(case=case), user, *ntk.CONTACT).order_by("received_at", "pk")


def allegation_list_for_case(*, case):
    return Allegation.objects.filter(case=case).select_related("employee", "allegation_type")


def case_annotate_category(queryset):
    """Cases with ``effective_category``: the mandatory category that binds each to investigation (R1.8).

    The case's own category, or else the one its allegation types carry (the first allegation's
    that has one), or ''. The one definition the queue, the API, the case page and the decision
    rule all read, in SQL so a list of any size costs no extra query.
    """
    carried = (
        Allegation.objects.filter(case=OuterRef("pk"))
        .exclude(allegation_type__mandatory_category="")
        .order_by("pk")
        .values("allegation_type__mandatory_category")[:1]
    )
    return queryset.annotate(
        effective_category=Coalesce(
            NullIf("mandatory_category", Value("")), Subquery(carried), Value(""), output_field=CharField()
        )
    )


def case_mandatory_category(case):
    """The mandatory category that binds the case to investigation, or '' (R1.8); see case_annotate_category."""
    if hasattr(case, "effective_category"):
        return case.effective_category
    rows = case_annotate_category(Case.objects.filter(pk=case.pk)).values_list("effective_category", flat=True)
    return rows.first() or ""


def allegation_types_carrying_category(*, case):
    """The allegation types on the case that carry a mandatory category; while one stands, the case has one."""
    return AllegationType.objects.filter(allegation__case=case).exclude(mandatory_category="").distinct()
