from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.accounts.roles import Role
from oversight.forms import AccessibleFormMixin


class RoleChangeForm(AccessibleFormMixin, forms.Form):
    """The roles the account should hold; the view turns the difference into what is granted and removed."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every Director is told of the change, with your name, the reason and your address."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: the appointment, the ticket or the end of employment."),
    )
