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


# Who reads and writes compelled statements, PPB records and marked material (R2.9-R2.11) is
# decided in one table: oversight/accounts/need_to_know.py.
