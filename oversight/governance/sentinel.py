"""Sentinel event reviews (R4.3, 35A.050 I): services and selectors.

The Director records a review, its participants and milestones; the public may comment throughout
(part B's comment component, key "sentinel"); the final report is published with its
recommendations, each of which becomes a draft policy recommendation (part C) linked to the review,
and is rendered to PDF after the commit (never inside the transaction).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited

from .comments import register_commentable
from .models import SentinelMilestone, SentinelParticipant, SentinelReportItem, SentinelReview

Status = SentinelReview.Status


# --- permissions -----------------------------------------------------------------------------------


def can_view_sentinel(user):
    """The Board and the Director read the staff pages of every review."""
    return has_role(user, Role.BOARD, Role.DIRECTOR)


def can_record_sentinel(user):
    """The Office (the Director) records reviews, participants, milestones and the final report."""
    return has_role(user, Role.DIRECTOR)


def _require_recorder(actor):
    if not can_record_sentinel(actor):
        raise PermissionDenied


def _reason(reason):
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})


# --- services --------------------------------------------------------------------------------------


@transaction.atomic
def sentinel_review_open(*, actor, title, event_summary, scope, opened_on, reason):
    """Opens a review in scoping; public comment is open from now until it is closed."""
    _require_recorder(actor)
    _reason(reason)
    review = SentinelReview(
        title=title,
        event_summary=event_summary,
        scope=scope,
        opened_on=opened_on,
        created_by=actor,
        created_at=timezone.now(),
    )
    return save_audited(review, actor=actor, reason=reason)


def _locked(review):
    return SentinelReview.objects.select_for_update().get(pk=review.pk)


def _move(review, target, *, actor, reason, fields=()):
    if target not in SentinelReview.TRANSITIONS[Status(review.status)]:
        raise ValidationError(
            _("A review that is “%(status)s” cannot become “%(target)s”.")
            % {"status": review.get_status_display(), "target": Status(target).label}
        )
    review.status = target
    return save_audited(review, actor=actor, reason=reason, update_fields=["status", *fields])


@transaction.atomic
def sentinel_review_start(*, actor, review, reason):
    """Scoping is done: the review is under way. Idempotent."""
    _require_recorder(actor)
    _reason(reason)
    review = _locked(review)
    if review.status == Status.IN_PROGRESS:
        return review
    return _move(review, Status.IN_PROGRESS, actor=actor, reason=reason)


def _editable(review):
    if review.status not in (Status.SCOPING, Status.IN_PROGRESS):
        raise ValidationError(_("The final report is published: the review can no longer be changed."))


@transaction.atomic
def sentinel_participant_add(*, actor, review, kind, name, organisation="", reason):
    """Adds a participant of one of the kinds the law names (35A.050 I)."""
    _require_recorder(actor)
    _reason(reason)
    review = _locked(review)
    _editable(review)
    # The review's row lock serialises a double submit; the second finds the first and adds nothing.
    same = review.participants.filter(kind=kind, name=name, organisation=organisation).first()
    if same is not None:
        return same
    participant = SentinelParticipant(review=review, kind=kind, name=name, organisation=organisation)
    return save_audited(participant, actor=actor, reason=reason)


@transaction.atomic
def sentinel_milestone_add(*, actor, review, title, due_on, reason):
    """Adds a milestone with its due date."""
    _require_recorder(actor)
    _reason(reason)
    review = _locked(review)
    _editable(review)
    same = review.milestones.filter(title=title, due_on=due_on).first()  # a double submit adds one
    if same is not None:
        return same
    return save_audited(SentinelMilestone(review=review, title=title, due_on=due_on), actor=actor, reason=reason)


@transaction.atomic
def sentinel_milestone_done(*, actor, milestone, done_on, reason):
    """Records the day a milestone was reached (not in the future). Idempotent for the same day."""
    _require_recorder(actor)
    _reason(reason)
    milestone = SentinelMilestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.done_on == done_on:
        return milestone
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("A milestone cannot be reached in the future.")})
    milestone.done_on = done_on
    return save_audited(milestone, actor=actor, reason=reason, update_fields=["done_on"])


@transaction.atomic
def sentinel_report_save(*, actor, review, report_text, reason):
    """Saves the final report's draft text while the review is in progress."""
    _require_recorder(actor)
    _reason(reason)
    review = _locked(review)
    if review.status != Status.IN_PROGRESS:
        raise ValidationError(_("The report is written while the review is in progress."))
    if review.report_text == report_text:
        return review
    review.report_text = report_text
    return save_audited(review, actor=actor, reason=reason, update_fields=["report_text"])


@transaction.atomic
def sentinel_report_item_add(*, actor, review, title, body, reason):
    """Adds a recommendation to the final report (numbered in order)."""
    _require_recorder(actor)
    _reason(reason)
    review = _locked(review)
    if review.status != Status.IN_PROGRESS:
        raise ValidationError(_("The report's recommendations are written while the review is in progress."))
    same = review.report_items.filter(title=title, body=body).first()  # a double submit adds one
    if same is not None:
        return same
    position = (review.report_items.aggregate(n=Max("position"))["n"] or 0) + 1
    item = SentinelReportItem(review=review, position=position, title=title, body=body)
    return save_audited(item, actor=actor, reason=reason)


