"""Staff forms for rules, bylaws, policies and procedures (issue 10 part A)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateInput

from .models import GovernanceDocument


class DocumentForm(AccessibleFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=GovernanceDocument.Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("Title"), max_length=200)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("The end of the public address, letters, digits and hyphens; left empty, made from the title."),
    )
    reason = forms.CharField(label=_("Reason"))


class DraftForm(AccessibleFormMixin, forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}))
    change_summary = forms.CharField(
        label=_("Summary of the change"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    reason = forms.CharField(label=_("Reason"))


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"))


class BoardVoteForm(AccessibleFormMixin, forms.Form):
    vote_on = forms.DateField(label=_("Date of the Board's vote"), widget=DateInput)
    votes_yes = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=99)
    votes_no = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=99, initial=0)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=99, initial=0)
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the meeting and agenda item."))


class AdoptForm(BoardVoteForm):
    effective_on = forms.DateField(
        label=_("In effect from"), widget=DateInput, required=False, help_text=_("Left empty: the day of the vote.")
    )


class AdministratorDecisionForm(AccessibleFormMixin, forms.Form):
    decided_on = forms.DateField(label=_("Date of the City Administrator's decision"), widget=DateInput)
    reference = forms.CharField(
        label=_("Reference"), max_length=200, help_text=_("For example: the decision's number.")
    )
    reason = forms.CharField(label=_("Reason"))
