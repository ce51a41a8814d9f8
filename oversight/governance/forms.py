from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.audit.models import BylawsChange
from oversight.forms import AccessibleFormMixin, DateInput

from .models import BylawsSetting


class BylawsSettingForm(AccessibleFormMixin, forms.Form):
    key = forms.ChoiceField(label=_("Setting"), choices=BylawsSetting.Key.choices)
    value = forms.DecimalField(
        label=_("Value (a share of the panel, from 0 to 1)"),
        min_value=0.0001,
        max_value=1,
        decimal_places=4,
        help_text=_(
            "A share of the whole panel that a result needs at least, typed as a decimal and shown as a "
            "percentage: 0.5001 is more than half (50.01%), 0.6667 is two thirds (66.67%), 1 is everyone (100%)."
        ),
    )
    vote_on = forms.DateField(label=_("Date of the vote that adopted it"), widget=DateInput)
    adopting_body = forms.ChoiceField(
        label=_("Adopted by"), choices=BylawsChange.AdoptingBody.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the bylaws amendment and meeting."))