@transaction.atomic
def sentinel_report_publish(*, actor, review, reason):
    """Publishes the final report: each of its recommendations becomes a draft policy recommendation
    linked to the review (R4.3 -> R4.1); the PDF is rendered after the commit. Idempotent."""
    from .recommendations import recommendation_draft

    _require_recorder(actor)
    _reason(reason)
    review = _locked(review)
    if review.status in (Status.REPORT_PUBLISHED, Status.CLOSED):
        return review
    errors = {}
    if not review.report_text.strip():
        errors["report_text"] = _("Write the final report before publishing it.")
    items = list(review.report_items.all())
    if not items:
        errors["items"] = _("The final report needs at least one recommendation.")
    if errors:
        raise ValidationError(errors)
    review.report_published_at = timezone.now()
    review = _move(review, Status.REPORT_PUBLISHED, actor=actor, reason=reason, fields=["report_published_at"])
    for item in items:
        recommendation_draft(
            actor=actor,
            title=item.title,
            text=item.body,
            rationale=_("Recommendation %(n)s of the final report of the sentinel event review “%(title)s”.")
            % {"n": item.position, "title": review.title},
            sentinel_review=review,
            reason=_("From the sentinel event review's final report"),
        )
    pk = review.pk
    transaction.on_commit(lambda: _enqueue_render(pk))
    return review


def _enqueue_render(pk):
    from .sentinel_tasks import sentinel_report_render_task

    sentinel_report_render_task.delay(pk)


@transaction.atomic
def sentinel_review_close(*, actor, review, reason):
    """Closes a review whose report is published; public comment closes with it. Idempotent."""
    _require_recorder(actor)
    _reason(reason)
    review = _locked(review)
    if review.status == Status.CLOSED:
        return review
    review.closed_at = timezone.now()
    return _move(review, Status.CLOSED, actor=actor, reason=reason, fields=["closed_at"])


def sentinel_report_pdf(review):
    """The final report as PDF bytes. Slow: call it outside transactions."""
    from oversight.pdf import render_pdf

    review = sentinel_review_get_public(pk=review.pk)
    return render_pdf("participate/sentinel_report_pdf.html", {"review": review, "rendered_at": timezone.now()})


def sentinel_report_render(*, review_id):
    """Renders the published report to PDF outside any transaction, then stores it on the review."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    review = SentinelReview.objects.get(pk=review_id)
    if review.report_published_at is None:
        return review
    pdf = sentinel_report_pdf(review)
    stored = default_storage.save(f"sentinel-reports/review-{review.pk}.pdf", ContentFile(pdf))
    with transaction.atomic():
        review = _locked(review)
        review.report_pdf.name = stored
        review.report_rendered_at = timezone.now()
        save_audited(
            review, actor=None, reason="Sentinel report rendered", update_fields=["report_pdf", "report_rendered_at"]
        )
    return review


# --- selectors -------------------------------------------------------------------------------------


def _with_counts(qs):
    return qs.annotate(participant_count=Count("participants", distinct=True))


def sentinel_review_list_visible_to(*, user, status=""):
    """Every review for the Board and the Director; nothing for anyone else."""
    if not can_view_sentinel(user):
        return SentinelReview.objects.none()
    qs = _with_counts(SentinelReview.objects.all())
    return qs.filter(status=status) if status in Status.values else qs


def sentinel_review_list_public(*, status=""):
    """Every review, as the public sees it: a review is public from the day it opens (R4.3)."""
    qs = _with_counts(SentinelReview.objects.all())
    return qs.filter(status=status) if status in Status.values else qs


def _detail_queryset():
    from .models import PolicyRecommendation

    return SentinelReview.objects.prefetch_related(
        "participants",
        "milestones",
        "report_items",
        Prefetch("recommendations", queryset=PolicyRecommendation.objects.order_by("pk")),
    )


def sentinel_review_get_for(*, user, pk):
    """The review for a staff reader, or 404."""
    return get_object_or_404(_detail_queryset(), pk=pk, pk__in=sentinel_review_list_visible_to(user=user).values("pk"))


def sentinel_review_get_public(*, pk):
    """The review for its public page, or 404."""
    return get_object_or_404(_detail_queryset(), pk=pk)


# --- public comment (part B) -----------------------------------------------------------------------

register_commentable(
    "sentinel",
    SentinelReview,
    is_open=lambda review: review.is_public_comment_open,
    title=lambda review: review.title,
    public_url=lambda review: reverse("participate:sentinel-detail", args=[review.pk]),
)


# --- the Director's home (issue 12.1) --------------------------------------------------------------


def director_sentinel_milestones_part(*, user, now):
    """Milestones of open reviews past their due date and not done, oldest first (two queries)."""
    from oversight.accounts.my_work import ROWS_SHOWN, part, row

    today = timezone.localdate(now)
    late = (
        SentinelMilestone.objects.filter(done_on__isnull=True, due_on__lt=today)
        .exclude(review__status=Status.CLOSED)
        .select_related("review")
        .order_by("due_on", "pk")
    )
    count = late.count()
    if not count:
        return None
    rows = [
        row(
            f"{m.review.title}: {m.title}",
            reverse("governance:sentinel-detail", args=[m.review_id]),
            _("Due %(day)s") % {"day": m.due_on.isoformat()},
            is_late=True,
        )
        for m in late[:ROWS_SHOWN]
    ]
    title = _("Sentinel event review milestones past due: %(n)s") % {"n": count}
    return part(
        title,
        rows,
        count=count,
        more_url=reverse("governance:sentinel-list"),
        more_label=_("Sentinel event reviews"),
    )


def _register_my_work():
    from oversight.accounts.my_work import register_my_work_part

    register_my_work_part(Role.DIRECTOR, 65, director_sentinel_milestones_part)


_register_my_work()
