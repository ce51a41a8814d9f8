"""Public comment on any item open for community input (issue 10 section 3; 35A.010 C).

Other parts make their items commentable at import time::

    register_commentable("meeting", Meeting, is_open=..., title=..., public_url=...)

and show the comments on the item's public page with ``{% comment_section item %}``
(templatetags/participate_comments.py). A comment is stored as submitted and waits; the Director
publishes it (with personal data redacted) or withholds it with a reason. Only published text is
ever shown to the public or exported.
"""

import re
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited
from oversight.public_forms import TextLimit

from .models import PublicComment

__all__ = [
    "Commentable",
    "register_commentable",
    "unregister_commentable",
    "commentable_registered",
    "commentable_for",
    "commentable_get",
    "commentable_keys",
    "comment_item_get",
    "comment_item_is_open",
    "comment_submit",
    "comment_publish",
    "comment_withhold",
    "comments_published_for",
    "comment_counts_for",
    "comment_list_for_moderation",
    "comment_get_for",
    "comment_items_for",
    "comment_titles_for",
    "personal_data_redacted",
    "can_moderate_comments",
    "can_view_comments",
    "CommentsClosed",
    "director_comments_part",
]

Status = PublicComment.Status


# -- Registry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commentable:
    """One kind of item the public may comment on, as its part registered it."""

    key: str
    model: type
    is_open: Callable
    title: Callable
    public_url: Callable
    # Whether the item has a public page at all: the form of one that has none (a draft, an unnoticed
    # meeting) is a 404, so stepping through ids reveals no title.
    is_public: Callable = bool


_REGISTRY: dict[str, Commentable] = {}
_KEY_SHAPE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def register_commentable(key, model, *, is_open, title, public_url, is_public=bool):
    """Makes ``model``'s rows commentable under ``key`` (a short slug used in the form's URL).

    ``is_open(obj) -> bool`` says whether the form is shown and accepted; ``title(obj)`` names the
    item in the moderation queue and the export; ``public_url(obj)`` is the item's public page, where
    the commenter returns. Registering the same key for the same model again (a module reloaded) is a
    no-op; the same key for another model, or a second key for one model, is a mistake."""
    if not _KEY_SHAPE.match(key):
        raise ImproperlyConfigured(f"Commentable key {key!r}: lowercase letters, digits and hyphens, at most 40.")
    entry = Commentable(key=key, model=model, is_open=is_open, title=title, public_url=public_url, is_public=is_public)
    existing = _REGISTRY.get(key)
    if existing and existing.model is not model:
        raise ImproperlyConfigured(f"Commentable key {key!r} is already registered for {existing.model.__name__}.")
    for other in _REGISTRY.values():
        if other.model is model and other.key != key:
            raise ImproperlyConfigured(f"{model.__name__} is already commentable as {other.key!r}.")
    _REGISTRY[key] = entry
    return entry


def unregister_commentable(key):
    """Removes a registration (for tests); unknown keys are ignored."""
    _REGISTRY.pop(key, None)


@contextmanager
def commentable_registered(key, model, *, is_open, title, public_url):
    """A registration that lasts for a ``with`` block (tests)."""
    entry = register_commentable(key, model, is_open=is_open, title=title, public_url=public_url)
    try:
        yield entry
    finally:
        unregister_commentable(key)


def commentable_get(key):
    """The registration for key, or None."""
    return _REGISTRY.get(key)


def commentable_keys():
    """The registered keys, sorted."""
    return sorted(_REGISTRY)


def commentable_for(item_or_model):
    """The registration for an item (or its model), or None."""
    model = item_or_model if isinstance(item_or_model, type) else type(item_or_model)
    model = model._meta.concrete_model
    for entry in _REGISTRY.values():
        if entry.model._meta.concrete_model is model:
            return entry
    return None


def comment_item_get(key, pk):
    """(registration, item) for a URL's key and pk, or (None, None) when either is unknown or the item
    has no public page."""
    entry = commentable_get(key)
    if entry is None:
        return None, None
    item = entry.model._default_manager.filter(pk=pk).first()
    return (entry, item) if item is not None and entry.is_public(item) else (None, None)


def comment_item_is_open(item):
    """Whether the public may comment on item now (False for an item that is not commentable)."""
    entry = commentable_for(item)
    return bool(entry and entry.is_open(item))


# -- Permissions ------------------------------------------------------------------------------


def can_moderate_comments(user):
    """The Director publishes or withholds public comments (the Office runs the input period)."""
    return has_role(user, Role.DIRECTOR)


def can_view_comments(user):
    """The queue, with what was withheld and why, is read by the Director and the Board."""
    return has_role(user, Role.DIRECTOR, Role.BOARD)


# -- Personal data ----------------------------------------------------------------------------

# E-mail addresses, North American phone numbers (503-555-0100, (503) 555 0100, +1 503.555.0100, 555-0100) and
# international ones written with a leading +. Dates and case numbers (2026-00123) do not match. The
# moderator sees every replacement and can undo or add one: the hint helps, the moderator decides.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}|\d{3}[\s.-]\d{4}|\+\d[\d\s.-]{6,17}\d)(?!\w)"
)


