"""The staff roster list's filters (issue 12.3)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Employee

YES_NO = [("true", _("Yes")), ("false", _("No"))]


class EmployeeFilter(django_filters.FilterSet):
    rank = django_filters.ChoiceFilter(label=_("Rank"), choices=Employee.Rank.choices, empty_label=_("All"))
    is_covered = django_filters.ChoiceFilter(
        label=_("Covered Employee (35A)"), choices=YES_NO, empty_label=_("All"), method="filter_boolean"
    )
    is_active = django_filters.ChoiceFilter(
        label=_("Still employed"), choices=YES_NO, empty_label=_("All"), method="filter_boolean"
    )

    class Meta:
        model = Employee
        fields = ["rank"]

    def filter_boolean(self, queryset, name, value):
        return queryset.filter(**{name: value == "true"})
