"""Reviews of closed investigations of shootings, deaths in custody and deadly force (R4.5, 35A.050 H).

Eligible: the case's incident is a death in custody or a use of deadly force (an officer-involved
shooting is a use of deadly force: intake classifies it as ``MandatoryCategory.DEADLY_FORCE``, on the
case or on an allegation's type) and the case is closed in the law's sense (``case_rights_exhausted``:
investigation complete, discipline decided or not, no appeal or proceeding open, every appeal window
passed). The Director drafts the write-up; the case's people are mapped to pseudonyms
(``oversight.pseudonyms``) and a review is published only when none of their names remains. Reviews are
published in batches, on a date, to the public and to City Council (a logged notice).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Allegation, Case, MandatoryCategory
from investigations.models import Interview
from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited, save_changed
from oversight.pseudonyms import PseudonymMap

from .models import ClosedCaseReview, ClosedCaseReviewBatch
from .outcomes import case_rights_exhausted

DEADLY_KINDS = (MandatoryCategory.DEATH_IN_CUSTODY, MandatoryCategory.DEADLY_FORCE)
TEXT_FIELDS = ("title", "summary", "findings", "recommendations")
Status = ClosedCaseReview.Status


def can_manage_closed_case_reviews(user):
    """The Director drafts and publishes; drafts hold real names, so nobody else reads them."""
    return has_role(user, Role.DIRECTOR)


def _require(actor):
    if not can_manage_closed_case_reviews(actor):
        raise PermissionDenied


def _reason(reason):
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})


# --- eligibility -----------------------------------------------------------------------------------


def _deadly_q():
    deadly_allegation = Allegation.objects.filter(
        case=OuterRef("pk"), allegation_type__mandatory_category__in=DEADLY_KINDS
    )
    return Q(mandatory_category__in=DEADLY_KINDS) | Q(Exists(deadly_allegation))


def case_is_deadly_force(case):
    """The case is about a shooting or other use of deadly force, or a death in custody."""
    return Case.objects.filter(_deadly_q(), pk=case.pk).exists()


def case_incident_kind(case):
    """The label of the case's deadly-force kind (death in custody first), for the public page."""
    if case.mandatory_category in DEADLY_KINDS:
        return MandatoryCategory(case.mandatory_category).label
    kinds = set(
        case.allegations.filter(allegation_type__mandatory_category__in=DEADLY_KINDS).values_list(
            "allegation_type__mandatory_category", flat=True
        )
    )
    return next((k.label for k in DEADLY_KINDS if k in kinds), "")


def closed_case_review_refusals(case, *, now=None):
    """Why the case may not be reviewed (empty: it is eligible)."""
    refusals = []
    if not case_is_deadly_force(case):
        refusals.append(_("Only closed cases of shootings, deaths in custody and deadly force are reviewed."))
    if not case_rights_exhausted(case, now=now):
        refusals.append(
            _(
                "The case is not closed in the law's sense: the investigation must be complete, discipline "
                "decided or not, and every grievance and appeal right exhausted."
            )
        )
    return refusals


def closed_case_review_candidates():
    """Closed deadly-force cases without a review yet (eligibility is checked again when one opens)."""
    return (
        Case.objects.filter(_deadly_q(), status=Case.Status.CLOSED)
        .exclude(closed_case_review__isnull=False)
        .order_by("-closed_at", "-pk")
    )


# --- pseudonyms ------------------------------------------------------------------------------------


def review_pseudonyms(review):
    """The one map for this review's write-up: each Covered Employee of the case is an "Employee",
    each complainant and each person the Director listed is a "Community Member", lettered in a
    stable order (allegations, then interviews, then complaints, then the list)."""
    names = PseudonymMap(ambiguous=_("[name withheld]"))
    case = review.case
    employees = [a.employee for a in case.allegations.select_related("employee").order_by("pk") if a.employee]
    employees += [
        i.employee for i in Interview.objects.filter(investigation__case=case).select_related("employee").order_by("pk")
    ]
    for employee in employees:
        first, last = employee.first_name, employee.last_name
        names.employee(employee.pk, f"{first} {last}", first, last)
    for complaint in case.complaints.order_by("pk"):
        if complaint.contact_name.strip():
            names.community_member(("complaint", complaint.pk), complaint.contact_name)
    for line in review.other_names.splitlines():
        if line.strip():
            names.community_member(("listed", " ".join(line.split()).casefold()), line)
    return names


