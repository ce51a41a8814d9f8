"""PPB's feedback to the Board (35A.050 F.1.q): the liaison's page to send it, the Director's and the
Board's list of what was received."""

import uuid

import django_filters
from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from oversight.accounts.roles import Role, role_required
from oversight.forms import AccessibleFormMixin
from oversight.lists import Sort, is_filtered, list_page
from oversight.web import submit_form

from . import feedback as svc
from .models import PpbFeedback


class FeedbackForm(AccessibleFormMixin, forms.Form):
    topic = forms.ChoiceField(label=_l("Topic"), choices=PpbFeedback.Topic.choices)
    body = forms.CharField(
        label=_l("Feedback"),
        max_length=svc.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_l("Read by the Director and the Board, and counted by topic in the annual report."),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())


class FeedbackFilter(django_filters.FilterSet):
    topic = django_filters.ChoiceFilter(label=_l("Topic"), choices=PpbFeedback.Topic.choices, empty_label=_l("All"))

    class Meta:
        model = PpbFeedback
        fields = ["topic"]


FEEDBACK_SORTS = {
    "submitted": Sort(_l("Sent"), ("submitted_at",)),
    "topic": Sort(_l("Topic"), ("topic", "submitted_at")),
}


def _listing(request):
    filters = FeedbackFilter(request.GET or None, queryset=svc.ppb_feedback_visible_to(user=request.user))
    listing = list_page(request, filters.qs, sorts=FEEDBACK_SORTS, default="-submitted", filtered=is_filtered(filters))
    return filters, listing


@role_required(Role.LIAISON)
def ppb_feedback_send(request):
    """A PPB liaison sends feedback to the Board, and sees what PPB has sent."""
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        done = submit_form(
            request, form, svc.ppb_feedback_send, success=_("Your feedback was sent to the Board."), actor=request.user
        )
        if done is not None:
            return redirect("governance:feedback-ppb")
    filters, listing = _listing(request)
    context = {
        "form": form,
        "can_send": svc.can_send_feedback(request.user),
        "listing": listing,
        "page": listing.page,
        "filters": filters.form,
    }
    return render(request, "governance/feedback_ppb.html", context, status=400 if request.method == "POST" else 200)


@role_required(Role.DIRECTOR, Role.BOARD)
def ppb_feedback_list(request):
    """Everything PPB has sent, newest first, by topic."""
    filters, listing = _listing(request)
    context = {"listing": listing, "page": listing.page, "filters": filters.form}
    return render(request, "governance/feedback_list.html", context)
