from django.db.models import Q

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
