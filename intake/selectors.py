from django.db.models import Q
from django.http import Http404

from oversight.accounts.roles import Role, has_role, user_roles

from .models import Allegation, Case


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
    """The case if the user may see it, else 404 (never a hint that it exists)."""
    case = case_list_visible_to(user=user).select_related("decided_by", "incident_group").filter(pk=pk).first()
    if case is None:
        raise Http404
    return case


def allegation_list_for_case(*, case):
    return Allegation.objects.filter(case=case).select_related("employee", "allegation_type")


def case_is_mandatory(case):
    """The mandatory category that binds the case to investigation, or '' (R1.8)."""
    if case.mandatory_category:
        return case.mandatory_category
    row = (
        Allegation.objects.filter(case=case)
        .exclude(allegation_type__mandatory_category="")
        .values_list("allegation_type__mandatory_category", flat=True)
        .first()
    )
    return row or ""