def closed_case_review_leaks(review, names=None):
    """{field: [names still in it]} for the write-up's public fields; empty when it names no one."""
    names = names or review_pseudonyms(review)
    found = {field: names.leaks(getattr(review, field)) for field in TEXT_FIELDS}
    return {field: leaks for field, leaks in found.items() if leaks}


# --- services --------------------------------------------------------------------------------------


@transaction.atomic
def closed_case_review_open(*, actor, case, title, reason, now=None):
    """Opens the Director's draft review of an eligible case; a second call returns the first."""
    _require(actor)
    _reason(reason)
    case = Case.objects.select_for_update().get(pk=case.pk)
    existing = ClosedCaseReview.objects.filter(case=case).first()
    if existing is not None:
        return existing
    refusals = closed_case_review_refusals(case, now=now)
    if refusals:
        raise ValidationError(refusals)
    review = ClosedCaseReview(case=case, title=title, created_by=actor, created_at=timezone.now())
    return save_audited(review, actor=actor, reason=reason)


def _draft_locked(review):
    review = ClosedCaseReview.objects.select_for_update().select_related("case").get(pk=review.pk)
    if review.status != Status.DRAFT:
        raise ValidationError(_("A published review is not changed."))
    return review


@transaction.atomic
def closed_case_review_update(*, actor, review, title, summary, findings, recommendations, other_names, reason):
    """Saves the draft's text (names may still be in it: publishing checks)."""
    _require(actor)
    _reason(reason)
    review = _draft_locked(review)
    values = {
        "title": title,
        "summary": summary,
        "findings": findings,
        "recommendations": recommendations,
        "other_names": other_names,
    }
    return save_changed(review, values, actor=actor, reason=reason)


@transaction.atomic
def closed_case_review_redact(*, actor, review, reason):
    """Replaces every mapped name in the draft's public fields with its pseudonym."""
    _require(actor)
    _reason(reason)
    review = _draft_locked(review)
    names = review_pseudonyms(review)
    changed = []
    for field in TEXT_FIELDS:
        redacted = names.redact(getattr(review, field))
        if redacted != getattr(review, field):
            setattr(review, field, redacted)
            changed.append(field)
    if not changed:
        return review
    return save_audited(review, actor=actor, reason=reason, update_fields=changed)


def _publishable(review, now):
    problems = list(closed_case_review_refusals(review.case, now=now))
    if not (review.summary.strip() and review.findings.strip()):
        problems.append(_("“%(title)s”: write what happened and the findings.") % {"title": review.title})
    leaks = closed_case_review_leaks(review)
    if leaks:
        listed = ", ".join(sorted({name for found in leaks.values() for name in found}, key=str.casefold))
        problems.append(
            _("“%(title)s” still names someone (%(names)s): replace the names before publishing.")
            % {"title": review.title, "names": listed}
        )
    return problems


def _same_batch_again(locked, title):
    """The batch these reviews were published in together, when the same publication is asked again."""
    batches = {review.batch_id for review in locked}
    if len(batches) != 1 or None in batches or any(r.status != Status.PUBLISHED for r in locked):
        return None
    batch = ClosedCaseReviewBatch.objects.get(pk=batches.pop())
    if batch.title != title or batch.reviews.count() != len(locked):
        return None
    return batch


