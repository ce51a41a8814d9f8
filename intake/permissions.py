"""Who may do what with a case: plain predicates, called by views, API and services alike."""

import rules

from oversight.accounts.roles import Role, has_role

CASE_WORKERS = (Role.INTAKE, Role.DIRECTOR)


@rules.predicate
def can_work_intake(user):
    return has_role(user, *CASE_WORKERS)


@rules.predicate
def can_decide_case(user, case=None):
    return has_role(user, Role.INTAKE, Role.DIRECTOR)


@rules.predicate
def can_decide_reconsideration(user):
    """R1.9: the filer asks the Director, and only the Director answers."""
    return has_role(user, Role.DIRECTOR)


@rules.predicate
def can_edit_allegation_types(user):
    """The Office keeps the list of allegation types (R1.6)."""
    return has_role(user, Role.DIRECTOR, Role.ADMIN)


@rules.predicate
def can_view_case(user, case=None):
    from .selectors import case_list_visible_to

    if case is None:
        return False  # Django's admin asks about "any case" (case=None): a case is seen one at a time
    return case_list_visible_to(user=user).filter(pk=case.pk).exists()


rules.add_perm("intake.work_intake", can_work_intake)
rules.add_perm("intake.view_case", can_view_case)


@rules.predicate
def can_message_filer(user, case):
    """Intake staff and the Director write to any filer; an investigator to the filers of a case they see."""
    if has_role(user, Role.INTAKE, Role.DIRECTOR):
        return True
    return has_role(user, Role.INVESTIGATOR) and can_view_case(user, case)
