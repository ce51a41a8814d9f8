"""Public comments on any item open for community input (issue 10 section 3; 35A.010 C)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["PublicComment"]


class PublicComment(models.Model):
    """One comment from a member of the public, as submitted, and what the Director published of it.

    The target is generic (any registered commentable: a document version, a sentinel review, a
    recommendation, a meeting); ``target_key`` is the registration's key, kept so a page never has to
    guess which registration a row belongs to. The client's address is kept only as a keyed hash,
    enough to spot a flood from one address, never the address itself."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        WITHHELD = "withheld", _("Withheld")

    # The moves a moderator may make; a published comment can still be withheld (personal data
    # found later), a withheld one published after a second look.
    TRANSITIONS = {
        Status.PENDING: {Status.PUBLISHED, Status.WITHHELD},
        Status.PUBLISHED: {Status.WITHHELD},
        Status.WITHHELD: {Status.PUBLISHED},
    }

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    target_key = models.CharField(_("commented item kind"), max_length=40)
    body = models.TextField(_("comment as submitted"))
    published_body = models.TextField(_("published text"), blank=True)
    display_name = models.CharField(_("name to show"), max_length=80, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="en")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("moderation reason"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    client_hash = models.CharField(max_length=64, blank=True)
    # The form's once-only token: a double submit (or a retry after a dropped reply) stores one comment.
    submission_key = models.UUIDField(unique=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "status"], name="comment_item_status"),
            models.Index(fields=["status", "submitted_at"], name="comment_status_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | ~models.Q(published_body=""),
                name="comment_published_has_text",
            ),
            models.CheckConstraint(
                condition=models.Q(status="pending") | models.Q(moderated_at__isnull=False),
                name="comment_moderated_has_time",
            ),
        ]

    def __str__(self):
        return f"{self.target_key} {self.object_id}: comment {self.pk}"
