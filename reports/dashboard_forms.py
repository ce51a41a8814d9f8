"""The public dashboard's filter form (GET): year, allegation type, finding (and the level it is read at),
neighbourhood. Every field is a select with its label; an unknown value is a form error shown beside its
field, and the CSV download answers 400 for it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.neighbourhoods import NEIGHBOURHOOD_CHOICES, NOT_SURE
from investigations.models import FindingOutcome
from oversight.forms import AccessibleFormMixin

from .dashboard import allegation_type_choices, dashboard_years

LEVEL_CHOICES = [
    ("final", _("Final finding")),
    ("board", _("Board's finding")),
    ("investigator", _("Investigator's finding")),
]


INVALID = _("“%(value)s” is not one of the choices, so this filter was not applied. Choose one from the list.")


class DashboardFilterForm(AccessibleFormMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    type = forms.TypedChoiceField(label=_("Allegation type"), required=False, coerce=int, empty_value=None)
    finding = forms.ChoiceField(label=_("Finding"), required=False)
    level = forms.ChoiceField(label=_("Finding at"), required=False, choices=LEVEL_CHOICES)
    neighbourhood = forms.ChoiceField(label=_("Neighbourhood"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        years = dashboard_years()
        # A year with no data yet is still a valid question (it has zero cases), up to this year.
        self.fields["year"].choices = every + [(str(y), str(y)) for y in years]
        self.fields["type"].choices = every + [(str(pk), name) for pk, name in allegation_type_choices()]
        self.fields["finding"].choices = every + list(FindingOutcome.choices)
        neighbourhoods = sorted((c for c in NEIGHBOURHOOD_CHOICES if c[0] != NOT_SURE), key=lambda c: str(c[1]))
        self.fields["neighbourhood"].choices = (
            every + [c for c in NEIGHBOURHOOD_CHOICES if c[0] == NOT_SURE] + neighbourhoods
        )
        for name, field in self.fields.items():
            field.error_messages["invalid_choice"] = INVALID
            field.widget.attrs["data-dashboard-filter"] = name
