from oversight.accounts.roles import Role, has_role


def can_record_bylaws(user):
    """R3.2: the Board changes its numbers by vote; the Director records what it adopted. No single
    Board member or administrator changes them on a page."""
    return has_role(user, Role.DIRECTOR)
