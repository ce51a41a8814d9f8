"""The public's pages of sentinel event reviews (R4.3), under /participate/sentinel-reviews/."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public

from .models import SentinelReview
from .sentinel import sentinel_report_pdf, sentinel_review_get_public, sentinel_review_list_public


@public
@require_GET
def sentinel_list(request):
    status = request.GET.get("status", "")
    return render(
        request,
        "participate/sentinel_list.html",
        {
            "reviews": sentinel_review_list_public(status=status)[:200],
            "status": status,
            "statuses": SentinelReview.Status.choices,
        },
    )


@public
@require_GET
def sentinel_detail(request, pk):
    return render(request, "participate/sentinel_detail.html", {"review": sentinel_review_get_public(pk=pk)})


@public
@require_GET
def sentinel_report(request, pk):
    """The final report's PDF: the stored copy, or (before the worker has stored it) rendered now."""
    review = sentinel_review_get_public(pk=pk)
    if review.report_published_at is None:
        raise Http404
    if review.report_pdf:
        with review.report_pdf.open("rb") as stored:
            pdf = stored.read()
    else:
        pdf = sentinel_report_pdf(review)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="sentinel-review-{review.pk}-report.pdf"'
    return response
