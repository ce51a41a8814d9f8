from oversight.accounts.roles import Role, has_role


def can_record_bylaws(user):
    """R3.2: the Board changes its numbers by vote; the Director records what it adopted. No single
    Board member or administrator changes them on a page."""
    return has_role(user, Role.DIRECTOR)


def can_view_board(user):
    """The Board's roster, sub-committees, trainings and numbers: the Board and the Director read them."""
    return has_role(user, Role.BOARD, Role.DIRECTOR)


def can_record_board(user):
    """Appointments, terms, leadership, sub-committees and trainings are recorded by the Director
    (35A.010 G: members are appointed by Council; the Office keeps the record)."""
    return has_role(user, Role.DIRECTOR)
