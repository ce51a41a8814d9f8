"""Public meetings of the Board (Oregon public meetings law, ORS 192.640 notice; 35A.050 F).

- ``meeting_schedule``, ``meeting_notice_publish``, ``meeting_cancel``, ``meeting_mark_held``: the Director
  keeps the calendar. A regular meeting's notice is published at least the bylaws' notice days before it
  (the full Board's ``notice_days``), a special meeting's at least 24 hours before (ORS 192.640(3)); an
  emergency meeting states why (its minutes must describe the emergency).
- ``agenda_item_add`` / ``agenda_item_remove`` / ``agenda_item_move``: the agenda, in order.
- ``meeting_minutes_save`` / ``meeting_minutes_approve``: draft minutes, approved at a later meeting.
- The annual report presentation takes public comment from its notice until it ends (part B's form).
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from oversight.accounts.roles import Role, has_role
from oversight.history import save_audited, save_changed

from .comments import register_commentable
from .models import AgendaItem, BoardMeeting, Body
from .selectors import body_rules

Kind, Status, Minutes = BoardMeeting.Kind, BoardMeeting.Status, BoardMeeting.Minutes
SPECIAL_NOTICE = timedelta(hours=24)
# Kinds held under the regular notice period (the annual report presentation is a regular public meeting).
REGULAR_KINDS = (Kind.REGULAR, Kind.ANNUAL_REPORT_PRESENTATION)


def can_record_meetings(user):
    return has_role(user, Role.DIRECTOR)


def can_view_meetings(user):
    return has_role(user, Role.DIRECTOR, Role.BOARD)


def _require(actor):
    if not can_record_meetings(actor):
        raise PermissionDenied(_("The Director keeps the Board's meeting calendar."))


def _reason(reason):
    if not str(reason or "").strip():
        raise ValidationError({"reason": _("Give the reason.")})


def regular_notice_days(on=None):
    """The bylaws' notice period for the full Board's regular meetings, in days."""
    return body_rules(Body.BOARD, on=on).notice_days


def notice_deadline(meeting):
    """The latest moment the meeting's notice may be published, or None (an emergency: before it starts)."""
    if meeting.kind in REGULAR_KINDS:
        return meeting.starts_at - timedelta(days=regular_notice_days(timezone.localdate(meeting.starts_at)))
    if meeting.kind == Kind.SPECIAL:
        return meeting.starts_at - SPECIAL_NOTICE
    return None


