"""The public comment form (issue 10 section 3): no login, the six public languages, and the same
abuse protections as the complaint form (honeypot, a rate limit per address, text limits checked on
the server, a once-only submission key), through the kernel's shared helpers."""

import uuid

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from oversight.accounts.roles import public
from oversight.forms import AccessibleForm
from oversight.public_forms import HONEYPOT, PUBLIC_LANGUAGES, active_public_language, honeypot_filled, limit_text_field
from oversight.ratelimit import client_address, rate_limit_hit

from .comments import CommentsClosed, comment_item_get, comment_submit
from .models import PublicComment

HOUR = 3600
_SUBMITTED = "comment_submitted"


class PublicCommentForm(AccessibleForm):
    """One comment on one item; what the commenter types is kept on every refusal."""

    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Your comment is read by the Office before it is published. Please leave out e-mail addresses, "
            "phone numbers and other personal details."
        ),
    )
    display_name = forms.CharField(
        label=_("Name to show with your comment"),
        required=False,
        help_text=_("Optional. Leave it blank to be shown as “Anonymous”. Up to 80 characters."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    language = forms.ChoiceField(label=_("Language of your comment"), choices=PUBLIC_LANGUAGES, required=False)
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    # The honeypot: people never see or reach it; the template labels it "leave blank".
    website = forms.CharField(label=_("Leave this field blank"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "comment_%s")
        super().__init__(*args, **kwargs)
        limit_text_field(self.fields["body"], settings.COMMENT_MAX_CHARS)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
            self.initial.setdefault("language", active_public_language())

    def clean_display_name(self):
        name = self.cleaned_data.get("display_name", "").strip()
        if len(name) > 80:
            raise ValidationError(_("Please shorten the name to 80 characters or fewer."))
        return name

    def clean_language(self):
        return self.cleaned_data.get("language") or active_public_language()


def _item_or_404(key, pk):
    entry, item = comment_item_get(key, pk)
    if item is None:
        raise Http404
    return entry, item


def _page(request, entry, item, form, *, status=200, **flags):
    context = {
        "entry": entry,
        "item": item,
        "item_title": entry.title(item),
        "item_url": entry.public_url(item),
        "is_open": entry.is_open(item),
        "form": form,
        "office_phone": settings.OFFICE_PHONE,
        **flags,
    }
    return render(request, "participate/comment_form.html", context, status=status)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def comment_create(request, key, pk):
    entry, item = _item_or_404(key, pk)
    if request.method == "GET":
        return _page(request, entry, item, PublicCommentForm(), status=200 if entry.is_open(item) else 400)
    if honeypot_filled(request.POST):
        # Maybe a bot, maybe a person whose browser filled the hidden field: never drop silently.
        data = request.POST.copy()
        data[HONEYPOT] = ""
        return _page(request, entry, item, PublicCommentForm(data), status=400, honeypot=True)
    form = PublicCommentForm(request.POST)
    if not entry.is_open(item):
        return _page(request, entry, item, form, status=400)
    if not form.is_valid():
        return _page(request, entry, item, form, status=400)
    key = form.cleaned_data["submission_key"]
    is_retry = PublicComment.objects.filter(submission_key=key).exists()
    limit = settings.COMMENT_RATE_LIMIT
    if not is_retry and not rate_limit_hit(request, "comment", limit=limit, window=HOUR):
        return _page(request, entry, item, form, status=429, limited=True)
    try:
        comment_submit(
            item=item,
            body=form.cleaned_data["body"],
            language=form.cleaned_data["language"],
            display_name=form.cleaned_data["display_name"],
            client_address=client_address(request),
            submission_key=key,
        )
    except CommentsClosed:
        return _page(request, entry, item, form, status=400)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _page(request, entry, item, form, status=400)
    request.session[_SUBMITTED] = {"title": entry.title(item), "url": entry.public_url(item)}
    return redirect("participate:comment-submitted")


def _add_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@public
@never_cache
def comment_submitted(request):
    submitted = request.session.get(_SUBMITTED)
    if not submitted:
        raise Http404
    return render(request, "participate/comment_submitted.html", submitted)
