"""Pages of the reviews of closed deadly-force cases (R4.5): the Director's under /board/closed-case-reviews/,
the public's under /participate/closed-case-reviews/."""

from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from intake.models import Case
from oversight.accounts.roles import Role, public, role_required
from oversight.web import call_service, form_errors_to_messages, submit_form

from . import closed_case_reviews as ccr
from .closed_case_review_forms import BatchPublishForm, ReasonForm, ReviewEditForm, ReviewOpenForm
from .models import ClosedCaseReview, ClosedCaseReviewBatch


def _drafts(user):
    return ccr.closed_case_review_list_visible_to(user=user, status=ClosedCaseReview.Status.DRAFT)


@role_required(Role.DIRECTOR)
@require_GET
def review_list(request):
    """Every review, the closed deadly-force cases not yet reviewed, and the forms to open and publish."""
    status = request.GET.get("status", "")
    return render(
        request,
        "discipline/closed_review_list.html",
        {
            "reviews": ccr.closed_case_review_list_visible_to(user=request.user, status=status)[:200],
            "status": status,
            "statuses": ClosedCaseReview.Status.choices,
            "candidates": ccr.closed_case_review_candidates()[:50],
            "open_form": ReviewOpenForm(prefix="open"),
            "publish_form": BatchPublishForm(prefix="publish", drafts=_drafts(request.user)),
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def review_open(request):
    form = ReviewOpenForm(request.POST, prefix="open")
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect("discipline:closed-review-list")
    case = Case.objects.filter(number=form.cleaned_data["case_number"].strip()).first()
    if case is None:
        form.add_error("case_number", _("No case has this number."))
        form_errors_to_messages(request, form)
        return redirect("discipline:closed-review-list")
    review = call_service(
        request,
        ccr.closed_case_review_open,
        success=_("Review opened as a draft."),
        actor=request.user,
        case=case,
        title=form.cleaned_data["title"],
        reason=form.cleaned_data["reason"],
    )
    return (
        redirect("discipline:closed-review-detail", pk=review.pk)
        if review
        else redirect("discipline:closed-review-list")
    )


@role_required(Role.DIRECTOR)
@require_GET
def review_detail(request, pk):
    """The draft, the pseudonyms of the case's people, and the names that still stop its publication."""
    review = ccr.closed_case_review_get_for(user=request.user, pk=pk)
    names = ccr.review_pseudonyms(review)
    editable = review.status == ClosedCaseReview.Status.DRAFT
    initial = {f: getattr(review, f) for f in (*ccr.TEXT_FIELDS, "other_names")}
    return render(
        request,
        "discipline/closed_review_detail.html",
        {
            "review": review,
            "pseudonyms": [pseudonym for _kind, _key, pseudonym in names.people()],
            "leaks": ccr.closed_case_review_leaks(review, names),
            "refusals": ccr.closed_case_review_refusals(review.case) if editable else [],
            "edit_form": ReviewEditForm(prefix="edit", initial=initial) if editable else None,
            "redact_form": ReasonForm(prefix="redact") if editable else None,
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def review_edit(request, pk):
    review = ccr.closed_case_review_get_for(user=request.user, pk=pk)
    form = ReviewEditForm(request.POST, prefix="edit")
    submit_form(
        request, form, ccr.closed_case_review_update, success=_("Draft saved."), actor=request.user, review=review
    )
    return redirect("discipline:closed-review-detail", pk=pk)


@role_required(Role.DIRECTOR)
@require_POST
def review_redact(request, pk):
    review = ccr.closed_case_review_get_for(user=request.user, pk=pk)
    form = ReasonForm(request.POST, prefix="redact")
    success = _("Names replaced with pseudonyms.")
    submit_form(request, form, ccr.closed_case_review_redact, success=success, actor=request.user, review=review)
    return redirect("discipline:closed-review-detail", pk=pk)


@role_required(Role.DIRECTOR)
@require_POST
def review_batch_publish(request):
    form = BatchPublishForm(request.POST, prefix="publish", drafts=_drafts(request.user))
    batch = submit_form(
        request,
        form,
        ccr.closed_case_review_batch_publish,
        success=_("Published to the public; City Council has been sent the publication."),
        actor=request.user,
    )
    if batch:
        return redirect("closed_case_reviews:batch-detail", pk=batch.pk)
    return redirect("discipline:closed-review-list")


# --- public ----------------------------------------------------------------------------------------


@public
@require_GET
def public_review_list(request):
    return render(
        request,
        "participate/closed_review_list.html",
        {"reviews": ccr.closed_case_review_list_public()[:500], "batches": ccr.closed_case_review_batch_list_public()},
    )


@public
@require_GET
def public_batch_detail(request, pk):
    batch = get_object_or_404(ClosedCaseReviewBatch, pk=pk)
    return render(
        request,
        "participate/closed_review_batch.html",
        {"batch": batch, "reviews": ccr.closed_case_review_list_public(batch=batch)},
    )


@public
@require_GET
def public_review_detail(request, pk):
    review = ccr.closed_case_review_get_public(pk=pk)
    return render(
        request,
        "participate/closed_review_detail.html",
        {"review": review, "kind": ccr.case_incident_kind(review.case)},
    )


@public
@require_GET
def public_review_pdf(request, pk):
    """The published review as PDF, rendered outside any transaction and kept in the cache."""
    from django.http import HttpResponse

    from oversight.pdf import render_pdf

    review = ccr.closed_case_review_get_public(pk=pk)
    key = f"closed-case-review-pdf-{review.pk}-{review.published_at.timestamp()}"
    pdf = cache.get(key)
    if pdf is None:
        context = {"review": review, "kind": ccr.case_incident_kind(review.case)}
        pdf = render_pdf("participate/closed_review_pdf.html", context)
        cache.set(key, pdf, 60 * 60 * 24)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="closed-case-review-{review.pk}.pdf"'
    return response