def _batch_text_leaks(locked, **texts):
    """The batch's own title and Council reference are public too: each review's names must be out of them."""
    problems = []
    for label, text in texts.items():
        found = sorted({name for review in locked for name in review_pseudonyms(review).leaks(text)}, key=str.casefold)
        if found:
            problems.append(
                _("The publication's %(field)s names someone (%(names)s): replace the names before publishing.")
                % {"field": _("title") if label == "title" else _("Council reference"), "names": ", ".join(found)}
            )
    return problems


@transaction.atomic
def closed_case_review_batch_publish(
    *, actor, reviews, title, published_on, council_email, reason, council_reference="", now=None
):
    """Publishes the draft reviews together, on a date, to the public and to City Council (a logged
    notice). All or none: one review that still names someone, or is no longer eligible, stops the batch."""
    from oversight.notices.models import Notice
    from oversight.notices.services import notice_send

    _require(actor)
    _reason(reason)
    now = now or timezone.now()
    locked = list(
        ClosedCaseReview.objects.select_for_update().select_related("case").filter(pk__in=[r.pk for r in reviews])
    )
    if not locked:
        raise ValidationError({"reviews": _("Choose at least one draft review.")})
    again = _same_batch_again(locked, title)
    if again is not None:
        return again  # a double click or a retried request: the batch is already published
    problems = []
    for review in locked:
        if review.status != Status.DRAFT:
            problems.append(_("“%(title)s” is already published.") % {"title": review.title})
        else:
            problems.extend(_publishable(review, now))
    if published_on > timezone.localdate(now):
        problems.append(_("The publication date cannot be in the future."))
    problems.extend(_batch_text_leaks(locked, title=title, council_reference=council_reference))
    if problems:
        raise ValidationError(problems)
    batch = ClosedCaseReviewBatch(
        title=title,
        published_on=published_on,
        council_reference=council_reference,
        published_by=actor,
        published_at=now,
    )
    save_audited(batch, actor=actor, reason=reason)
    for review in locked:
        review.status, review.batch, review.published_at = Status.PUBLISHED, batch, now
        save_audited(review, actor=actor, reason=reason, update_fields=["status", "batch", "published_at"])
    url = f"{settings.SITE_URL.rstrip('/')}{reverse('closed_case_reviews:batch-detail', args=[batch.pk])}"
    notice_send(
        recipient_name=_("City Council"),
        recipient_address=council_email,
        channel=Notice.Channel.EMAIL,
        subject=_("Reviews of closed deadly-force cases: %(title)s") % {"title": title},
        body=_(
            "The Community Board for Police Accountability published %(n)s reviews of closed investigations "
            "of shootings, deaths in custody and deadly force (City Code 35A.050 H) on %(day)s. "
            "They name no one. Read them at %(url)s"
        )
        % {"n": len(locked), "day": published_on.isoformat(), "url": url},
        actor=actor,
        about=batch,
        dedupe_key=f"closed-case-review-batch-{batch.pk}-council",
        dedupe_key_is_new=True,
    )
    return batch


# --- selectors -------------------------------------------------------------------------------------


def closed_case_review_list_visible_to(*, user, status=""):
    """Every review, for the Director; nothing for anyone else."""
    if not can_manage_closed_case_reviews(user):
        return ClosedCaseReview.objects.none()
    qs = ClosedCaseReview.objects.select_related("case", "batch")
    return qs.filter(status=status) if status in Status.values else qs


def closed_case_review_get_for(*, user, pk):
    return get_object_or_404(closed_case_review_list_visible_to(user=user).select_related("case"), pk=pk)


def closed_case_review_list_public(*, batch=None):
    """The published reviews, newest publication first; never a draft."""
    qs = ClosedCaseReview.objects.filter(status=Status.PUBLISHED).select_related("batch")
    if batch is not None:
        qs = qs.filter(batch=batch)
    return qs.order_by("-batch__published_on", "-published_at", "pk")


def closed_case_review_get_public(*, pk):
    return get_object_or_404(closed_case_review_list_public().select_related("case"), pk=pk)


def closed_case_review_batch_list_public():
    return ClosedCaseReviewBatch.objects.order_by("-published_on", "-pk")
