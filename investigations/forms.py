from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin

from .models import FindingOutcome
from .selectors import investigator_list


class InvestigationOpenForm(AccessibleFormMixin, forms.Form):
    investigator = forms.ModelChoiceField(queryset=None, label=_("Assign to investigator"))
    reason = forms.CharField(label=_("Reason"), initial=_("Investigation assigned"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = investigator_list()


class RecordsRequestForm(AccessibleFormMixin, forms.Form):
    records_sought = forms.CharField(
        label=_("Records sought"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("List each record: reports, body-camera footage, dispatch logs."),
    )


class RecordsAnswerForm(AccessibleFormMixin, forms.Form):
    response = forms.CharField(
        label=_("Response"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Records produced, or for each record withheld: the record, the reason and the legal justification."
        ),
    )


class FindingForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Finding"), choices=FindingOutcome.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"))
