"""Forms of policy recommendations (R4.1, issue 10 part C); the services enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateInput

from .models import PolicyRecommendation
from .recommendations import STAGES, subcommittees_open

REASON_HELP = _("For example: the meeting and agenda item.")


class RecommendationDraftForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 6}))
    rationale = forms.CharField(label=_("Rationale"), widget=forms.Textarea(attrs={"rows": 4}))
    subcommittee = forms.ModelChoiceField(
        label=_("Drafted by a sub-committee"),
        queryset=None,
        required=False,
        help_text=_("Leave empty when the full Board drafted it."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=100, help_text=REASON_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subcommittee"].queryset = subcommittees_open()


class BoardVoteForm(AccessibleFormMixin, forms.Form):
    vote_on = forms.DateField(label=_("Date of the Board's vote"), widget=DateInput)
    votes_yes = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=99)
    votes_no = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=99)
    votes_abstain = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=99, initial=0)
    reason = forms.CharField(label=_("Reason"), max_length=100, help_text=REASON_HELP)


class RecommendationSendForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=100, initial=_("Sent to PPB after adoption"))


class RecommendationAnswerForm(AccessibleFormMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("PPB's answer"), choices=PolicyRecommendation.Answer.choices, widget=forms.RadioSelect
    )
    explanation = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 6}))


class CouncilDecisionForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=_("City Council's decision"),
        choices=PolicyRecommendation.CouncilOutcome.choices,
        widget=forms.RadioSelect,
    )
    vote_on = forms.DateField(label=_("Date of Council's vote"), widget=DateInput)
    reference = forms.CharField(
        label=_("Council reference"), max_length=200, help_text=_("For example: the resolution or agenda item number.")
    )
    reason = forms.CharField(label=_("Reason"), max_length=100)


class ImplementationUpdateForm(AccessibleFormMixin, forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=[(v, label) for v, label in PolicyRecommendation.Implementation.choices if v in STAGES],
        widget=forms.RadioSelect,
    )
    update_on = forms.DateField(label=_("Date"), widget=DateInput)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 4}))
