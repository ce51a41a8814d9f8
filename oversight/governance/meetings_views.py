"""Staff pages of the Board's public meetings: the calendar, a meeting, and the Director's forms."""

from django import forms
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, role_required
from oversight.forms import AccessibleFormMixin, DateTimeInput
from oversight.lists import Sort, list_page
from oversight.web import call_service, submit_form

from . import meetings as svc
from .models import AgendaItem, BoardMeeting


class MeetingForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_l("Title"), max_length=200)
    kind = forms.ChoiceField(label=_l("Kind"), choices=BoardMeeting.Kind.choices)
    starts_at = forms.DateTimeField(label=_l("Starts (Pacific time)"), widget=DateTimeInput)
    ends_at = forms.DateTimeField(label=_l("Ends (Pacific time)"), widget=DateTimeInput)
    place = forms.CharField(label=_l("Place"), max_length=300, required=False)
    online_link = forms.URLField(label=_l("Remote link"), required=False, assume_scheme="https")
    emergency_reason = forms.CharField(
        label=_l("Why it is an emergency"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_l("Only for an emergency meeting on less than 24 hours' notice."),
    )
    reason = forms.CharField(label=_l("Reason"), initial=_l("Meeting scheduled"))


class AgendaItemForm(AccessibleFormMixin, forms.Form):
    title = forms.CharField(label=_l("Item"), max_length=300)
    description = forms.CharField(label=_l("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    link = forms.CharField(
        label=_l("Linked item"), max_length=500, required=False, help_text=_l("A document, report or address.")
    )
    reason = forms.CharField(label=_l("Reason"), initial=_l("Agenda item added"))


class CancelForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(label=_l("Why it is cancelled (shown on the public notice)"), max_length=300)


class MinutesForm(AccessibleFormMixin, forms.Form):
    minutes = forms.CharField(label=_l("Minutes"), widget=forms.Textarea(attrs={"rows": 10}))
    reason = forms.CharField(label=_l("Reason"), initial=_l("Draft minutes"))


class MinutesApproveForm(AccessibleFormMixin, forms.Form):
    approved_at = forms.ModelChoiceField(label=_l("Approved at the meeting of"), queryset=BoardMeeting.objects.none())
    reason = forms.CharField(label=_l("Reason"), initial=_l("Minutes approved"))

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approved_at"].queryset = BoardMeeting.objects.filter(
            starts_at__gt=meeting.starts_at, status=BoardMeeting.Status.HELD
        ).order_by("starts_at")


MEETING_SORTS = {"starts": Sort(_l("Starts"), ("starts_at",)), "kind": Sort(_l("Kind"), ("kind", "starts_at"))}


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def meeting_list(request):
    """Every meeting, newest first, with its notice, status and minutes; the Director schedules one."""
    listing = list_page(request, svc.meeting_list_visible_to(user=request.user), sorts=MEETING_SORTS, default="-starts")
    writer = svc.can_record_meetings(request.user)
    context = {"listing": listing, "page": listing.page, "form": MeetingForm() if writer else None}
    return render(request, "governance/meeting_list.html", context)


@role_required(Role.DIRECTOR)
@require_POST
def meeting_schedule(request):
    meeting = submit_form(
        request, MeetingForm(request.POST), svc.meeting_schedule, success=_("Meeting scheduled."), actor=request.user
    )
    if meeting is not None:
        return redirect("governance:meeting-detail", pk=meeting.pk)
    return redirect("governance:meeting-list")


@role_required(Role.BOARD, Role.DIRECTOR)
@require_GET
def meeting_detail(request, pk):
    meeting = svc.meeting_get_for(user=request.user, pk=pk)
    writer = svc.can_record_meetings(request.user)
    scheduled = meeting.status == BoardMeeting.Status.SCHEDULED
    context = {
        "meeting": meeting,
        "items": list(meeting.agenda_items.all()),
        "writer": writer,
        "notice_deadline": svc.notice_deadline(meeting),
        "edit_form": MeetingForm(initial=_edit_initial(meeting), prefix="edit")
        if writer and scheduled and not meeting.is_noticed
        else None,
        "agenda_form": AgendaItemForm(prefix="agenda") if writer and scheduled else None,
        "cancel_form": CancelForm(prefix="cancel") if writer and scheduled else None,
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}, prefix="minutes")
        if writer and meeting.status == BoardMeeting.Status.HELD and meeting.minutes_status != "approved"
        else None,
        "approve_form": MinutesApproveForm(meeting=meeting, prefix="approve")
        if writer and meeting.minutes_status == BoardMeeting.Minutes.DRAFT
        else None,
    }
    return render(request, "governance/meeting_detail.html", context)