def _check_meeting(*, kind, starts_at, ends_at, place, online_link, emergency_reason, **_ignored):
    errors = {}
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = _("A meeting ends after it starts.")
    if not (str(place).strip() or str(online_link).strip()):
        errors["place"] = _("Give a place, a remote link, or both.")
    if kind == Kind.EMERGENCY and not str(emergency_reason).strip():
        errors["emergency_reason"] = _(
            "Oregon public meetings law: an emergency meeting on less than 24 hours' notice must state the "
            "emergency that justifies it. Say why."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_schedule(*, actor, title, kind, starts_at, ends_at, reason, place="", online_link="", emergency_reason=""):
    """Puts a meeting on the calendar; the public sees it once its notice is published."""
    _require(actor)
    _reason(reason)
    _check_meeting(
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_link=online_link,
        emergency_reason=emergency_reason,
    )
    same = BoardMeeting.objects.filter(title=title, kind=kind, starts_at=starts_at).first()
    if same is not None:
        return same
    meeting = BoardMeeting(
        title=title.strip(),
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place.strip(),
        online_link=online_link.strip(),
        emergency_reason=emergency_reason.strip() if kind == Kind.EMERGENCY else "",
        created_by=actor,
    )
    return save_audited(meeting, actor=actor, reason=reason)


def _locked(meeting):
    return BoardMeeting.objects.select_for_update().get(pk=meeting.pk)


EDITABLE = ("title", "kind", "starts_at", "ends_at", "place", "online_link", "emergency_reason")


@transaction.atomic
def meeting_update(*, actor, meeting, reason, **values):
    """Corrects a meeting before its notice is published; a published notice stays as the public read it
    (cancel the meeting and schedule another instead)."""
    _require(actor)
    _reason(reason)
    meeting = _locked(meeting)
    if meeting.is_noticed or meeting.status != Status.SCHEDULED:
        raise ValidationError({"starts_at": _("The notice is published: cancel this meeting and schedule another.")})
    values = {name: values.get(name, getattr(meeting, name)) for name in EDITABLE}
    values = {name: value.strip() if isinstance(value, str) else value for name, value in values.items()}
    if values["kind"] != Kind.EMERGENCY:
        values["emergency_reason"] = ""
    _check_meeting(**values)
    return save_changed(meeting, values, actor=actor, reason=reason)


def _late_notice_message(meeting, deadline):
    latest = date_format(timezone.localtime(deadline), "DATETIME_FORMAT")
    if meeting.kind == Kind.SPECIAL:
        return _(
            "Oregon public meetings law (ORS 192.640(3)): a special meeting's notice must be published at least "
            "24 hours before it starts, so by %(latest)s. Move the meeting, or hold it as an emergency meeting "
            "with the reason."
        ) % {"latest": latest}
    days = regular_notice_days(timezone.localdate(meeting.starts_at))
    return ngettext(
        "Oregon public meetings law and the bylaws: a regular meeting's notice must be published at least "
        "%(n)s day before it starts, so by %(latest)s. Move the meeting, or hold it as a special meeting.",
        "Oregon public meetings law and the bylaws: a regular meeting's notice must be published at least "
        "%(n)s days before it starts, so by %(latest)s. Move the meeting, or hold it as a special meeting.",
        days,
    ) % {"n": days, "latest": latest}


@transaction.atomic
def meeting_notice_publish(*, actor, meeting, reason="Notice published"):
    """Publishes the notice now, refused past the kind's notice period; a published notice stays as it was."""
    _require(actor)
    meeting = _locked(meeting)
    if meeting.is_noticed:
        return meeting
    if meeting.status != Status.SCHEDULED:
        raise ValidationError({"status": _("Only a scheduled meeting's notice can be published.")})
    now = timezone.now()
    deadline = notice_deadline(meeting)
    if deadline is not None and now > deadline:
        raise ValidationError({"notice_published_at": _late_notice_message(meeting, deadline)})
    if now >= meeting.starts_at:
        raise ValidationError({"notice_published_at": _("The meeting has started: its notice comes before it.")})
    meeting.notice_published_at = now
    return save_audited(meeting, actor=actor, reason=reason, update_fields=["notice_published_at"])


def _move(meeting, target, *, actor, reason, **fields):
    if meeting.status == target:
        return meeting
    if target not in BoardMeeting.TRANSITIONS[Status(meeting.status)]:
        raise ValidationError({"status": _("A meeting held or cancelled stays so.")})
    meeting.status = target
    for name, value in fields.items():
        setattr(meeting, name, value)
    return save_audited(meeting, actor=actor, reason=reason, update_fields=["status", *fields])


@transaction.atomic
def meeting_cancel(*, actor, meeting, reason):
    """Cancels a scheduled meeting; its public notice says so, with the reason."""
    _require(actor)
    _reason(reason)
    meeting = _locked(meeting)
    return _move(meeting, Status.CANCELLED, actor=actor, reason=reason, status_reason=str(reason).strip()[:300])


@transaction.atomic
def meeting_mark_held(*, actor, meeting, reason="Meeting held"):
    """Records that a noticed meeting took place (once it has started)."""
    _require(actor)
    meeting = _locked(meeting)
    if meeting.status == Status.SCHEDULED:
        if not meeting.is_noticed:
            raise ValidationError({"status": _("A meeting without a published notice was not a public meeting.")})
        if timezone.now() < meeting.starts_at:
            raise ValidationError({"status": _("The meeting has not started yet.")})
    return _move(meeting, Status.HELD, actor=actor, reason=reason)


# Agenda


def _editable_agenda(meeting):
    if meeting.status != Status.SCHEDULED:
        raise ValidationError({"title": _("The agenda of a meeting held or cancelled is kept as it was.")})


@transaction.atomic
def agenda_item_add(*, actor, meeting, title, reason, description="", link=""):
    """Adds an item at the end of the agenda."""
    _require(actor)
    _reason(reason)
    meeting = _locked(meeting)
    _editable_agenda(meeting)
    if not str(title).strip():
        raise ValidationError({"title": _("Give the item a title.")})
    same = meeting.agenda_items.filter(title=title.strip(), description=description.strip(), link=link.strip()).first()
    if same is not None:
        return same  # the meeting's row lock serialises a double submit; the second adds nothing
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting, position=last + 1, title=title.strip(), description=description.strip(), link=link.strip()
    )
    return save_audited(item, actor=actor, reason=reason)


@transaction.atomic
def agenda_item_remove(*, actor, item, reason):
    """Takes an item off the agenda; the rest keep their order."""
    _require(actor)
    _reason(reason)
    _editable_agenda(_locked(item.meeting))
    item = AgendaItem.objects.filter(pk=item.pk).first()
    if item is None:
        return None
    item._change_reason, item._history_user = str(reason)[:100], actor
    item.delete()
    return None


