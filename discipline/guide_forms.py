"""Forms for discipline proposals, votes and Loudermill steps (issue 9.7, 9.8)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateTimeInput

from .models import Loudermill, MisconductCategory, ProposalFactor, ProposalVote, SanctionLevel

NOT_FOUND = ""


class ProposalForm(AccessibleFormMixin, forms.Form):
    """A proposal within the guide in force; one weight field per factor the guide lists."""

    category = forms.ModelChoiceField(queryset=MisconductCategory.objects.none(), label=_("Misconduct category"))
    level = forms.ModelChoiceField(
        queryset=SanctionLevel.objects.none(),
        label=_("Sanction level"),
        help_text=_("Levels marked corrective action are not discipline and need no Loudermill hearing."),
    )
    just_cause = forms.CharField(
        label=_("Just Cause rationale"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("City Code 35A.020 K: how the cause relates to the officer's ability to perform required work."),
    )
    reasoning = forms.CharField(
        label=_("Reasoning for a level other than the presumptive one"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the level differs from the category's presumptive sanction."),
    )

    def __init__(self, *args, guide=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.guide_factors = []
        if guide is None:
            return
        self.fields["category"].queryset = guide.categories.select_related("presumptive", "mitigated", "aggravated")
        self.fields["level"].queryset = guide.levels.all()
        self.fields["level"].label_from_instance = _level_label
        self.fields["category"].label_from_instance = _category_label
        choices = [(NOT_FOUND, _("Not found")), *ProposalFactor.Weight.choices]
        for factor in guide.factors.all():
            name = f"factor_{factor.pk}"
            self.fields[name] = forms.ChoiceField(label=str(factor), choices=choices, required=False)
            self.guide_factors.append((name, factor))

    def factor_fields(self):
        return [self[name] for name, _factor in self.guide_factors]

    def clean(self):
        data = super().clean()
        factors = []
        for name, factor in self.guide_factors:
            weight = data.pop(name, NOT_FOUND)
            if weight:
                factors.append((factor, weight))
        data["factors"] = factors
        return data


def _level_label(level):
    kind = _("corrective action") if level.is_corrective else _("discipline")
    return f"{level.rank}. {level.name} ({kind})"


def _category_label(category):
    return _("%(name)s — presumptive: %(p)s; from %(low)s to %(high)s") % {
        "name": category.name,
        "p": category.presumptive.name,
        "low": category.mitigated.name,
        "high": category.aggravated.name,
    }


class ProposalVoteForm(AccessibleFormMixin, forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=ProposalVote.Choice.choices, widget=forms.RadioSelect)


class LoudermillNoticeForm(AccessibleFormMixin, forms.Form):
    hearing_at = forms.DateTimeField(
        label=_("Loudermill hearing date and time"), widget=DateTimeInput, help_text=_("Pacific time.")
    )
    representative_name = forms.CharField(label=_("Union representative"), required=False, max_length=200)
    representative_email = forms.EmailField(label=_("Union representative's e-mail"), required=False)
    reason = forms.CharField(label=_("Reason"), initial=_("Notice of proposed discipline (Loudermill)"))


class LoudermillResponseForm(AccessibleFormMixin, forms.Form):
    response = forms.CharField(
        label=_("The officer's response"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    document = forms.FileField(label=_("Response document (optional)"), required=False)
    reason = forms.CharField(label=_("Reason"), initial=_("Officer's response recorded"))


class LoudermillOutcomeForm(AccessibleFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Loudermill.Outcome.choices, widget=forms.RadioSelect)
    level = forms.ModelChoiceField(
        queryset=SanctionLevel.objects.none(),
        label=_("New level (when modified)"),
        required=False,
        help_text=_("Within the category's bounds."),
    )
    reasoning = forms.CharField(
        label=_("Reasoning"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the discipline is modified."),
    )
    reason = forms.CharField(label=_("Reason"), initial=_("Loudermill outcome recorded"))

    def __init__(self, *args, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        if category is not None:
            self.fields["level"].queryset = category.guide.levels.filter(
                rank__gte=category.mitigated.rank, rank__lte=category.aggravated.rank
            )
            self.fields["level"].label_from_instance = _level_label
