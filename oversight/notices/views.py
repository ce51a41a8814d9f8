from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from oversight.accounts.roles import Role, role_required

from .selectors import notice_count_unread, notice_list_inbox, notice_list_undelivered_visible_to
from .services import notice_mark_read


@role_required(Role.DIRECTOR)
@require_GET
def outbox_list(request):
    """The Office outbox (R6.3): every notice not yet delivered, oldest first, with its age and attempts."""
    now = timezone.now()
    page = Paginator(notice_list_undelivered_visible_to(user=request.user), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "now": now,
        "stuck_before": now - timedelta(minutes=settings.NOTICE_STUCK_ALERT_MINUTES),
        "stuck_minutes": settings.NOTICE_STUCK_ALERT_MINUTES,
        "max_attempts": settings.NOTICE_MAX_ATTEMPTS,
    }
    return render(request, "notices/outbox_list.html", context)


@role_required(*Role)  # every staff role, each for their own notices only
@require_GET
def inbox(request):
    """My notices (R6.3): every alert the system left on the portal for me, and copies of the
    e-mails it sent me, newest first; unread ones are marked."""
    page = Paginator(notice_list_inbox(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "notices/inbox.html", {"page": page, "unread": notice_count_unread(user=request.user)})


@role_required(*Role)  # every staff role, each for their own notices only
@require_POST
def inbox_read(request):
    """Marks one of my notices read (``notice``), or all of them; someone else's answers 404."""
    notice_id = request.POST.get("notice")
    if notice_id is None:
        notice_mark_read(user=request.user)
    elif not notice_id.isdigit() or not notice_list_inbox(user=request.user).filter(pk=notice_id).exists():
        raise Http404
    else:
        notice_mark_read(user=request.user, notice_id=int(notice_id))
    return redirect("notices:inbox")
