"""Filters of the investigations list and the records requests inbox (issue 12.3).

Always applied to a queryset already scoped by its visibility selector (STACK.md).
"""

from datetime import timedelta

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oversight.accounts.roles import Role
from oversight.calendar.models import Deadline

from .models import Investigation, RecordsRequest

YES_NO = [("yes", _("Overdue only")), ("no", _("Not overdue"))]
DUE_CHOICES = [("overdue", _("Overdue")), ("week", _("Due in the next 7 days")), ("open", _("Still open"))]


def _clocks(model, **filters):
    """Ids of the rows of ``model`` with an unmet clock matching ``filters`` (served by deadline_open_due)."""
    ct = ContentType.objects.get_for_model(model)
    return Deadline.objects.filter(about_type=ct, met_at__isnull=True, **filters).values("about_id")


class InvestigationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Investigation.Status.choices, empty_label=_("All"))
    investigator = django_filters.ModelChoiceFilter(
        label=_("Investigator"),
        queryset=get_user_model().objects.filter(groups__name=Role.INVESTIGATOR).order_by("last_name", "username"),
        empty_label=_("All"),
    )
    overdue = django_filters.ChoiceFilter(
        label=_("180-day clock"), choices=YES_NO, method="filter_overdue", empty_label=_("All")
    )

    class Meta:
        model = Investigation
        fields = ["status", "investigator"]

    def __init__(self, *args, show_investigator=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_investigator:
            self.filters.pop("investigator")

    def filter_overdue(self, queryset, name, value):
        late = Q(pk__in=_clocks(Investigation, due_at__lt=timezone.now()))
        return queryset.filter(late) if value == "yes" else queryset.exclude(late)


class RecordsRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RecordsRequest.Status.choices, empty_label=_("All"))
    due = django_filters.ChoiceFilter(label=_("Due"), choices=DUE_CHOICES, method="filter_due", empty_label=_("All"))

    class Meta:
        model = RecordsRequest
        fields = ["status"]

    def filter_due(self, queryset, name, value):
        now = timezone.now()
        bounds = {"overdue": {"due_at__lt": now}, "week": {"due_at__gte": now, "due_at__lt": now + timedelta(days=7)}}
        return queryset.filter(pk__in=_clocks(RecordsRequest, **bounds.get(value, {})))
