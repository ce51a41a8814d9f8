"""The moderation queue of public comments (issue 10 section 3): the Director publishes, with personal
data redacted, or withholds with a reason; the Board reads the queue and exports an item's comments."""

import itertools

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.csv_cells import csv_lines
from oversight.forms import AccessibleForm
from oversight.lists import Sort, list_page

from .comments import (
    can_moderate_comments,
    comment_counts_for,
    comment_get_for,
    comment_item_get,
    comment_list_for_moderation,
    comment_publish,
    comment_titles_for,
    comment_withhold,
    commentable_keys,
    comments_published_for,
    personal_data_redacted,
)
from .models import PublicComment

SORTS = {"submitted": Sort(gettext_lazy("Submitted"), ("submitted_at",))}


class CommentFilterForm(AccessibleForm):
    key = forms.ChoiceField(label=gettext_lazy("Kind of item"), required=False)
    item = forms.IntegerField(label=gettext_lazy("Item number"), required=False, min_value=1)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All"))] + PublicComment.Status.choices,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [("", _("All"))] + [(key, key) for key in commentable_keys()]

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"key": data["key"], "object_id": data["item"], "status": data["status"]}


class CommentPublishForm(AccessibleForm):
    published_body = forms.CharField(
        label=gettext_lazy("Text to publish"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "E-mail addresses and phone numbers found are already replaced; check for other personal data."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"), help_text=gettext_lazy("For example: checked, no personal data.")
    )


class CommentWithholdForm(AccessibleForm):
    reason = forms.CharField(
        label=gettext_lazy("Why is it withheld?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept with the comment and shown to the Board; never to the public."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "withhold")
        super().__init__(*args, **kwargs)


@role_required(Role.DIRECTOR, Role.BOARD)
@require_GET
def comment_queue(request):
    """Oldest first, filtered by kind of item, item and status; one query for the page's items per kind."""
    form = CommentFilterForm(request.GET or None)
    rows = comment_list_for_moderation(user=request.user, **form.filters())
    listing = list_page(request, rows, sorts=SORTS, default="submitted", filtered=True)
    comments = list(listing.page)
    titles = comment_titles_for(comments)
    context = {
        "listing": listing,
        "page": listing.page,
        "filters": form,
        "rows": [(c, titles.get((c.target_key, c.object_id))) for c in comments],
        "may_moderate": can_moderate_comments(request.user),
    }
    return render(request, "governance/comment_queue.html", context)


def _comment_or_404(request, pk):
    comment = comment_get_for(user=request.user, pk=pk)
    if comment is None:
        raise Http404
    return comment


def _detail(request, comment, *, publish_form=None, withhold_form=None, status=200):
    # The redaction labels are written in the comment's language: they become part of the published text.
    with translation.override(comment.language):
        proposed, found = personal_data_redacted(comment.published_body or comment.body)
    writer = can_moderate_comments(request.user)
    if writer and publish_form is None:
        publish_form = CommentPublishForm(initial={"published_body": proposed})
    if writer and withhold_form is None:
        withhold_form = CommentWithholdForm()
    title = comment_titles_for([comment]).get((comment.target_key, comment.object_id))
    context = {
        "comment": comment,
        "title": title,
        "found": found,
        "publish_form": publish_form if writer else None,
        "withhold_form": withhold_form if writer and comment.status != PublicComment.Status.WITHHELD else None,
        "history": comment.history.select_related("history_user").order_by("-history_date", "-history_id"),
    }
    return render(request, "governance/comment_detail.html", context, status=status)


@role_required(Role.DIRECTOR, Role.BOARD)
@require_GET
def comment_detail(request, pk):
    return _detail(request, _comment_or_404(request, pk))


def _service_errors(form, exc):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@role_required(Role.DIRECTOR)
@require_POST
def comment_publish_view(request, pk):
    comment = _comment_or_404(request, pk)
    form = CommentPublishForm(request.POST)
    if form.is_valid():
        try:
            comment_publish(actor=request.user, comment=comment, **form.cleaned_data)
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(request, _("Comment published."))
            return redirect("governance:comment-queue")
    return _detail(request, comment, publish_form=form, status=400)


@role_required(Role.DIRECTOR)
@require_POST
def comment_withhold_view(request, pk):
    comment = _comment_or_404(request, pk)
    form = CommentWithholdForm(request.POST)
    if form.is_valid():
        try:
            comment_withhold(actor=request.user, comment=comment, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(request, _("Comment withheld."))
            return redirect("governance:comment-queue")
    return _detail(request, comment, withhold_form=form, status=400)


def _export_rows(entry, item):
    counts = comment_counts_for([item])[item.pk]
    rows = comments_published_for(item).values_list("submitted_at", "display_name", "language", "published_body")
    head = [
        ["item", entry.title(item)],
        *([name, counts[name]] for name in ("published", "withheld", "pending")),
        [],
        ["submitted_at", "display_name", "language", "published_text"],
    ]
    comments = (
        [timezone.localtime(at).isoformat(), name, language, text]
        for at, name, language, text in rows.iterator(chunk_size=2000)
    )
    return csv_lines(head[0], itertools.chain(head[1:], comments))


@role_required(Role.DIRECTOR, Role.BOARD)
@require_GET
def comment_export(request):
    """One item's comments for the Board (?key=<kind>&item=<id>): the counts, then the published text only
    (never the submitted text, never the address hash), streamed."""
    key, pk = request.GET.get("key", "")[:40], request.GET.get("item", "")
    entry, item = comment_item_get(key, int(pk)) if pk.isdigit() else (None, None)
    if item is None:
        raise Http404
    response = StreamingHttpResponse(_export_rows(entry, item), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="comments-{entry.key}-{item.pk}.csv"'
    return response
