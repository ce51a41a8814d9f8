from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin

from .models import Evidence, FindingOutcome, RequestedRecord
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


class RecordAnswerForm(AccessibleFormMixin, forms.Form):
    """PPB's answer for one record; the service enforces which parts each outcome needs."""

    outcome = forms.ChoiceField(
        label=_("Answer"),
        widget=forms.RadioSelect,
        choices=[c for c in RequestedRecord.Outcome.choices if c[0] != RequestedRecord.Outcome.PENDING],
    )
    upload = forms.FileField(
        label=_("The record"),
        required=False,
        help_text=_("Required when the record is produced, with or without redactions. Checked by its content."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when withheld or redacted: why."),
    )
    legal_justification = forms.CharField(
        label=_("Legal justification"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when withheld or redacted: the law that allows it, for example ORS 192.345(3)."),
    )


class SubpoenaForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), initial=_("The Board disagrees with the withholding"))


class FindingForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Finding"), choices=FindingOutcome.choices)
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 3}))


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"))


class EvidenceForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    description = forms.CharField(label=_("Description"), max_length=300)
    upload = forms.FileField(label=_("File"), help_text=_("Its SHA-256 digest is taken on receipt."))
