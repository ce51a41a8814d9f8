"""Which allegations name the Chief of Police (R1.7). The Chief is not a Covered Employee: his
allegations go to the Mayor, every other allegation (Covered Employees, unidentified officers)
to the Board. Every later stage asks here."""

from django.db.models import Q

# Recorded on the allegation when it is made (Allegation.is_against_chief).
AGAINST_CHIEF = Q(is_against_chief=True)


def allegations_against_chief(case):
    return case.allegations.filter(AGAINST_CHIEF)


def allegations_for_board(case):
    """The allegations the Board may hear: all but the Chief's."""
    return case.allegations.exclude(AGAINST_CHIEF)


def allegation_is_against_chief(allegation):
    return allegation.is_against_chief
