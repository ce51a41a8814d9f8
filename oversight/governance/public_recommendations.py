"""The public's pages of policy recommendations (R4.1, issue 10 part C): a list with status filters
and a page per recommendation with PPB's answer, City Council's vote and implementation. Drafts are
never shown. Recommendations are not open to public comment: the Board adopts them at a public meeting
(where the public speaks), and 35A.010 C's input period is for rules, bylaws, policies and procedures."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public

from .models import PolicyRecommendation
from .recommendations_selectors import PUBLIC_STATUSES, recommendation_get_public, recommendation_list_public

PAGE_SIZE = 25


def _choice(request, name, choices):
    value = request.GET.get(name, "")
    return value if value in dict(choices) else ""


def public_status_choices():
    labels = dict(PolicyRecommendation.Status.choices)
    return [(value, labels[value]) for value in PUBLIC_STATUSES]


def sentinel_review_url(review):
    """The public page of the sentinel event review a recommendation came from (part D), if it has one."""
    if review is None:
        return ""
    try:
        return reverse("participate:sentinel-detail", args=[review.pk])
    except NoReverseMatch:
        return ""


@public
@require_GET
def recommendation_list_public_view(request):
    """Every recommendation the Board adopted, the newest vote first, filtered by status and PPB's answer."""
    status = _choice(request, "status", public_status_choices())
    answer = _choice(request, "answer", PolicyRecommendation.Answer.choices)
    qs = recommendation_list_public(status=status, answer=answer)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "answer": answer,
        "statuses": public_status_choices(),
        "answers": PolicyRecommendation.Answer.choices,
    }
    return render(request, "participate/recommendation_list.html", context)


@public
@require_GET
def recommendation_detail_public_view(request, pk):
    recommendation = recommendation_get_public(pk)
    context = {
        "recommendation": recommendation,
        "updates": list(recommendation.updates.all()),
        "sentinel_url": sentinel_review_url(recommendation.sentinel_review),
    }
    return render(request, "participate/recommendation_detail.html", context)
