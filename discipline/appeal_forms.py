from django import forms
from django.utils.translation import gettext_lazy as _

from investigations.models import FindingOutcome
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.forms import AccessibleFormMixin

from .models import Appeal, DisciplineDecision, PostBoardProceeding

DateInput = forms.DateInput(attrs={"type": "date"})


class FilerAppealForm(AccessibleFormMixin, forms.Form):
    """The filer's appeal on the status page: which result, and why (public: their language)."""

    option = forms.ChoiceField(label=_("Which decision do you appeal?"), widget=forms.RadioSelect)
    grounds = forms.CharField(
        label=_("Why do you appeal?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what you think the Board got wrong. You may write in your own language."),
    )

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(o.key, o.label) for o in options]
        if len(options) == 1:
            self.fields["option"].initial = options[0].key


class OfficerAppealForm(AccessibleFormMixin, forms.Form):
    """Staff enter an officer's appeal (R3.7)."""

    option = forms.ChoiceField(label=_("Result appealed"))
    grounds = forms.CharField(label=_("Grounds of the appeal"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Officer's appeal entered"))

    def __init__(self, *args, options=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(f"{o.party.pk}:{o.key}", f"{o.party} — {o.label}") for o in options]


class AppealsPanelForm(AccessibleFormMixin, forms.Form):
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(groups__name=Role.BOARD, is_active=True).order_by("last_name", "username"),
        label=_("Board members on the appeals panel"),
        help_text=_("None of them may have sat on an earlier panel of this case."),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Reason"), initial=_("Appeals panel convened"))


class AppealVoteForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Your vote"), choices=Appeal.Outcome.choices, widget=forms.RadioSelect)


class AppealDecideForm(AccessibleFormMixin, forms.Form):
    decision_text = forms.CharField(label=_("The panel's decision"), widget=forms.Textarea(attrs={"rows": 4}))
    new_finding = forms.ChoiceField(
        label=_("New finding (a modified or reversed finding)"),
        choices=[("", _("No change"))] + list(FindingOutcome.choices),
        required=False,
    )
    new_level = forms.ChoiceField(
        label=_("New discipline (a modified discipline)"),
        choices=[("", _("No change"))] + list(DisciplineDecision.Action.choices),
        required=False,
    )
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Appeal decided"))


class ProceedingForm(AccessibleFormMixin, forms.Form):
    decision = forms.ModelChoiceField(queryset=DisciplineDecision.objects.none(), label=_("Discipline concerned"))
    kind = forms.ChoiceField(label=_("Kind"), choices=PostBoardProceeding.Kind.choices)
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput)
    heard_on = forms.DateField(label=_("Heard on"), widget=DateInput, required=False)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput, required=False)
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("Not decided yet"))] + list(PostBoardProceeding.Outcome.choices),
        required=False,
    )
    resulting_level = forms.ChoiceField(
        label=_("Resulting discipline (when modified)"),
        choices=[("", _("None"))] + list(DisciplineDecision.Action.choices),
        required=False,
    )
    document = forms.FileField(
        label=_("Decision document"), required=False, help_text=_("PDF or Word; checked by its content.")
    )
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Proceeding after the Board recorded"))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        if case is not None:
            self.fields["decision"].queryset = (
                DisciplineDecision.objects.filter(allegation__case=case)
                .exclude(status=DisciplineDecision.Status.WITHDRAWN)
                .select_related("allegation__allegation_type", "level", "final_level")
            )


class ProceedingDecideForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=PostBoardProceeding.Outcome.choices)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)
    heard_on = forms.DateField(label=_("Heard on"), widget=DateInput, required=False)
    resulting_level = forms.ChoiceField(
        label=_("Resulting discipline (when modified)"),
        choices=[("", _("None"))] + list(DisciplineDecision.Action.choices),
        required=False,
    )
    document = forms.FileField(label=_("Decision document"), required=False)
    reason = forms.CharField(label=_("Reason for the record"), initial=_("Proceeding decided"))
