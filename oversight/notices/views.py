from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from oversight.accounts.roles import Role, role_required

from .selectors import notice_list_undelivered_visible_to


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
