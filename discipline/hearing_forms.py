"""Forms of the hearings part (issue 9.5, 9.6): scheduling, cancelling, voting, closing voting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateTimeInput

from .models import Hearing
from .models.panels import VoteChoice


class HearingScheduleForm(AccessibleFormMixin, forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=DateTimeInput,
        help_text=_("The public notice is published now and must precede the hearing by the bylaws' notice period."),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_link = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    reason = forms.CharField(label=_("Reason"), initial=_("Hearing scheduled"), max_length=100)


class HearingCancelForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("What happens to the hearing"),
        choices=[(Hearing.Status.CANCELLED, _("Cancel it")), (Hearing.Status.POSTPONED, _("Postpone it"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason, shown on the public notice"), max_length=300)


class HearingVoteForm(AccessibleFormMixin, forms.Form):
    finding = forms.ChoiceField(label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)


class PanelDecideForm(AccessibleFormMixin, forms.Form):
    reasons = forms.CharField(
        label=_("The panel's reasons, for OCPA"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when an allegation has no finding adopted and the bylaws return the case to OCPA."),
    )
