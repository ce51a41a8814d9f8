import rules

from oversight.accounts.models import User
from oversight.accounts.roles import Role, has_role


@rules.predicate
def can_direct(user):
    return has_role(user, Role.DIRECTOR)


@rules.predicate
def can_investigate(user, case):
    """The assigned investigator, or the Director."""
    if has_role(user, Role.DIRECTOR):
        return True
    investigation = getattr(case, "investigation", None)
    return has_role(user, Role.INVESTIGATOR) and investigation is not None and investigation.investigator_id == user.pk


@rules.predicate
def can_send_chief_notice(user, case=None):
    if case is not None and case.is_chief_route:
        return has_role(user, Role.DIRECTOR)  # the Director names the Chief's designee (35A.050)
    return has_role(user, Role.DIRECTOR, Role.INTAKE)


@rules.predicate
def can_answer_records_request(user, request=None):
    """PPB liaisons answer requests addressed to PPB, and nothing else (R2.6, R6.2)."""
    if not has_role(user, Role.LIAISON) or user.agency != User.Agency.PPB:
        return False
    return request is None or request.agency == user.agency


@rules.predicate
def can_issue_subpoena(user):
    """The Board decides; the Director records its subpoenas and their service."""
    return has_role(user, Role.DIRECTOR, Role.BOARD)


@rules.predicate
def can_open_ppb_records(user):
    """R2.10: staff with a current PPB-records certification (and PPB's own liaisons)."""
    if can_answer_records_request(user):
        return True
    from django.utils import timezone

    until = getattr(user, "ppb_records_certified_until", None)
    return has_role(user, Role.INVESTIGATOR, Role.DIRECTOR) and until is not None and until >= timezone.localdate()


def marking_filter(user, investigation):
    """R2.11 as a query: which marked material of an investigation the user may see."""
    from django.db.models import Q

    from .models import Marking

    if has_role(user, Role.DIRECTOR):
        return Q()
    if has_role(user, Role.INVESTIGATOR) and investigation.investigator_id == user.pk:
        return ~Q(marking=Marking.PRIVILEGED)
    return Q(marking=Marking.NONE)


def can_mark(user, investigation, marking):
    from .models import Marking

    if marking == Marking.PRIVILEGED:
        return has_role(user, Role.DIRECTOR)
    return can_investigate(user, investigation.case)
