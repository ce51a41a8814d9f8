from django.db.models import Q, Value
from django.db.models.functions import Concat

from oversight.folding import Folded, fold

from .models import Employee


def employee_list_covered(*, search=""):
    """Active Covered Employees, optionally matching a name or badge number."""
    qs = Employee.objects.filter(is_covered=True, is_active=True)
    for term in search.split():
        qs = qs.filter(Q(last_name__icontains=term) | Q(first_name__icontains=term) | Q(badge_number__iexact=term))
    return qs


def employee_get_chief():
    """The current Chief of Police, or None when the roster has none."""
    return Employee.objects.filter(rank=Employee.Rank.CHIEF, is_active=True).first()


def employee_list_for_staff():
    """The whole roster for the staff list (Covered Employees, the Chief, inactive ones too)."""
    return Employee.objects.all()


def employee_search(queryset, term):
    """Rows whose name or badge holds every word of ``term``, ignoring case and accents."""
    haystack = Folded(Concat("first_name", Value(" "), "last_name", Value(" "), "badge_number"))
    queryset = queryset.annotate(roster_haystack=haystack)
    for word in fold(term).split():
        queryset = queryset.filter(roster_haystack__contains=word)
    return queryset
