"""The case timeline: everything that happened on a case, from the history of each of its parts.

Each stage registers the parts it owns (as intake/sections.py does for the case page), so intake
never imports the later stages. One query per part: the page runs a constant number of queries
whatever the size of the case. A part's builder leaves out what the user may not see (R2.11).
"""

from dataclasses import dataclass
from datetime import datetime
from heapq import merge
from itertools import islice

from django.utils.translation import gettext_lazy as _

from .filer_reasons import FILER_REASONS

_SOURCES = []

_KIND = {"+": _("created"), "~": _("changed"), "-": _("removed")}


def _who(row):
    """The user, or, for a row with none, the filer (by the public side's reasons) or the system itself."""
    if row.history_user_id:
        return str(row.history_user)
    if row.history_change_reason in FILER_REASONS:
        return str(_("Filer"))
    return str(_("Oversight System"))


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    part: str
    what: str
    who: str
    why: str


def register_timeline_source(builder):
    """builder(case, user) returns [(label, historical queryset), ...] for its parts of the case."""
    _SOURCES.append(builder)


def _entries(label, rows):
    for row in rows:
        what = _KIND.get(row.history_type, row.history_type)
        status = getattr(row, "get_status_display", None)
        if status is not None:
            what = f"{what} · {status()}"
        yield TimelineEntry(
            at=row.history_date,
            part=str(label),
            what=str(what),
            who=_who(row),
            why=row.history_change_reason or "",
        )


def case_timeline(*, case, user, limit=200):
    """Newest first, at most ``limit`` entries."""
    streams = []
    for builder in _SOURCES:
        for label, history in builder(case, user):
            rows = history.select_related("history_user").order_by("-history_date")[:limit]
            streams.append(_entries(label, rows))
    return list(islice(merge(*streams, key=lambda e: e.at, reverse=True), limit))


def _intake_parts(case, user):
    """Demographics and survey answers are left out: they are the filer's, kept for reports only."""
    from .models import Allegation, Case, Complaint, ComplaintAttachment, FilerMessage, ReconsiderationRequest

    complaints = Complaint.objects.filter(case_id=case.pk).values("pk")
    return [
        (_("Case"), Case.history.filter(id=case.pk)),
        (_("Complaint"), Complaint.history.filter(case_id=case.pk)),
        (_("Filer's file"), ComplaintAttachment.history.filter(complaint_id__in=complaints)),
        (_("Message with the filer"), FilerMessage.history.filter(complaint_id__in=complaints)),
        (_("Allegation"), Allegation.history.filter(case_id=case.pk)),
        (_("Reconsideration"), ReconsiderationRequest.history.filter(case_id=case.pk)),
    ]


register_timeline_source(_intake_parts)