def personal_data_redacted(text):
    """(text with e-mail addresses and phone numbers replaced, list of what was replaced)."""
    found = []

    def _replace(label):
        def _sub(match):
            found.append(match.group(0).strip())
            return label

        return _sub

    redacted = _EMAIL.sub(_replace(_("[e-mail address removed]")), text)
    redacted = _PHONE.sub(_replace(_("[phone number removed]")), redacted)
    return redacted, found


# -- Services ---------------------------------------------------------------------------------


class CommentsClosed(ValidationError):
    """The item is not open for comment (or is not commentable at all)."""


def _client_hash(client_address):
    if not client_address:
        return ""
    return salted_hmac("governance.comment.client", client_address, algorithm="sha256").hexdigest()


def _language(language):
    codes = {code for code, _name in settings.LANGUAGES}
    language = (language or "").lower()
    if language in codes:
        return language
    base = language.split("-")[0]
    return "zh-hans" if base == "zh" else base if base in codes else settings.LANGUAGE_CODE


@transaction.atomic
def comment_submit(*, item, body, language, client_address, display_name="", submission_key=None):
    """Stores a member of the public's comment on an open item, pending moderation.

    The same ``submission_key`` twice (a double submit, a retry) returns the first comment. Refused
    with ``CommentsClosed`` when the item is not commentable or not open now."""
    if submission_key is not None:
        existing = PublicComment.objects.filter(submission_key=submission_key).first()
        if existing is not None:
            return existing
    entry = commentable_for(item)
    if entry is None or not entry.is_open(item):
        raise CommentsClosed(_("This item is not open for comment."), code="closed")
    body = str(body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write your comment.")})
    try:
        TextLimit(settings.COMMENT_MAX_CHARS)(body)
    except ValidationError as exc:
        raise ValidationError({"body": exc}) from exc
    comment = PublicComment(
        content_type=ContentType.objects.get_for_model(entry.model),
        object_id=item.pk,
        target_key=entry.key,
        body=body,
        display_name=str(display_name or "").strip()[:80],
        language=_language(language),
        client_hash=_client_hash(client_address),
        submission_key=submission_key or uuid.uuid4(),
        submitted_at=timezone.now(),
    )
    try:
        # Two copies of one submission racing (a double click reaching two workers): the unique key lets
        # one insert; the other finds it once the first commits.
        with transaction.atomic():
            return save_audited(comment, actor=None, reason="Submitted on the public comment form", db_checks=False)
    except IntegrityError:
        existing = PublicComment.objects.filter(submission_key=comment.submission_key).first()
        if existing is None:
            raise
        return existing


def _locked(comment):
    return PublicComment.objects.select_for_update().get(pk=comment.pk)


def _check_move(comment, target):
    if target not in PublicComment.TRANSITIONS.get(comment.status, set()):
        raise ValidationError(_("This comment cannot be changed that way now."), code="transition")


def _require_moderator(actor):
    if not can_moderate_comments(actor):
        raise PermissionDenied(_("The Director moderates public comments."))


@transaction.atomic
def comment_publish(*, actor, comment, published_body, reason):
    """Publishes the comment with the (redacted) text the Director approved; the submitted text is kept."""
    _require_moderator(actor)
    comment = _locked(comment)
    published_body = str(published_body or "").strip()
    errors = {}
    if not published_body:
        errors["published_body"] = _("Give the text to publish.")
    if not str(reason or "").strip():
        errors["reason"] = _("Give the reason.")
    if errors:
        raise ValidationError(errors)
    if comment.status == Status.PUBLISHED and comment.published_body == published_body:
        return comment
    if comment.status != Status.PUBLISHED:
        _check_move(comment, Status.PUBLISHED)
    comment.status, comment.published_body, comment.reason = Status.PUBLISHED, published_body, str(reason).strip()
    comment.moderated_by, comment.moderated_at = actor, timezone.now()
    # The name is published too: an address or number typed there goes the way of the text's (history
    # keeps what was typed).
    comment.display_name = personal_data_redacted(comment.display_name)[0]
    fields = ["status", "published_body", "reason", "moderated_by", "moderated_at", "display_name"]
    return save_audited(comment, actor=actor, reason=f"Published: {reason}", update_fields=fields)


@transaction.atomic
def comment_withhold(*, actor, comment, reason):
    """Withholds the comment from the public with the Director's reason (nothing of it is published)."""
    _require_moderator(actor)
    comment = _locked(comment)
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("Give the reason the comment is withheld.")})
    if comment.status == Status.WITHHELD:
        return comment
    _check_move(comment, Status.WITHHELD)
    comment.status, comment.published_body, comment.reason = Status.WITHHELD, "", str(reason).strip()
    comment.moderated_by, comment.moderated_at = actor, timezone.now()
    fields = ["status", "published_body", "reason", "moderated_by", "moderated_at"]
    return save_audited(comment, actor=actor, reason=f"Withheld: {reason}", update_fields=fields)


