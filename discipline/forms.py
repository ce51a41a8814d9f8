from django import forms
from django.utils.translation import gettext_lazy as _

from investigations.models import FindingOutcome
from oversight.accounts.models import User
from oversight.accounts.roles import Role
from oversight.forms import AccessibleFormMixin


class PanelConveneForm(AccessibleFormMixin, forms.Form):
    members = forms.ModelMultipleChoiceField(
        queryset=User.objects.filter(groups__name=Role.BOARD, is_active=True).order_by("last_name"),
        label=_("Board members on the panel"),
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("Reason"), initial=_("Hearings panel convened"))


class VoteForm(AccessibleFormMixin, forms.Form):
    finding = forms.ChoiceField(label=_("Your vote"), choices=FindingOutcome.choices, widget=forms.RadioSelect)
