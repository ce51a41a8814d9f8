"""The intake queue's filters, shared by the staff page and the API so both answer alike."""

from datetime import timedelta

import django_filters
from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Case, Complaint, MandatoryCategory

AGE_CHOICES = [
    ("7", _("Older than 7 days")),
    ("30", _("Older than 30 days")),
    ("90", _("Older than 90 days")),
]
ANY_MANDATORY = "any"


class CaseQueueFilter(django_filters.FilterSet):
    """Always applied to a queryset already scoped by case_list_visible_to (STACK.md)."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=Case.Status.choices, empty_label=_("All"))
    channel = django_filters.ChoiceFilter(
        label=_("Channel"), choices=Complaint.Channel.choices, method="filter_channel", empty_label=_("All")
    )
    language = django_filters.CharFilter(label=_("Filer's language"), method="filter_language", max_length=8)
    age = django_filters.ChoiceFilter(
        label=_("Age"), choices=AGE_CHOICES, method="filter_age", empty_label=_("Any age")
    )
    mandatory_category = django_filters.ChoiceFilter(
        label=_("Mandatory category"),
        choices=[(ANY_MANDATORY, _("Any mandatory category")), *MandatoryCategory.choices],
        method="filter_mandatory",
        empty_label=_("All"),
    )

    class Meta:
        model = Case
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("All")), *settings.LANGUAGES]
        self.form.fields["language"].widget = forms.Select(choices=choices)

    # Each filter on complaints or allegations is an EXISTS, so no join repeats a case row.
    def filter_channel(self, queryset, name, value):
        return queryset.filter(Exists(Complaint.objects.filter(case=OuterRef("pk"), channel=value)))

    def filter_language(self, queryset, name, value):
        return queryset.filter(Exists(Complaint.objects.filter(case=OuterRef("pk"), language=value)))

    def filter_age(self, queryset, name, value):
        return queryset.filter(received_at__lt=timezone.now() - timedelta(days=int(value)))

    def filter_mandatory(self, queryset, name, value):
        # The same effective category the queue shows (intake.selectors.case_annotate_category).
        from .selectors import case_annotate_category

        if "effective_category" not in queryset.query.annotations:
            queryset = case_annotate_category(queryset)
        if value == ANY_MANDATORY:
            return queryset.exclude(effective_category="")
        return queryset.filter(effective_category=value)
