"""Forms of the closed-case review pages (R4.5); each posts to one service."""

from django import forms
from django.utils.translation import gettext_lazy as _

from oversight.forms import AccessibleFormMixin, DateInput

from .models import ClosedCaseReview

REASON_HELP = _("Recorded in the history with your name.")


def _reason():
    return forms.CharField(label=_("Reason"), max_length=100, help_text=REASON_HELP)


class ReviewOpenForm(AccessibleFormMixin, forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=16)
    title = forms.CharField(
        label=_("Title"), max_length=200, help_text=_("Public once published: describe the event, name no one.")
    )
    reason = _reason()


class ReviewEditForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("What happened"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    findings = forms.CharField(label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    recommendations = forms.CharField(
        label=_("Recommendations"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    other_names = forms.CharField(
        label=_("Other people's names (never published)"),
        required=False,
        help_text=_("One name a line: anyone else the write-up might name (a witness, a relative)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reason = _reason()


class ReasonForm(AccessibleFormMixin, forms.Form):
    reason = _reason()


class BatchPublishForm(AccessibleFormMixin, forms.Form):
    reviews = forms.ModelMultipleChoiceField(
        label=_("Draft reviews to publish"),
        queryset=ClosedCaseReview.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    title = forms.CharField(label=_("Title of the publication"), max_length=200)
    published_on = forms.DateField(label=_("Published on"), widget=DateInput)
    council_email = forms.EmailField(
        label=_("City Council's e-mail address"), help_text=_("The Council Clerk receives the publication.")
    )
    council_reference = forms.CharField(label=_("City Council reference"), max_length=200, required=False)
    reason = _reason()

    def __init__(self, *args, drafts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviews"].queryset = drafts if drafts is not None else ClosedCaseReview.objects.none()
        self.fields["reviews"].label_from_instance = lambda review: f"{review.case.number}: {review.title}"
