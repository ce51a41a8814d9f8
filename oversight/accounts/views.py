from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .my_work import my_work_for
from .roles import Role, public, user_roles


class StaffLoginView(LoginView):
    """Staff login, behind the system-use notice CJIS 5.5.4 requires."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True


StaffLoginView.allowed_roles = "public"


@public
@require_POST
def logout_view(request):
    logout(request)
    return redirect("public:home")


@login_required
def home(request):
    """Each role lands on its own work (issue 12.1): what needs the user now, per role, the late
    first; then the links the role may use."""
    roles = user_roles(request.user)
    if roles == {Role.LIAISON}:
        # The liaison inbox is their work already: open requests by due date, notices to acknowledge.
        return redirect("investigations:liaison-inbox")
    from oversight.governance.feedback import can_send_feedback
    from oversight.notices.selectors import notice_count_unread

    now = timezone.now()
    context = {
        "roles": roles,
        "unread_notices": notice_count_unread(user=request.user),
        "my_work": my_work_for(user=request.user, now=now),
        "can_send_feedback": can_send_feedback(request.user),
    }
    if Role.DIRECTOR in roles:
        from oversight.notices.selectors import notice_list_stuck

        # The Director's alert about stuck notices is a portal notice; the count shows it here.
        context["outbox_stuck"] = notice_list_stuck(now=now).count()
    return render(request, "accounts/home.html", context)


home.allowed_roles = "any staff"


def locked_out(request, original_response=None, credentials=None):
    """What django-axes shows a login refused by a throttle (oversight/accounts/throttle.py): 429."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "lock": getattr(request, "login_lock", "pair"),
    }
    return render(request, "accounts/locked_out.html", context, status=429)