# -- Selectors --------------------------------------------------------------------------------


def _for_item(item):
    return PublicComment.objects.filter(
        content_type=ContentType.objects.get_for_model(type(item)._meta.concrete_model), object_id=item.pk
    )


def comments_published_for(item):
    """The item's published comments, oldest first (what the public may read)."""
    return _for_item(item).filter(status=Status.PUBLISHED).order_by("submitted_at", "pk")


def comment_counts_for(items):
    """{item pk: {"published": n, "pending": n, "withheld": n, "total": n}} for items of one model, in one query."""
    items = list(items)
    counts = {item.pk: {"published": 0, "pending": 0, "withheld": 0, "total": 0} for item in items}
    if not items:
        return counts
    content_type = ContentType.objects.get_for_model(type(items[0])._meta.concrete_model)
    rows = (
        PublicComment.objects.filter(content_type=content_type, object_id__in=list(counts))
        .values("object_id")
        .annotate(
            published=Count("pk", filter=Q(status=Status.PUBLISHED)),
            pending=Count("pk", filter=Q(status=Status.PENDING)),
            withheld=Count("pk", filter=Q(status=Status.WITHHELD)),
            total=Count("pk"),
        )
    )
    for row in rows:
        counts[row.pop("object_id")] = row
    return counts


def comment_list_for_moderation(*, user, key="", object_id=None, status=""):
    """The comments the user may moderate or read, oldest first; empty for anyone else."""
    if not can_view_comments(user):
        return PublicComment.objects.none()
    rows = PublicComment.objects.select_related("moderated_by").order_by("submitted_at", "pk")
    if key:
        rows = rows.filter(target_key=key)
    if object_id:
        rows = rows.filter(object_id=object_id)
    if status:
        rows = rows.filter(status=status)
    return rows


def comment_get_for(*, user, pk):
    """The comment, for a user who may see the queue; None otherwise."""
    return comment_list_for_moderation(user=user).filter(pk=pk).first()


def comment_items_for(comments):
    """{(key, object_id): item} for the comments' items: one query per kind of item, however many rows."""
    wanted = {}
    for comment in comments:
        wanted.setdefault(comment.target_key, set()).add(comment.object_id)
    items = {}
    for key, pks in wanted.items():
        entry = commentable_get(key)
        if entry is None:
            continue
        # Titles often name a parent row ("<document> v2"): its forward relations come in the same query.
        forward = [
            f.name for f in entry.model._meta.concrete_fields if f.is_relation and (f.many_to_one or f.one_to_one)
        ]
        for item in entry.model._default_manager.filter(pk__in=pks).select_related(*forward):
            items[(key, item.pk)] = item
    return items


def comment_titles_for(comments):
    """{(key, object_id): (title, public url)} for the comments' items (an item gone or unregistered is absent)."""
    titles = {}
    for (key, pk), item in comment_items_for(comments).items():
        entry = commentable_get(key)
        titles[(key, pk)] = (entry.title(item), entry.public_url(item))
    return titles


# -- My work ----------------------------------------------------------------------------------

# A comment waiting longer than this is shown as late: the public reads the item while its input
# period runs (at least 30 days, 35A.010 C), so a comment published weeks later is read by few.
MODERATION_LATE_AFTER = timedelta(days=3)


def director_comments_part(*, user, now):
    """Comments waiting for moderation, oldest first (the staff home, issue 12.1): a query for the count,
    one for the rows and one per kind of item shown."""
    from django.urls import reverse

    from oversight.accounts.my_work import ROWS_SHOWN, part, row

    pending = comment_list_for_moderation(user=user, status=Status.PENDING)
    counts = pending.aggregate(n=Count("pk"), late=Count("pk", filter=Q(submitted_at__lt=now - MODERATION_LATE_AFTER)))
    if not counts["n"]:
        return None
    shown = list(pending[:ROWS_SHOWN])
    titles = comment_titles_for(shown)
    rows = []
    for c in shown:
        title = titles.get((c.target_key, c.object_id), (f"{c.target_key} {c.object_id}",))[0]
        rows.append(
            row(
                _("Comment on %(item)s") % {"item": title},
                reverse("governance:comment-detail", args=[c.pk]),
                _("Submitted %(when)s") % {"when": timezone.localtime(c.submitted_at).strftime("%Y-%m-%d")},
                is_late=c.submitted_at < now - MODERATION_LATE_AFTER,
            )
        )
    return part(
        _("Public comments to moderate"),
        rows,
        count=counts["n"],
        late=counts["late"],
        more_url=reverse("governance:comment-queue") + "?status=pending",
        more_label=_("Moderation queue"),
    )


def _register_my_work():
    from oversight.accounts.my_work import register_my_work_part

    register_my_work_part(Role.DIRECTOR, 62, director_comments_part)


_register_my_work()