@transaction.atomic
def agenda_item_move(*, actor, item, direction, reason="Agenda reordered"):
    """Swaps an item with the one before (``up``) or after (``down``) it; at either end nothing moves."""
    _require(actor)
    meeting = _locked(item.meeting)
    _editable_agenda(meeting)
    items = list(meeting.agenda_items.order_by("position", "pk"))
    index = next((i for i, row in enumerate(items) if row.pk == item.pk), None)
    other = index + (-1 if direction == "up" else 1) if index is not None else -1
    if not 0 <= other < len(items):
        return item
    first, second = items[index], items[other]
    positions = first.position, second.position
    # The positions are unique per meeting: park one at 0 while the other takes its place.
    first.position = 0
    save_audited(first, actor=actor, reason=reason, update_fields=["position"])
    second.position = positions[0]
    save_audited(second, actor=actor, reason=reason, update_fields=["position"])
    first.position = positions[1]
    return save_audited(first, actor=actor, reason=reason, update_fields=["position"])


# Minutes


@transaction.atomic
def meeting_minutes_save(*, actor, meeting, minutes, reason="Draft minutes"):
    """Keeps the draft minutes of a meeting held; approved minutes are not changed."""
    _require(actor)
    meeting = _locked(meeting)
    if meeting.status != Status.HELD:
        raise ValidationError({"minutes": _("Minutes are kept for a meeting that was held.")})
    if meeting.minutes_status == Minutes.APPROVED:
        raise ValidationError({"minutes": _("These minutes are approved; they are kept as approved.")})
    if not str(minutes).strip():
        raise ValidationError({"minutes": _("Write the minutes.")})
    if meeting.minutes == minutes.strip() and meeting.minutes_status == Minutes.DRAFT:
        return meeting
    meeting.minutes, meeting.minutes_status = minutes.strip(), Minutes.DRAFT
    return save_audited(meeting, actor=actor, reason=reason, update_fields=["minutes", "minutes_status"])


@transaction.atomic
def meeting_minutes_approve(*, actor, meeting, approved_at, reason="Minutes approved"):
    """Records that the Board approved the draft minutes at a later meeting, which was held."""
    _require(actor)
    meeting = _locked(meeting)
    if meeting.minutes_status == Minutes.APPROVED and meeting.minutes_approved_at_id == approved_at.pk:
        return meeting
    if meeting.minutes_status != Minutes.DRAFT:
        raise ValidationError({"approved_at": _("Only draft minutes can be approved.")})
    if approved_at.starts_at <= meeting.starts_at or approved_at.status != Status.HELD:
        raise ValidationError({"approved_at": _("Minutes are approved at a later meeting that was held.")})
    meeting.minutes_status, meeting.minutes_approved_at = Minutes.APPROVED, approved_at
    return save_audited(meeting, actor=actor, reason=reason, update_fields=["minutes_status", "minutes_approved_at"])


# Reads


def meeting_list_visible_to(*, user):
    """Every meeting for the Board and the Director, newest first, with its agenda's size."""
    if not can_view_meetings(user):
        return BoardMeeting.objects.none()
    return BoardMeeting.objects.annotate(agenda_count=Count("agenda_items"))


def meeting_get_for(*, user, pk):
    meeting = meeting_list_visible_to(user=user).select_related("minutes_approved_at").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meetings_public():
    """The meetings whose notice is published (the only ones the public sees)."""
    return BoardMeeting.objects.exclude(notice_published_at=None)


def meeting_public_lists(*, now=None):
    """(upcoming, soonest first; past, newest first) in two queries."""
    now = now or timezone.now()
    upcoming = meetings_public().filter(ends_at__gt=now).order_by("starts_at", "pk")
    past = meetings_public().filter(ends_at__lte=now).select_related("minutes_approved_at").order_by("-starts_at")
    return list(upcoming), list(past[:100])


def meeting_public_get(pk):
    meeting = meetings_public().select_related("minutes_approved_at").filter(pk=pk).first()
    if meeting is None:
        raise Http404
    return meeting


def meeting_comment_is_open(meeting):
    """The annual report presentation takes public comment from its notice until it ends (35A.050 F)."""
    now = timezone.now()
    return (
        meeting.kind == Kind.ANNUAL_REPORT_PRESENTATION
        and meeting.status != Status.CANCELLED
        and meeting.notice_published_at is not None
        and meeting.notice_published_at <= now < meeting.ends_at
    )


register_commentable(
    "meeting",
    BoardMeeting,
    is_open=meeting_comment_is_open,
    title=lambda meeting: meeting.title,
    public_url=lambda meeting: reverse("participate:meeting-detail", args=[meeting.pk]),
    is_public=lambda meeting: meeting.notice_published_at is not None,
)
