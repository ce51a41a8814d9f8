"""Who may act on notices, as plain functions the views and the services both call."""

from oversight.accounts.roles import Role, has_role


def can_mail_letters(user):
    """Printing postal letters and marking them mailed is the Office's front desk work (issue 12.4)."""
    return has_role(user, Role.DIRECTOR, Role.INTAKE)


def can_act_on_failed_notice(user):
    """The Director answers for the Office outbox: resends, sends as a letter, or marks handled."""
    return has_role(user, Role.DIRECTOR)
