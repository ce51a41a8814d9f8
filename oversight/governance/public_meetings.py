"""The public's pages of Board meetings: notices, agendas and approved minutes, and a calendar file."""

from datetime import UTC

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public

from .meetings import meeting_comment_is_open, meeting_public_get, meeting_public_lists


@public
@require_GET
def meeting_list(request):
    """Upcoming meetings first, soonest first; then past meetings with their minutes."""
    upcoming, past = meeting_public_lists()
    return render(request, "participate/meeting_list.html", {"upcoming": upcoming, "past": past})


@public
@require_GET
def meeting_detail(request, pk):
    meeting = meeting_public_get(pk)
    context = {
        "meeting": meeting,
        "items": list(meeting.agenda_items.all()),
        "takes_comment": meeting.kind == meeting.Kind.ANNUAL_REPORT_PRESENTATION,
        "comment_open": meeting_comment_is_open(meeting),
        "now": timezone.now(),
    }
    return render(request, "participate/meeting_detail.html", context)


def _ics_text(value):
    # RFC 5545 3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values.
    return str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _ics_fold(line):
    # RFC 5545 3.1: lines longer than 75 octets are folded with CRLF and a space.
    data, out = line.encode(), []
    while len(data) > 75:
        cut = 75
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        out.append(data[:cut].decode())
        data = b" " + data[cut:]
    out.append(data.decode())
    return "\r\n".join(out)


def _ics_time(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@public
@require_GET
def meeting_calendar(request, pk):
    """One meeting as an iCalendar (.ics) file, to add to a calendar."""
    meeting = meeting_public_get(pk)
    url = request.build_absolute_uri(reverse("participate:meeting-detail", args=[meeting.pk]))
    location = ", ".join(part for part in (meeting.place, meeting.online_link) if part)
    status = {"cancelled": "CANCELLED"}.get(meeting.status, "CONFIRMED")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Community Board for Police Accountability//Meetings//EN",
        "BEGIN:VEVENT",
        f"UID:board-meeting-{meeting.pk}@{request.get_host()}",
        f"DTSTAMP:{_ics_time(meeting.notice_published_at)}",
        f"DTSTART:{_ics_time(meeting.starts_at)}",
        f"DTEND:{_ics_time(meeting.ends_at)}",
        f"SUMMARY:{_ics_text(meeting.title)}",
        f"LOCATION:{_ics_text(location)}",
        f"STATUS:{status}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    body = "\r\n".join(_ics_fold(line) for line in lines) + "\r\n"
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="board-meeting-{meeting.pk}.ics"'
    return response
