"""Filters of the panels list (issue 12.3), applied to panels already scoped by panel_list_visible_to."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Panel


class PanelFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Panel.Status.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Panel"), choices=Panel.Kind.choices, empty_label=_("All"))

    class Meta:
        model = Panel
        fields = ["status", "kind"]
