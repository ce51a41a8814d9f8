import rules

from oversight.accounts.roles import Role, has_role


@rules.predicate
def can_convene_panel(user):
    return has_role(user, Role.DIRECTOR)


@rules.predicate
def is_panel_member(user, panel):
    return has_role(user, Role.BOARD) and panel.members.filter(pk=user.pk).exists()
