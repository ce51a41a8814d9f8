"""The public's way in to the Board's governance (issue 10): what is open for comment now, the next
meetings, and every public record of R4, from one page linked in the site's navigation."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from oversight.accounts.roles import public

from .documents_selectors import document_list_public
from .meetings import meeting_public_lists

UPCOMING_SHOWN = 3


@public
@require_GET
def participate_home(request):
    """Documents open for community input (soonest end first), the next meetings, and the sections."""
    open_for_input = [view for view in document_list_public() if view.open_version is not None]
    upcoming, _past = meeting_public_lists()
    context = {"open_for_input": open_for_input, "upcoming": list(upcoming)[:UPCOMING_SHOWN]}
    return render(request, "participate/participate_home.html", context)
