from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleForm, DateInput


class LetterBatchMailedForm(AccessibleForm):
    mailed_on = forms.DateField(label=_("Mailed on"), widget=DateInput())
    reason = forms.CharField(
        label=_("Note"),
        max_length=200,
        required=False,
        help_text=_("Optional: who took the letters to the post, or anything the Office should know."),
    )

    def clean_reason(self):
        return self.cleaned_data["reason"].strip() or "Letters put in the mail"


class FailedNoticeActionForm(AccessibleForm):
    RESEND, LETTER, HANDLED = "resend", "letter", "handled"
    action = forms.ChoiceField(
        label=_("What to do"),
        widget=forms.RadioSelect,
        choices=[
            (RESEND, _("Send the e-mail again (after fixing the address or the mail server)")),
            (LETTER, _("Send it as a letter instead, to the postal address below")),
            (HANDLED, _("Mark it handled: the person was reached another way")),
        ],
    )
    address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=254,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only for a letter: street, city, state and ZIP code, one per line."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("action") == self.LETTER and not data.get("address", "").strip():
            self.add_error("address", _("Give the postal address the letter goes to."))
        return data
