from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.audit.models import BylawsChange
from oversight.forms import AccessibleFormMixin, DateInput

from .models import AdoptingBody, BoardMembership, BoardTraining, Body, BylawsSetting, SubCommitteeAction, TieRule
from .selectors import board_users_appointable
from .services import RULE_FIELDS


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


SHARE_HELP = _("A share of the seated members, typed as a decimal: 0.5001 is more than half, 1 is everyone.")


class BylawsVersionForm(AccessibleFormMixin, forms.Form):
    label = forms.CharField(label=_("Version"), max_length=80, help_text=_("For example: Bylaws v3."))
    adopted_on = forms.DateField(label=_("Date of the vote that adopted it"), widget=DateInput)
    adopting_body = forms.ChoiceField(label=_("Adopted by"), choices=AdoptingBody.choices, widget=forms.RadioSelect)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    body = forms.ChoiceField(
        label=_("Body"),
        choices=Body.choices,
        help_text=_("A version that sets several bodies: record it once per body with the same version and date."),
    )
    size = forms.IntegerField(label=_("Members"), min_value=1, max_value=99)
    quorum = forms.DecimalField(
        label=_("Quorum"), min_value=0.0001, max_value=1, decimal_places=4, help_text=SHARE_HELP
    )
    threshold = forms.DecimalField(
        label=_("Threshold to adopt"), min_value=0.5001, max_value=1, decimal_places=4, help_text=SHARE_HELP
    )
    tie_rule = forms.ChoiceField(
        label=_("When no finding is adopted"), choices=TieRule.choices, widget=forms.RadioSelect
    )
    appeal_window_days = forms.IntegerField(label=_("Appeal window (days)"), min_value=1, max_value=365)
    notice_days = forms.IntegerField(label=_("Public notice before a hearing (days)"), min_value=0, max_value=365)
    training_required = forms.BooleanField(label=_("Untrained members may not sit"), required=False)
    # Issue 10 part A: the adopted bylaws text these numbers belong to.
    document_version = forms.ModelChoiceField(
        label=_("Adopted bylaws text"),
        queryset=None,
        required=False,
        help_text=_("The adopted version of the bylaws document that sets these numbers."),
    )
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the bylaws amendment and meeting."))

    def __init__(self, *args, **kwargs):
        from .documents_selectors import adopted_bylaws_versions

        super().__init__(*args, **kwargs)
        self.fields["document_version"].queryset = adopted_bylaws_versions()

    def service_kwargs(self):
        data = dict(self.cleaned_data)
        numbers = {name: data.pop(name) for name in RULE_FIELDS}
        return data | {"rules": {data.pop("body"): numbers}}


class MembershipAppointForm(AccessibleFormMixin, forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=None)
    kind = forms.ChoiceField(label=_("Serves as"), choices=BoardMembership.Kind.choices, widget=forms.RadioSelect)
    term_start_on = forms.DateField(label=_("Term starts"), widget=DateInput)
    term_end_on = forms.DateField(label=_("Term ends"), widget=DateInput, required=False)
    leadership = forms.ChoiceField(
        label=_("Leadership"), choices=BoardMembership.Leadership.choices, initial=BoardMembership.Leadership.NONE
    )
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the Council resolution appointing them."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = board_users_appointable()


class MembershipEndForm(AccessibleFormMixin, forms.Form):
    term_end_on = forms.DateField(label=_("Term ends on"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"))


class LeadershipForm(AccessibleFormMixin, forms.Form):
    leadership = forms.ChoiceField(label=_("Leadership"), choices=BoardMembership.Leadership.choices)
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: elected at the meeting of 5 March."))


class SubCommitteeForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    formed_on = forms.DateField(label=_("Formed on"), widget=DateInput)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the Board's vote forming it."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = board_users_appointable()


class SubCommitteeDissolveForm(AccessibleFormMixin, forms.Form):
    dissolved_on = forms.DateField(label=_("Dissolved on"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"))


class SubCommitteeActionForm(AccessibleFormMixin, forms.Form):
    description = forms.CharField(label=_("What the sub-committee did"), widget=forms.Textarea(attrs={"rows": 3}))
    acted_on = forms.DateField(label=_("Acted on"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the sub-committee's minutes."))


class SubCommitteeReviewForm(AccessibleFormMixin, forms.Form):
    review = forms.ChoiceField(
        label=_("The full Board's decision"),
        choices=[c for c in SubCommitteeAction.Review.choices if c[0] != SubCommitteeAction.Review.PENDING],
        widget=forms.RadioSelect,
    )
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput)
    note = forms.CharField(
        label=_("Note"), required=False, help_text=_("Required when the Board modified or rejected the action.")
    )
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the Board meeting's minutes."))


class TrainingForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False)
    is_required = forms.BooleanField(label=_("Required of every member"), required=False, initial=True)
    reason = forms.CharField(label=_("Reason"))


class TrainingCompletionForm(AccessibleFormMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=None)
    training = forms.ModelChoiceField(label=_("Training"), queryset=BoardTraining.objects.filter(is_active=True))
    completed_on = forms.DateField(label=_("Completed on"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), help_text=_("For example: the certificate or sign-in sheet."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = board_users_appointable()