def _edit_initial(meeting):
    return {name: getattr(meeting, name) for name in svc.EDITABLE} | {"reason": _("Meeting corrected")}


def _meeting(pk):
    return get_object_or_404(BoardMeeting, pk=pk)


def _back(meeting):
    return redirect("governance:meeting-detail", pk=meeting.pk)


@role_required(Role.DIRECTOR)
@require_POST
def meeting_edit(request, pk):
    """Corrects a meeting whose notice is not yet published."""
    meeting = _meeting(pk)
    submit_form(
        request,
        MeetingForm(request.POST, prefix="edit"),
        svc.meeting_update,
        success=_("Meeting updated."),
        actor=request.user,
        meeting=meeting,
    )
    return _back(meeting)


@role_required(Role.DIRECTOR)
@require_POST
def meeting_notice(request, pk):
    meeting = _meeting(pk)
    call_service(
        request, svc.meeting_notice_publish, success=_("Notice published."), actor=request.user, meeting=meeting
    )
    return _back(meeting)


@role_required(Role.DIRECTOR)
@require_POST
def meeting_held(request, pk):
    meeting = _meeting(pk)
    call_service(
        request, svc.meeting_mark_held, success=_("Meeting recorded as held."), actor=request.user, meeting=meeting
    )
    return _back(meeting)


@role_required(Role.DIRECTOR)
@require_POST
def meeting_cancel(request, pk):
    meeting = _meeting(pk)
    submit_form(
        request,
        CancelForm(request.POST, prefix="cancel"),
        svc.meeting_cancel,
        success=_("Meeting cancelled."),
        actor=request.user,
        meeting=meeting,
    )
    return _back(meeting)


@role_required(Role.DIRECTOR)
@require_POST
def agenda_item_add(request, pk):
    meeting = _meeting(pk)
    submit_form(
        request,
        AgendaItemForm(request.POST, prefix="agenda"),
        svc.agenda_item_add,
        success=_("Agenda item added."),
        actor=request.user,
        meeting=meeting,
    )
    return _back(meeting)


@role_required(Role.DIRECTOR)
@require_POST
def agenda_item_remove(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    call_service(
        request,
        svc.agenda_item_remove,
        success=_("Agenda item removed."),
        actor=request.user,
        item=item,
        reason="Agenda item removed",
    )
    return _back(item.meeting)


@role_required(Role.DIRECTOR)
@require_POST
def agenda_item_move(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    direction = "up" if request.POST.get("direction") == "up" else "down"
    call_service(
        request,
        svc.agenda_item_move,
        success=_("Agenda reordered."),
        actor=request.user,
        item=item,
        direction=direction,
    )
    return _back(item.meeting)


@role_required(Role.DIRECTOR)
@require_POST
def meeting_minutes(request, pk):
    meeting = _meeting(pk)
    submit_form(
        request,
        MinutesForm(request.POST, prefix="minutes"),
        svc.meeting_minutes_save,
        success=_("Draft minutes saved."),
        actor=request.user,
        meeting=meeting,
    )
    return _back(meeting)


@role_required(Role.DIRECTOR)
@require_POST
def meeting_minutes_approve(request, pk):
    meeting = _meeting(pk)
    submit_form(
        request,
        MinutesApproveForm(request.POST, meeting=meeting, prefix="approve"),
        svc.meeting_minutes_approve,
        success=_("Minutes recorded as approved."),
        actor=request.user,
        meeting=meeting,
    )
    return _back(meeting)
