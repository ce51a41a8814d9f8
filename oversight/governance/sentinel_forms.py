"""Forms of the sentinel event review pages (R4.3); each posts to one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateInput

from .models import SentinelParticipant

REASON_HELP = _("Recorded in the history with your name.")


def _reason():
    return forms.CharField(label=_("Reason"), max_length=100, help_text=REASON_HELP)


class SentinelReviewForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    event_summary = forms.CharField(
        label=_("The event, in general terms"),
        help_text=_("Describe what happened without naming anyone: this text is public."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}))
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput)
    reason = _reason()


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = _reason()


class ParticipantForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of participant"), choices=SentinelParticipant.Kind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    reason = _reason()


class MilestoneForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput)
    reason = _reason()


class MilestoneDoneForm(AccessibleFormMixin, forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=DateInput)
    reason = _reason()


class ReportForm(AccessibleFormMixin, forms.Form):
    report_text = forms.CharField(label=_("Final report"), widget=forms.Textarea(attrs={"rows": 12}))
    reason = _reason()


class ReportItemForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Recommendation"), max_length=200)
    body = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = _reason()
