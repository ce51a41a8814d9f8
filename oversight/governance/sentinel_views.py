"""Staff pages of sentinel event reviews (R4.3), under /board/sentinel-reviews/: the Director
records, the Board reads. GET renders; POST validates a form, calls one service, redirects."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.web import submit_form

from . import sentinel
from .models import SentinelMilestone, SentinelReview
from .sentinel_forms import (
    MilestoneDoneForm,
    MilestoneForm,
    ParticipantForm,
    ReasonForm,
    ReportForm,
    ReportItemForm,
    SentinelReviewForm,
)


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def sentinel_review_list(request):
    """Every review with its status and number of participants; the Director may open one."""
    status = request.GET.get("status", "")
    reviews = sentinel.sentinel_review_list_visible_to(user=request.user, status=status)
    writer = sentinel.can_record_sentinel(request.user)
    return render(
        request,
        "governance/sentinel_list.html",
        {
            "reviews": reviews[:200],
            "status": status,
            "statuses": SentinelReview.Status.choices,
            "form": SentinelReviewForm(prefix="open") if writer else None,
        },
    )


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_review_open(request):
    review = submit_form(
        request,
        SentinelReviewForm(request.POST, prefix="open"),
        sentinel.sentinel_review_open,
        success=_("Sentinel event review opened; public comment is open."),
        actor=request.user,
    )
    return redirect("governance:sentinel-detail", pk=review.pk) if review else redirect("governance:sentinel-list")


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def sentinel_review_detail(request, pk):
    """The review, its participants, milestones, report and recommendations; forms for the Director."""
    review = sentinel.sentinel_review_get_for(user=request.user, pk=pk)
    writer = sentinel.can_record_sentinel(request.user)
    editable = writer and review.status in (SentinelReview.Status.SCOPING, SentinelReview.Status.IN_PROGRESS)
    writing = writer and review.status == SentinelReview.Status.IN_PROGRESS
    context = {
        "review": review,
        "writer": writer,
        "participant_form": ParticipantForm(prefix="participant") if editable else None,
        "milestone_form": MilestoneForm(prefix="milestone") if editable else None,
        "done_form": MilestoneDoneForm(prefix="done") if writer else None,
        "report_form": ReportForm(prefix="report", initial={"report_text": review.report_text}) if writing else None,
        "item_form": ReportItemForm(prefix="item") if writing else None,
        "start_form": ReasonForm(prefix="start") if writer and review.status == "scoping" else None,
        "publish_form": ReasonForm(prefix="publish") if writing else None,
        "close_form": ReasonForm(prefix="close") if writer and review.status == "report_published" else None,
    }
    return render(request, "governance/sentinel_detail.html", context)


def _review(pk):
    return get_object_or_404(SentinelReview, pk=pk)


def _post(request, pk, form, service, success, **kwargs):
    submit_form(request, form, service, success=success, actor=request.user, **kwargs)
    return redirect("governance:sentinel-detail", pk=pk)


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_review_start(request, pk):
    form = ReasonForm(request.POST, prefix="start")
    return _post(request, pk, form, sentinel.sentinel_review_start, _("The review is under way."), review=_review(pk))


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_participant_add(request, pk):
    form = ParticipantForm(request.POST, prefix="participant")
    return _post(request, pk, form, sentinel.sentinel_participant_add, _("Participant added."), review=_review(pk))


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_milestone_add(request, pk):
    form = MilestoneForm(request.POST, prefix="milestone")
    return _post(request, pk, form, sentinel.sentinel_milestone_add, _("Milestone added."), review=_review(pk))


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_milestone_done(request, pk):
    milestone = get_object_or_404(SentinelMilestone, pk=pk)
    form = MilestoneDoneForm(request.POST, prefix="done")
    return _post(
        request, milestone.review_id, form, sentinel.sentinel_milestone_done, _("Milestone done."), milestone=milestone
    )


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_report_save(request, pk):
    form = ReportForm(request.POST, prefix="report")
    return _post(request, pk, form, sentinel.sentinel_report_save, _("Report saved."), review=_review(pk))


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_report_item_add(request, pk):
    form = ReportItemForm(request.POST, prefix="item")
    return _post(request, pk, form, sentinel.sentinel_report_item_add, _("Recommendation added."), review=_review(pk))


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_report_publish(request, pk):
    form = ReasonForm(request.POST, prefix="publish")
    success = _("Final report published; its recommendations are now draft policy recommendations.")
    return _post(request, pk, form, sentinel.sentinel_report_publish, success, review=_review(pk))


@role_required(Role.DIRECTOR)
@require_POST
def sentinel_review_close(request, pk):
    form = ReasonForm(request.POST, prefix="close")
    return _post(request, pk, form, sentinel.sentinel_review_close, _("Review closed."), review=_review(pk))
