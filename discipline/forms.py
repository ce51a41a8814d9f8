from django import forms
from django.utils.translation import gettext_lazy as _

from investigations.models import FindingOutcome
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.forms import AccessibleFormMixin

from .models import DisciplineDecision


class PanelConveneForm(AccessibleFormMixin, forms.Form):
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(groups__name=Role.BOARD, is_active=True).order_by("last_name"),
        label=_("Board members on the panel"),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Reason"), initial=_("Hearings panel convened"))


class VoteForm(AccessibleFormMixin, forms.Form):
    finding = forms.ChoiceField(label=_("Your vote"), choices=FindingOutcome.choices, widget=forms.RadioSelect)


class DisciplineForm(AccessibleFormMixin, forms.Form):
    action = forms.ChoiceField(label=_("Discipline or corrective action"), choices=DisciplineDecision.Action.choices)
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the statewide discipline guide and the Just Cause standard apply."),
    )
