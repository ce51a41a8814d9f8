"""Forms of a preliminary panel's review (issue 9.3). The Director's answer is intake's reconsideration form
(intake/staff_forms.py ``ReconsiderationDecideForm``): the same question, asked by the panel."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin

from .models import PreliminaryPosition


class PreliminaryVoteForm(AccessibleFormMixin, forms.Form):
    position = forms.ChoiceField(label=_("Your vote"), choices=PreliminaryPosition.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(
        label=_("Your reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you ask the Director to reconsider: the Director answers them."),
    )
