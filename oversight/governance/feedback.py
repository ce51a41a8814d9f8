"""PPB's feedback to the Board (35A.050 F.1.q; issue 11): a PPB liaison sends it, the Director and the
Board read it, the annual report counts it by topic. A liaison sees only what their own agency sent."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from oversight.accounts.models import User
from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited

from .models import PpbFeedback

BODY_MAX = 4000


def can_send_feedback(user):
    """PPB's liaisons, and nobody else."""
    return has_role(user, Role.LIAISON) and user.agency == User.Agency.PPB


def can_read_feedback(user):
    return has_role(user, Role.DIRECTOR, Role.BOARD)


def ppb_feedback_send(*, actor, topic, body, submission_key):
    """Stores one piece of feedback; the same form sent twice (one ``submission_key``) stores one."""
    if not can_send_feedback(actor):
        raise PermissionDenied(_("Feedback to the Board is sent by PPB's liaisons."))
    body = str(body or "").strip()
    errors = {}
    if topic not in PpbFeedback.Topic.values:
        errors["topic"] = _("Choose a topic.")
    if not body:
        errors["body"] = _("Write your feedback.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("Keep it under %(n)s characters.") % {"n": BODY_MAX}
    if errors:
        raise ValidationError(errors)
    sent = PpbFeedback.objects.filter(submission_key=submission_key).first()
    if sent is not None:
        return sent
    try:
        with transaction.atomic():
            feedback = PpbFeedback(topic=topic, body=body, submitted_by=actor, submission_key=submission_key)
            return save_audited(feedback, actor=actor, reason="Feedback sent by PPB", db_checks=False)
    except IntegrityError:  # the same form, sent twice at once: the other request stored it
        return PpbFeedback.objects.get(submission_key=submission_key)


def ppb_feedback_visible_to(*, user):
    """The Director, the Board and PPB's liaisons read all of it (only PPB's liaisons can send any, so it
    is all PPB's, whatever agency its sender has later); anyone else nothing."""
    rows = PpbFeedback.objects.select_related("submitted_by")
    return rows if can_read_feedback(user) or can_send_feedback(user) else rows.none()


def ppb_feedback_summary(*, since, until):
    """Feedback received in [since, until): in all and per topic, in one query (item q)."""
    totals = PpbFeedback.objects.filter(submitted_at__gte=since, submitted_at__lt=until).aggregate(
        total=Count("pk"), **{value: Count("pk", filter=Q(topic=value)) for value in PpbFeedback.Topic.values}
    )
    return {"total": totals.pop("total"), "by_topic": totals}
