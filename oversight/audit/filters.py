"""The Director's filters over the logs: by person, case, kind and date (Pacific days)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.forms import DateInput

from .models import RoleChange, SensitiveRead


def _people(request):
    return User.objects.order_by("username")


class _DateRange(django_filters.FilterSet):
    since = django_filters.DateFilter(label=_("From (date)"), method="filter_since", widget=DateInput)
    until = django_filters.DateFilter(label=_("To (date, included)"), method="filter_until", widget=DateInput)
    date_field = "at"

    # __date reads the timestamp as a Pacific day (TIME_ZONE), the day staff mean.
    def filter_since(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__date__gte": value})

    def filter_until(self, queryset, name, value):
        return queryset.filter(**{f"{self.date_field}__date__lte": value})


class SensitiveReadFilter(_DateRange):
    user = django_filters.ModelChoiceFilter(label=_("Who read"), queryset=_people, empty_label=_("Anyone"))
    case_number = django_filters.CharFilter(label=_("Case number"), method="filter_case", max_length=16)
    kind = django_filters.ChoiceFilter(label=_("What"), choices=SensitiveRead.Kind.choices, empty_label=_("All"))

    class Meta:
        model = SensitiveRead
        fields = ["user", "case_number", "kind"]

    def filter_case(self, queryset, name, value):
        return queryset.filter(case_number=value.strip().upper())


class RoleChangeFilter(_DateRange):
    user = django_filters.ModelChoiceFilter(label=_("Whose roles"), queryset=_people, empty_label=_("Anyone"))
    actor = django_filters.ModelChoiceFilter(label=_("Changed by"), queryset=_people, empty_label=_("Anyone"))
    role = django_filters.ChoiceFilter(
        label=_("Role granted or removed"), choices=Role.choices, method="filter_role", empty_label=_("Any")
    )

    class Meta:
        model = RoleChange
        fields = ["user", "actor", "role"]

    def filter_role(self, queryset, name, value):
        return queryset.filter(granted__contains=[value]) | queryset.filter(revoked__contains=[value])
